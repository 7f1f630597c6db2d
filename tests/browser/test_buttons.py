"""The buttons drawn by the page (the legend's topics, the range buttons, the list's sort buttons) change the
view like the controls do, by mouse and by keyboard, and leave a clean console."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import ids

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("button", "key", "in_url"),
    [
        pytest.param(".legend-topic >> nth=0", None, "topic=taiwan", id="legend-click"),
        pytest.param(".legend-topic >> nth=0", "Enter", "topic=taiwan", id="legend-enter"),
        pytest.param(".range-button >> nth=0", None, "range=", id="range-click"),
        pytest.param(f"#{ids.MEETING_LIST} button.sort >> nth=1", "Space", "sort=who", id="sort-space"),
    ],
)
def test_a_drawn_button_changes_the_view(
    app_page: Any, console: Any, button: str, key: str | None, in_url: str
) -> None:
    app_page.open()
    target = app_page.page.locator(button)
    if key:
        target.focus()
        app_page.page.keyboard.press(key)
    else:
        target.click()
    app_page.page.wait_for_url(f"**{in_url}**")
    assert not [m for m in console.messages if "400" in m or "pageerror" in m], console.messages
