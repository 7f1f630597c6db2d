"""A 390 px phone: every control a finger can reach is a 44 px target, and the timeline keeps room to draw."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import ids

pytestmark = pytest.mark.browser

# Visible controls smaller than 44 px either way. A chip's or checkbox's input is visually hidden (1 px)
# and reached through its label, which is measured instead.
SMALL_TARGETS_JS = """() => Array.from(document.querySelectorAll(
    'button, a[href], .dash-options-list-option, .dash-dropdown, .dash-datepicker-clear'))
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => [e.id || e.className.toString().slice(0, 40), e.innerText.trim().slice(0, 20),
             Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)])
  .filter(([, , w, h]) => w < 44 || h < 44)"""
PLOT_WIDTH_JS = f"""() => document.querySelector('#{ids.TIMELINE} .js-plotly-plot')._fullLayout._size.w"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_tap_target_on_a_phone_is_44_px(app_page: Any, lang: str) -> None:
    app_page.page.set_viewport_size({"width": 390, "height": 844})
    app_page.open(f"?lang={lang}&m=m-2023-10-26-blinken-wang-yi")
    app_page.page.click(f"#{ids.FILTERS_TOGGLE}")
    app_page.page.locator(f"#{ids.SIDEBAR}").wait_for(state="visible")
    small = app_page.page.evaluate(SMALL_TARGETS_JS)
    assert small == []


def test_the_timeline_keeps_room_to_draw_on_a_phone(app_page: Any) -> None:
    app_page.page.set_viewport_size({"width": 390, "height": 844})
    app_page.open("?range=2021-01-01,2025-01-31")
    assert app_page.page.evaluate(PLOT_WIDTH_JS) >= 180, "lane names leave the plot room on a 390 px page"
