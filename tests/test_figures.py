"""Timeline: few traces, marker symbols per type, colour that tells the truth, dates as precise as they
are, a month at least on the axis, dense lanes stacked with a '+N', the latest 12 months by default."""

from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.data import read_table
from dashboard.figures import TOPIC_ORDER, TimelineView, build_timeline_figure, find_colour_topics
from dashboard.figures.theme import build_typed_array, read_typed_array
from dashboard.figures.timeline import DAY_MS, STACK_OFFSETS, TYPE_SYMBOLS, build_timeline_spec
from dashboard.filtering import Filters, filter_meetings

TABLE = read_table(Path(__file__).parent / "fixtures" / "dashboard")
ALL = TimelineView(zoom=(pd.Timestamp("2021-01-01").value / 1e6, pd.Timestamp("2025-01-01").value / 1e6))


def marker_traces(fig: go.Figure) -> list[go.Scatter]:
    return [trace for trace in fig.data if trace.customdata is not None and trace.name != "clusters"]


def row_of(meeting_id: str) -> int:
    return int(TABLE.meetings.index[TABLE.meetings["id"] == meeting_id][0])


def colour_of(fig: go.Figure, meeting_id: str) -> str:
    for trace in marker_traces(fig):
        rows = read_typed_array(trace.customdata).tolist()
        if row_of(meeting_id) in rows:
            index = read_typed_array(trace.marker.color)[rows.index(row_of(meeting_id))]
            return TOPIC_ORDER[index]
    raise AssertionError(f"{meeting_id} is not drawn")


def test_timeline_has_one_trace_per_lane_type_and_status() -> None:
    fig = build_timeline_figure(TABLE.meetings, ALL)
    dated = TABLE.meetings[TABLE.meetings["start"].notna()]
    assert len(marker_traces(fig)) == dated.groupby(["lane", "meeting_type", "status"]).ngroups == 8
    assert sum(len(read_typed_array(trace.x)) for trace in marker_traces(fig)) == len(dated) == 17


@pytest.mark.parametrize(
    ("meeting_id", "symbol"),
    [
        pytest.param("m-2024-01-11-raimondo-wang-wentao", "diamond", id="phone"),
        pytest.param("m-2024-01-10-mayorkas-wang-xiaohong", "square", id="video"),
        pytest.param("m-2023-10-26-blinken-wang-yi", "circle", id="in-person"),
        pytest.param("m-2023-06-19-blinken-xi", "circle-open", id="planned-in-person-hollow"),
        pytest.param("m-2024-mmca", "x-open", id="planned-unknown-type"),
    ],
)
def test_marker_symbol_per_type(meeting_id: str, symbol: str) -> None:
    fig = build_timeline_figure(TABLE.meetings, ALL)
    found = [
        t.marker.symbol for t in marker_traces(fig) if row_of(meeting_id) in read_typed_array(t.customdata)
    ]
    assert found == [symbol]


@pytest.mark.parametrize(
    ("topics", "selected", "colour"),
    [
        pytest.param(["trade", "chips"], (), "chips", id="documented-order-not-alphabetical"),
        pytest.param(["fentanyl", "taiwan"], (), "taiwan", id="taiwan-first"),
        pytest.param(["ukraine", "trade"], (), "trade", id="contract-order-after-core"),
        pytest.param([], (), "none", id="no-topic"),
        pytest.param(["taiwan", "fentanyl"], ("fentanyl",), "fentanyl", id="the-selected-topic-wins"),
        pytest.param(["taiwan", "chips"], ("chips", "trade"), "chips", id="a-selected-topic-it-has"),
    ],
)
def test_colour_rule(topics: list[str], selected: tuple[str, ...], colour: str) -> None:
    mask = sum(
        1 << ["taiwan", "chips", "fentanyl", "military", "trade", "climate", "ukraine"].index(t)
        for t in topics
    )
    assert TOPIC_ORDER[find_colour_topics(np.array([mask]), selected)[0]] == colour


def test_under_a_topic_filter_every_meeting_has_its_colour() -> None:
    shown = filter_meetings(TABLE.meetings, Filters(topics=("taiwan",)))
    fig = build_timeline_figure(shown, TimelineView(topics=("taiwan",), zoom=ALL.zoom))
    assert {colour_of(fig, m) for m in shown["id"]} == {"taiwan"}
    assert (
        colour_of(build_timeline_figure(TABLE.meetings, ALL), "m-2024-01-11-raimondo-wang-wentao") == "chips"
    )


def test_hover_is_left_to_the_page() -> None:
    spec = build_timeline_spec(TABLE.meetings, TimelineView(hover=False))
    assert all("hovertext" not in trace for trace in spec["data"])


@pytest.mark.parametrize(
    ("values", "dtype"),
    [
        pytest.param([0, 3, 4_000_000], "u4", id="rows"),
        pytest.param([1.6e12, 1.7e12], "f8", id="dates-in-ms"),
        pytest.param([8, 26], "u1", id="sizes"),
    ],
)
def test_typed_array_round_trip(values: list[float], dtype: str) -> None:
    assert read_typed_array(build_typed_array(np.array(values), dtype)).tolist() == values


def test_type_symbols_are_distinct() -> None:
    assert len(set(TYPE_SYMBOLS.values())) == len(TYPE_SYMBOLS)


def axis_days(fig: go.Figure) -> float:
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    return (last - first) / pd.Timedelta(days=1)


def test_a_single_meeting_gets_at_least_a_month_of_axis() -> None:
    one = TABLE.meetings[TABLE.meetings["id"] == "m-2024-01-10-mayorkas-wang-xiaohong"]
    fig = build_timeline_figure(one, TimelineView())
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert axis_days(fig) >= 31 and first < pd.Timestamp("2024-01-10") < last
    assert fig.layout.xaxis.tickformatstops, "ticks are dates, never times of day"


def test_without_a_zoom_the_timeline_opens_on_the_latest_twelve_months() -> None:
    fig = build_timeline_figure(TABLE.meetings, TimelineView())
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert 365 <= axis_days(fig) <= 400 and last >= pd.Timestamp("2024-12-31")


def test_a_zoom_is_drawn_as_asked() -> None:
    zoom = (pd.Timestamp("2023-06-01").value / 1e6, pd.Timestamp("2023-08-01").value / 1e6)
    fig = build_timeline_figure(TABLE.meetings, TimelineView(zoom=zoom))
    assert [pd.Timestamp(v) for v in fig.layout.xaxis.range] == [
        pd.Timestamp("2023-06-01"),
        pd.Timestamp("2023-08-01"),
    ]


def test_rough_windows_are_open_bands_and_visits_solid_bars() -> None:
    fig = build_timeline_figure(TABLE.meetings, ALL)
    traces = {trace.name: trace for trace in fig.data if trace.name}
    bands = read_typed_array(traces["bands"].x)
    assert len(bands) == 3 * 2  # Rome 2021 (month) and the MMCA talks of 2024 (year)
    assert (
        bands[0] == pd.Timestamp("2021-10-01").value / 1e6
        and bands[1] == pd.Timestamp("2021-11-01").value / 1e6
    )
    assert traces["bands"].line.dash == "dot" and traces["spans/held"].line.dash == "solid"
    rome = next(
        t
        for t in marker_traces(fig)
        if row_of("m-2021-10-blinken-wang-yi-rome") in read_typed_array(t.customdata)
    )
    assert read_typed_array(rome.x)[0] > pd.Timestamp("2021-10-10").value / 1e6, "the marker sits mid-window"


def test_unknown_dates_are_never_placed() -> None:
    fig = build_timeline_figure(TABLE.meetings, ALL)
    drawn = {int(r) for t in marker_traces(fig) for r in read_typed_array(t.customdata)}
    assert row_of("m-undated-qin-visit-washington") not in drawn


def test_overlapping_meetings_stack_and_fold_into_a_plus_n() -> None:
    same_day = pd.concat(
        [TABLE.meetings[TABLE.meetings["id"] == "m-2024-01-10-finer-liu"]] * 8, ignore_index=True
    )
    same_day["id"] = [f"m{i}" for i in range(8)]
    fig = build_timeline_figure(same_day, TimelineView())
    ys = sorted(float(y) for t in marker_traces(fig) for y in read_typed_array(t.y))
    assert len(ys) == len(STACK_OFFSETS) and len(set(ys)) == len(STACK_OFFSETS)
    [cluster] = [t for t in fig.data if t.name == "clusters"]
    assert list(cluster.text) == ["+3"]
    first, last = cluster.customdata[0]
    assert first == last == pd.Timestamp("2024-01-10").value / 1e6


def test_exports_name_the_participants_of_each_point() -> None:
    labels = {row_of("m-2024-01-10-finer-liu"): "Finer – Liu Jianchao"}
    fig = build_timeline_figure(TABLE.meetings, TimelineView(labels=labels, zoom=ALL.zoom))
    texts = [x for t in marker_traces(fig) for x in (t.text or ())]
    assert "Finer – Liu Jianchao" in texts
    assert any(t.name == "Taiwan" for t in fig.data), "an export carries the topic legend"


@pytest.mark.parametrize(
    ("selected", "ring"),
    [
        pytest.param("m-2024-01-11-raimondo-wang-wentao", [1704931200000.0], id="dated-meeting-in-ms"),
        pytest.param("m-undated-qin-visit-washington", [], id="undated-not-on-timeline"),
        pytest.param(None, [], id="nothing-selected"),
    ],
)
def test_selection_ring_is_first_trace(selected: str | None, ring: list[float]) -> None:
    fig = build_timeline_figure(TABLE.meetings, TimelineView(selected=selected, zoom=ALL.zoom))
    assert fig.data[0].name == "selected" and list(fig.data[0].x or []) == ring


def test_lane_labels_and_ticks_follow_language() -> None:
    fig = build_timeline_figure(TABLE.meetings, TimelineView(lang="zh"))
    assert fig.layout.yaxis.ticktext[0] == "元首"
    assert "年" in fig.layout.xaxis.tickformatstops[1].value


def test_empty_selection_says_so() -> None:
    nothing = filter_meetings(TABLE.meetings, Filters(topics=("middle_east",), types=("phone",)))
    fig = build_timeline_figure(nothing, TimelineView())
    assert [trace.name for trace in fig.data] == ["selected"] and fig.layout.annotations[0].text


def test_day_is_a_day_in_ms() -> None:
    assert DAY_MS == 86_400_000
