"""Build a month of news and score its table against a gold table with the shared scorer.

    .venv/bin/python bench/score_month.py CORPUS GOLD_CSV --from 2024-01-01 --to 2024-01-31 \
        [--scorer ../shared/eval/score.py] [--show] [--keep OUT_DIR]

CORPUS is an articles folder or a .tar.gz of one (extracted to a temporary folder; a `_posts/`
inside is used when present). The scorer is run with this interpreter, so that it can use OpenCC.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path


def find_articles_folder(corpus: Path, scratch: Path) -> Path:
    """The folder of articles: the corpus itself, or its archive extracted into scratch."""
    if corpus.is_dir():
        folder = corpus
    else:
        with tarfile.open(corpus) as archive:
            archive.extractall(scratch, filter="data")
        folder = scratch
    posts = folder / "_posts"
    return posts if posts.is_dir() else folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--from", dest="start", required=True)
    parser.add_argument("--to", dest="end", required=True)
    parser.add_argument("--scorer", type=Path, default=Path("../shared/eval/score.py"))
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the table here instead of a temporary folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="score-month-") as scratch:
        articles = find_articles_folder(args.corpus, Path(scratch) / "corpus")
        out = args.keep or Path(scratch) / "out"
        build = [sys.executable, "-m", "data_prep", "build", str(articles), "--out", str(out), "--quiet"]
        status = subprocess.run(build, check=False).returncode
        if status not in (0, 3):  # 3: some files were skipped, the table is still written
            return status
        score = [
            sys.executable,
            str(args.scorer),
            str(out / "meetings.json"),
            str(args.gold),
            "--from",
            args.start,
            "--to",
            args.end,
        ] + (["--show"] if args.show else [])
        print("command:", " ".join(score))
        return subprocess.run(score, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
