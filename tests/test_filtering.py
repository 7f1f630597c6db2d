"""Filters: validation of raw inputs, the vectorised filter, and the URL query string round trip."""

from datetime import date
from pathlib import Path

import pytest

from dashboard.callbacks import find_clicked_meeting, next_state
from dashboard.data import read_table
from dashboard.filtering import (
    MAX_ITEMS,
    Filters,
    ViewState,
    Vocabulary,
    build_query,
    count_topics,
    filter_meetings,
    parse_query,
)

TABLE = read_table(Path(__file__).parent / "fixtures" / "dashboard")
VOCABULARY = Vocabulary(
    frozenset(TABLE.officials["key"]), frozenset(TABLE.outlets), tuple(TABLE.meetings["id"])
)
FIRST = TABLE.meetings["id"].iloc[0]


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
    "state",
    [
        pytest.param(ViewState(), id="default"),
        pytest.param(
            ViewState(
                Filters(
                    topics=("taiwan", "chips"),
                    officials=("Antony Blinken", "Wang Yi"),
                    side="US",
                    types=("phone",),
                    statuses=("planned",),
                    outlets=("香港電台", "联合早报"),
                    start=date(2023, 1, 1),
                    end=date(2023, 12, 31),
                ),
                meeting="m-2023-10-26-blinken-wang-yi",
                article="2023-06-03-RTHK-駐美大使謝鋒與美國副財長會晤.md",
                lang="zh",
            ),
            id="everything",
        ),
        pytest.param(ViewState(Filters(officials=("US participants (track 1.5)",))), id="name-with-parens"),
    ],
)
def test_query_round_trip(state: ViewState) -> None:
    assert parse_query(build_query(state), VOCABULARY) == state


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        pytest.param(
            "?topic=taiwan,bogus&lang=fr", ViewState(Filters(topics=("taiwan",))), id="unknown-values"
        ),
        pytest.param(
            "?official=Antony%20Blinken&official=Eve",
            ViewState(Filters(officials=("Antony Blinken",))),
            id="repeated-official",
        ),
        pytest.param(
            "?from=2024-13-01&to=2024-01-31", ViewState(Filters(end=date(2024, 1, 31))), id="bad-month"
        ),
        pytest.param("?m=&article=", ViewState(), id="blank-values"),
        pytest.param("&".join(["x=1"] * 500), ViewState(), id="too-many-fields"),
        pytest.param(None, ViewState(), id="not-a-string"),
        pytest.param("%%%", ViewState(), id="bad-escapes"),
    ],
)
def test_parse_query_junk(search: object, expected: ViewState) -> None:
    assert parse_query(search, VOCABULARY) == expected


def test_build_query_default_is_empty() -> None:
    assert build_query(ViewState()) == ""


CONTROLS_NONE = [[], [], "all", [], [], [], None, None, "en"]


@pytest.mark.parametrize(
    ("trigger", "search", "controls", "click", "expected"),
    [
        pytest.param(
            None,
            "?topic=chips&lang=zh",
            CONTROLS_NONE,
            None,
            ViewState(Filters(topics=("chips",)), lang="zh"),
            id="first-load-reads-url",
        ),
        pytest.param(
            "filter-clear",
            "?topic=chips&m=x&lang=zh",
            CONTROLS_NONE,
            None,
            ViewState(lang="zh"),
            id="clear-keeps-language",
        ),
        pytest.param(
            "timeline",
            "?topic=chips&article=a",
            CONTROLS_NONE,
            {"points": [{"customdata": 0}]},
            ViewState(Filters(topics=("chips",)), meeting=FIRST),
            id="click-selects-closes-article",
        ),
        pytest.param(
            "filter-types",
            "?m=m1",
            [[], [], "all", ["phone"], [], [], None, None, "zh"],
            None,
            ViewState(Filters(types=("phone",)), meeting="m1", lang="zh"),
            id="control-change",
        ),
    ],
)
def test_next_state(
    trigger: str | None, search: str, controls: list[object], click: object, expected: ViewState
) -> None:
    assert next_state(trigger, search, controls, click, VOCABULARY) == expected


@pytest.mark.parametrize(
    ("click", "meeting"),
    [
        pytest.param({"points": [{"customdata": 0}]}, FIRST, id="marker-row"),
        pytest.param({"points": [{"customdata": 10_000}]}, None, id="row-out-of-range"),
        pytest.param({"points": [{"customdata": -1}]}, None, id="negative-row"),
        pytest.param({"points": [{"customdata": True}]}, None, id="bool-is-no-row"),
        pytest.param({"points": [{"customdata": "m1"}]}, None, id="string"),
        pytest.param({"points": [{"x": 1}]}, None, id="span-without-row"),
        pytest.param({"points": "junk"}, None, id="junk"),
        pytest.param(None, None, id="none"),
    ],
)
def test_find_clicked_meeting(click: object, meeting: str | None) -> None:
    assert find_clicked_meeting(click, VOCABULARY) == meeting
