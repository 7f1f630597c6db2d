"""Time the build over a month of news against the naive approach, and say what dominates.

    python bench/build_bench.py CORPUS [--sample 150] [--seed 2401] [--workers N] [--profile 2000]

CORPUS is an articles folder or a .tar.gz of one (extracted to a temporary folder). Measured:
- cold build: `python -m data_prep build` in a fresh process with an empty output folder
  (start-up, imports, every file read and extracted, the four outputs written);
- warm re-build: the same command again, nothing changed;
- naive: BeautifulSoup(html, "lxml").get_text() plus dateparser.search.search_dates over the text,
  on a fixed-seed random sample, extrapolated per article;
- peak memory: the largest resident set of any child process (getrusage RUSAGE_CHILDREN).
--profile N also profiles a single-process build of N sampled files and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
TARGETS = {"articles_per_second": 3000, "speedup": 50, "warm_seconds": 1.0, "peak_mib": 1024}
_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".txt")


def main() -> int:
    args = _parser().parse_args()
    with tempfile.TemporaryDirectory(prefix="build-bench-") as scratch:
        articles = find_articles_folder(args.corpus, Path(scratch))
        files = sorted(p for p in articles.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
        print(f"corpus: {articles} ({len(files)} article files)")
        out = Path(scratch) / "out"
        cold = time_build(articles, out, args.workers)
        warm = time_build(articles, out, args.workers)
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        sample = random.Random(args.seed).sample(files, min(args.sample, len(files)))
        naive = time_naive(sample)
        print_results(len(files), cold, warm, naive, peak_mib)
        if args.profile:
            profiled = random.Random(args.seed).sample(files, min(args.profile, len(files)))
            profile_build(profiled, Path(scratch))
    return 0


def find_articles_folder(corpus: Path, scratch: Path) -> Path:
    """Return the articles folder of a corpus, extracting a .tar.gz first; prefer its _posts folder."""
    if corpus.is_file():
        with tarfile.open(corpus) as archive:
            archive.extractall(scratch / "corpus", filter="data")
        corpus = scratch / "corpus"
    posts = [p for p in corpus.rglob("_posts") if p.is_dir()]
    return posts[0] if posts else corpus


def time_build(articles: Path, out: Path, workers: int | None) -> tuple[float, float]:
    """Run the command line build in a fresh process; return wall-clock and CPU seconds (all processes)."""
    command = [sys.executable, "-m", "data_prep", "build", str(articles), "--out", str(out), "--quiet"]
    if workers:
        command += ["--workers", str(workers)]
    before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 3):
        raise SystemExit(f"build failed with exit status {done.returncode}")
    return elapsed, _children_cpu() - before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
    count: int, cold: tuple[float, float], warm: tuple[float, float], naive: float, peak_mib: float
) -> None:
    rate, naive_rate = count / cold[0], 1 / naive
    rows = [
        ("cold build", f"{cold[0]:.2f} s", f"{rate:,.0f} articles/s", rate >= TARGETS["articles_per_second"]),
        ("  its CPU time", f"{cold[1]:.2f} s", f"{count / cold[1]:,.0f} articles/CPU-s", None),
        ("warm re-build", f"{warm[0]:.2f} s", f"CPU {warm[1]:.2f} s", warm[0] < TARGETS["warm_seconds"]),
        ("naive (sampled)", f"{naive * 1000:.1f} ms/article", f"{naive_rate:,.1f} articles/s", None),
        ("speed-up", f"{rate / naive_rate:,.0f}x", "", rate / naive_rate >= TARGETS["speedup"]),
        ("peak memory", f"{peak_mib:,.0f} MiB", "largest process", peak_mib < TARGETS["peak_mib"]),
    ]
    for name, value, detail, met in rows:
        verdict = "" if met is None else ("target met" if met else "TARGET MISSED")
        print(f"{name:<16} {value:>18}  {detail:<20} {verdict}")


def profile_build(sample: list[Path], scratch: Path) -> None:
    """Profile a single-process, cache-less build of the sample; print time by module and by function."""
    sys.path.insert(0, str(PROJECT))
    from data_prep.build import build

    folder = scratch / "profile"
    folder.mkdir()
    for path in sample:
        shutil.copy2(path, folder / path.name)
    profiler = cProfile.Profile()
    profiler.runcall(build, folder, scratch / "profile-out", workers=1, use_cache=False)
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    by_module: defaultdict[str, float] = defaultdict(float)
    for (filename, _, _), row in stats.stats.items():  # type: ignore[attr-defined]
        by_module[_module_of(filename)] += row[2]
    print(f"\nprofile of {len(sample)} files in one process ({total:.1f} s of own time):")
    for module, seconds in sorted(by_module.items(), key=lambda item: -item[1])[:15]:
        print(f"  {seconds / total:6.1%}  {module}")
    stats.sort_stats("tottime").print_stats(20)


def _module_of(filename: str) -> str:
    if filename == "~":
        return "built-ins (decoding, regex, hashing, pickling, imports' unmarshal)"
    path = Path(filename)
    if "data_prep" in path.parts:
        return "data_prep." + path.stem
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1]
    return "python: " + path.stem if filename.startswith(("/", "<frozen")) else filename


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, metavar="CORPUS")
    parser.add_argument("--sample", type=int, default=150, help="articles for the naive approach")
    parser.add_argument("--seed", type=int, default=2401)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="profile a build of N files")
    return parser


if __name__ == "__main__":
    sys.exit(main())
