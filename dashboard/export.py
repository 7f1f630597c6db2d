"""Export the filtered timeline: a titled PNG of the figure, and the rows as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import math
import struct
import sys
import time
from argparse import Namespace
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.data import CONTRACT_COLUMNS, TableError, read_table
from dashboard.figures import build_timeline_figure
from dashboard.filtering import Filters, Vocabulary, filter_meetings
from dashboard.i18n import label

# CJK first: the export browser falls back font by font, and a Latin-first stack renders Chinese as boxes
# on machines where the Latin font has no CJK glyphs.
EXPORT_FONT = "Noto Sans CJK SC, Noto Sans CJK TC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
# A cell starting with one of these is read as a formula by spreadsheets (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "id", "start_date", "end_date", "date_precision", "status", "meeting_type", "location",
    "participants", "topics", "outlets", "source_titles", "source_urls", "source_paths", "excerpts",
)  # fmt: skip
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FOOTER_MAX_OUTLETS = 8
FILTER_OPTIONS = ("topic", "official", "type", "status", "outlet")
SPLIT_ON_COMMAS = ("topic", "type", "status")  # vocabulary words; names of people and outlets may hold commas
RECORD_COLUMN = "record"  # the dashboard's table keeps each meeting's contract dict here


class ExportError(Exception):
    """An export could not be produced as asked."""


def build_export_figure(fig: go.Figure, *, title: str, footer: str, width: int, height: int) -> go.Figure:
    """Return a copy of the figure sized for export, with a title and a footer naming the sources."""
    out = go.Figure(fig)
    out.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 22}},
        font={"family": EXPORT_FONT},
        width=width,
        height=height,
        margin={"t": 80, "b": 90},
    )
    # The range slider and zoom buttons are controls; on paper they only crowd the footer and the title.
    out.update_xaxes(rangeslider_visible=False, rangeselector_visible=False)
    out.add_annotation(
        text=footer,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-70,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        font={"size": 12, "color": "#555"},
    )
    return out


def export_png(
    df: pd.DataFrame,
    *,
    title: str,
    footer: str | None = None,
    lang: str = "en",
    width: int = 1600,
    height: int = 900,
) -> bytes:
    """Render the timeline of these (already filtered) meetings as a titled PNG."""
    fig = build_timeline_figure(df, lang)
    footer_text = build_footer(df) if footer is None else footer
    return figure_to_png(
        build_export_figure(fig, title=title, footer=footer_text, width=width, height=height), width, height
    )


def run_export_png(args: Namespace) -> int:
    """Write the filtered timeline as a PNG (the `export-png` command); return the exit code."""
    try:
        table = read_table(Path(args.data))
    except TableError as error:
        print(f"export-png: {error}", file=sys.stderr)
        return 2
    vocabulary = Vocabulary(officials=frozenset(table.officials["key"]), outlets=frozenset(table.outlets))
    asked = {name: _listed(getattr(args, name, None), name in SPLIT_ON_COMMAS) for name in FILTER_OPTIONS}
    filters = Filters.from_inputs(
        asked["topic"], asked["official"], getattr(args, "side", None), asked["type"], asked["status"],
        asked["outlet"], getattr(args, "start", None), getattr(args, "end", None), vocabulary=vocabulary,
    )  # fmt: skip
    unknown = _find_unknown(asked, filters)
    if unknown:
        print(f"export-png: unknown filter values: {', '.join(unknown)}", file=sys.stderr)
        return 2
    shown = filter_meetings(table.meetings, filters)
    began = time.perf_counter()
    data = export_png(shown, title=title_for(filters, len(shown)), width=args.width, height=args.height)
    Path(args.out).write_bytes(data)
    elapsed = time.perf_counter() - began
    print(
        f"wrote {args.out}: {len(shown)} meetings, {args.width}x{args.height} px, {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0


def title_for(filters: Filters, count: int, lang: str = "en") -> str:
    """Name the active filters of a Filters (in the page's words) and the number of meetings shown."""
    return build_title(
        count=count,
        topics=[label("topic", topic, lang) for topic in filters.topics],
        officials=filters.officials,
        meeting_types=[label("type", kind, lang) for kind in filters.types],
        statuses=[label("status", status, lang) for status in filters.statuses],
        sides=(filters.side,) if filters.side else (),
        outlets=filters.outlets,
        start=filters.start.isoformat() if filters.start else None,
        end=filters.end.isoformat() if filters.end else None,
    )


def _listed(value: str | Sequence[str] | None, split: bool) -> list[str]:
    values = [value] if isinstance(value, str) else list(value or [])
    return [part.strip() for v in values for part in (v.split(",") if split else [v]) if part.strip()]


def _find_unknown(asked: Mapping[str, list[str]], filters: Filters) -> list[str]:
    kept = {
        "topic": filters.topics, "official": filters.officials, "type": filters.types,
        "status": filters.statuses, "outlet": filters.outlets,
    }  # fmt: skip
    return [
        f"--{name} {value!r}" for name, values in asked.items() for value in values if value not in kept[name]
    ]


def figure_to_png(fig: go.Figure, width: int, height: int, scale: int = 1) -> bytes:
    """Render the figure as PNG bytes of exactly width*scale by height*scale pixels."""
    data = pio.to_image(fig, format="png", width=width, height=height, scale=scale)
    size = png_size(data)
    if size != (width * scale, height * scale):
        raise ExportError(f"PNG is {size[0]}x{size[1]} pixels, asked for {width * scale}x{height * scale}")
    return data


def png_size(data: bytes) -> tuple[int, int]:
    """Read (width, height) from the IHDR chunk of PNG bytes."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ExportError("not a PNG: missing signature or IHDR chunk")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def build_title(
    *,
    count: int,
    topics: Sequence[str] = (),
    officials: Sequence[str] = (),
    meeting_types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    sides: Sequence[str] = (),
    outlets: Sequence[str] = (),
    start: str | None = None,
    end: str | None = None,
) -> str:
    """Name the active filters and the number of meetings shown, for the export's title."""
    parts = [f"US–China official meetings ({count})"]
    for name, values in (
        ("topic", topics),
        ("official", officials),
        ("type", meeting_types),
        ("status", statuses),
        ("side", sides),
        ("outlet", outlets),
    ):
        if values:
            parts.append(f"{name}: {', '.join(values)}")
    if start or end:
        parts.append(f"{start or '…'} – {end or '…'}")
    if len(parts) == 1:
        parts.append("all meetings")
    return " · ".join(parts)


def build_footer(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> str:
    """Name the outlets and the number of articles behind the rows, for the export's footer."""
    outlets: dict[str, int] = {}
    articles: set[str] = set()
    for record in _records(rows):
        for source in _list(record.get("sources")):
            if isinstance(source, Mapping):
                articles.add(str(source.get("path") or source.get("url") or ""))
                outlet = source.get("outlet")
                if outlet:
                    outlets[str(outlet)] = outlets.get(str(outlet), 0) + 1
    ranked = sorted(outlets, key=lambda name: (-outlets[name], name))
    shown = ", ".join(ranked[:FOOTER_MAX_OUTLETS])
    more = f" and {len(ranked) - FOOTER_MAX_OUTLETS} more" if len(ranked) > FOOTER_MAX_OUTLETS else ""
    return f"Sources: {len(articles)} articles; outlets: {shown or 'unnamed'}{more}"


def meetings_csv(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> str:
    """Return the meetings as CSV text, one row each, with a BOM and formula-like cells defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in _records(rows):
        writer.writerow([escape_cell(cell) for cell in _csv_row(record)])
    return "\ufeff" + buffer.getvalue()


def escape_cell(value: str) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would run as a formula."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def meetings_json(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> str:
    """Return the meetings as JSON text in the contract's shape ({"meetings": [...]})."""
    meetings = [{key: _jsonable(value) for key, value in record.items()} for record in _records(rows)]
    return json.dumps({"meetings": meetings}, ensure_ascii=False, indent=2)


def _csv_row(record: Mapping[str, Any]) -> list[str]:
    participants = [_participant_label(p) for p in _list(record.get("participants"))]
    sources = [s for s in _list(record.get("sources")) if isinstance(s, Mapping)]
    excerpts = [
        _text(e.get("text")) if isinstance(e, Mapping) else _text(e) for e in _list(record.get("excerpts"))
    ]
    return [
        _text(record.get("id")),
        _text(record.get("start_date")),
        _text(record.get("end_date")),
        _text(record.get("date_precision")),
        _text(record.get("status")),
        _text(record.get("meeting_type")),
        _text(record.get("location")),
        "; ".join(participants),
        "; ".join(_text(t) for t in _list(record.get("topics"))),
        "; ".join(dict.fromkeys(_text(s.get("outlet")) for s in sources if s.get("outlet"))),
        " | ".join(_text(s.get("title")) for s in sources),
        " ".join(_text(s.get("url")) for s in sources if s.get("url")),
        " ".join(_text(s.get("path")) for s in sources),
        " | ".join(excerpts),
    ]


def _participant_label(participant: Any) -> str:
    if not isinstance(participant, Mapping):
        return _text(participant)
    name = _text(participant.get("name_en"))
    if participant.get("name_zh"):
        name += f" {_text(participant.get('name_zh'))}"
    detail = ", ".join(_text(v) for v in (participant.get("side"), participant.get("title")) if v)
    return f"{name} ({detail})" if detail else name


def _records(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(rows, pd.DataFrame) and RECORD_COLUMN in rows.columns:
        return list(rows[RECORD_COLUMN])
    if isinstance(rows, pd.DataFrame):
        columns = [c for c in CONTRACT_COLUMNS if c in rows.columns]  # drop the dashboard's derived columns
        return [{str(k): v for k, v in record.items()} for record in rows[columns].to_dict("records")]
    return list(rows)


def _list(value: Any) -> list[Any]:
    if value is None or isinstance(value, str | bytes | Mapping):
        return [] if value is None else [value]
    if isinstance(value, float) and math.isnan(value):
        return []
    return list(value)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, str):
        return value
    if hasattr(value, "tolist") and not isinstance(value, pd.Timestamp):
        return _jsonable(value.tolist())
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool | int) or (isinstance(value, float) and not math.isnan(value)):
        return value
    text = _text(value)
    return text or None
