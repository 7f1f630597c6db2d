"""The URL holds the view: query round trips, junk tolerated, and how each event changes the view."""

from datetime import date
from pathlib import Path

import pytest

from dashboard import ids
from dashboard.data import read_table
from dashboard.filtering import Filters, Vocabulary
from dashboard.url_state import (
    Event,
    ViewState,
    build_query,
    build_zoom_ms,
    find_clicked_meeting,
    next_state,
    parse_query,
)

TABLE = read_table(Path(__file__).parent / "fixtures" / "dashboard")
VOCABULARY = Vocabulary(
    frozenset(TABLE.officials["key"]), frozenset(TABLE.outlets), tuple(TABLE.meetings["id"])
)
FIRST = TABLE.meetings["id"].iloc[0]


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
                zoom=(date(2023, 2, 1), date(2023, 9, 30)),
                sort="who",
            ),
            id="everything",
        ),
        pytest.param(ViewState(Filters(officials=("US participants (track 1.5)",))), id="name-with-parens"),
        pytest.param(ViewState(Filters(corrected=True), lang="zh"), id="corrected-rows-only"),
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
        pytest.param(
            "filter-types",
            "?corrected=1",
            [[], [], "all", ["phone"], [], [], None, None, "en"],
            None,
            ViewState(Filters(types=("phone",), corrected=True)),
            id="a-control-keeps-corrected-rows-only",
        ),
        pytest.param(
            "filter-clear",
            "?corrected=1&topic=chips",
            CONTROLS_NONE,
            None,
            ViewState(),
            id="clear-all-clears-it",
        ),
    ],
)
def test_next_state(
    trigger: str | None, search: str, controls: list[object], click: object, expected: ViewState
) -> None:
    assert next_state(Event(trigger, controls, click), search, VOCABULARY) == expected


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


def step(trigger: object, search: str, payload: object = None) -> ViewState:
    return next_state(Event(trigger, CONTROLS_NONE, payload), search, VOCABULARY)


@pytest.mark.parametrize(
    ("trigger", "search", "payload", "expected"),
    [
        pytest.param(
            ids.TIMELINE_ZOOM,
            "?topic=chips",
            {"xaxis.range[0]": "2023-01-01 00:00", "xaxis.range[1]": "2023-06-30"},
            ViewState(Filters(topics=("chips",)), zoom=(date(2023, 1, 1), date(2023, 6, 30))),
            id="zoom-into-url",
        ),
        pytest.param(
            ids.TIMELINE_ZOOM,
            "?range=2023-01-01,2023-06-30",
            {"xaxis.autorange": True},
            ViewState(),
            id="double-click-resets-zoom",
        ),
        pytest.param(
            ids.TIMELINE_ZOOM,
            "?range=2023-01-01,2023-06-30",
            {"autosize": True},
            ViewState(zoom=(date(2023, 1, 1), date(2023, 6, 30))),
            id="resize-keeps-zoom",
        ),
        pytest.param(
            {"type": ids.LEGEND_TOPIC, "topic": "taiwan"},
            "?topic=chips",
            None,
            ViewState(Filters(topics=("chips", "taiwan"))),
            id="legend-adds-topic",
        ),
        pytest.param(
            {"type": ids.LEGEND_TOPIC, "topic": "chips"},
            "?topic=chips,taiwan",
            None,
            ViewState(Filters(topics=("taiwan",))),
            id="legend-removes-topic",
        ),
        pytest.param(
            ids.MONTHLY,
            "?range=2023-01-01,2023-06-30",
            {"points": [{"customdata": ["fentanyl", "2024-02"]}]},
            ViewState(Filters(topics=("fentanyl",), start=date(2024, 2, 1), end=date(2024, 2, 29))),
            id="bar-click",
        ),
        pytest.param(
            ids.MATRIX,
            "?side=CN",
            {"points": [{"customdata": ["Antony Blinken", "Wang Yi"]}]},
            ViewState(Filters(officials=("Antony Blinken", "Wang Yi"))),
            id="cell-click",
        ),
        pytest.param(
            ids.MATRIX, "", {"points": [{"customdata": ["Nobody", "Wang Yi"]}]}, ViewState(), id="cell-junk"
        ),
        pytest.param(
            ids.TIMELINE,
            "",
            {"points": [{"customdata": [1704844800000.0, 1704844800000.0]}]},
            ViewState(zoom=(date(2024, 1, 7), date(2024, 1, 13))),
            id="plus-n-zooms-in",
        ),
        pytest.param(
            {"type": ids.RANGE_BUTTON, "span": "6m"},
            "",
            ["2021-10-01", "2024-12-31"],
            ViewState(zoom=(date(2024, 7, 1), date(2025, 1, 1))),
            id="six-months",
        ),
        pytest.param(
            {"type": ids.RANGE_BUTTON, "span": "all"},
            "",
            ["2021-10-01", "2024-12-31"],
            ViewState(zoom=(date(2021, 10, 1), date(2025, 1, 1))),
            id="all",
        ),
    ],
)
def test_events_change_the_view(trigger: object, search: str, payload: object, expected: ViewState) -> None:
    assert step(trigger, search, payload) == expected


def test_zoom_in_ms() -> None:
    assert build_zoom_ms((date(1970, 1, 1), date(1970, 1, 2))) == (0.0, 86_400_000.0)
