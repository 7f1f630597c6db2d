"""The build's correct step: the extracted rows and the user's corrections file → the corrected rows.

Bad corrections are loud, never fatal to the data: an unreadable file or a malformed entry is reported
(the build exits 3) and the table is written with every other correction. The fallback keys of the ids
the file names are remembered in OUT_DIR/correction_keys.json, so that a correction still finds its row
after a later build has changed the row's id. The user's file is only ever read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from data_prep.correct.apply import CorrectionResult, apply_corrections
from data_prep.correct.entries import (
    Correction,
    CorrectionProblem,
    CorrectionsFileError,
    MatchKey,
    read_corrections_file,
)
from data_prep.correct.matching import remember_keys
from data_prep.correct.people import OfficialsIndex, build_officials_index

KEYS_FILE = "correction_keys.json"
Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class CorrectionsOutcome:
    """What the corrections file did: its path, a problem with the whole file, or the result."""

    path: str
    file_problem: str | None
    parse_problems: tuple[CorrectionProblem, ...]
    result: CorrectionResult | None
    keys: Mapping[str, MatchKey]

    @property
    def problems(self) -> tuple[CorrectionProblem, ...]:
        return self.parse_problems + (self.result.problems if self.result else ())

    @property
    def failed(self) -> bool:
        """Whether anything in the file could not be used (the build then exits 3)."""
        return self.file_problem is not None or bool(self.problems)


def load_officials_index() -> OfficialsIndex:
    """Index the packaged officials vocabulary for resolving analysts' participants."""
    from data_prep.vocab.officials import load_vocabulary

    return build_officials_index(load_vocabulary().people.values())


def correct_rows(
    rows: Sequence[Record], path: Path, out_dir: Path
) -> tuple[list[Record], CorrectionsOutcome]:
    """Apply the corrections file to the extracted rows; on a bad file, keep the rows as extracted."""
    earlier = read_keys(out_dir / KEYS_FILE)
    try:
        entries, parse_problems = read_corrections_file(path)
    except CorrectionsFileError as error:
        outcome = CorrectionsOutcome(str(path), error.problem, (), None, earlier)
        return [dict(row, origin="extracted") for row in rows], outcome
    keys = remember_keys(_named_ids(entries), rows, earlier)
    result = apply_corrections(rows, entries, load_officials_index(), keys=keys, path=str(path))
    outcome = CorrectionsOutcome(str(path), None, tuple(parse_problems), result, {**earlier, **keys})
    return list(result.rows), outcome


def _named_ids(entries: Sequence[Correction]) -> list[str]:
    return [named for entry in entries for named in entry.ids]


def read_keys(path: Path) -> dict[str, MatchKey]:
    """Read the remembered fallback keys; a missing or damaged file means none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            named: MatchKey(
                date.fromisoformat(key["start_date"]) if key["start_date"] else None, tuple(key["principals"])
            )
            for named, key in data.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def format_keys(keys: Mapping[str, MatchKey]) -> bytes:
    """Encode the fallback keys, one id a line, in id order."""
    lines = [
        f"  {json.dumps(named)}: "
        + json.dumps(
            {
                "start_date": key.start_date.isoformat() if key.start_date else None,
                "principals": list(key.principals),
            },
            ensure_ascii=False,
        )
        for named, key in sorted(keys.items())
    ]
    return ("{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n").encode("utf-8")
