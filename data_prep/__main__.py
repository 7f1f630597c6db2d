"""Command line: `python -m data_prep build INPUT... --out OUT_DIR`; turns outcomes into exit codes.

Exit status: 0 every file was read; 3 some files were skipped or some corrections were malformed (the
table is still written); 2 usage error (bad arguments, missing folder or file); 1 unexpected failure.
`python -m data_prep corrections check FILE --data OUT_DIR` lists what each correction does.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130  # the shell's convention for SIGINT
INTERRUPTED = "data_prep: interrupted; the previous outputs are intact"
_BAR_MIN_FILES = 300  # below this, a build is over before a progress bar helps


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = _parser().parse_args(argv)
    if args.command == "corrections":
        return _check_corrections(args.file, args.data)
    if args.command == "explain":
        return _explain(args.file, args.table)
    if args.command == "officials":
        return _officials(args.unknown)
    from data_prep.output.parquet_process import start_formatter, stop_formatter

    start_formatter(args.out)  # before the build's imports: pyarrow's import runs meanwhile, on the idle core
    try:  # Ctrl-C while importing (a few tenths of a second) ends like Ctrl-C while building
        from data_prep.build import build  # after parsing, so --help stays instant
        from data_prep.engines.dask_cluster import DaskUnavailableError
        from data_prep.errors import FolderError, OutputError
        from data_prep.output.report import build_report, format_summary
        from data_prep.vocab.loader import VocabError
    except KeyboardInterrupt:
        stop_formatter()
        print(INTERRUPTED, file=sys.stderr)
        return EXIT_INTERRUPTED

    started = time.perf_counter()
    progress = None if args.quiet else ProgressBar(sys.stderr)
    try:
        result = build(args.inputs, args.out, workers=args.workers, use_cache=not args.no_cache,
                       progress=progress, engine=args.engine, scheduler=args.scheduler,
                       corrections=args.corrections, officials=args.officials)  # fmt: skip
    except (FolderError, DaskUnavailableError, VocabError) as error:
        print(f"data_prep: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OutputError as error:  # a known failure: the message names the file, a traceback adds nothing
        print(f"data_prep: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # the command line's last resort: say what broke, with the traceback
        traceback.print_exc()
        print(f"data_prep: build failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        stop_formatter()
        if progress is not None:
            progress.close()
    if not args.quiet:
        elapsed = time.perf_counter() - started
        print(format_summary(build_report(result)), file=sys.stderr)
        print(
            f"reused {result.reused} cached results; {elapsed:.1f} s; wrote {result.out_dir}", file=sys.stderr
        )
    failed = result.corrections is not None and result.corrections.failed
    return EXIT_SKIPPED if result.skipped or failed else EXIT_OK


def _check_corrections(path: Path, data: Path) -> int:
    """List what each entry of a corrections file does to a built table; write nothing."""
    from data_prep.correct.check import CheckError, check_corrections
    from data_prep.correct.entries import CorrectionsFileError

    try:
        report = check_corrections(path, data)
    except (CheckError, CorrectionsFileError) as error:
        print(f"data_prep: {error}", file=sys.stderr)
        return EXIT_USAGE
    print("\n".join(report.lines))
    return EXIT_SKIPPED if report.problems else EXIT_OK


class ProgressBar:
    """Articles done across every input, with the rate and the time left (tqdm), for long builds only.

    On a terminal, one live bar; on a log, a line per tenth of the way in the same format.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.bar: tqdm | None = None
        self.started = time.perf_counter()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if total == 0 or not (self.tty or total > _BAR_MIN_FILES):
            return
        if not self.tty:
            self._log_line(done, total)
            return
        if self.bar is None:
            from tqdm import tqdm  # here: its import costs a tenth of a second that quiet builds need not pay

            self.bar = tqdm(total=total, file=self.stream, unit="articles", leave=True,
                            dynamic_ncols=True, mininterval=0.2)  # fmt: skip
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def _log_line(self, done: int, total: int) -> None:
        tenth = done * 10 // total
        if tenth == self.shown:
            return
        self.shown = tenth
        from tqdm import tqdm

        elapsed = time.perf_counter() - self.started
        line = tqdm.format_meter(done, total, elapsed, unit="articles", ascii=True)
        self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data_prep", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the meetings table of a folder of articles")
    what = "a folder of articles, a .tar.gz/.tgz/.tar/.zip archive of them, or a glob"
    build.add_argument("inputs", nargs="+", metavar="INPUT", help=what)
    build.add_argument("--out", type=Path, required=True, metavar="OUT_DIR")
    build.add_argument("--workers", type=_positive, default=None, help="processes (default: one per CPU)")
    build.add_argument("--no-cache", action="store_true", help="ignore and do not write OUT_DIR/.cache")
    build.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    build.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: a pool of processes here (default); dask: a dask.distributed cluster",
    )
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="the dask scheduler (tcp://host:8786); without it, a LocalCluster")  # fmt: skip
    build.add_argument("--corrections", type=Path, metavar="FILE", help="analysts' corrections (YAML)")
    corrections = commands.add_parser("corrections", help="work with a corrections file")
    actions = corrections.add_subparsers(dest="action", required=True)
    check = actions.add_parser("check", help="list what each correction does to a table; write nothing")
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument("--data", type=Path, required=True, metavar="OUT_DIR")
    explain = commands.add_parser(
        "explain", help="say, sentence by sentence, what the build makes of one article"
    )
    explain.add_argument("file", type=Path, metavar="FILE")
    explain.add_argument(
        "--table", type=Path, default=None, metavar="OUT_DIR", help="a built table to find rows in"
    )
    build.add_argument(
        "--officials", type=Path, metavar="FILE", help="a user's officials file, read beside the packaged one"
    )
    officials = commands.add_parser("officials", help="list what a build found about officials")
    officials.add_argument(
        "--unknown",
        type=Path,
        required=True,
        metavar="OUT_DIR",
        help="print the officials a build in OUT_DIR found outside the dictionary, as a user vocabulary",
    )
    return parser


def _explain(file: Path, table: Path | None) -> int:
    """Print the explanation of one article; a missing file or table is a usage error."""
    from data_prep.errors import ArticleFormatError
    from data_prep.explain import explain_file, format_explanation

    if not file.is_file() or (table is not None and not (table / "meetings.json").is_file()):
        print(f"data_prep: no such article or table: {file}{'' if table is None else ', ' + str(table)}",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    try:
        print(format_explanation(explain_file(file, table)))
    except ArticleFormatError as error:
        print(f"data_prep: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _officials(out_dir: Path) -> int:
    """Print the unknown officials of the report in out_dir as entries of a user's officials file."""
    import json

    from data_prep.output.user_officials import build_user_officials

    try:
        report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"data_prep: cannot read {out_dir / 'report.json'}: {error}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(build_user_officials(report))
    return EXIT_OK


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _exit(status: int) -> NoReturn:
    """Exit at once, without freeing every object one by one (0.2 s after a four-month build).

    By now every output file is written and closed and every worker process has ended; only the
    standard streams may hold buffered text.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone (`| head`) or a stream closed: nothing to add
            pass
    os._exit(status)


if __name__ == "__main__":
    _exit(main())
