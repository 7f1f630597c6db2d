"""Time the build (a month in a folder, months as archives, a month added) against the naive approach.

    .venv/bin/python bench/build_bench.py [--month ../shared/corpora/corpus-2401.tar.gz]
        [--archives ../shared/corpora/corpus-*.tar.gz] [--sample 150] [--repeat 2] [--profile N]

Every figure is the wall clock of `python -m data_prep build ... --quiet` in a fresh process, start-up
included, best of --repeat runs (the machine is shared: the best run is the one least disturbed):
- month, cold: the month's folder (the archive extracted once, beforehand) into an empty output folder,
  with the screen's compiled automaton kept per user from an earlier build (as after any first build);
- month, first build ever: the same with no compiled automaton kept (it is compiled in the run);
- archives, cold: every archive of --archives in one build, read in place, into an empty output folder;
- month added: the archives but the last built, then the last one added (the table re-built);
- warm re-build: the archives again, nothing changed;
- naive: BeautifulSoup(html, "lxml").get_text() plus dateparser.search.search_dates over the text,
  on a fixed-seed random sample of the month, timed in the same run, per article;
- peak memory: the largest resident set of any build process (getrusage RUSAGE_CHILDREN).
"""

from __future__ import annotations

import argparse
import cProfile
import glob
import os
import pstats
import random
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CORPORA = PROJECT.parent / "shared" / "corpora"
TARGETS = {"rate": 8000, "speedup": 100, "archives_s": 8.0, "added_s": 3.0, "peak_mib": 1024}
_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".txt")


def main() -> int:
    args = _parser().parse_args()
    archives = sorted(Path(p) for pattern in args.archives for p in glob.glob(pattern))
    print(f"load average (1, 5, 15 min) at the start: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="build-bench-") as scratch_name:
        scratch = Path(scratch_name)
        month = find_articles_folder(args.month, scratch / "month")
        files = sorted(p for p in month.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
        kept, fresh = scratch / "kept-cache", scratch / "no-cache-{}"
        run_build([month], scratch / "warm-up", kept)  # compiles and keeps the screen's automaton
        cold = best(args.repeat, lambda n: run_build([month], scratch / f"cold-{n}", kept))
        first = best(
            args.repeat, lambda n: run_build([month], scratch / f"first-{n}", Path(str(fresh).format(n)))
        )
        rows = [("month in a folder, cold", cold, len(files)), ("  first build ever", first, len(files))]
        if archives:
            rows += time_archives(archives, scratch, kept, args.repeat)
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        naive = time_naive(random.Random(args.seed).sample(files, min(args.sample, len(files))))
        print_results(rows, naive, peak_mib, len(files))
        if args.profile:
            profile_build(month, scratch, args.profile)
    return 0


def time_archives(
    archives: list[Path], scratch: Path, kept: Path, repeat: int
) -> list[tuple[str, float, int]]:
    """Time every archive in one cold build, the last one added to a table of the others, and a re-build."""
    count = sum(_count_members(archive) for archive in archives)
    together = best(repeat, lambda n: run_build(archives, scratch / f"archives-{n}", kept))

    def add_last(n: int) -> float:
        out = scratch / f"added-{n}"
        run_build(archives[:-1], out, kept)
        return run_build(archives, out, kept)

    added = best(repeat, add_last)
    warm = best(repeat, lambda n: run_build(archives, scratch / "archives-0", kept))
    names = " ".join(archive.name for archive in archives)
    return [
        (f"{len(archives)} archives, cold", together, count),
        (f"  {archives[-1].name} added to the others", added, _count_members(archives[-1])),
        ("  warm re-build", warm, count),
        (f"  ({names})", 0.0, 0),
    ]


def best(repeat: int, run: Callable[[int], float]) -> float:
    return min(run(n) for n in range(repeat))


CPU_SECONDS: dict[float, float] = {}  # each run's wall-clock seconds → its CPU seconds, all processes


def run_build(inputs: Sequence[Path], out: Path, user_cache: Path) -> float:
    """Run the command line build in a fresh process; return its wall-clock seconds, note its CPU seconds."""
    command = [sys.executable, "-m", "data_prep", "build", *map(str, inputs), "--out", str(out), "--quiet"]
    environment = {**os.environ, "XDG_CACHE_HOME": str(user_cache)}
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT, check=False, env=environment)
    elapsed = time.perf_counter() - started
    CPU_SECONDS[elapsed] = _children_cpu() - cpu_before
    if done.returncode not in (0, 3):
        raise SystemExit(f"build failed with exit status {done.returncode}: {' '.join(command)}")
    return elapsed


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def find_articles_folder(corpus: Path, scratch: Path) -> Path:
    """Return the articles folder of a corpus, extracting an archive first; prefer its _posts folder."""
    if corpus.is_file():
        with tarfile.open(corpus) as archive:
            archive.extractall(scratch, filter="data")
        corpus = scratch
    posts = [p for p in corpus.rglob("_posts") if p.is_dir()]
    return posts[0] if posts else corpus


def _count_members(archive: Path) -> int:
    with tarfile.open(archive) as tar:
        return sum(1 for member in tar if member.isfile())


def time_naive(sample: list[Path]) -> float:
    """Return seconds per article for BeautifulSoup get_text plus dateparser's search_dates."""
    from bs4 import BeautifulSoup
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(2024, 1, 15)}  # a fixed base: no clock in the measurement
    search_dates("2024年1月15日", languages=["zh"], settings=settings)  # load its language data first
    started = time.perf_counter()
    for path in sample:
        text = BeautifulSoup(path.read_text("utf-8", errors="replace"), "lxml").get_text()
        search_dates(text, languages=["zh"], settings=settings)
    return (time.perf_counter() - started) / len(sample)


def print_results(
    rows: list[tuple[str, float, int]], naive: float, peak_mib: float, month_files: int
) -> None:
    naive_rate = 1 / naive
    month_rate = month_files / rows[0][1]
    print(f"load average (1, 5, 15 min) at the end: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    print(f"{'':<44} {'seconds':>8} {'articles':>9} {'articles/s':>11} {'CPU s':>7}")
    for name, seconds, count in rows:
        if not count:
            print(name)
            continue
        print(
            f"{name:<44} {seconds:>8.2f} {count:>9,} {count / seconds:>11,.0f} {CPU_SECONDS[seconds]:>7.2f}"
        )
    print(f"{'naive (sampled, per article)':<44} {naive * 1000:>6.1f}ms {'':>9} {naive_rate:>11,.1f}")
    verdicts = [
        (f"month cold >= {TARGETS['rate']:,} articles/s", month_rate >= TARGETS["rate"]),
        (f"speed-up vs naive {month_rate / naive_rate:,.0f}x >= {TARGETS['speedup']}x",
         month_rate / naive_rate >= TARGETS["speedup"]),
        (f"peak memory {peak_mib:,.0f} MiB < {TARGETS['peak_mib']} MiB", peak_mib < TARGETS["peak_mib"]),
    ]  # fmt: skip
    archives = [row for row in rows if row[0].endswith("archives, cold")]
    if archives:
        added = rows[rows.index(archives[0]) + 1]
        verdicts += [
            (f"archives cold {archives[0][1]:.2f} s < {TARGETS['archives_s']} s",
             archives[0][1] < TARGETS["archives_s"]),
            (f"month added {added[1]:.2f} s < {TARGETS['added_s']} s", added[1] < TARGETS["added_s"]),
        ]  # fmt: skip
    for text, met in verdicts:
        print(f"{'target met' if met else 'TARGET MISSED':<14} {text}")


def profile_build(month: Path, scratch: Path, count: int) -> None:
    """Profile a single-process, cache-less build of the month's first `count` files; print the top."""
    sys.path.insert(0, str(PROJECT))
    from data_prep.build import build

    folder = scratch / "profile"
    folder.mkdir()
    for path in sorted(month.iterdir())[:count]:
        (folder / path.name).write_bytes(path.read_bytes())
    profiler = cProfile.Profile()
    profiler.runcall(build, folder, scratch / "profile-out", workers=1, use_cache=False)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--month", type=Path, default=CORPORA / "corpus-2401.tar.gz", metavar="CORPUS")
    parser.add_argument("--archives", nargs="*", default=[str(CORPORA / "corpus-*.tar.gz")], metavar="GLOB")
    parser.add_argument("--sample", type=int, default=150, help="articles for the naive approach")
    parser.add_argument("--seed", type=int, default=2401)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each build; the best is shown")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="profile a build of N files")
    return parser


if __name__ == "__main__":
    sys.exit(main())
