"""Timeline: few traces, marker symbols per meeting type, hover text in both languages, empty state."""

from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.data import read_table
from dashboard.figures import (
    TOPIC_COLORS,
    TYPE_SYMBOLS,
    build_timeline_figure,
    build_timeline_spec,
    build_typed_array,
    read_typed_array,
)
from dashboard.filtering import Filters, filter_meetings

TABLE = read_table(Path(__file__).parent / "fixtures" / "dashboard")


def marker_traces(fig: go.Figure) -> list[go.Scatter]:
    return [trace for trace in fig.data if trace.customdata is not None]


def test_timeline_has_one_trace_per_lane_and_type() -> None:
    fig = build_timeline_figure(TABLE.meetings, "en")
    dated = TABLE.meetings[TABLE.meetings["start"].notna()]
    groups = dated.groupby(["lane", "meeting_type", "status"]).ngroups
    assert len(marker_traces(fig)) == groups == 8
    # selection ring + 2 span traces + marker traces + legend entries (4 types, planned, 6 colours)
    assert len(fig.data) == 1 + 2 + groups + 4 + 1 + 6
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
    fig = build_timeline_figure(TABLE.meetings, "en")
    row = int(TABLE.meetings.index[TABLE.meetings["id"] == meeting_id][0])
    found = [trace.marker.symbol for trace in marker_traces(fig) if row in read_typed_array(trace.customdata)]
    assert found == [symbol]


def test_marker_colour_is_the_main_topic() -> None:
    fig = build_timeline_figure(TABLE.meetings, "en")
    trace = next(t for t in marker_traces(fig) if t.name == "law_enforcement/video/held")
    index = read_typed_array(trace.marker.color)[0]
    assert fig.layout.template is not None and trace.marker.colorscale[index][1] == TOPIC_COLORS["fentanyl"]


def test_hover_can_be_left_to_the_page() -> None:
    spec = build_timeline_spec(TABLE.meetings, "en", hover=False)
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


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hover_names_participants_in_both_languages(lang: str) -> None:
    fig = build_timeline_figure(TABLE.meetings, lang)
    hovers = [h for trace in marker_traces(fig) for h in trace.hovertext]
    blinken_wang = next(h for h in hovers if "2023-10-26" in h)
    assert "Antony Blinken 布林肯" in blinken_wang and "Wang Yi 王毅" in blinken_wang
    assert "Washington" in blinken_wang
    assert ("In person" if lang == "en" else "面对面") in blinken_wang


def test_hover_escapes_markup_from_articles() -> None:
    rows = TABLE.meetings.copy()
    from dashboard.data import build_hover

    record = rows.iloc[0].to_dict() | {"location": "<img src=x onerror=alert(1)>"}
    assert "<img" not in build_hover(record, [], "2021-10", "en")


def test_planned_spans_are_dotted() -> None:
    fig = build_timeline_figure(TABLE.meetings, "en")
    spans = {trace.name: trace for trace in fig.data if trace.name and trace.name.startswith("spans/")}
    assert spans["spans/planned"].line.dash == "dot" and spans["spans/held"].line.dash == "solid"
    assert fig.layout.xaxis.rangeslider.visible and len(fig.layout.xaxis.rangeselector.buttons) == 3


@pytest.mark.parametrize(
    ("selected", "ring"),
    [
        pytest.param("m-2024-01-11-raimondo-wang-wentao", [1704931200000.0], id="dated-meeting-in-ms"),
        pytest.param("m-undated-qin-visit-washington", [], id="undated-not-on-timeline"),
        pytest.param(None, [], id="nothing-selected"),
    ],
)
def test_selection_ring_is_first_trace(selected: str | None, ring: list[str]) -> None:
    fig = build_timeline_figure(TABLE.meetings, "en", selected)
    assert fig.data[0].name == "selected" and list(fig.data[0].x or []) == ring


def test_lane_labels_follow_language() -> None:
    fig = build_timeline_figure(TABLE.meetings, "zh")
    assert fig.layout.yaxis.ticktext[0] == "元首"


def test_empty_selection_says_so() -> None:
    nothing = filter_meetings(TABLE.meetings, Filters(topics=("middle_east",), types=("phone",)))
    fig = build_timeline_figure(nothing, "en")
    assert [trace.name for trace in fig.data] == ["selected"] and fig.layout.annotations[0].text
