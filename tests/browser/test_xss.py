"""Hostile article text (script tags, event handlers, javascript: links) renders as inert text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dashboard import ids
from tests.browser.conftest import XSS_FLAG, XSS_MEETING_ID, XSS_SCRIPT

if TYPE_CHECKING:
    from tests.browser.conftest import Console, DashPage

pytestmark = pytest.mark.browser

LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
INJECTED_JS = (
    "() => document.querySelectorAll('#react-entry-point script, #react-entry-point img[src$=\"/x\"]').length"
)


def _assert_inert(app: DashPage, console: Console) -> None:
    page = app.page
    assert page.evaluate(f"window.{XSS_FLAG}") is None
    assert page.evaluate(INJECTED_JS) == 0, "markup from the data became elements"
    links = page.evaluate(LINKS_JS)
    assert [href for href in links if not href.startswith(("http://", "https://"))] == []
    assert page.evaluate("window.__cspViolations") == []
    assert console.messages == []


def test_hostile_meeting_detail_and_article_render_as_text(hostile_page: DashPage, console: Console) -> None:
    hostile_page.open(f"?m={XSS_MEETING_ID}&article=xss-1.md")
    detail = hostile_page.page.locator(f"#{ids.DETAIL}")
    detail.get_by_text("王毅会见布林肯").first.wait_for()
    assert XSS_SCRIPT in detail.inner_text(), "the payload is shown to the reader as text"
    hostile_page.page.locator(f"#{ids.ARTICLE}").get_by_text("王毅会见布林肯").first.wait_for()
    hostile_page.page.wait_for_timeout(500)  # give any handler the chance to fire
    _assert_inert(hostile_page, console)
    assert "https://example.org/ok" in hostile_page.page.evaluate(LINKS_JS), "the https source stays linked"


def test_hostile_meeting_hover_is_inert(hostile_page: DashPage, console: Console) -> None:
    hostile_page.open("?type=phone")
    assert XSS_MEETING_ID in hostile_page.shown_ids()
    box = hostile_page.page.locator(f"#{ids.TIMELINE} .cartesianlayer .scatterlayer path.point").all()
    assert box, "the phone meetings are drawn"
    for point in box:
        point.hover(force=True)
        hostile_page.page.wait_for_timeout(100)
    _assert_inert(hostile_page, console)
