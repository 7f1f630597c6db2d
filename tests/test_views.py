"""Smaller views: meetings per month by every topic, who met whom counted by pair (escaped), empty states."""

from pathlib import Path

import pytest

from dashboard.data import read_table
from dashboard.figures import build_matrix_figure, build_monthly_figure, count_months, count_pairs
from dashboard.filtering import Filters, filter_meetings

TABLE = read_table(Path(__file__).parent / "fixtures" / "dashboard")


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda df: build_monthly_figure(df, "en"), id="monthly"),
        pytest.param(lambda df: build_matrix_figure(df, TABLE.officials, "en"), id="matrix"),
    ],
)
def test_empty_selection_says_so(build: object) -> None:
    nothing = filter_meetings(TABLE.meetings, Filters(topics=("middle_east",), types=("phone",)))
    fig = build(nothing)  # type: ignore[operator]
    assert [trace.name for trace in fig.data] == ["selected"] and fig.layout.annotations[0].text


def test_monthly_counts_a_meeting_under_every_topic_it_has() -> None:
    counts = count_months(TABLE.meetings)
    assert counts.loc["2023-10"].to_dict() == {topic: 1 for topic in counts.columns if topic != "none"} | {
        "none": 0
    }
    fig = build_monthly_figure(TABLE.meetings, "en")
    assert fig.layout.barmode == "stack"
    dated = TABLE.meetings[TABLE.meetings["month"] != ""]
    assert sum(sum(trace.y) for trace in fig.data) == sum(max(1, len(t)) for t in dated["topics"])
    assert ["taiwan", "2022-07"] in [list(c) for c in fig.data[0].customdata], (
        "a bar knows its topic and month"
    )


def test_monthly_under_a_topic_filter_counts_only_that_topic() -> None:
    shown = filter_meetings(TABLE.meetings, Filters(topics=("fentanyl",)))
    assert list(count_months(shown, ("fentanyl",)).columns) == ["fentanyl"]


def test_matrix_counts_pairs() -> None:
    pairs = count_pairs(TABLE.meetings)
    assert pairs[("Antony Blinken", "Wang Yi")] == 3  # Rome 2021, Bali 2022, Washington 2023
    assert pairs[("Joe Biden", "Xi Jinping")] == 2
    heat = build_matrix_figure(TABLE.meetings, TABLE.officials, "en").data[0]
    row, column = list(heat.y).index("Antony Blinken"), list(heat.x).index("Wang Yi")
    assert heat.z[row][column] == 3 and heat.text[row][column] == "Antony Blinken 布林肯 × Wang Yi 王毅: 3"
    assert list(heat.customdata[row][column]) == ["Antony Blinken", "Wang Yi"]
    assert list(heat.y)[0] == "Antony Blinken"  # most frequent first
    assert "布林肯" in build_matrix_figure(TABLE.meetings, TABLE.officials, "zh").data[0].y


def test_matrix_hover_is_escaped_like_the_timelines() -> None:
    meetings = TABLE.meetings.copy()
    officials = TABLE.officials.copy()
    officials.loc[officials["key"] == "Wang Yi", "name_zh"] = "<img src=x onerror=alert(1)>"
    heat = build_matrix_figure(meetings, officials, "en").data[0]
    assert not any("<img" in cell for row in heat.text for cell in row)
    assert any("&lt;img" in cell for row in heat.text for cell in row)
