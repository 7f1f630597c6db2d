"""Reading the corrections file: good entries parse, each bad one is named with its index and problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from data_prep.correct import CorrectionsFileError, parse_corrections, read_corrections_file
from data_prep.correct.entries import MatchKey
from data_prep.correct.values import PersonSpec


def test_the_issue_example_parses_into_four_actions():
    text = """
# corrections kept by hand
- id: m-0a1b2c3d4e5f
  reject: a call recalled in a statement, not a new one
- id: m-1b2c3d4e5f60
  set: {start_date: 2024-03-06, end_date: 2024-03-06, meeting_type: in_person, location: Beijing,
        status: held}
  add_participants: [{name_en: Kurt Campbell, side: US}]
  remove_participants: [Joe Biden]
  add_topics: [taiwan]
  remove_topics: [trade]
  note: readout
  by: ana
  at: 2024-03-07
- merge: [m-2c3d4e5f6071, m-3d4e5f607182]
- add:
    start_date: 2024-03-05
    end_date: 2024-03-05
    meeting_type: phone
    participants: [{name_en: Antony Blinken, side: US}, {name_zh: 王毅, side: CN}]
    topics: [taiwan]
    sources: [{url: https://example.org/readout, title: Readout}]
"""
    entries, problems = parse_corrections(text, "c.yaml")
    assert problems == []
    assert [e.action for e in entries] == ["reject", "edit", "merge", "add"]
    reject, edit, merge, add = entries
    assert reject.ids == ("m-0a1b2c3d4e5f",) and reject.reason.startswith("a call recalled")
    assert edit.changes["start_date"] == date(2024, 3, 6) and edit.changes["location"] == "Beijing"
    assert edit.add_participants == (PersonSpec("Kurt Campbell", "Kurt Campbell", None, "US"),)
    assert edit.remove_participants == (PersonSpec("Joe Biden"),)
    assert (edit.note, edit.by, edit.at) == ("readout", "ana", date(2024, 3, 7))
    assert merge.ids == ("m-2c3d4e5f6071", "m-3d4e5f607182")
    assert add.changes["participants"][1] == PersonSpec("王毅", None, "王毅", "CN")
    assert add.changes["sources"] == ({"url": "https://example.org/readout", "title": "Readout"},)


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        pytest.param("- just text", "expected a mapping", id="not-a-mapping"),
        pytest.param("- id: m-1\n  note: only a note", "needs exactly one action", id="no-action"),
        pytest.param(
            "- id: m-1\n  reject: x\n  add_topics: [taiwan]", "found reject and edit", id="two-actions"
        ),
        pytest.param("- reject: x", "needs the id of a row", id="reject-without-id"),
        pytest.param("- id: m-1\n  sett: {location: x}", "unknown key sett", id="typo-key"),
        pytest.param("- id: m-1\n  set: {title: x}", "set cannot change title", id="set-unknown-field"),
        pytest.param("- id: m-1\n  set: {start_date: 2024-13-01}", "YYYY-MM-DD", id="bad-date"),
        pytest.param("- id: m-1\n  set: {meeting_type: zoom}", "'zoom' is not one of", id="bad-type"),
        pytest.param(
            "- id: m-1\n  set: {start_date: 2024-03-02, end_date: 2024-03-01}",
            "before start_date",
            id="end-before-start",
        ),
        pytest.param("- id: m-1\n  add_topics: [weather]", "'weather' is not one of", id="bad-topic"),
        pytest.param(
            "- id: m-1\n  add_participants: [{side: US}]", "needs name_en or name_zh", id="nameless"
        ),
        pytest.param(
            "- id: m-1\n  add_participants: [{name_en: X, side: EU}]", "'EU' is not one of", id="bad-side"
        ),
        pytest.param("- merge: [m-1]", "at least two ids", id="merge-one"),
        pytest.param("- merge: [m-1, m-1]", "same id twice", id="merge-same"),
        pytest.param(
            "- add: {start_date: 2024-01-01, participants: [Wang Yi]}", "needs sources", id="add-no-source"
        ),
        pytest.param(
            "- add: {start_date: 2024-01-01, sources: [https://x.org]}", "needs participants", id="add-nobody"
        ),
        pytest.param("- id: m-1\n  reject: x\n  at: yesterday", "at must be a date", id="bad-at"),
    ],
)
def test_a_malformed_entry_names_its_index_and_problem_and_spares_the_others(entry, problem):
    text = "- id: m-ok\n  reject: fine\n" + entry + "\n- id: m-ok2\n  add_topics: [chips]\n"
    entries, problems = parse_corrections(text, "fix.yaml")
    assert [e.index for e in entries] == [0, 2]
    (found,) = problems
    assert found.index == 1 and problem in found.problem, found.problem
    assert str(found).startswith("fix.yaml: entry 1: ")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("- id: [unclosed\n", "not valid YAML", id="yaml-syntax"),
        pytest.param("id: m-1\nreject: x\n", "expected a list", id="a-mapping"),
    ],
)
def test_a_file_that_is_not_a_list_of_entries_is_one_problem(text, problem):
    with pytest.raises(CorrectionsFileError, match=problem):
        parse_corrections(text, "fix.yaml")


def test_an_empty_file_has_no_entries():
    assert parse_corrections("# nothing yet\n", "fix.yaml") == ([], [])


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(CorrectionsFileError, match="file not found"):
        read_corrections_file(tmp_path / "none.yaml")


def test_a_match_key_is_read():
    text = (
        "- id: m-1\n  match: {start_date: 2024-01-10, principals: [Jon Finer, Liu Jianchao]}\n  reject: x\n"
    )
    (entry,), _ = parse_corrections(text, "c.yaml")
    assert entry.match == MatchKey(date(2024, 1, 10), ("Jon Finer", "Liu Jianchao"))
