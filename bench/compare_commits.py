"""Time two versions of the build in the same run, and check that they write the same table.

    python bench/compare_commits.py BEFORE AFTER CORPUS... [--rounds 3] [--python PATH]

BEFORE and AFTER are git revisions of this repository (checked out into temporary worktrees) or
folders holding a checkout. Each CORPUS is an articles folder or a .tar.gz of one. The two versions
run in turn, round after round, so that drift on a shared machine hits both alike: each run is a
cold `python -m data_prep build CORPUS --out EMPTY --no-cache --quiet` in a fresh process with the
checkout first on sys.path. Prints the median wall time of each, their ratio, and whether the two
meetings.json files hold the same rows (fields added by AFTER that BEFORE lacks are left out of the
comparison, so that a new optional field does not count as a change).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from score_month import find_articles_folder  # run as a script: bench/ is on sys.path

PROJECT = Path(__file__).resolve().parents[1]


def main() -> int:
    args = _parser().parse_args()
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="compare-commits-")))
        versions = {
            name: _checkout(rev, scratch / name, stack)
            for name, rev in (("before", args.before), ("after", args.after))
        }
        corpora = [find_articles_folder(Path(c), scratch / f"corpus{i}") for i, c in enumerate(args.corpus)]
        same = True
        for corpus in corpora:
            times: dict[str, list[float]] = {name: [] for name in versions}
            for round_ in range(args.rounds):
                for name, folder in versions.items():
                    out = scratch / f"out-{name}-{round_}"
                    times[name].append(_build(args.python, folder, corpus, out))
            before, after = (statistics.median(times[n]) for n in ("before", "after"))
            rows = [_rows(scratch / f"out-{name}-0" / "meetings.json") for name in versions]
            equal = _comparable(*rows)
            same &= equal
            print(
                f"{corpus}: before {before:.2f} s, after {after:.2f} s, after/before {after / before:.2f}; "
                f"{len(rows[0])} vs {len(rows[1])} rows, {'same rows' if equal else 'ROWS DIFFER'}"
            )
        return 0 if same else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--python", default=sys.executable, help="the interpreter with the dependencies")
    return parser


def _checkout(revision: str, where: Path, stack: ExitStack) -> Path:
    """A folder holding the version: the folder itself, or a temporary worktree of a revision."""
    if Path(revision).is_dir():
        return Path(revision).resolve()
    subprocess.run(
        ["git", "-C", str(PROJECT), "worktree", "add", "--detach", "-q", str(where), revision], check=True
    )
    stack.callback(
        subprocess.run, ["git", "-C", str(PROJECT), "worktree", "remove", "--force", str(where)], check=False
    )
    return where


def _build(python: str, checkout: Path, corpus: Path, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [python, "-m", "data_prep", "build", str(corpus), "--out", str(out), "--no-cache", "--quiet"]
    started = time.perf_counter()
    status = subprocess.run(command, cwd=checkout, env=env, check=False).returncode
    elapsed = time.perf_counter() - started
    if status not in (0, 3):  # 3: some files were skipped, the table is still written
        raise SystemExit(f"{checkout}: build failed with status {status}")
    return elapsed


def _rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["meetings"]
    return rows


def _comparable(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> bool:
    """The same rows, comparing only the fields the earlier version writes."""
    fields = set().union(*(row.keys() for row in before)) if before else set()
    return before == [{k: v for k, v in row.items() if k in fields} for row in after]


if __name__ == "__main__":
    sys.exit(main())
