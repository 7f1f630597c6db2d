"""Filters: validation of raw inputs, the vectorised filter, topic counts, side conflicts."""

import json
from datetime import date
from pathlib import Path

import pytest

from dashboard.data import build_meetings_frame, read_table
from dashboard.filtering import (
    MAX_ITEMS,
    Filters,
    Vocabulary,
    count_topics,
    filter_meetings,
    find_side_conflicts,
)
from dashboard.lanes import read_lane_rules

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
TABLE = read_table(FIXTURE)
VOCABULARY = Vocabulary(
    frozenset(TABLE.officials["key"]), frozenset(TABLE.outlets), tuple(TABLE.meetings["id"])
)


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        pytest.param({}, Filters(), id="nothing"),
        pytest.param(
            {"topics": ["taiwan", "bogus", "taiwan"]}, Filters(topics=("taiwan",)), id="unknown-and-repeat"
        ),
        pytest.param({"topics": "chips"}, Filters(topics=("chips",)), id="single-string"),
        pytest.param({"topics": 5, "types": {"a": 1}, "statuses": None}, Filters(), id="wrong-types-empty"),
        pytest.param({"topics": [None, 3, ["taiwan"]]}, Filters(), id="junk-items"),
        pytest.param(
            {"officials": ["Wang Yi", "Nobody"]}, Filters(officials=("Wang Yi",)), id="unknown-official"
        ),
        pytest.param({"side": "TW"}, Filters(), id="unknown-side"),
        pytest.param(
            {"side": "CN", "types": ["phone", "fax"]}, Filters(side="CN", types=("phone",)), id="types"
        ),
        pytest.param(
            {"outlets": ["香港電台", "<script>"]}, Filters(outlets=("香港電台",)), id="unknown-outlet"
        ),
        pytest.param(
            {"start": "2023-01-01T00:00:00", "end": "2022-01-01"},
            Filters(start=date(2022, 1, 1), end=date(2023, 1, 1)),
            id="picker-time-and-swapped",
        ),
        pytest.param({"start": "yesterday", "end": 20240101}, Filters(), id="bad-dates"),
    ],
)
def test_from_inputs_validates(inputs: dict[str, object], expected: Filters) -> None:
    assert Filters.from_inputs(**inputs, vocabulary=VOCABULARY) == expected  # type: ignore[arg-type]


def test_from_inputs_caps_lists() -> None:
    officials = sorted(VOCABULARY.officials) * 10
    many = Filters.from_inputs(officials=officials * 100, topics=["taiwan"] * 10_000, vocabulary=VOCABULARY)
    assert len(many.officials) <= MAX_ITEMS and many.topics == ("taiwan",)


def ids(filters: Filters) -> set[str]:
    return set(filter_meetings(TABLE.meetings, filters)["id"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param(
            Filters(types=("phone", "video")),
            {"m-2024-01-11-raimondo-wang-wentao", "m-2024-01-10-mayorkas-wang-xiaohong"},
            id="types",
        ),
        pytest.param(
            Filters(topics=("fentanyl",)),
            {"m-2023-10-26-blinken-wang-yi", "m-2024-01-10-mayorkas-wang-xiaohong"},
            id="topic",
        ),
        pytest.param(
            Filters(topics=("chips", "climate"), statuses=("held",)),
            {
                "m-2023-10-26-blinken-wang-yi",
                "m-2024-01-11-raimondo-wang-wentao",
                "m-2022-12-11-xie-kritenbrink",
                "m-2022-07-09-blinken-wang-yi",
            },
            id="topics-any-of",
        ),
        pytest.param(
            Filters(officials=("Xi Jinping",), statuses=("planned",)),
            {"m-2023-06-19-blinken-xi"},
            id="official-and-status",
        ),
        pytest.param(Filters(officials=("Xi Jinping",), side="US"), set(), id="official-on-other-side"),
        pytest.param(
            Filters(outlets=("香港電台",)),
            {
                "m-2023-06-02-shambaugh-xie",
                "m-2023-06-05-kritenbrink-ma-zhaoxu",
                "m-undated-wang-wentao-raimondo-tai",
            },
            id="outlet-includes-undated",
        ),
        pytest.param(
            Filters(start=date(2024, 1, 11), end=date(2024, 1, 31)),
            {"m-2024-01-11-raimondo-wang-wentao", "m-2024-01-12-blinken-liu", "m-2024-mmca"},
            id="range-overlaps-year-span-excludes-undated",
        ),
        pytest.param(
            Filters(end=date(2021, 12, 31)), {"m-2021-10-blinken-wang-yi-rome"}, id="month-precision"
        ),
    ],
)
def test_filter_meetings(filters: Filters, expected: set[str]) -> None:
    assert ids(filters) == expected


def test_empty_filters_keep_everything() -> None:
    assert len(filter_meetings(TABLE.meetings, Filters())) == len(TABLE.meetings)


def test_topic_counts_ignore_the_topic_filter_itself() -> None:
    counts = count_topics(TABLE.meetings, Filters(topics=("chips",), types=("phone",)))
    assert counts["chips"] == 1 and counts["trade"] == 1 and counts["taiwan"] == 0


@pytest.mark.parametrize(
    ("filters", "conflicts"),
    [
        pytest.param(
            Filters(officials=("Wang Yi", "Antony Blinken"), side="US"), ("Wang Yi",), id="other-side-kept"
        ),
        pytest.param(Filters(officials=("Wang Yi",)), (), id="no-side"),
        pytest.param(Filters(officials=("Wang Yi",), side="CN"), (), id="same-side"),
    ],
)
def test_side_conflicts(filters: Filters, conflicts: tuple[str, ...]) -> None:
    sides = dict(zip(TABLE.officials["key"], TABLE.officials["side"], strict=True))
    assert find_side_conflicts(filters, sides) == conflicts


def test_corrected_rows_only_keeps_added_and_corrected_rows() -> None:
    rows = list(json.loads((FIXTURE / "meetings.json").read_text("utf-8"))["meetings"][:3])
    rows[0] = {**rows[0], "origin": "analyst"}
    rows[1] = {**rows[1], "origin": "extracted", "corrections": [{"action": "edit", "note": "day"}]}
    rows[2] = {**rows[2], "origin": "extracted", "corrections": []}
    frame = build_meetings_frame(rows, read_lane_rules())
    kept = filter_meetings(frame, Filters(corrected=True))
    assert set(kept["id"]) == {rows[0]["id"], rows[1]["id"]}
    assert len(filter_meetings(TABLE.meetings, Filters(corrected=True))) == 0  # a table never corrected
