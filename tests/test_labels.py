"""Words for readers: dates at their precision, names in the page's language, escaped hover text."""

from pathlib import Path

import pytest

from dashboard.data import read_table
from dashboard.labels import (
    build_date_label,
    build_hover,
    build_hover_texts,
    build_location,
    build_meeting_label,
    build_participant_label,
    build_role,
    build_who,
)

TABLE = read_table(Path(__file__).parent / "fixtures" / "dashboard")
BLINKEN = {"name_en": "Antony Blinken", "name_zh": "布林肯", "side": "US"}
WANG = {"name_en": "Wang Yi", "name_zh": "王毅", "side": "CN"}
SULLIVAN = {"name_en": "Jake Sullivan", "name_zh": "沙利文", "side": "US"}
FINER = {"name_en": "Jon Finer", "name_zh": None, "side": "US"}


@pytest.mark.parametrize(
    ("start", "end", "precision", "label"),
    [
        pytest.param("2023-10-26", "2023-10-27", "day", "2023-10-26 – 10-27", id="two-days"),
        pytest.param("2023-12-31", "2024-01-01", "day", "2023-12-31 – 2024-01-01", id="across-years"),
        pytest.param("2024-01-10", "2024-01-10", "day", "2024-01-10", id="one-day"),
        pytest.param("2021-10-01", "2021-10-31", "month", "≈ 2021-10", id="month-is-approximate"),
        pytest.param("2024-01-01", "2024-12-31", "year", "≈ 2024", id="year-is-approximate"),
        pytest.param("2024-01-23", "2024-01-23", "unknown", "", id="unknown-shows-no-day"),
        pytest.param(None, None, "unknown", "", id="no-date"),
    ],
)
def test_date_label(start: str | None, end: str | None, precision: str, label: str) -> None:
    assert build_date_label({"start_date": start, "end_date": end, "date_precision": precision}) == label


@pytest.mark.parametrize(
    ("participant", "lang", "label"),
    [
        pytest.param(BLINKEN, "en", "Antony Blinken 布林肯", id="english-first"),
        pytest.param(BLINKEN, "zh", "布林肯 Antony Blinken", id="chinese-first"),
        pytest.param(FINER, "zh", "Jon Finer", id="no-chinese-name"),
    ],
)
def test_participant_label(participant: dict[str, object], lang: str, label: str) -> None:
    assert build_participant_label(participant, lang) == label


@pytest.mark.parametrize(
    ("participant", "lang", "role"),
    [
        pytest.param({"title": "Secretary of State", "title_zh": "国务卿"}, "zh", "国务卿", id="chinese"),
        pytest.param(
            {"title": "Secretary of State", "title_zh": "国务卿"}, "en", "Secretary of State", id="en"
        ),
        pytest.param({"title": "Secretary of State"}, "zh", "Secretary of State", id="older-table"),
        pytest.param({"title": None, "title_zh": None}, "zh", "", id="institution"),
    ],
)
def test_role_in_the_pages_language(participant: dict[str, object], lang: str, role: str) -> None:
    assert build_role(participant, lang) == role


@pytest.mark.parametrize(
    ("record", "lang", "place"),
    [
        pytest.param({"location": "Washington", "location_zh": "华盛顿"}, "zh", "华盛顿", id="chinese"),
        pytest.param({"location": "Washington", "location_zh": "华盛顿"}, "en", "Washington", id="en"),
        pytest.param({"location": "Washington"}, "zh", "Washington", id="older-table"),
        pytest.param({"location": None, "location_zh": None}, "zh", "", id="no-place"),
    ],
)
def test_place_in_the_pages_language(record: dict[str, object], lang: str, place: str) -> None:
    assert build_location(record, lang) == place


@pytest.mark.parametrize(
    ("participants", "lang", "who"),
    [
        pytest.param([BLINKEN, WANG], "en", "Antony Blinken – Wang Yi", id="pair"),
        pytest.param([BLINKEN, WANG], "zh", "布林肯 – 王毅", id="pair-in-chinese"),
        pytest.param(
            [BLINKEN, SULLIVAN, FINER, WANG], "en", "Antony Blinken, Jake Sullivan +1 – Wang Yi", id="more"
        ),
        pytest.param([WANG], "en", "? – Wang Yi", id="one-side"),
    ],
)
def test_who(participants: list[dict[str, object]], lang: str, who: str) -> None:
    assert build_who(participants, lang) == who


def test_meeting_label_says_when_the_date_is_unknown() -> None:
    record = {
        "start_date": None,
        "end_date": None,
        "date_precision": "unknown",
        "participants": [BLINKEN, WANG],
    }
    assert build_meeting_label(record, "en") == "date unknown · Antony Blinken 布林肯 – Wang Yi 王毅"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hover_names_participants_in_both_languages(lang: str) -> None:
    hovers = build_hover_texts(TABLE.meetings, lang)
    blinken_wang = next(h for h in hovers if "2023-10-26" in h)
    assert "Antony Blinken 布林肯" in blinken_wang or "布林肯 Antony Blinken" in blinken_wang
    assert "Washington" in blinken_wang
    assert ("In person" if lang == "en" else "面对面") in blinken_wang


def test_hover_escapes_markup_from_articles() -> None:
    record = TABLE.meetings.iloc[0].to_dict() | {"location": "<img src=x onerror=alert(1)>"}
    assert "<img" not in build_hover(record, "en") and "&lt;img" in build_hover(record, "en")
