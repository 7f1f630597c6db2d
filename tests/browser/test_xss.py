"""Hostile article text (script tags, event handlers, javascript: links) renders as inert text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids

pytestmark = pytest.mark.browser

FIXTURE_DIR = Path(__file__).parent.parent / "fixtures" / "dashboard"
FLAG = "__xss_ran"
# Every payload sets the same window flag if it ever runs; the tests assert that it stays unset.
SCRIPT = f"<script>window.{FLAG}=1</script>"
IMG = f'<img src=x onerror="window.{FLAG}=2">'
JS_URL = f"javascript:window.{FLAG}=3"
MEETING_ID = "m-2023-06-20-xss"
TEXT = f'王毅会见布林肯{SCRIPT}{IMG}<a href="{JS_URL}">点此</a>'
LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
INJECTED_JS = "() => document.querySelectorAll('#react-entry-point script, #react-entry-point img').length"


def hostile_meeting() -> dict[str, Any]:
    """Return a meeting whose every free-text field carries script, handler and javascript: payloads."""
    return {
        "id": MEETING_ID,
        "start_date": "2023-06-20",
        "end_date": "2023-06-20",
        "date_precision": "day",
        "status": "held",
        "meeting_type": "phone",
        "location": IMG,
        "participants": [
            {"name_en": f"Antony Blinken{SCRIPT}", "name_zh": IMG, "side": "US", "title": IMG},
            {"name_en": "Wang Yi", "name_zh": "王毅", "side": "CN", "title": SCRIPT},
        ],
        "topics": ["taiwan"],
        "sources": [
            {"path": "xss-1.md", "url": JS_URL, "outlet": IMG, "title": TEXT, "published": None},
            {"path": "xss-2.md", "url": "https://example.org/ok", "outlet": "新华网", "title": TEXT},
        ],
        "excerpts": [{"path": "xss-1.md", "text": TEXT, "topics": ["taiwan"]}],
    }


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture table plus the hostile meeting and its two articles."""
    target = tmp_path_factory.mktemp("hostile")
    meetings = json.loads((FIXTURE_DIR / "meetings.json").read_text(encoding="utf-8"))
    meetings["meetings"].append(hostile_meeting())
    (target / "meetings.json").write_text(json.dumps(meetings, ensure_ascii=False), encoding="utf-8")
    articles = json.loads((FIXTURE_DIR / "articles.json").read_text(encoding="utf-8"))
    for path in ("xss-1.md", "xss-2.md"):
        articles["articles"][path] = {
            "title": TEXT,
            "url": JS_URL,
            "outlet": IMG,
            "paragraphs": [TEXT, SCRIPT],
        }
    (target / "articles.json").write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
    return target


@pytest.fixture
def hostile_page(
    page: Any, serve: Callable[[Path], Any], hostile_dir: Path, dash_page: Callable[..., Any]
) -> Any:
    return dash_page(page, serve(hostile_dir))


def _assert_inert(app: Any, console: Any) -> None:
    page = app.page
    assert page.evaluate(f"window.{FLAG}") is None
    assert page.evaluate(INJECTED_JS) == 0, "markup from the data became elements"
    links = page.evaluate(LINKS_JS)
    assert [href for href in links if not href.startswith(("http://", "https://"))] == []
    assert page.evaluate("window.__cspViolations") == []
    assert console.messages == []


def test_hostile_meeting_detail_and_article_render_as_text(hostile_page: Any, console: Any) -> None:
    hostile_page.open(f"?m={MEETING_ID}&article=xss-1.md")
    detail = hostile_page.page.locator(f"#{ids.DETAIL}")
    detail.get_by_text("王毅会见布林肯").first.wait_for()
    assert SCRIPT in detail.inner_text(), "the payload is shown to the reader as text"
    hostile_page.page.locator(f"#{ids.ARTICLE}").get_by_text("王毅会见布林肯").first.wait_for()
    hostile_page.page.wait_for_timeout(500)  # give any handler the chance to fire
    _assert_inert(hostile_page, console)
    assert "https://example.org/ok" in hostile_page.page.evaluate(LINKS_JS), "the https source stays linked"


def test_hostile_meeting_hover_is_inert(hostile_page: Any, console: Any) -> None:
    hostile_page.open("?type=phone")
    assert MEETING_ID in hostile_page.shown_ids()
    points = hostile_page.page.locator(f"#{ids.TIMELINE} .cartesianlayer .scatterlayer path.point").all()
    assert points, "the phone meetings are drawn"
    for point in points:
        point.hover(force=True)
        hostile_page.page.wait_for_timeout(100)
    _assert_inert(hostile_page, console)
