"""Build the timeline from the meetings in play: one lane per channel, windows drawn as precise as they are.

The timeline is a plain dict the browser draws (cheap: no plotly.py validation, which costs ~1 s on 5,000
points); `build_timeline_figure` wraps it in a validated go.Figure for tests and exports. The date filter
decides which meetings are in play; the zoom only decides what the timeline shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.contract import MEETING_TYPES
from dashboard.figures.colour import find_colour_topics
from dashboard.figures.theme import (
    LEGEND_COLOR,
    SELECTED,
    TOPIC_COLORS,
    TOPIC_ORDER,
    Spec,
    base_layout,
    build_empty_spec,
    build_typed_array,
)
from dashboard.i18n import label, t
from dashboard.lanes import read_lane_rules

LANE_LABEL_CHARS = 20  # longer lane names take two lines (Law enforcement &<br>counternarcotics)
DAY_MS = 86_400_000.0
MIN_SPAN_MS = 31 * DAY_MS  # a single meeting or day still gets an axis of at least a month
MIN_ZOOM_MS = 7 * DAY_MS  # a reader's zoom is kept as asked, down to a week (never times of day)
DEFAULT_WINDOW_MS = 365 * DAY_MS  # without a zoom, the timeline opens on the latest 12 months in play
EDGE = 0.03  # room left and right of the outermost meetings, as a share of the range
TYPE_SYMBOLS: dict[str, str] = {"in_person": "circle", "phone": "diamond", "video": "square", "unknown": "x"}
SPAN_COLOR = "rgba(55, 65, 81, 0.55)"  # a real multi-day visit: a solid bar
BAND_COLOR = "rgba(107, 114, 128, 0.30)"  # a window known only to the month or year: an open dotted band
STACK_OFFSETS = (0.0, -0.2, 0.2, -0.38, 0.38)  # meetings of a lane that would overlap stack up to five
OVERLAP_SHARE = 1 / 70  # two points closer than this share of the visible range overlap (~14 px)
LABELLED_POINTS = 30  # an export with at most this many points names the participants of each
TIMELINE_COLUMNS = (
    "id", "x_ms", "x_end_ms", "lane_row", "topic_mask", "n_sources", "group", "planned", "multi_day",
    "approx", "meeting_type",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TimelineView:
    """How to draw the timeline: language, selection, the topic filter (for colour), zoom, extras."""

    lang: str = "en"
    selected: str | None = None
    topics: tuple[str, ...] = ()
    zoom: tuple[float, float] | None = None  # ms since the epoch
    hover: bool = True
    labels: Mapping[int, str] | None = None  # by table row: printed beside each point (exports)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where each dated meeting is drawn, which are folded into a '+N', and the axis range."""

    x: np.ndarray
    y: np.ndarray
    shown: np.ndarray
    clusters: tuple[tuple[float, float, int, float, float], ...]  # x, y, hidden count, first, last
    x_range: tuple[float, float]


def find_dated(meetings: pd.DataFrame) -> pd.DataFrame:
    """Return the meetings the timeline can place (a known window), with the columns it draws."""
    return meetings.loc[meetings["start"].notna().to_numpy(), list(TIMELINE_COLUMNS)]


def find_extent(meetings: pd.DataFrame) -> tuple[float, float] | None:
    """Return the first start and the last end (ms) of the meetings' windows, None when none is dated."""
    dated = meetings["start"].notna().to_numpy()
    if not dated.any():
        return None
    return float(meetings["x_ms"].to_numpy()[dated].min()), float(
        meetings["x_end_ms"].to_numpy()[dated].max()
    )


def resolve_x_range(extent: tuple[float, float], zoom: tuple[float, float] | None) -> tuple[float, float]:
    """Return the visible range: the zoom, else the latest 12 months; never narrower than a month."""
    first, last = zoom or (max(extent[0], extent[1] - DEFAULT_WINDOW_MS), extent[1] + DAY_MS)
    narrowest = MIN_ZOOM_MS if zoom else MIN_SPAN_MS
    if last - first < narrowest:
        middle = (first + last) / 2
        first, last = middle - narrowest / 2, middle + narrowest / 2
    if zoom:
        return first, last
    edge = (last - first) * EDGE
    return first - edge, last + edge


def find_marker_x(dated: pd.DataFrame) -> np.ndarray:
    """Return where a meeting's marker sits: its day, or the middle of a window known only roughly."""
    start, end = dated["x_ms"].to_numpy(), dated["x_end_ms"].to_numpy() + DAY_MS
    return np.where(dated["approx"].to_numpy(), (start + end) / 2, start)


def place_meetings(dated: pd.DataFrame, zoom: tuple[float, float] | None) -> Placement:
    """Stack meetings of a lane that would overlap at this zoom; fold those beyond five into a '+N'.

    Overlap is decided on a grid of cells ~14 px wide per lane (vectorised: 5,000 points in ~1 ms).
    """
    x, lanes = find_marker_x(dated), dated["lane_row"].to_numpy().astype("int64")
    extent = (float(dated["x_ms"].min()), float(dated["x_end_ms"].max()))
    x_range = resolve_x_range(extent, zoom)
    gap = (x_range[1] - x_range[0]) * OVERLAP_SHARE
    cells = np.floor((x - x_range[0]) / gap).astype("int64")
    order = np.lexsort((x, cells, lanes))
    key_lane, key_cell = lanes[order], cells[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (key_lane[1:] != key_lane[:-1]) | (key_cell[1:] != key_cell[:-1])
    group, starts = np.cumsum(first) - 1, np.flatnonzero(first)
    rank = np.arange(len(order)) - starts[group]
    stacked = rank < len(STACK_OFFSETS)
    y, shown = lanes.astype("float64"), np.ones(len(x), dtype=bool)
    y[order] += np.where(stacked, np.array(STACK_OFFSETS)[np.minimum(rank, len(STACK_OFFSETS) - 1)], 0.0)
    shown[order] = stacked
    clusters = []
    sizes = np.bincount(group)
    for cell in np.flatnonzero(sizes > len(STACK_OFFSETS)):
        members = order[starts[cell] : starts[cell] + sizes[cell]]
        hidden = int(len(members) - len(STACK_OFFSETS))
        span = (float(x[members].min()), float(x[members].max()))
        clusters.append((float(x[members].mean()), float(lanes[members[0]]) - 0.47, hidden, *span))
    return Placement(x, y, shown, tuple(clusters), x_range)


def build_timeline_spec(meetings: pd.DataFrame, view: TimelineView = TimelineView()) -> Spec:
    """Draw dated meetings as markers, visits as bars and rough windows as bands, one lane per channel."""
    dated = find_dated(meetings)
    if dated.empty:
        return build_empty_spec(t("empty.timeline", view.lang))
    place = place_meetings(dated, view.zoom)
    data = [build_selection_trace(dated, place, view.selected)]
    data += [_span_trace(dated, place, status) for status in ("held", "planned")]
    data.append(_band_trace(dated, place))
    rows = dated.index.to_numpy()
    columns: dict[str, np.ndarray] = {
        "x": place.x,
        "y": place.y,
        "customdata": rows,  # the table's row: shorter than the id, mapped back on click
        "color": find_colour_topics(dated["topic_mask"].to_numpy(), view.topics),
        "size": (8 + 3 * dated["n_sources"].clip(upper=6)).to_numpy(),
    }
    if view.labels is not None:
        columns["text"] = np.array([view.labels.get(int(row), "") for row in rows], dtype=object)
    shown = place.shown
    for key, members in dated.groupby("group", observed=True, sort=True).indices.items():
        members = members[shown[members]]
        if len(members):
            points = {name: values[members] for name, values in columns.items()}
            data.append(_marker_trace(points, str(key)))
    if place.clusters:
        data.append(_cluster_trace(place.clusters, view.lang))
    data += _legend_traces(dated, view)
    return {"data": data, "layout": _timeline_layout(view.lang, place.x_range)}


def build_timeline_figure(meetings: pd.DataFrame, view: TimelineView = TimelineView()) -> go.Figure:
    """Return the timeline as a validated go.Figure."""
    return go.Figure(build_timeline_spec(meetings, view))


def build_selection_trace(dated: pd.DataFrame, place: Placement, selected: str | None) -> Spec:
    """Return the ring drawn around the selected meeting (empty when it is not drawn)."""
    chosen = (dated["id"].to_numpy() == selected) & place.shown if selected else np.zeros(len(dated), bool)
    marker = {"symbol": "circle-open", "size": 30, "color": "#111827", "line": {"width": 2.5}}
    return {
        "type": "scatter",
        "mode": "markers",
        "name": SELECTED,
        "x": place.x[chosen].tolist(),
        "y": place.y[chosen].tolist(),
        "marker": marker,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _segments(first: np.ndarray, last: np.ndarray, y: np.ndarray) -> tuple[Spec, Spec]:
    xs = np.full(3 * len(first), np.nan)  # start, end, gap for each segment: one line trace for all
    xs[0::3], xs[1::3] = first, last
    ys = np.full(len(xs), np.nan)
    ys[0::3] = ys[1::3] = y
    return build_typed_array(xs, "f8"), build_typed_array(ys, "f4")


def _span_trace(dated: pd.DataFrame, place: Placement, status: str) -> Spec:
    spans = (
        (dated["planned"].to_numpy() == (status == "planned")) & dated["multi_day"].to_numpy() & place.shown
    )
    x, y = _segments(dated["x_ms"].to_numpy()[spans], dated["x_end_ms"].to_numpy()[spans], place.y[spans])
    line = {"color": SPAN_COLOR, "width": 6, "dash": "dash" if status == "planned" else "solid"}
    return {"type": "scatter", "mode": "lines", "name": f"spans/{status}", "x": x, "y": y, "line": line,
            "hoverinfo": "skip", "showlegend": False}  # fmt: skip


def _band_trace(dated: pd.DataFrame, place: Placement) -> Spec:
    bands = dated["approx"].to_numpy() & place.shown
    ends = dated["x_end_ms"].to_numpy()[bands] + DAY_MS
    x, y = _segments(dated["x_ms"].to_numpy()[bands], ends, place.y[bands])
    return {"type": "scatter", "mode": "lines", "name": "bands", "x": x, "y": y, "hoverinfo": "skip",
            "line": {"color": BAND_COLOR, "width": 14, "dash": "dot"}, "showlegend": False}  # fmt: skip


def _marker_trace(points: dict[str, np.ndarray], key: str) -> Spec:
    lane, kind, status = key.split("/")
    planned = status == "planned"
    marker = {
        "symbol": TYPE_SYMBOLS[kind] + ("-open" if planned else ""),
        "color": build_typed_array(points["color"], "u1"),
        "colorscale": [[i / (len(TOPIC_ORDER) - 1), TOPIC_COLORS[x]] for i, x in enumerate(TOPIC_ORDER)],
        "cmin": 0,
        "cmax": len(TOPIC_ORDER) - 1,
        "size": build_typed_array(points["size"], "u1"),
        "line": {"width": 2.5} if planned else {"width": 1, "color": "#ffffff"},
        "opacity": 0.95,
    }
    trace: Spec = {
        "type": "scatter",
        "mode": "markers",
        "name": key,
        "x": build_typed_array(points["x"], "f8"),
        "y": build_typed_array(points["y"], "f4"),
        "customdata": build_typed_array(points["customdata"], "u4"),
        "hovertemplate": "%{hovertext}<extra></extra>",
        "marker": marker,
        "showlegend": False,
    }
    if "text" in points:
        trace.update(mode="markers+text", text=points["text"].tolist(), textposition="top center",
                     cliponaxis=False, textfont={"size": 10, "color": "#374151"})  # fmt: skip
    return trace


def _cluster_trace(clusters: Sequence[tuple[float, float, int, float, float]], lang: str) -> Spec:
    return {
        "type": "scatter",
        "mode": "markers+text",
        "name": "clusters",
        "x": [c[0] for c in clusters],
        "y": [c[1] for c in clusters],
        "text": [f"+{c[2]}" for c in clusters],
        "textfont": {"size": 12, "color": "#111827"},
        "marker": {"size": 22, "color": "rgba(255,255,255,0.01)"},
        "customdata": [[c[3], c[4]] for c in clusters],  # a click zooms into the cluster
        "hovertemplate": t("chart.cluster_hint", lang) + "<extra></extra>",
        "showlegend": False,
    }


def _legend_traces(dated: pd.DataFrame, view: TimelineView) -> list[Spec]:
    lang = view.lang
    kinds = set(dated["meeting_type"].unique())
    entries: list[tuple[str, dict[str, Any], str]] = [
        (label("type", kind, lang), {"symbol": TYPE_SYMBOLS[kind], "color": LEGEND_COLOR}, "markers")
        for kind in MEETING_TYPES
        if kind in kinds
    ]
    if dated["planned"].any():
        entries.append(
            (label("status", "planned", lang), {"symbol": "circle-open", "color": LEGEND_COLOR}, "markers")
        )
    lines = []
    if dated["multi_day"].any():
        lines.append(_line_legend(t("legend.visit", lang), {"color": SPAN_COLOR, "width": 6}))
    if dated["approx"].any():
        lines.append(
            _line_legend(t("legend.approx", lang), {"color": BAND_COLOR, "width": 12, "dash": "dot"})
        )
    if view.labels is not None:  # exports carry the topic legend the page shows above the chart
        colours = set(find_colour_topics(dated["topic_mask"].to_numpy(), view.topics).tolist())
        entries += [
            (label("topic", topic, lang), {"symbol": "circle", "color": TOPIC_COLORS[topic]}, "topics")
            for i, topic in enumerate(TOPIC_ORDER)
            if i in colours
        ]
    markers: list[Spec] = [
        {"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": name,
         "marker": {**marker, "size": 10, "line": {"width": 2}}, "hoverinfo": "skip"}
        for name, marker, _ in entries
    ]  # fmt: skip
    return markers + lines


def _line_legend(name: str, line: Spec) -> Spec:
    return {"type": "scatter", "mode": "lines", "x": [None], "y": [None], "name": name, "line": line,
            "hoverinfo": "skip"}  # fmt: skip


def _iso(ms: float) -> str:
    return pd.Timestamp(ms, unit="ms").isoformat()


def _timeline_layout(lang: str, x_range: tuple[float, float]) -> Spec:
    lanes = read_lane_rules().display
    zh_ticks = [
        {"dtickrange": [None, 27 * DAY_MS], "value": "%-m月%-d日"},
        {"dtickrange": [27 * DAY_MS, None], "value": "%Y年%-m月"},
    ]
    en_ticks = [
        {"dtickrange": [None, 27 * DAY_MS], "value": "%b %-d"},
        {"dtickrange": [27 * DAY_MS, None], "value": "%b %Y"},
    ]
    xaxis = {
        "type": "date",
        "range": [_iso(x_range[0]), _iso(x_range[1])],
        "tickformatstops": zh_ticks if lang == "zh" else en_ticks,
        "hoverformat": "%Y-%m-%d",
    }
    yaxis = {
        "tickvals": list(range(len(lanes))),
        "ticktext": [_wrap_lane(label("lane", lane, lang)) for lane in lanes],
        "range": [len(lanes) - 0.5, -0.6],
        "fixedrange": True,
    }
    legend = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.08, "yanchor": "top",
              "font": {"size": 11}, "itemclick": False, "itemdoubleclick": False}  # fmt: skip
    return base_layout(
        hovermode="closest",
        dragmode="zoom",
        xaxis=xaxis,
        yaxis=yaxis,
        legend=legend,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        uirevision=f"{x_range[0]:.0f}-{x_range[1]:.0f}",  # a new range from the URL wins over the old zoom
    )


def _wrap_lane(name: str) -> str:
    """Break a long lane name after its '&': the label column then leaves a phone's plot room to draw."""
    return name.replace(" & ", " &<br>", 1) if len(name) > LANE_LABEL_CHARS else name
