"""`python -m data_prep corrections check FILE --data OUT_DIR`: what each entry does, without writing.

It applies the file to the extracted table of OUT_DIR (meetings.extracted.json, or meetings.json of a
build without corrections) with the fallback keys remembered there, and lists, entry by entry, what
changes, which entries are orphaned (with the candidates) and which are malformed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from data_prep.correct.apply import apply_corrections
from data_prep.correct.entries import read_corrections_file
from data_prep.correct.matching import remember_keys
from data_prep.correct.stage import KEYS_FILE, load_officials_index, read_keys

EXTRACTED_JSON = "meetings.extracted.json"


class CheckError(Exception):
    """OUT_DIR holds no table to check against; the message names the file."""


@dataclass(frozen=True, slots=True)
class CheckReport:
    lines: tuple[str, ...]
    orphans: int
    problems: int


def check_corrections(path: Path, data_dir: Path) -> CheckReport:
    """Describe what every entry of the file does to the table of data_dir."""
    rows = _read_rows(data_dir)
    entries, parse_problems = read_corrections_file(path)
    keys = remember_keys([i for e in entries for i in e.ids], rows, read_keys(data_dir / KEYS_FILE))
    result = apply_corrections(rows, entries, load_officials_index(), keys=keys, path=str(path))
    lines: dict[int, str] = {}
    for effect in result.effects:
        found = "".join(
            f" [{named} found by the fallback key: {matched}]" for named, matched in effect.fallback
        )
        lines[effect.index] = f"entry {effect.index}: {effect.summary}{found}"
    for orphan in result.orphans:
        near = f"; candidates: {', '.join(orphan.candidates)}" if orphan.candidates else ""
        what = f"ORPHAN {orphan.action} {orphan.id}"
        lines[orphan.index] = f"entry {orphan.index}: {what}: {orphan.reason}{near}"
    problems = [*parse_problems, *result.problems]
    for problem in problems:
        lines[problem.index] = f"entry {problem.index}: MALFORMED: {problem.problem}"
    summary = (
        f"{path}: {len(entries) + len(parse_problems)} entries: {len(result.effects)} apply, "
        f"{len(result.orphans)} orphaned, {len(problems)} malformed; "
        f"{len(rows)} rows extracted, {len(result.rows)} after corrections"
    )
    return CheckReport((*(lines[i] for i in sorted(lines)), summary), len(result.orphans), len(problems))


def _read_rows(data_dir: Path) -> list[dict[str, Any]]:
    for name in (EXTRACTED_JSON, "meetings.json"):
        table = data_dir / name
        if table.exists():
            try:
                rows = json.loads(table.read_text(encoding="utf-8"))["meetings"]
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise CheckError(f"{table}: not a meetings table ({error})") from error
            return list(rows)
    raise CheckError(f"{data_dir / EXTRACTED_JSON}: file not found (build the table first)")
