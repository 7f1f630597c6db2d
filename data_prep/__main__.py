"""Command line: `python -m data_prep build ARTICLES_DIR --out OUT_DIR`; turns outcomes into exit codes.

Exit status: 0 every file was read; 3 some files were skipped (the table is still written);
2 usage error (bad arguments, missing folder); 1 unexpected failure.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130  # the shell's convention for SIGINT
_BAR_MIN_FILES = 300  # below this, a build is over before a progress bar helps


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = _parser().parse_args(argv)
    from data_prep.build import build  # after parsing, so --help stays instant
    from data_prep.errors import FolderError
    from data_prep.output.report import build_report, format_summary

    started = time.perf_counter()
    progress = None if args.quiet else ProgressBar(sys.stderr)
    try:
        result = build(args.articles_dir, args.out, workers=args.workers, use_cache=not args.no_cache,
                       progress=progress)  # fmt: skip
    except FolderError as error:
        print(f"data_prep: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("data_prep: interrupted; the previous outputs are intact", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # the command line's last resort: say what broke, with the traceback
        traceback.print_exc()
        print(f"data_prep: build failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        if progress is not None:
            progress.close()
    if not args.quiet:
        elapsed = time.perf_counter() - started
        print(format_summary(build_report(result)), file=sys.stderr)
        print(
            f"reused {result.reused} cached results; {elapsed:.1f} s; wrote {result.out_dir}", file=sys.stderr
        )
    return EXIT_SKIPPED if result.skipped else EXIT_OK


class ProgressBar:
    """A one-line bar on a terminal, or a line per tenth of the way on a log, for long builds only."""

    def __init__(self, stream: TextIO, width: int = 40) -> None:
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()
        self.shown = -1
        self.open = False

    def __call__(self, done: int, total: int) -> None:
        if total == 0 or not (self.tty or total > _BAR_MIN_FILES):
            return
        step = done * (self.width if self.tty else 10) // total
        if step == self.shown:
            return
        self.shown = step
        if self.tty:
            bar = "#" * (done * self.width // total)
            self.stream.write(f"\r[{bar:<{self.width}}] {done}/{total} files")
            self.open = True
        else:
            self.stream.write(f"{done}/{total} files\n")
        self.stream.flush()

    def close(self) -> None:
        if self.open:
            self.stream.write("\n")
            self.stream.flush()
            self.open = False


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data_prep", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the meetings table of a folder of articles")
    build.add_argument("articles_dir", type=Path, metavar="ARTICLES_DIR")
    build.add_argument("--out", type=Path, required=True, metavar="OUT_DIR")
    build.add_argument("--workers", type=_positive, default=None, help="processes (default: one per CPU)")
    build.add_argument("--no-cache", action="store_true", help="ignore and do not write OUT_DIR/.cache")
    build.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


if __name__ == "__main__":
    sys.exit(main())
