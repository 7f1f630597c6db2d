"""The page keeps its shape as the view changes: opening a meeting leaves the timeline its height."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import ids

pytestmark = pytest.mark.browser

TIMELINE_HEIGHT_JS = f"() => document.getElementById('{ids.TIMELINE}').getBoundingClientRect().height"


@pytest.mark.parametrize("width", [1366, 390])
def test_opening_a_meeting_from_the_list_keeps_the_timeline_drawn(app_page: Any, width: int) -> None:
    app_page.page.set_viewport_size({"width": width, "height": 900})
    app_page.open()
    before = app_page.page.evaluate(TIMELINE_HEIGHT_JS)
    row = app_page.page.locator(f"#{ids.MEETING_LIST} a.row-link").first
    href = row.get_attribute("href")
    row.click()
    app_page.page.wait_for_url(f"**{href.split('?')[1]}**")
    app_page.page.locator(f"#{ids.DETAIL} .detail-title").wait_for()
    app_page.page.wait_for_load_state("networkidle")
    app_page.page.wait_for_timeout(500)  # the ring's patch redraws the figure after the detail
    assert before >= 400
    assert app_page.page.evaluate(TIMELINE_HEIGHT_JS) == before
