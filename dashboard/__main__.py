"""Command line: serve the dashboard (building the table of the articles when needed), or export the
timeline as the page does (`export-png`, PNG or SVG)."""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from dashboard.contract import MEETING_TYPES, STATUSES, TOPICS
from dashboard.data import Table, TableError, read_table
from dashboard.figures import find_extent
from dashboard.filtering import Filters, filter_meetings
from dashboard.i18n import label
from dashboard.spellings import find_spellings

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SEEDS_DIR = REPO_DIR / "seeds"
TABLE_FILES = ("meetings.json", "articles.json")
EXPORT_MARGIN_MS = 20 * 86_400_000.0


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of `python -m dashboard [export-png OUT.png]`."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="US–China meetings dashboard.")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--data", type=Path, help="folder of a built table (meetings.json, articles.json)")
    source.add_argument(
        "--articles", type=Path, help="folder of articles to build the table from (default: seeds/)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050)
    parser.add_argument("--debug", action="store_true", help="Dash debug mode and dev tools (off by default)")
    parser.add_argument(
        "--corrections", type=Path, metavar="FILE", help="analysts' corrections (YAML) to apply"
    )
    parser.add_argument(
        "--editable", action="store_true", help="edit mode: write corrections to --corrections"
    )
    parser.add_argument("--editor", help="the name written as `by` in edit mode (default: the login name)")
    commands = parser.add_subparsers(dest="command")
    png = commands.add_parser(
        "export-png", help="write the filtered timeline as the page exports it (PNG, or SVG for a .svg name)"
    )
    png.add_argument("out", type=Path)
    png.add_argument("--data", dest="png_data", type=Path, help="folder of a built table (default: seeds/)")
    png.add_argument("--articles", dest="png_articles", type=Path, help="folder of articles to build from")
    png.add_argument("--topic", action="append", default=[], help="taiwan, Taiwan or 台湾; repeat or a,b")
    png.add_argument("--official", action="append", default=[], help="any spelling: Wang Yi, 王毅, 蘇利文")
    png.add_argument("--type", action="append", default=[], help="in_person, phone, video or unknown")
    png.add_argument("--status", action="append", default=[], help="held or planned")
    png.add_argument("--outlet", action="append", default=[])
    png.add_argument("--side", choices=("US", "CN"), help="whose participants --official matches")
    png.add_argument("--start", help="YYYY-MM-DD: meetings from this day")
    png.add_argument("--end", help="YYYY-MM-DD: meetings up to this day")
    png.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="language of title, labels and footer"
    )
    png.add_argument("--format", choices=("png", "svg"), help="default: from the file name, else png")
    png.add_argument("--width", type=int, default=1600)
    png.add_argument("--height", type=int, default=900)
    return parser


class UsageError(Exception):
    """A value of the command line is not one the table or the contract knows."""


def resolve_choices(values: Iterable[str], names: Mapping[str, str], option: str) -> tuple[str, ...]:
    """Map each value (any case, comma-separated, any known name of it) to its key; raise UsageError."""
    found = []
    for value in (part.strip() for v in values for part in v.split(",")):
        if not value:
            continue
        key = names.get(value.casefold())
        if key is None:
            raise UsageError(f"{option} {value!r} is not known")
        found.append(key)
    return tuple(dict.fromkeys(found))


def build_name_index(keys: Iterable[str], spell: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Index every spelling of every key (casefolded) to that key."""
    return {name.casefold(): key for key in keys for name in (key, *spell.get(key, ()))}


def parse_day(value: str | None, option: str) -> date | None:
    """Read YYYY-MM-DD or raise UsageError naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise UsageError(f"{option} {value!r} is not a date (YYYY-MM-DD)") from error


def build_export_filters(args: argparse.Namespace, table: Table) -> Filters:
    """Turn the export command's options into Filters, accepting every spelling the page accepts."""
    topic_names = {topic: [label("topic", topic, lang) for lang in ("en", "zh")] for topic in TOPICS}
    official_names = {
        key: find_spellings(key, zh if isinstance(zh, str) else None)
        for key, zh in zip(table.officials["key"], table.officials["name_zh"], strict=True)
    }
    start, end = parse_day(args.start, "--start"), parse_day(args.end, "--end")
    if start and end and start > end:
        raise UsageError(f"--start {args.start} is after --end {args.end}")
    return Filters(
        topics=resolve_choices(args.topic, build_name_index(TOPICS, topic_names), "--topic"),
        officials=resolve_choices(
            args.official, build_name_index(official_names, official_names), "--official"
        ),
        side=args.side or "",
        types=resolve_choices(args.type, build_name_index(MEETING_TYPES, {}), "--type"),
        statuses=resolve_choices(args.status, build_name_index(STATUSES, {}), "--status"),
        outlets=resolve_choices(args.outlet, build_name_index(table.outlets, {}), "--outlet"),
        start=start,
        end=end,
    )


def run_export(args: argparse.Namespace) -> int:
    """Write the filtered timeline as the page exports it; return the exit code (2: bad input)."""
    from dashboard import export

    table = load_table(
        argparse.Namespace(data=args.png_data or args.data, articles=args.png_articles or args.articles)
    )
    if isinstance(table, TableError):
        print(f"export-png: {table}", file=sys.stderr)
        return 2
    try:
        filters = build_export_filters(args, table)
    except UsageError as error:
        print(f"export-png: {error}", file=sys.stderr)
        return 2
    image_format: export.ImageFormat = (
        "svg" if (args.format or args.out.suffix.lower()[1:]) == "svg" else "png"
    )
    # No page, no zoom: the command draws every meeting in play, with a little room on each side.
    extent = find_extent(filter_meetings(table.meetings, filters))
    margin = max(EXPORT_MARGIN_MS, (extent[1] - extent[0]) * 0.08) if extent else 0.0
    zoom = (extent[0] - margin, extent[1] + margin) if extent else None
    request = export.ExportRequest(filters, args.lang, zoom, args.width, args.height, image_format)
    began = time.perf_counter()
    args.out.write_bytes(export.export_image(table, request))
    count = len(filter_meetings(table.meetings, filters))
    meetings = "1 meeting" if count == 1 else f"{count} meetings"
    print(f"wrote {args.out}: {meetings}, {image_format.upper()} {args.width}x{args.height} px, "
          f"{time.perf_counter() - began:.1f} s", file=sys.stderr)  # fmt: skip
    return 0


def find_cache_dir(articles: Path) -> Path:
    """Return the folder the table of these articles is built into (repo .cache/ or the user cache)."""
    root = REPO_DIR / ".cache" if (REPO_DIR / "pyproject.toml").exists() else _user_cache()
    if articles.resolve() == SEEDS_DIR.resolve():
        return root / "seeds-table"
    digest = hashlib.sha256(str(articles.resolve()).encode()).hexdigest()[:12]
    return root / "tables" / f"{articles.resolve().name}-{digest}"


def _user_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "meetings-tracker"


def is_stale(table_dir: Path, articles: Path) -> bool:
    """Tell whether the table is missing or older than any file of the articles folder."""
    built = [table_dir / name for name in TABLE_FILES]
    if not all(path.exists() for path in built):
        return True
    oldest = min(path.stat().st_mtime for path in built)
    return any(path.stat().st_mtime > oldest for path in articles.rglob("*") if path.is_file())


def build_table(articles: Path, out: Path) -> None:
    """Run the data_prep build as a subprocess; raise TableError with its last message on failure."""
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "data_prep", "build", str(articles), "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO_DIR, check=False)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines() or [f"exit code {result.returncode}"]
        raise TableError(out / "meetings.json", f"building it from {articles} failed: {lines[-1]}")


def load_table(args: argparse.Namespace) -> Table | TableError:
    """Read the table asked for, building it first when it comes from an articles folder."""
    try:
        if args.data:
            return read_table(args.data)
        articles = args.articles or SEEDS_DIR
        if not articles.is_dir():
            return TableError(articles, "no such folder of articles")
        table_dir = find_cache_dir(articles)
        if is_stale(table_dir, articles):
            print(f"building the meetings table of {articles} into {table_dir} …", file=sys.stderr)
            build_table(articles, table_dir)
        return read_table(table_dir)
    except TableError as error:
        return error


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the dashboard, or run the export-png command; return the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "export-png":
        return run_export(args)
    if args.corrections or args.editable:
        from dashboard.edit_server import run_with_corrections

        return run_with_corrections(args)
    table = load_table(args)
    if isinstance(table, TableError):
        print(f"error: {table}", file=sys.stderr)
    from dashboard.app import create_app

    app = create_app(table)
    print(f"serving on http://{args.host}:{args.port}/", file=sys.stderr)
    app.run(
        host=args.host, port=args.port, debug=args.debug, dev_tools_ui=args.debug, dev_tools_hot_reload=False
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
