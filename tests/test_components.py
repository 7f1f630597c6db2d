"""Page pieces: links only to http(s), highlights as components, the detail and article panels."""

from pathlib import Path
from typing import Any

import pytest
from dash import dcc, html

from dashboard.components import (
    EXCERPTS_SHOWN,
    SOURCES_SHOWN,
    build_article_panel,
    build_detail_panel,
    build_marked,
    build_meeting_list,
    build_official_options,
    build_side_note,
    find_unique_excerpts,
    safe_url,
    sort_meetings,
)
from dashboard.data import read_table
from dashboard.highlight import find_topic_words, split_runs
from dashboard.url_state import ViewState

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


def test_chinese_panel_gives_the_place_and_titles_from_the_tables_chinese_fields() -> None:
    row = dict(ROWS["m-2023-10-26-blinken-wang-yi"], location_zh="华盛顿")
    titles = {"US": "国务卿", "CN": "中央外办主任"}
    row["participants"] = [dict(p, title_zh=titles[p["side"]]) for p in row["participants"]]
    chinese = texts(build_detail_panel(row, ViewState(meeting=row["id"]), "zh"))
    assert "华盛顿" in chinese and "国务卿" in chinese and "中央外办主任" in chinese
    assert "Washington" not in chinese and "Secretary of State" not in chinese
    english = texts(build_detail_panel(row, ViewState(meeting=row["id"]), "en"))
    assert "Washington" in english and "Secretary of State" in english and "中央外办主任" not in english


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


def test_sources_beyond_five_are_folded_under_show_all() -> None:
    row = dict(ROWS["m-2023-10-26-blinken-wang-yi"])
    row["sources"] = [{"path": f"{i}.md", "title": f"article {i}", "outlet": "新华网"} for i in range(115)]
    panel = build_detail_panel(row, ViewState(meeting=row["id"]), "en")
    [details] = [node for node in walk(panel) if isinstance(node, html.Details)]
    assert "Show all 115 sources" in texts(details)
    shown = [node for node in walk(panel) if isinstance(node, html.Li) and node not in walk(details)]
    assert len([li for li in shown if "article" in texts(li)]) == SOURCES_SHOWN


def test_sentences_beyond_three_per_topic_are_folded() -> None:
    row = dict(ROWS["m-2023-10-26-blinken-wang-yi"], topics=["taiwan"])
    reports = [{"path": "a.md", "text": f"双方举行会谈（{i}）。", "topics": []} for i in range(10)]
    taiwan = [{"path": "a.md", "text": f"双方谈及台湾问题（{i}）。", "topics": ["taiwan"]} for i in range(4)]
    row["excerpts"] = reports + taiwan
    panel = build_detail_panel(row, ViewState(meeting=row["id"]), "en")
    folds = [
        node for node in walk(panel) if isinstance(node, html.Details) and "more-excerpts" in node.className
    ]
    assert [texts(node.children[0]) for node in folds] == ["7 more sentences", "1 more sentence"]
    folded = {id(node) for fold in folds for node in walk(fold)}
    quotes = [node for node in walk(panel) if isinstance(node, html.Blockquote) and id(node) not in folded]
    assert len(quotes) == 2 * EXCERPTS_SHOWN


def test_repeated_excerpts_are_shown_once_with_their_topics_merged() -> None:
    excerpts = [
        {"path": "a", "text": "双方就台湾问题交换意见。"},
        {"path": "b", "text": "双方就台湾问题 交换意见。", "topics": ["taiwan"]},
    ]
    assert find_unique_excerpts(excerpts) == [
        {"path": "a", "text": "双方就台湾问题交换意见。", "topics": ["taiwan"]}
    ]


def test_a_topic_without_a_sentence_says_so() -> None:
    row = dict(ROWS["m-2024-01-11-raimondo-wang-wentao"]) | {"topics": ["chips", "ukraine"]}
    assert "no sentence in the table ties this topic" in texts(build_detail_panel(row, ViewState(), "en"))


def test_detail_panel_tells_how_the_date_was_found_and_links_the_held_meeting() -> None:
    row = dict(ROWS["m-2023-06-19-blinken-xi"]) | {
        "dated_by": "reference_event",
        "fulfilled_by": "m-2023-11-15-biden-xi",
    }
    panel = build_detail_panel(row, ViewState(meeting=row["id"]), "en")
    assert "a known event the article names" in texts(panel)
    assert any("m=m-2023-11-15-biden-xi" in n.href for n in walk(panel) if isinstance(n, dcc.Link))


def test_long_unbroken_lines_wrap() -> None:
    css = (Path(__file__).parent.parent / "dashboard" / "assets" / "style.css").read_text(encoding="utf-8")
    assert (
        ".excerpt { overflow-wrap: anywhere;" in css and ".article-body { overflow-wrap: anywhere; }" in css
    )


def test_meeting_list_links_each_row_and_lists_undated_last() -> None:
    rows = build_meeting_list(TABLE.meetings, ViewState(), "en")["rows"]
    assert len(rows) == len(TABLE.meetings)
    assert rows[0]["href"] == "/?m=m-2024-01-12-blinken-liu"
    assert [row["date"] for row in rows[-2:]] == ["undated", "undated"]


@pytest.mark.parametrize(
    ("sort", "column", "href", "shown"),
    [
        pytest.param("-date", 0, "/?sort=date", "Date ↓", id="same-column-reverses"),
        pytest.param("-date", 1, "/?sort=who", "Who", id="other-column"),
        pytest.param("who", 1, "/?sort=-who", "Who ↑", id="ascending-reverses"),
    ],
)
def test_meeting_list_headings_sort_by_their_column(sort: str, column: int, href: str, shown: str) -> None:
    state = ViewState(sort=sort, article="a.md")
    columns = build_meeting_list(TABLE.meetings, state, "en")["columns"]
    assert (columns[column]["href"], columns[column]["label"]) == (href, shown)
    assert columns[3] == {"key": None, "label": "Topics", "sort": None, "href": None}


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        pytest.param("-date", "m-2024-01-12-blinken-liu", id="newest-first"),
        pytest.param("date", "m-2021-10-blinken-wang-yi-rome", id="oldest-first"),
        pytest.param("-sources", "m-2022-11-14-biden-xi", id="most-sources"),
    ],
)
def test_meeting_list_sorts(sort: str, first: str) -> None:
    assert sort_meetings(TABLE.meetings, sort, "en")["id"].iloc[0] == first


@pytest.mark.parametrize(
    ("typed", "official"),
    [
        pytest.param("王毅", "Wang Yi", id="simplified"),
        pytest.param("布林肯", "Antony Blinken", id="chinese"),
        pytest.param("wang yi", "Wang Yi", id="english"),
    ],
)
def test_official_options_carry_every_spelling(typed: str, official: str) -> None:
    options = {o["value"]: o for o in build_official_options(TABLE.officials, None)}
    assert typed.casefold() in options[official]["search"].casefold()


def test_a_side_switch_keeps_the_selected_official_with_a_note() -> None:
    options = [o["value"] for o in build_official_options(TABLE.officials, "US", "en", keep=["Wang Yi"])]
    assert "Wang Yi" in options and "Antony Blinken" in options and "Qin Gang" not in options
    note = build_side_note(("Wang Yi",), "US", {"Wang Yi": "Wang Yi"}, "en")
    assert note == "Kept, but not matched while the side is US: Wang Yi"


def test_list_dots_use_the_figures_topic_colours() -> None:
    from dashboard.figures import TOPIC_COLORS

    css = (Path(__file__).parent.parent / "dashboard" / "assets" / "style.css").read_text(encoding="utf-8")
    for topic in TOPIC_COLORS.keys() - {"none"}:
        assert f".dot-{topic} {{ --dot: {TOPIC_COLORS[topic]}; }}" in css
