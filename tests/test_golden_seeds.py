"""The golden test: the meetings table of the bundled seeds/, reviewed like code.

tests/golden/seeds_meetings.json holds the reviewed rows. After a deliberate change of behaviour,
regenerate it with `UPDATE_GOLDEN=1 python -m pytest tests/test_golden_seeds.py` and review the diff.
A failure names every row that differs, with the file and the sentence behind it.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from data_prep.build import build

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "seeds_meetings.json"


def _row(meeting: dict) -> dict:
    """What a reviewer checks of a row: when, how, where, who, about what, from which files."""
    return {
        "id": meeting["id"],
        "start_date": meeting["start_date"],
        "end_date": meeting["end_date"],
        "date_precision": meeting["date_precision"],
        "status": meeting["status"],
        "meeting_type": meeting["meeting_type"],
        "location": meeting["location"],
        "participants": [
            f"{p['side']}: {p['name_en']} ({p.get('title') or '-'})" for p in meeting["participants"]
        ],
        "topics": meeting["topics"],
        "sources": sorted(s["path"] for s in meeting["sources"]),
    }


def _evidence(meeting: dict) -> str:
    first = meeting["excerpts"][0]
    return f"{first['path']}: {first['text']}"


def test_seeds_table_matches_the_reviewed_golden_file(tmp_path):
    build(ROOT / "seeds", tmp_path, workers=1, use_cache=False)
    meetings = json.loads((tmp_path / "meetings.json").read_text(encoding="utf-8"))["meetings"]
    rows = [_row(m) for m in meetings]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    by_id = {row["id"]: row for row in expected}
    problems = []
    for meeting, row in zip(meetings, rows, strict=True):
        if by_id.get(row["id"]) != row:
            problems.append(f"unexpected or changed row {row}\n    evidence: {_evidence(meeting)}")
    found = {row["id"] for row in rows}
    problems += [f"missing row {row}" for row in expected if row["id"] not in found]
    assert not problems, "\n".join(problems)


def test_every_seed_row_carries_its_evidence(tmp_path):
    build(ROOT / "seeds", tmp_path, workers=1, use_cache=False)
    meetings = json.loads((tmp_path / "meetings.json").read_text(encoding="utf-8"))["meetings"]
    seeds = {p.name for p in (ROOT / "seeds").iterdir()}
    for meeting in meetings:
        assert meeting["excerpts"], meeting["id"]
        for excerpt in meeting["excerpts"]:
            assert excerpt["path"] in seeds
            raw = (ROOT / "seeds" / excerpt["path"]).read_text(encoding="utf-8")
            # Verbatim: every excerpt is a sentence of its article, tags, entities and spacing aside.
            text = _flat(html.unescape(re.sub(r"<[^>]+>", "", raw)))
            assert _flat(excerpt["text"]) in text, excerpt


def _flat(text: str) -> str:
    return re.sub(r"[\s*#]+", "", text)
