"""Smaller views: meetings per month stacked by topic, who met whom counted by pair, empty states."""

from pathlib import Path

import pytest

from dashboard.data import read_table
from dashboard.filtering import Filters, filter_meetings
from dashboard.views import build_matrix_figure, build_monthly_figure, count_pairs

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


def test_monthly_stacks_one_trace_per_main_topic() -> None:
    fig = build_monthly_figure(TABLE.meetings, "en")
    assert fig.layout.barmode == "stack"
    assert len(fig.data) == TABLE.meetings.loc[TABLE.meetings["month"] != "", "primary_topic"].nunique()
    assert sum(sum(trace.y) for trace in fig.data) == 17


def test_matrix_counts_pairs() -> None:
    pairs = count_pairs(TABLE.meetings)
    assert pairs[("Antony Blinken", "Wang Yi")] == 3  # Rome 2021, Bali 2022, Washington 2023
    assert pairs[("Joe Biden", "Xi Jinping")] == 2
    heat = build_matrix_figure(TABLE.meetings, TABLE.officials, "en").data[0]
    row, column = list(heat.y).index("Antony Blinken"), list(heat.x).index("Wang Yi")
    assert heat.z[row][column] == 3 and heat.text[row][column] == "Antony Blinken 布林肯 × Wang Yi 王毅: 3"
    assert list(heat.y)[0] == "Antony Blinken"  # most frequent first
    assert "布林肯" in build_matrix_figure(TABLE.meetings, TABLE.officials, "zh").data[0].y
