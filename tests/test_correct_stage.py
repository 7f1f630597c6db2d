"""The build with --corrections: the corrected table, the extracted one beside it, report, exit status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from data_prep.__main__ import main
from data_prep.correct.matching import row_key

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "meetings.schema.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("plain")
    assert main(["build", str(ROOT / "seeds"), "--out", str(out), "--quiet", "--workers", "1"]) == 0
    rows: list[dict] = json.loads((out / "meetings.json").read_text("utf-8"))["meetings"]
    assert (out / "meetings.extracted.json").read_bytes() == (out / "meetings.json").read_bytes()
    return rows


def _id(rows: list[dict], day: str, us: str) -> str:
    return next(r["id"] for r in rows if r["start_date"] == day and row_key(r).principals[0] == us)


def _file(tmp_path: Path, rows: list[dict]) -> Path:
    finer, yellen = _id(rows, "2024-01-10", "Jon Finer"), _id(rows, "2022-07-09", "Antony Blinken")
    path = tmp_path / "corrections.yaml"
    path.write_text(
        f"""# desk corrections
- id: {yellen}
  reject: recalled in a later statement
  by: ana
- id: {finer}
  set: {{start_date: 2024-01-11}}
- id: {finer}
  sett: {{location: Paris}}   # a typo: malformed
- id: m-000000000000
  reject: a row that is gone
- add:
    start_date: 2024-03-05
    meeting_type: phone
    participants: [Antony Blinken, 王毅]
    sources: [{{url: https://example.org/readout}}]
""",
        encoding="utf-8",
    )
    return path


def test_a_build_applies_the_good_entries_and_reports_the_rest(tmp_path, extracted, capsys):
    path = _file(tmp_path, extracted)
    before = path.read_bytes()
    out = tmp_path / "out"
    status = main(
        ["build", str(ROOT / "seeds"), "--out", str(out), "--workers", "1", "--corrections", str(path)]
    )
    assert status == 3  # a malformed entry, like a skipped article
    assert path.read_bytes() == before  # the build never rewrites the user's file
    table = json.loads((out / "meetings.json").read_text("utf-8"))
    Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(table)
    rows = {r["id"]: r for r in table["meetings"]}
    assert len(rows) == len(extracted)  # one rejected, one added
    assert json.loads((out / "meetings.extracted.json").read_text("utf-8"))["meetings"] == extracted
    assert sum(r["origin"] == "analyst" for r in rows.values()) == 1
    report = json.loads((out / "report.json").read_text("utf-8"))["corrections"]
    assert (
        report["rejected"][0]["note"] == "recalled in a later statement"
        and report["rejected"][0]["by"] == "ana"
    )
    assert [o["id"] for o in report["orphans"]] == ["m-000000000000"]
    assert report["problems"] == [{"entry": 2, "problem": "unknown key sett"}]
    err = capsys.readouterr().err
    assert "1 orphaned, 1 malformed" in err and f"{path}: entry 2: unknown key sett" in err
    assert "entry 3 (reject m-000000000000)" in err


def test_an_unreadable_file_still_writes_the_table_as_extracted(tmp_path, extracted):
    path = tmp_path / "c.yaml"
    path.write_text("- id: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(ROOT / "seeds"), "--out", str(out), "--quiet", "--corrections", str(path)]) == 3
    rows = json.loads((out / "meetings.json").read_text("utf-8"))["meetings"]
    assert [r["id"] for r in rows] == [r["id"] for r in extracted]
    report = json.loads((out / "report.json").read_text("utf-8"))["corrections"]
    assert "not valid YAML" in report["file_problem"]


def test_a_missing_corrections_file_is_a_usage_error(tmp_path):
    status = main(
        ["build", str(ROOT / "seeds"), "--out", str(tmp_path), "--corrections", str(tmp_path / "x.yaml")]
    )
    assert status == 2 and not (tmp_path / "meetings.json").exists()


def test_a_remembered_key_finds_a_row_whose_id_changed(tmp_path, extracted):
    """An earlier build remembered the key of an id that a later rule changed: the fallback finds the row."""
    finer = next(
        r
        for r in extracted
        if r["start_date"] == "2024-01-10" and r["participants"][0]["name_en"] == "Jon Finer"
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "correction_keys.json").write_text(
        json.dumps(
            {"m-0ld0ld0ld0ld": {"start_date": "2024-01-09", "principals": ["Jon Finer", "Liu Jianchao"]}}
        ),
        encoding="utf-8",
    )
    path = tmp_path / "c.yaml"
    path.write_text("- id: m-0ld0ld0ld0ld\n  add_topics: [chips]\n", encoding="utf-8")
    assert main(["build", str(ROOT / "seeds"), "--out", str(out), "--quiet", "--corrections", str(path)]) == 0
    rows = {r["id"]: r for r in json.loads((out / "meetings.json").read_text("utf-8"))["meetings"]}
    assert rows[finer["id"]]["corrections"][0]["matched_from"] == "m-0ld0ld0ld0ld"
    report = json.loads((out / "report.json").read_text("utf-8"))["corrections"]
    assert report["fallback"] == [{"entry": 0, "named": "m-0ld0ld0ld0ld", "matched": finer["id"]}]
    keys = json.loads((out / "correction_keys.json").read_text("utf-8"))
    assert keys["m-0ld0ld0ld0ld"]["principals"] == ["Jon Finer", "Liu Jianchao"]  # still remembered


def test_corrections_check_lists_each_entry_and_writes_nothing(tmp_path, extracted, capsys):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    assert main(["build", str(tmp_path / "seeds"), "--out", str(data), "--quiet"]) == 0
    path = _file(tmp_path, extracted)
    stamps = {p.name: p.stat().st_mtime_ns for p in data.iterdir()}
    before = path.read_bytes()
    assert main(["corrections", "check", str(path), "--data", str(data)]) == 3
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("entry 0: reject m-") and "recalled in a later statement" in lines[0]
    assert lines[1].startswith("entry 1: edit m-") and "start_date=2024-01-11" in lines[1]
    assert lines[2] == "entry 2: MALFORMED: unknown key sett"
    assert lines[3].startswith("entry 3: ORPHAN reject m-000000000000")
    assert lines[4].startswith("entry 4: add a-")
    assert "5 entries: 3 apply, 1 orphaned, 1 malformed" in lines[5]
    assert {p.name: p.stat().st_mtime_ns for p in data.iterdir()} == stamps and path.read_bytes() == before
