"""Command line: serve the dashboard (building the table of the articles when needed), or export a PNG."""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from dashboard.data import Table, TableError, read_table

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SEEDS_DIR = REPO_DIR / "seeds"
TABLE_FILES = ("meetings.json", "articles.json")


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
    commands = parser.add_subparsers(dest="command")
    png = commands.add_parser("export-png", help="write the filtered timeline as a PNG")
    png.add_argument("out", type=Path)
    png.add_argument("--data", dest="png_data", type=Path, help="folder of a built table")
    png.add_argument("--topic", action="append", default=[])
    png.add_argument("--official", action="append", default=[])
    png.add_argument("--type", action="append", default=[], help="in_person, phone, video or unknown")
    png.add_argument("--status", action="append", default=[], help="held or planned")
    png.add_argument("--outlet", action="append", default=[])
    png.add_argument("--side", choices=("US", "CN"), help="whose participants --official matches")
    png.add_argument("--start", help="YYYY-MM-DD")
    png.add_argument("--end", help="YYYY-MM-DD")
    png.add_argument("--width", type=int, default=1600)
    png.add_argument("--height", type=int, default=900)
    return parser


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
        from dashboard import export

        args.data = args.png_data or args.data
        return export.run_export_png(args)
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
