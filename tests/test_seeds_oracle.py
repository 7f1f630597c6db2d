"""The seeds scored against an independent gold table with the shared scorer (copies in tests/fixtures/eval).

The golden file (test_golden_seeds.py) guards against regressions; this test is the oracle: a row the
hand-made gold table lacks, or a gold meeting the table misses, fails it whatever the code did before.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from data_prep.build import build

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(__file__).resolve().parent / "fixtures" / "eval"
SCHEMA = Path(__file__).resolve().parent / "fixtures" / "meetings.schema.json"


@pytest.fixture(scope="module")
def seeds_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    build(ROOT / "seeds", out, workers=1, use_cache=False)
    return out / "meetings.json"


def _score(table: Path, *extra: str) -> dict[str, float]:
    command = [sys.executable, str(EVAL / "score.py"), str(table), str(EVAL / "seeds.csv"), "--json", *extra]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_seeds_match_the_independent_gold_table(seeds_table: Path) -> None:
    score = _score(seeds_table)
    assert (score["precision"], score["recall"], score["duplicates"]) == (1.0, 1.0, 0), score
    assert score["core_topic_f1"] >= 0.9, score


def test_the_shared_scorer_reads_every_field_of_the_table(seeds_table: Path) -> None:
    document = json.loads(seeds_table.read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert document["schema_version"] == "1.3"
    for row in document["meetings"]:  # the Chinese names of 1.3: every place and title has one
        assert (row["location"] is None) == (row["location_zh"] is None), row["id"]
        assert all((p["title"] is None) == (p["title_zh"] is None) for p in row["participants"]), row["id"]
    ids = {row["id"] for row in document["meetings"]}
    for row in document["meetings"]:  # the plan links name rows of the same table
        assert {row["planned_in"], row["fulfilled_by"]} - {None} <= ids
    assert all(
        row["dated_by"] in ("text", "relative", "dateline", "reference_event") for row in document["meetings"]
    )
    assert _score(seeds_table)["tp"] == 9


def test_the_scorer_fails_a_table_with_a_wrong_row(seeds_table: Path, tmp_path: Path) -> None:
    # The oracle can fail: a table whose rows are dated a year late has no hit and only false rows.
    document = json.loads(seeds_table.read_text(encoding="utf-8"))
    for row in document["meetings"]:
        for field in ("start_date", "end_date"):
            row[field] = str(int(row[field][:4]) + 1) + row[field][4:]
    broken = tmp_path / "meetings.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    score = _score(broken)
    assert score["precision"] < 1.0 and score["recall"] < 1.0
