"""What issue-level promises look like in a real browser: truthful colour, chips that look selected,
keyboard use of chips and the meeting list, a phone-sized page, a sane single-meeting axis, and a
compressed chart library."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import ids
from dashboard.figures import TOPIC_ORDER

pytestmark = pytest.mark.browser

# Colour index of every drawn marker (typed arrays decoded), by table row.
MARKER_COLOURS_JS = f"""() => {{
  const typed = {{u1: Uint8Array, u4: Uint32Array, f8: Float64Array, f4: Float32Array}};
  const values = (c) => {{
    if (!c) return [];
    if (typeof c.bdata === 'string' && typed[c.dtype]) {{
      const bytes = Uint8Array.from(atob(c.bdata), ch => ch.charCodeAt(0));
      return Array.from(new typed[c.dtype](bytes.buffer));
    }}
    return Array.from(c);
  }};
  const gd = document.querySelector('#{ids.TIMELINE} .js-plotly-plot');
  return gd.data.filter(t => t.marker && t.marker.colorscale).flatMap(t => values(t.marker.color));
}}"""
AXIS_JS = f"""() => {{
  const gd = document.querySelector('#{ids.TIMELINE} .js-plotly-plot');
  const ticks = Array.from(gd.querySelectorAll('.xtick text')).map(t => t.textContent);
  return [gd._fullLayout.xaxis.range.map(v => new Date(v).getTime()), ticks];
}}"""


def test_under_a_topic_filter_every_point_has_the_topic_colour(app_page: Any) -> None:
    app_page.open("?topic=fentanyl&range=2021-01-01,2025-01-31")
    colours = app_page.page.evaluate(MARKER_COLOURS_JS)
    assert colours and {TOPIC_ORDER[c] for c in colours} == {"fentanyl"}
    legend = app_page.page.locator(f"#{ids.LEGEND}")
    assert "every meeting shown has the selected topic" in legend.inner_text()


def test_a_selected_chip_looks_selected(app_page: Any) -> None:
    app_page.open("?topic=taiwan,fentanyl")
    chips = app_page.page.locator(f"#{ids.TOPICS} label")
    backgrounds = chips.evaluate_all(
        "els => els.map(e => [e.querySelector('input').value, getComputedStyle(e).backgroundColor])"
    )
    on = {value for value, colour in backgrounds if colour == "rgb(31, 41, 55)"}
    assert on == {"taiwan", "fentanyl"}


def test_tab_and_space_on_a_topic_chip_filters(app_page: Any) -> None:
    app_page.open()
    before = app_page.shown_ids()
    app_page.page.locator(f"#{ids.LANG} input[value='en']").focus()
    for _ in range(40):  # Tab along until the first chip (Taiwan) has the focus
        app_page.page.keyboard.press("Tab")
        if app_page.page.evaluate("() => document.activeElement.value") == "taiwan":
            break
    assert app_page.page.evaluate("() => document.activeElement.value") == "taiwan"
    outline = app_page.page.evaluate(
        "() => getComputedStyle(document.activeElement.closest('label')).outlineStyle"
    )
    assert outline != "none", "the focused chip shows a focus ring"
    app_page.page.keyboard.press("Space")
    expected = sorted(
        m["id"] for m in app_page.served.meetings if "taiwan" in m["topics"] and m["start_date"]
    )
    app_page.wait_for_ids(expected)
    assert expected != before
    app_page.page.wait_for_url("**topic=taiwan**")


def test_enter_on_a_list_row_opens_the_meeting_and_j_moves(app_page: Any) -> None:
    app_page.open("?sort=date")
    first = app_page.page.locator(f"#{ids.MEETING_LIST} a.row-link").first
    first.focus()
    app_page.page.keyboard.press("j")
    second_text = app_page.page.evaluate("() => document.activeElement.getAttribute('href')")
    assert "m=m-2022-07-09-blinken-wang-yi" in second_text
    app_page.page.keyboard.press("Enter")
    app_page.page.wait_for_url("**m=m-2022-07-09-blinken-wang-yi**")
    app_page.page.locator(f"#{ids.DETAIL}").get_by_text("2022-07-09").first.wait_for()


def test_escape_closes_the_article(app_page: Any) -> None:
    app_page.open("?m=m-2023-06-18-blinken-qin&article=2023-06-19-RTHK-布林肯訪華.md")
    overlay = app_page.page.locator(f"#{ids.ARTICLE}")
    overlay.locator(f"#{ids.ARTICLE_CLOSE}").wait_for()
    app_page.page.keyboard.press("Escape")
    app_page.page.wait_for_function("() => !location.search.includes('article=')")
    app_page.page.wait_for_function(
        f"() => document.getElementById('{ids.ARTICLE}').classList.contains('hidden')"
    )
    assert not overlay.is_visible()


def test_a_phone_can_open_a_meeting_from_the_list(app_page: Any) -> None:
    app_page.page.set_viewport_size({"width": 390, "height": 844})
    app_page.open()
    lang = app_page.page.locator(f"#{ids.LANG}").bounding_box()
    assert lang and lang["x"] + lang["width"] <= 390, "both languages are on screen"
    row = app_page.page.locator(f"#{ids.MEETING_LIST} a.row-link").first
    box = row.bounding_box()
    assert box and box["height"] >= 44 and box["y"] < 844 * 1.5, "the list comes first, rows are tap-sized"
    assert not app_page.page.locator(f"#{ids.SIDEBAR}").is_visible(), "filters wait in a drawer"
    href = row.get_attribute("href")
    row.click()
    app_page.page.wait_for_url(f"**{href.split('?')[1]}**")
    app_page.page.locator(f"#{ids.DETAIL} .detail-title").wait_for()
    app_page.page.click(f"#{ids.FILTERS_TOGGLE}")
    app_page.page.locator(f"#{ids.SIDEBAR}").wait_for(state="visible")


def test_a_single_meeting_gets_a_month_of_axis_and_date_ticks(app_page: Any) -> None:
    app_page.open("?official=Alejandro+Mayorkas")
    app_page.wait_for_ids(["m-2024-01-10-mayorkas-wang-xiaohong"])
    (first, last), ticks = app_page.page.evaluate(AXIS_JS)
    assert last - first >= 28 * 86_400_000
    assert ticks and not any(":" in tick for tick in ticks), ticks


def test_the_chart_library_is_compressed(app_page: Any) -> None:
    with app_page.page.expect_response(lambda r: "/assets/plotly-" in r.url) as info:
        app_page.page.goto(app_page.served.url + "/")
    response = info.value
    assert response.headers.get("content-encoding") in ("gzip", "br", "zstd")
    assert "plotly-scatter-bar-heatmap" in response.url, "the dashboard's own bundle, not the full library"


def test_an_official_is_found_by_another_spelling(app_page: Any) -> None:
    app_page.open()
    app_page.page.click(f"#{ids.OFFICIALS}")
    app_page.page.keyboard.type("秦剛")  # traditional script: the label says 秦刚
    option = app_page.page.get_by_role("option", name="Qin Gang", exact=False).first
    option.wait_for(state="visible", timeout=10_000)
    option.click()
    app_page.page.keyboard.press("Escape")
    expected = sorted(
        m["id"]
        for m in app_page.served.meetings
        if m["start_date"] and any(p["name_en"] == "Qin Gang" for p in m["participants"])
    )
    app_page.wait_for_ids(expected)
