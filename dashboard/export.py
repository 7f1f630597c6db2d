"""Export what the page shows: one titled figure (PNG or SVG) for the page and the command line, and the
rows as CSV or JSON. Pure functions of the table and the view, apart from the final rendering by kaleido.
"""

from __future__ import annotations

import csv
import io
import json
import math
import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.contract import COLUMNS, OPTIONAL_COLUMNS
from dashboard.data import Table
from dashboard.figures.colour import find_rule_key
from dashboard.figures.theme import EXPORT_FONT
from dashboard.figures.timeline import LABELLED_POINTS, TimelineView, build_timeline_spec, find_dated
from dashboard.filtering import Filters, filter_meetings
from dashboard.i18n import label, t
from dashboard.labels import build_who

ImageFormat = Literal["png", "svg"]
IMAGE_FORMATS: tuple[ImageFormat, ...] = ("png", "svg")
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
# A cell starting with one of these is read as a formula by spreadsheets (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "id", "start_date", "end_date", "date_precision", "status", "meeting_type", "location", "location_zh",
    "participants", "topics", "outlets", "source_titles", "source_urls", "source_paths", "excerpts",
    "origin", "correction_notes",
)  # fmt: skip
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# kaleido's error when it calls its page's drawing script before the page has defined it
KALEIDO_NOT_READY = "kaleido_scopes is not defined"
RENDER_TRIES = 3
FOOTER_MAX_OUTLETS = 8
WIDTH, HEIGHT = 1600, 900


class ExportError(Exception):
    """An export could not be produced as asked."""


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export: the filters in play, the timeline's zoom, the language, the image's size."""

    filters: Filters = field(default_factory=Filters)
    lang: str = "en"
    zoom: tuple[float, float] | None = None  # ms since the epoch, as the page's timeline shows it
    width: int = WIDTH
    height: int = HEIGHT
    image_format: ImageFormat = "png"


def build_export_figure(table: Table, request: ExportRequest) -> go.Figure:
    """Return the timeline the page shows, titled, with a footer, sized for export, without controls."""
    lang = request.lang
    shown = filter_meetings(table.meetings, request.filters)
    dated = find_dated(shown)
    labels = None
    if len(dated) <= LABELLED_POINTS:  # few enough points to name each one's participants
        labels = {row: build_who(shown.at[row, "participants"], lang, per_side=1) for row in dated.index}
    view = TimelineView(
        lang=lang, topics=request.filters.topics, zoom=request.zoom, hover=False, labels=labels
    )
    spec = build_timeline_spec(shown, view)
    names = dict(
        zip(table.officials["key"], table.officials["name_zh"].fillna(table.officials["key"]), strict=True)
    )
    title = build_title(request.filters, len(shown), lang, names if lang == "zh" else {})
    rule = t(find_rule_key(request.filters.topics), lang)
    x_range = spec["layout"].get("xaxis", {}).get("range")
    footer = build_footer(shown, lang, x_range)
    if x_range and len(dated):
        first, last = (pd.Timestamp(v).value / 1e6 for v in x_range)
        outside = int(((dated["x_end_ms"] < first) | (dated["x_ms"] > last)).sum())
        footer += f" · {t('export.outside', lang, n=outside)}" if outside else ""
    fig = go.Figure(spec)
    fig.update_layout(
        title={"text": f"{title}<br><sup>{rule}</sup>", "x": 0.01, "xanchor": "left", "font": {"size": 22}},
        font={"family": EXPORT_FONT},
        width=request.width,
        height=request.height,
        margin={"t": 90, "b": 120, "l": 20, "r": 20},
        legend={"y": -0.06},
    )
    fig.add_annotation(text=footer, xref="paper", yref="paper", x=0, y=0, yshift=-95, xanchor="left",
                       yanchor="top", showarrow=False, align="left",
                       font={"size": 12, "color": "#555"})  # fmt: skip
    return fig


def build_title(filters: Filters, count: int, lang: str, names: Mapping[str, str] | None = None) -> str:
    """Name the number of meetings and every active filter, in the page's language."""
    names = names or {}
    colon = "：" if lang == "zh" else ": "
    parts = [t("export.title", lang, count=count)]
    for key, values in (
        ("topic", [label("topic", x, lang) for x in filters.topics]),
        ("official", [names.get(o, o) for o in filters.officials]),
        ("type", [label("type", x, lang) for x in filters.types]),
        ("status", [label("status", x, lang) for x in filters.statuses]),
        ("side", [label("side", filters.side, lang)] if filters.side else []),
        ("outlet", list(filters.outlets)),
    ):
        if values:
            parts.append(
                f"{t(f'export.{key}', lang)}{colon}{'、'.join(values) if lang == 'zh' else ', '.join(values)}"
            )
    if filters.start or filters.end:
        first = filters.start.isoformat() if filters.start else "…"
        last = filters.end.isoformat() if filters.end else "…"
        parts.append(f"{t('export.dates', lang)}{colon}{first} – {last}")
    if filters.corrected:
        parts.append(t("export.corrected", lang))
    if len(parts) == 1:
        parts.append(t("export.all", lang))
    return " · ".join(parts)


def build_footer(rows: pd.DataFrame | Iterable[Mapping[str, Any]], lang: str = "en",
                 x_range: Sequence[str] | None = None) -> str:  # fmt: skip
    """Say what the timeline covers, how many source articles are behind the rows, and the outlets."""
    outlets: dict[str, int] = {}
    articles: set[str] = set()
    undated = 0
    for record in _records(rows):
        undated += not record.get("start_date") or record.get("date_precision") == "unknown"
        for source in _list(record.get("sources")):
            if isinstance(source, Mapping):
                articles.add(str(source.get("path") or source.get("url") or ""))
                outlet = source.get("outlet")
                if outlet:
                    outlets[str(outlet)] = outlets.get(str(outlet), 0) + 1
    ranked = sorted(outlets, key=lambda name: (-outlets[name], name))
    named = ("、" if lang == "zh" else ", ").join(ranked[:FOOTER_MAX_OUTLETS])
    more = (
        t("export.more", lang, n=len(ranked) - FOOTER_MAX_OUTLETS) if len(ranked) > FOOTER_MAX_OUTLETS else ""
    )
    outlet_text = t("export.outlets", lang, names=named + more) if ranked else t("export.no_outlets", lang)
    count = (
        t("export.articles_one", lang) if len(articles) == 1 else t("export.articles", lang, n=len(articles))
    )
    first, last = (str(x_range[0])[:10], str(x_range[1])[:10]) if x_range else ("…", "…")
    footer = t("export.footer", lang, first=first, last=last, articles=count, outlets=outlet_text)
    return footer + (f" · {t('export.undated', lang, n=undated)}" if undated else "")


def render_figure(
    fig: go.Figure, image_format: ImageFormat, width: int, height: int, scale: int = 1
) -> bytes:
    """Render the figure as PNG or SVG bytes; a PNG is checked to be exactly width*scale by height*scale."""
    data = _to_image(fig, image_format, width, height, scale)
    if image_format == "png":
        size = png_size(data)
        if size != (width * scale, height * scale):
            raise ExportError(
                f"PNG is {size[0]}x{size[1]} pixels, asked for {width * scale}x{height * scale}"
            )
    return data


def _to_image(fig: go.Figure, image_format: ImageFormat, width: int, height: int, scale: int) -> bytes:
    """kaleido's rendering, tried again when its page was not ready: on a busy machine kaleido can call
    its drawing script before the page that defines it has loaded ("kaleido_scopes is not defined");
    the next try starts a new page. Any other error is raised at once."""
    for attempt in range(1, RENDER_TRIES + 1):
        try:
            data: bytes = pio.to_image(fig, format=image_format, width=width, height=height, scale=scale)
            return data
        except Exception as error:
            if attempt == RENDER_TRIES or not is_page_not_ready(error):
                raise
    raise AssertionError("unreachable")


def is_page_not_ready(error: BaseException) -> bool:
    """Whether kaleido failed only because its page had not defined its drawing script yet."""
    return KALEIDO_NOT_READY in str(error)


def export_image(table: Table, request: ExportRequest) -> bytes:
    """Draw and render the export of a view: the one figure the page and the command line share."""
    fig = build_export_figure(table, request)
    return render_figure(fig, request.image_format, request.width, request.height)


def png_size(data: bytes) -> tuple[int, int]:
    """Read (width, height) from the IHDR chunk of PNG bytes."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ExportError("not a PNG: missing signature or IHDR chunk")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


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
        _text(record.get("location_zh")),
        "; ".join(participants),
        "; ".join(_text(t) for t in _list(record.get("topics"))),
        "; ".join(dict.fromkeys(_text(s.get("outlet")) for s in sources if s.get("outlet"))),
        " | ".join(_text(s.get("title")) for s in sources),
        " ".join(_text(s.get("url")) for s in sources if s.get("url")),
        " ".join(_text(s.get("path")) for s in sources),
        " | ".join(excerpts),
        _text(record.get("origin") or "extracted"),
        " | ".join(_correction_note(c) for c in _list(record.get("corrections"))),
    ]


def _correction_note(correction: Any) -> str:
    """One analyst's correction as "action: note (by, at)"."""
    if not isinstance(correction, Mapping):
        return _text(correction)
    who = ", ".join(_text(correction.get(k)) for k in ("by", "at") if correction.get(k))
    note = _text(correction.get("action")) + (
        f": {_text(correction.get('note'))}" if correction.get("note") else ""
    )
    return f"{note} ({who})" if who else note


def _participant_label(participant: Any) -> str:
    if not isinstance(participant, Mapping):
        return _text(participant)
    name = _text(participant.get("name_en"))
    if participant.get("name_zh"):
        name += f" {_text(participant.get('name_zh'))}"
    roles = (participant.get("side"), participant.get("title"), participant.get("title_zh"))
    detail = ", ".join(_text(v) for v in roles if v)
    return f"{name} ({detail})" if detail else name


def _records(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(rows, pd.DataFrame):
        # Drop the dashboard's derived columns; keep the contract's optional ones (origin, corrections).
        columns = [c for c in (*COLUMNS, *OPTIONAL_COLUMNS) if c in rows.columns]
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
