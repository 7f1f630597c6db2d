"""Appending to the user's corrections file keeps their comments and order; taking back removes one entry."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from data_prep.correct import CorrectionsFileError, append_correction, parse_corrections, remove_correction

USER_FILE = """\
# Corrections kept by the desk. Keep the oldest first.
- id: m-aaaaaaaaaaaa   # the Finer talks
  reject: recalled in a statement   # not a new meeting

# merged after the second readout
- merge: [m-bbbbbbbbbbbb, m-cccccccccccc]
"""


def test_an_appended_entry_goes_last_and_the_users_text_stays(tmp_path: Path):
    path = tmp_path / "corrections.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    entry = {
        "id": "m-dddddddddddd",
        "set": {"start_date": date(2024, 3, 6)},
        "by": "ana",
        "at": date(2024, 3, 7),
    }
    assert append_correction(path, entry) == 2
    text = path.read_text(encoding="utf-8")
    assert text.startswith(USER_FILE.rstrip("\n"))
    assert "start_date: 2024-03-06" in text and "at: 2024-03-07" in text
    entries, problems = parse_corrections(text, str(path))
    assert problems == [] and [e.action for e in entries] == ["reject", "merge", "edit"]
    assert list(tmp_path.glob(".*.tmp")) == []


def test_undo_removes_only_that_entry_and_keeps_the_comments(tmp_path: Path):
    path = tmp_path / "corrections.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    entry = {"id": "m-dddddddddddd", "add_topics": ["taiwan"], "note": "readout"}
    append_correction(path, entry)
    assert remove_correction(path, entry) == 2
    assert path.read_text(encoding="utf-8").rstrip("\n") == USER_FILE.rstrip("\n")
    assert remove_correction(path, entry) is None


def test_a_missing_file_is_created_with_a_header(tmp_path: Path):
    path = tmp_path / "new.yaml"
    append_correction(path, {"id": "m-1", "reject": "no"})
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Corrections to the meetings table")
    assert parse_corrections(text, "new.yaml")[0][0].ids == ("m-1",)


@pytest.mark.parametrize("text", ["- [unclosed\n", "id: m-1\n"], ids=["broken-yaml", "not-a-list"])
def test_a_file_that_cannot_be_read_is_left_as_it_is(tmp_path: Path, text: str):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsFileError):
        append_correction(path, {"id": "m-1", "reject": "no"})
    assert path.read_text(encoding="utf-8") == text


def test_concurrent_appends_lose_nothing(tmp_path: Path):
    path = tmp_path / "c.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    threads = [
        threading.Thread(target=append_correction, args=(path, {"id": f"m-{n:012d}", "reject": "x"}))
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries, problems = parse_corrections(path.read_text(encoding="utf-8"), "c.yaml")
    assert problems == [] and len(entries) == 10


def test_a_file_of_comments_only_keeps_them(tmp_path: Path):
    path = tmp_path / "c.yaml"
    path.write_text("# only comments so far\n# and a second line", encoding="utf-8")
    entry = {"id": "m-1", "reject": "no"}
    append_correction(path, entry)
    assert path.read_text(encoding="utf-8").startswith(
        "# only comments so far\n# and a second line\n- id: m-1"
    )
    remove_correction(path, entry)
    assert path.read_text(encoding="utf-8").startswith("# only comments so far\n# and a second line\n")
