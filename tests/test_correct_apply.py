"""apply_corrections on the seeds table: every action, orphans, the fallback key, bad entries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from data_prep.build import build
from data_prep.correct import apply_corrections, parse_corrections
from data_prep.correct.matching import row_key
from data_prep.correct.stage import load_officials_index

ROOT = Path(__file__).resolve().parent.parent
OFFICIALS = load_officials_index()

# Seeds rows by what they are (their ids come from these).
BLINKEN_WANG_2022 = ("2022-07-09", "Antony Blinken", "Wang Yi")
FINER_LIU = ("2024-01-10", "Jon Finer", "Liu Jianchao")
MAYORKAS_WANG = ("2024-01-10", "Alejandro Mayorkas", "Wang Xiaohong")
RAIMONDO_WANG = ("2024-01-11", "Gina Raimondo", "Wang Wentao")
BLINKEN_QIN = ("2023-06-18", "Antony Blinken", "Qin Gang")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    out = tmp_path_factory.mktemp("seeds")
    build(ROOT / "seeds", out, workers=1, use_cache=False)
    rows: list[dict[str, Any]] = json.loads((out / "meetings.json").read_text("utf-8"))["meetings"]
    return rows


def find_id(rows: list[dict[str, Any]], what: tuple[str, str, str]) -> str:
    day, us, cn = what
    found = [r["id"] for r in rows if r["start_date"] == day and row_key(r).principals == (us, cn)]
    assert len(found) == 1, what
    return found[0]


def apply(rows: list[dict[str, Any]], text: str, **options: Any):
    entries, problems = parse_corrections(text, "c.yaml")
    assert not problems, problems
    return apply_corrections(rows, entries, OFFICIALS, path="c.yaml", **options)


def by_id(result: Any) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in result.rows}


def test_reject_drops_the_row_and_lists_it_with_the_note(seeds):
    target = find_id(seeds, BLINKEN_WANG_2022)
    result = apply(
        seeds, f"- id: {target}\n  reject: a call recalled in a statement\n  by: ana\n  at: 2024-05-01\n"
    )
    assert target not in by_id(result) and len(result.rows) == len(seeds) - 1
    assert result.rejected[0]["id"] == target
    assert result.rejected[0]["note"] == "a call recalled in a statement"
    assert result.rejected[0]["by"] == "ana" and result.rejected[0]["at"] == "2024-05-01"
    assert all(row["origin"] == "extracted" for row in result.rows)


def test_edit_sets_fields_people_and_topics_and_keeps_the_history(seeds):
    target = find_id(seeds, FINER_LIU)
    text = f"""
- id: {target}
  note: the readout says a phone call the next day
  set: {{start_date: 2024-01-11, meeting_type: phone}}
  add_participants: [{{name_en: Kurt Campbell, side: US}}, 沙利文, {{name_en: Jane Roe, side: US}}]
  remove_participants: [Jon Finer]
  add_topics: [chips]
  remove_topics: [taiwan]
"""
    row = by_id(apply(seeds, text))[target]
    assert (row["start_date"], row["end_date"], row["date_precision"]) == ("2024-01-11", "2024-01-11", "day")
    assert row["meeting_type"] == "phone" and row["location"] is None
    names = [p["name_en"] for p in row["participants"]]
    assert names == ["Kurt Campbell", "Jake Sullivan", "Jane Roe", "Liu Jianchao"]
    sullivan = row["participants"][1]
    assert (sullivan["name_zh"], sullivan["title"]) == ("沙利文", "National Security Advisor")
    assert sullivan["title_zh"] == "国家安全事务助理"
    assert row["participants"][2] == {
        "name_en": "Jane Roe",
        "name_zh": None,
        "side": "US",
        "title": None,
        "title_zh": None,
    }
    assert "chips" in row["topics"] and "taiwan" not in row["topics"]
    assert row["corrections"] == [
        {
            "action": "edit",
            "note": "the readout says a phone call the next day",
            "by": None,
            "at": None,
            "entry": 0,
        }
    ]
    assert row["origin"] == "extracted"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        pytest.param("{start_date: 2024-02-01}", ("2024-02-01", "2024-02-01", "day"), id="day-by-default"),
        pytest.param(
            "{start_date: 2024-02-01, date_precision: month}",
            ("2024-02-01", "2024-02-01", "month"),
            id="precision-given",
        ),
        pytest.param(
            "{start_date: 2024-02-01, end_date: 2024-02-03}", ("2024-02-01", "2024-02-03", "day"), id="range"
        ),
        pytest.param("{start_date: null}", (None, None, "unknown"), id="undated"),
    ],
)
def test_setting_dates_sets_their_precision(seeds, settings, expected):
    target = find_id(seeds, FINER_LIU)
    row = by_id(apply(seeds, f"- id: {target}\n  set: {settings}\n"))[target]
    assert (row["start_date"], row["end_date"], row["date_precision"]) == expected


def test_merge_keeps_the_first_id_the_union_and_makes_aliases(seeds):
    first, second = find_id(seeds, MAYORKAS_WANG), find_id(seeds, RAIMONDO_WANG)
    before = {r["id"]: r for r in seeds}
    result = apply(
        seeds, f"- merge: [{first}, {second}]\n  note: one visit\n- id: {second}\n  add_topics: [climate]\n"
    )
    rows = by_id(result)
    assert second not in rows and result.aliases == {second: first}
    merged = rows[first]
    assert merged["aliases"] == [second]
    assert len(merged["sources"]) == len(
        {(s["path"], s.get("url")) for r in (before[first], before[second]) for s in r["sources"]}
    )
    assert {p["name_en"] for p in merged["participants"]} >= {"Gina Raimondo", "Wang Wentao", "Wang Xiaohong"}
    assert set(merged["topics"]) == set(before[first]["topics"]) | set(before[second]["topics"]) | {"climate"}
    assert [c["action"] for c in merged["corrections"]] == ["merge", "edit"]  # the alias still finds it


def test_merge_takes_the_better_dated_rows_dates(seeds):
    first, second = find_id(seeds, MAYORKAS_WANG), find_id(seeds, RAIMONDO_WANG)
    rows = [dict(r, date_precision="month") if r["id"] == first else r for r in seeds]
    merged = by_id(apply(rows, f"- merge: [{first}, {second}]\n"))[first]
    assert (merged["start_date"], merged["date_precision"]) == ("2024-01-11", "day")


def test_add_makes_an_analyst_row_without_excerpts(seeds):
    text = """
- add:
    start_date: 2024-03-05
    meeting_type: phone
    participants: [{name_en: Antony Blinken, side: US}, {name_zh: 王毅, side: CN}]
    topics: [taiwan]
    sources: [{url: https://example.org/readout, title: Readout}]
  note: from the State Department readout
"""
    result = apply(seeds, text)
    added = [row for row in result.rows if row["origin"] == "analyst"]
    assert len(added) == 1 and len(result.rows) == len(seeds) + 1
    row = added[0]
    assert row["id"].startswith("a-") and row["excerpts"] == []
    assert row["sources"] == [
        {"url": "https://example.org/readout", "outlet": None, "title": "Readout", "published": None}
    ]
    assert [(p["name_en"], p["name_zh"], p["side"]) for p in row["participants"]] == [
        ("Antony Blinken", "布林肯", "US"),
        ("Wang Yi", "王毅", "CN"),
    ]
    assert (row["date_precision"], row["status"]) == ("day", "held")
    assert apply(seeds, text).rows == result.rows  # the same file gives the same id


def test_an_id_no_longer_in_the_table_is_an_orphan(seeds):
    result = apply(seeds, "- id: m-000000000000\n  reject: gone\n")
    assert len(result.rows) == len(seeds)
    (orphan,) = result.orphans
    assert (orphan.index, orphan.id, orphan.candidates) == (0, "m-000000000000", ())


def test_the_fallback_key_finds_a_row_whose_date_moved(seeds):
    """A better rule moves a row's date by a day: its id changes, the correction still finds it."""
    old = find_id(seeds, BLINKEN_QIN)
    key = row_key(next(r for r in seeds if r["id"] == old))
    moved = [
        dict(r, id="m-moved0000000", start_date="2023-06-19", end_date="2023-06-19") if r["id"] == old else r
        for r in seeds
    ]
    result = apply(moved, f"- id: {old}\n  add_topics: [climate]\n", keys={old: key})
    row = by_id(result)["m-moved0000000"]
    assert "climate" in row["topics"]
    assert row["corrections"][0]["matched_from"] == old
    assert result.effects[0].fallback == ((old, "m-moved0000000"),) and not result.orphans


def test_an_ambiguous_fallback_is_an_orphan_listing_the_candidates(seeds):
    """Two rows of the same principals within three days: the key cannot choose, so nothing is changed."""
    old = find_id(seeds, BLINKEN_QIN)
    text = """
- add:
    start_date: 2023-06-20
    participants: [Antony Blinken, 秦刚]
    sources: [https://example.org/second-round]
- id: m-gone00000000
  match: {start_date: 2023-06-19, principals: [Antony Blinken, Qin Gang]}
  reject: duplicate
"""
    result = apply(seeds, text)
    added = next(r["id"] for r in result.rows if r["origin"] == "analyst")
    (orphan,) = result.orphans
    assert orphan.index == 1 and set(orphan.candidates) == {old, added}
    assert "2 rows" in orphan.reason and len(result.rows) == len(seeds) + 1


def test_a_row_rejected_earlier_makes_later_entries_orphans(seeds):
    target = find_id(seeds, FINER_LIU)
    result = apply(seeds, f"- id: {target}\n  reject: no\n- id: {target}\n  add_topics: [chips]\n")
    assert result.orphans[0].index == 1 and "rejected by entry 0" in result.orphans[0].reason


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        pytest.param(
            "- add:\n    start_date: 2024-01-01\n    participants: [Jane Roe, 王毅]\n    sources: [x]\n",
            "give it a side",
            id="unknown-person-without-side",
        ),
        pytest.param(
            "- id: {target}\n  remove_participants: [Liu Jianchao]\n", "no CN participant", id="empty-side"
        ),
        pytest.param(
            "- id: {target}\n  remove_participants: [Xi Jinping]\n",
            "is not a participant",
            id="remove-absent",
        ),
    ],
)
def test_entries_that_cannot_apply_are_problems_and_cost_only_themselves(seeds, entry, problem):
    target = find_id(seeds, FINER_LIU)
    other = find_id(seeds, BLINKEN_WANG_2022)
    result = apply(seeds, entry.format(target=target) + f"- id: {other}\n  reject: recalled\n")
    (found,) = result.problems
    assert found.index == 0 and problem in found.problem
    assert other not in by_id(result) and by_id(result)[target] == {
        **next(r for r in seeds if r["id"] == target),
        "origin": "extracted",
    }


def test_the_input_rows_are_not_changed(seeds):
    before = json.dumps(seeds, sort_keys=True)
    apply(seeds, f"- id: {find_id(seeds, FINER_LIU)}\n  add_topics: [chips]\n  set: {{location: Paris}}\n")
    assert json.dumps(seeds, sort_keys=True) == before


def test_a_new_place_comes_with_its_chinese_name_and_a_call_drops_both(seeds):
    target = find_id(seeds, FINER_LIU)
    moved = by_id(apply(seeds, f"- id: {target}\n  set: {{location: Bangkok}}\n"))[target]
    assert (moved["location"], moved["location_zh"]) == ("Bangkok", "曼谷")
    unnamed = by_id(apply(seeds, f"- id: {target}\n  set: {{location: Atlantis}}\n"))[target]
    assert (unnamed["location"], unnamed["location_zh"]) == ("Atlantis", None)
    call = by_id(apply(seeds, f"- id: {target}\n  set: {{meeting_type: phone}}\n"))[target]
    assert (call["location"], call["location_zh"]) == (None, None)
