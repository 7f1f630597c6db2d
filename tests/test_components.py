"""Page pieces: links only to http(s), highlights as components, the detail and article panels."""

from pathlib import Path
from typing import Any

import pytest
from dash import dcc, html

from dashboard.components import build_article_panel, build_detail_panel, build_marked, safe_url
from dashboard.data import read_table
from dashboard.filtering import ViewState
from dashboard.highlight import find_topic_words, split_runs

TABLE = read_table(Path(__file__).parent / "fixtures" / "dashboard")
ROWS = {row["id"]: row for row in TABLE.meetings.to_dict("records")}


def walk(component: Any) -> list[Any]:
    """Return the component and all its descendants."""
    found = [component]
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += walk(child)
    return found


def texts(component: Any) -> str:
    parts = []
    for node in walk(component):
        children = getattr(node, "children", None)
        parts += [c for c in (children if isinstance(children, list) else [children]) if isinstance(c, str)]
    return " ".join(parts)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        pytest.param(
            "https://www.rfa.org/mandarin/a.html", "https://www.rfa.org/mandarin/a.html", id="https"
        ),
        pytest.param(" http://news.rthk.hk/x ", "http://news.rthk.hk/x", id="http-trimmed"),
        pytest.param("javascript:alert(1)", None, id="javascript"),
        pytest.param("JaVaScRiPt:alert(1)", None, id="javascript-mixed-case"),
        pytest.param("data:text/html,<script>", None, id="data"),
        pytest.param("//evil.example/x", None, id="scheme-relative"),
        pytest.param("http://[::1", None, id="malformed"),
        pytest.param(None, None, id="none"),
    ],
)
def test_safe_url(url: object, safe: str | None) -> None:
    assert safe_url(url) == safe


def test_highlights_are_components_never_markup() -> None:
    runs = split_runs("<b>台湾</b>问题", find_topic_words(["taiwan"]))
    children = build_marked(runs)
    assert children == ["<b>", children[1], "</b>问题"] and isinstance(children[1], html.Mark)
    assert children[1].children == "台湾"


def test_traditional_words_are_highlighted() -> None:
    runs = split_runs("雙方就雙邊關係、兩岸問題交換意見。", find_topic_words(["taiwan"]))
    assert ("兩岸", True) in runs


def test_detail_panel_shows_topics_excerpts_and_safe_sources() -> None:
    row = ROWS["m-2023-10-26-blinken-wang-yi"]
    panel = build_detail_panel(row, ViewState(meeting=row["id"]), "en")
    text = texts(panel)
    assert "Antony Blinken 布林肯" in text and "Secretary of State" in text and "Washington" in text
    marks = [node.children for node in walk(panel) if isinstance(node, html.Mark)]
    assert "芬太尼" in marks and "台海" in marks
    links = [node for node in walk(panel) if isinstance(node, dcc.Link)]
    assert any(
        "article=004_c1c92caa2f5346eb.txt" in link.href and "m=m-2023-10-26" in link.href for link in links
    )
    originals = [node.href for node in walk(panel) if isinstance(node, html.A)]
    assert originals == ["https://www.rfa.org/mandarin/Xinwen/6-10282023125450.html"]


def test_source_without_url_gets_no_original_link() -> None:
    row = ROWS["m-2024-01-11-raimondo-wang-wentao"]  # 001 is a bare Markdown file without URL
    panel = build_detail_panel(row, ViewState(meeting=row["id"]), "zh")
    assert not [node for node in walk(panel) if isinstance(node, html.A)]
    assert "无发布日期" in texts(panel)


@pytest.mark.parametrize(
    ("meeting", "note"),
    [
        pytest.param(None, "Click a meeting", id="nothing-selected"),
        pytest.param("m-gone", "not in the table", id="stale-link"),
    ],
)
def test_detail_panel_empty_states(meeting: str | None, note: str) -> None:
    assert note in texts(build_detail_panel(None, ViewState(meeting=meeting), "en"))


def test_article_panel_marks_the_excerpts() -> None:
    path = "2023-06-06-RTHK-美國務院-美大使及國務院官員與中方官員會談富有成效.md"
    excerpt = "雙方就雙邊關係、兩岸問題、溝通渠道等議題交換意見。"
    panel = build_article_panel(path, TABLE.articles[path], [excerpt], ViewState(article=path), "en")
    assert [node.children for node in walk(panel) if isinstance(node, html.Mark)] == [excerpt]
    close = next(node for node in walk(panel) if isinstance(node, dcc.Link))
    assert close.href == "/"


def test_article_panel_for_unknown_path_says_so() -> None:
    panel = build_article_panel("gone.md", None, [], ViewState(article="gone.md"), "en")
    assert "not in articles.json" in texts(panel)
