"""The dashboard in headless chromium: clean load, every filter, clicking a meeting, URL round trip."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dashboard import ids

pytestmark = pytest.mark.browser

Meeting = dict[str, Any]

FIND_POINT_JS = f"""([id, row]) => {{
  const gd = document.querySelector('#{ids.TIMELINE} .js-plotly-plot');
  // the main plot comes before the range slider's copy of the traces in document order
  for (const g of gd.querySelectorAll('.cartesianlayer .scatterlayer .trace')) {{
    const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!trace || !trace.customdata) continue;
    for (const p of g.querySelectorAll('path.point')) {{
      const data = trace.customdata[p.__data__.i];
      if (data === id || data === row) {{
        const r = p.getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2];
      }}
    }}
  }}
  return null;
}}"""


def dated_ids(meetings: list[Meeting], keep: Callable[[Meeting], bool] = lambda m: True) -> list[str]:
    """Return the ids the timeline should show: dated meetings that pass `keep`, computed from the JSON."""
    return sorted(m["id"] for m in meetings if m["start_date"] and keep(m))


def names(meeting: Meeting, side: str | None = None) -> set[str]:
    return {p["name_en"] for p in meeting["participants"] if side in (None, p["side"])}


def in_june_2023(meeting: Meeting) -> bool:
    return (
        meeting["start_date"] <= "2023-06-30"
        and (meeting["end_date"] or meeting["start_date"]) >= "2023-06-01"
    )


def fill_dates(app: Any, start: str, end: str) -> None:
    """Type both dates; the picker commits a typed date on Enter once its input loses focus."""
    end_input = f"#{ids.DATES}-wrapper input.dash-datepicker-end-date"
    for selector, value in ((f"input#{ids.DATES}", start), (end_input, end)):
        app.page.click(selector)
        app.page.keyboard.type(value)
        app.page.keyboard.press("Enter")
        app.page.click(f"#{ids.TITLE}")


def test_page_loads_with_a_clean_console(app_page: Any, console: Any) -> None:
    app_page.open()
    app_page.wait_for_ids(dated_ids(app_page.served.meetings))
    assert console.messages == []
    assert app_page.page.evaluate("window.__cspViolations") == []


def test_security_headers_reach_the_browser(app_page: Any) -> None:
    headers = app_page.open().headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("start_query", "act", "keep"),
    [
        pytest.param(
            "",
            lambda a: a.click_option(ids.TOPICS, "taiwan"),
            lambda m: "taiwan" in m["topics"],
            id="topic-chip",
        ),
        pytest.param(
            "", lambda a: a.pick(ids.OFFICIALS, "Wang Yi"), lambda m: "Wang Yi" in names(m), id="official"
        ),
        pytest.param(
            "",
            lambda a: a.click_option(ids.TYPES, "phone"),
            lambda m: m["meeting_type"] == "phone",
            id="type",
        ),
        pytest.param(
            "",
            lambda a: a.click_option(ids.STATUS, "planned"),
            lambda m: m["status"] == "planned",
            id="status",
        ),
        pytest.param(
            "?official=Antony+Blinken&official=Xie+Feng",
            lambda a: a.click_option(ids.SIDE, "US"),
            lambda m: "Antony Blinken" in names(m, "US"),
            id="side",
        ),
        pytest.param(
            "",
            lambda a: a.pick(ids.OUTLETS, "香港電台"),
            lambda m: any(s.get("outlet") == "香港電台" for s in m["sources"]),
            id="outlet",
        ),
        pytest.param("", lambda a: fill_dates(a, "2023-06-01", "2023-06-30"), in_june_2023, id="date-range"),
    ],
)
def test_each_filter_changes_the_markers(
    app_page: Any,
    console: Any,
    start_query: str,
    act: Callable[[Any], None],
    keep: Callable[[Meeting], bool],
) -> None:
    meetings = app_page.served.meetings
    app_page.open(start_query)
    before = app_page.shown_ids()
    act(app_page)
    expected = dated_ids(meetings, keep)
    assert expected != before, "the fixture must make this filter visible"
    app_page.wait_for_ids(expected)
    assert console.messages == []


def test_clear_all_shows_every_meeting_again(app_page: Any) -> None:
    app_page.open("?topic=taiwan&type=phone")
    app_page.wait_for_ids([])
    app_page.page.click(f"#{ids.CLEAR}")
    app_page.wait_for_ids(dated_ids(app_page.served.meetings))
    assert app_page.page.locator(f"#{ids.TOPICS} input:checked").count() == 0


def test_clicking_a_meeting_shows_its_excerpts(app_page: Any) -> None:
    meeting = next(m for m in app_page.served.meetings if m["id"] == "m-2022-12-11-xie-kritenbrink")
    app_page.open("?range=2022-11-01,2023-01-31")  # a zoom that holds it: the default is the latest year
    row = app_page.served.row_ids.index(meeting["id"])
    point = app_page.page.evaluate(FIND_POINT_JS, [meeting["id"], row])
    assert point, "the meeting is drawn on the timeline"
    app_page.page.mouse.move(*point)
    app_page.page.mouse.click(*point)
    detail = app_page.page.locator(f"#{ids.DETAIL}")
    detail.get_by_text("谢锋于12月11日至12日").first.wait_for()
    for excerpt in meeting["excerpts"]:
        assert excerpt["text"] in detail.inner_text()
    assert f"m={meeting['id']}" in app_page.page.url


def _view(app: Any) -> tuple[list[str], list[str], str]:
    checked = app.page.eval_on_selector_all(
        "#filter-topics input:checked, #filter-types input:checked", "els => els.map(e => e.value)"
    )
    return app.shown_ids(), sorted(checked), app.page.locator(f"#{ids.DETAIL}").inner_text()


def test_a_url_round_trips_to_the_same_view(app_page: Any, second_page: Any) -> None:
    meetings = app_page.served.meetings
    app_page.open("?topic=taiwan&type=in_person&m=m-2023-06-18-blinken-qin")
    app_page.wait_for_ids(
        dated_ids(meetings, lambda m: "taiwan" in m["topics"] and m["meeting_type"] == "in_person")
    )
    app_page.page.locator(f"#{ids.DETAIL}").get_by_text("布林肯").first.wait_for()
    app_page.click_option(ids.TYPES, "video")
    app_page.wait_for_ids(
        dated_ids(meetings, lambda m: "taiwan" in m["topics"] and m["meeting_type"] in ("in_person", "video"))
    )
    app_page.page.wait_for_url("**type=in_person%2Cvideo**")
    shown = _view(app_page)
    assert shown[1] == ["in_person", "taiwan", "video"]

    second_page.open(app_page.page.url.removeprefix(app_page.served.url + "/"))
    second_page.wait_for_ids(shown[0])
    second_page.page.locator(f"#{ids.DETAIL}").get_by_text("布林肯").first.wait_for()
    assert _view(second_page) == shown


CHART_TRACES_JS = """(id) => {
  const gd = document.querySelector('#' + id + ' .js-plotly-plot');
  return gd && gd.data ? gd.data.map(t => t.name) : null;
}"""


@pytest.mark.parametrize("chart", [ids.MONTHLY, ids.MATRIX])
def test_a_chart_below_the_screen_is_drawn_once_scrolled_to(app_page: Any, chart: str) -> None:
    """The smaller charts wait off screen (assets/page.js) and show the filtered meetings once seen."""
    app_page.open("?topic=taiwan")
    app_page.page.locator(f"#{chart}").scroll_into_view_if_needed()
    drawn = f"(id) => {{ const names = ({CHART_TRACES_JS})(id); return !!names && names[0] !== 'selected'; }}"
    app_page.page.wait_for_function(drawn, arg=chart)  # the placeholder's one trace is the empty ring
    names = app_page.page.evaluate(CHART_TRACES_JS, chart)
    if chart == ids.MONTHLY:
        assert names == ["Taiwan"], "the monthly chart counts the filtered topic alone"
