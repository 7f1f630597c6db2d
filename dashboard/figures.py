"""Build the timeline from (filtered) meetings, and the look all figures share: pure functions, few traces.

The timeline exists twice: `build_timeline_spec` returns the plain dict the browser draws (cheap: no
plotly.py validation, which costs ~1 s on 5,000 points), `build_timeline_figure` wraps it in a validated
go.Figure for tests and exports. The smaller views (views.py) follow the same pattern.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.data import MEETING_TYPES, NO_TOPIC, TOPICS
from dashboard.i18n import label, t
from dashboard.lanes import read_lane_rules

Spec = dict[str, Any]
FONT = "Inter, 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif"
TOPIC_COLORS: dict[str, str] = {
    "taiwan": "#d1495b", "chips": "#00798c", "fentanyl": "#7b2cbf", "military": "#3c6e47",
    "trade": "#edae49", "climate": "#66a182", "ukraine": "#2e4057", "north_korea": "#8d6a9f",
    "south_china_sea": "#30638e", "human_rights": "#c05746", "people_exchange": "#e09f3e",
    "detained_citizens": "#9e2a2b", "middle_east": "#b08968", NO_TOPIC: "#9aa5b1",
}  # fmt: skip
TYPE_SYMBOLS: dict[str, str] = {"in_person": "circle", "phone": "diamond", "video": "square", "unknown": "x"}
SPAN_COLOR = "rgba(55, 65, 81, 0.28)"
LEGEND_COLOR = "#4b5563"
GRID = "#eef0f3"
TOPIC_ORDER = (*TOPICS, NO_TOPIC)  # data.py's topic_index counts in this order
# Colour by topic index: each integer lands exactly on its stop of this stepless scale.
TOPIC_SCALE = [[i / (len(TOPIC_ORDER) - 1), TOPIC_COLORS[topic]] for i, topic in enumerate(TOPIC_ORDER)]
TIMELINE_COLUMNS = (
    "id", "x_ms", "x_end_ms", "lane_y", "topic_index", "n_sources", "group", "planned", "multi_day",
    "meeting_type", "primary_topic",
)  # fmt: skip
SELECTED = "selected"  # name of the timeline's first trace: a ring around the selected meeting
# A small explicit theme: a named template ("plotly_white") is unknown to plotly.js in a plain dict.
THEME: Spec = {
    "layout": {
        "font": {"family": FONT, "size": 12, "color": "#1f2937"},
        "hoverlabel": {"font": {"family": FONT}, "align": "left", "bgcolor": "#ffffff"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "#ffffff",
        "xaxis": {"gridcolor": GRID, "linecolor": "#d1d5db", "zeroline": False, "automargin": True},
        "yaxis": {"gridcolor": GRID, "linecolor": "#d1d5db", "zeroline": False, "automargin": True},
    }
}


def base_layout(**extra: Any) -> Spec:
    """Return the layout every figure shares: the theme and tight margins."""
    return {"template": THEME, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, **extra}


def build_empty_spec(message: str) -> Spec:
    """Return a blank figure that says why it is blank (its one trace is the empty selection ring)."""
    note = {"text": message, "showarrow": False, "font": {"size": 15, "color": "#6b7280"}, "x": 0.5, "y": 0.5,
            "xref": "paper", "yref": "paper"}  # fmt: skip
    hidden = {"visible": False}
    ring = {"type": "scatter", "mode": "markers", "name": SELECTED, "x": [], "y": [], "hoverinfo": "skip"}
    layout = base_layout(height=260, annotations=[note] if message else [], xaxis=hidden, yaxis=hidden)
    return {"data": [ring], "layout": layout}


def find_lane_y(meetings: pd.DataFrame) -> pd.Series:
    """Return each meeting's height on the timeline: its lane's row plus its stable jitter."""
    return meetings["lane_y"]


def build_timeline_spec(
    meetings: pd.DataFrame, lang: str, selected: str | None = None, *, hover: bool = True
) -> Spec:
    """Draw dated meetings as spans and markers in one lane per channel, one trace per lane/type/status.

    Without hover, points carry only their table row; the page attaches the text it holds (assets/hover.js).
    """
    # Only the columns drawn: copying all ~40 columns of 5,000 rows costs more than drawing them.
    dated = meetings.loc[meetings["start"].notna().to_numpy(), [*TIMELINE_COLUMNS, f"hover_{lang}"]]
    if dated.empty:
        return build_empty_spec(t("empty.filters", lang))
    y = find_lane_y(dated)
    data = [build_selection_trace(dated, y, selected)]
    data += [_span_trace(dated, y, status) for status in ("held", "planned")]
    columns = {
        "x": dated["x_ms"].to_numpy(),
        "y": y.to_numpy(),
        "customdata": dated.index.to_numpy(),  # the table's row: shorter than the id, mapped back on click
        "color": dated["topic_index"].to_numpy(),
        "size": (8 + 3 * dated["n_sources"].clip(upper=6)).to_numpy(),
        **({"hovertext": dated[f"hover_{lang}"].to_numpy()} if hover else {}),
    }
    # Positions per group, without building sub-frames: the cost that matters at 5,000 meetings.
    for key, rows in dated.groupby("group", observed=True, sort=True).indices.items():
        lane, kind, status = str(key).split("/")
        points = {name: values[rows] for name, values in columns.items()}
        data.append(_marker_trace(points, (lane, kind, status)))
    data += _legend_traces(dated, lang)
    return {"data": data, "layout": _timeline_layout(lang)}


def build_timeline_figure(meetings: pd.DataFrame, lang: str, selected: str | None = None) -> go.Figure:
    """Return the timeline as a validated go.Figure."""
    return go.Figure(build_timeline_spec(meetings, lang, selected))


def build_selection_trace(dated: pd.DataFrame, y: pd.Series, selected: str | None) -> Spec:
    """Return the ring drawn around the selected meeting (empty when it is not on the timeline)."""
    chosen = dated["id"] == selected if selected else np.zeros(len(dated), dtype=bool)
    marker = {"symbol": "circle-open", "size": 30, "color": "#111827", "line": {"width": 2.5}}
    return {
        "type": "scatter",
        "mode": "markers",
        "name": SELECTED,
        "x": dated.loc[chosen, "x_ms"].tolist(),
        "y": y[chosen].tolist(),
        "marker": marker,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _span_trace(dated: pd.DataFrame, y: pd.Series, status: str) -> Spec:
    spans = (dated["planned"].to_numpy() == (status == "planned")) & dated["multi_day"].to_numpy()
    xs = np.full(3 * int(spans.sum()), np.nan)  # start, end, gap for each span: one line trace for all
    xs[0::3], xs[1::3] = dated.loc[spans, "x_ms"], dated.loc[spans, "x_end_ms"]
    ys = np.full(len(xs), np.nan)
    ys[0::3] = ys[1::3] = y[spans]
    line = {"color": SPAN_COLOR, "width": 6, "dash": "dot" if status == "planned" else "solid"}
    return {
        "type": "scatter",
        "mode": "lines",
        "name": f"spans/{status}",
        "x": build_typed_array(xs, "f8"),
        "y": build_typed_array(ys, "f4"),
        "line": line,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _marker_trace(points: dict[str, np.ndarray], key: tuple[str, str, str]) -> Spec:
    lane, kind, status = key
    planned = status == "planned"
    marker = {
        "symbol": TYPE_SYMBOLS[kind] + ("-open" if planned else ""),
        "color": build_typed_array(points["color"], "u1"),
        "colorscale": TOPIC_SCALE,
        "cmin": 0,
        "cmax": len(TOPIC_ORDER) - 1,
        "size": build_typed_array(points["size"], "u1"),
        "line": {"width": 2.5} if planned else {"width": 1, "color": "#ffffff"},
        "opacity": 0.92,
    }
    trace = {
        "type": "scatter",
        "mode": "markers",
        "name": f"{lane}/{kind}/{status}",
        "x": build_typed_array(points["x"], "f8"),
        "y": build_typed_array(points["y"], "f4"),
        "customdata": build_typed_array(points["customdata"], "u4"),
        "hovertemplate": "%{hovertext}<extra></extra>",
        "marker": marker,
        "showlegend": False,
    }
    if "hovertext" in points:
        trace["hovertext"] = points["hovertext"].tolist()
    return trace


def build_typed_array(values: np.ndarray, dtype: str) -> Spec:
    """Encode numbers as plotly.js reads them natively (base64 bytes): a fraction of their JSON size."""
    data = np.ascontiguousarray(values, dtype=np.dtype(dtype).newbyteorder("<"))
    return {"dtype": dtype, "bdata": base64.b64encode(data.tobytes()).decode("ascii")}


def read_typed_array(spec: Spec) -> np.ndarray:
    """Decode a typed array written by build_typed_array."""
    return np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]).newbyteorder("<"))


def _legend_traces(dated: pd.DataFrame, lang: str) -> list[Spec]:
    present_types, present_topics = set(dated["meeting_type"].unique()), set(dated["primary_topic"].unique())
    entries = [
        (label("type", kind, lang), {"symbol": TYPE_SYMBOLS[kind], "color": LEGEND_COLOR}, "types")
        for kind in MEETING_TYPES
        if kind in present_types
    ]
    if dated["planned"].any():
        entries.append(
            (label("status", "planned", lang), {"symbol": "circle-open", "color": LEGEND_COLOR}, "types")
        )
    entries += [
        (label("topic", topic, lang), {"symbol": "circle", "color": TOPIC_COLORS[topic]}, "topics")
        for topic in TOPIC_ORDER
        if topic in present_topics
    ]
    return [
        {
            "type": "scatter",
            "mode": "markers",
            "x": [None],
            "y": [None],
            "name": name,
            "legendgroup": group,
            "marker": {**marker, "size": 10, "line": {"width": 2}},
            "hoverinfo": "skip",
        }
        for name, marker, group in entries
    ]


def _timeline_layout(lang: str) -> Spec:
    lanes = read_lane_rules().display
    buttons = [
        {"count": 6, "label": t("chart.range_6m", lang), "step": "month", "stepmode": "backward"},
        {"count": 1, "label": t("chart.range_1y", lang), "step": "year", "stepmode": "backward"},
        {"step": "all", "label": t("chart.range_all", lang)},
    ]
    xaxis = {
        "type": "date",
        "rangeslider": {"visible": True, "thickness": 0.08, "bgcolor": "#f9fafb"},
        "rangeselector": {
            "buttons": buttons,
            "x": 0,
            "y": 1.01,
            "yanchor": "bottom",
            "bgcolor": "#f3f4f6",
            "activecolor": "#d1d5db",
        },
        **({"tickformat": "%Y年%-m月", "hoverformat": "%Y-%m-%d"} if lang == "zh" else {}),
    }
    yaxis = {
        "tickvals": list(range(len(lanes))),
        "ticktext": [label("lane", lane, lang) for lane in lanes],
        "range": [len(lanes) - 0.5, -0.5],
        "fixedrange": True,
    }
    legend = {
        "orientation": "v",
        "x": 1.01,
        "xanchor": "left",
        "y": 1,
        "yanchor": "top",
        "font": {"size": 11},
        "itemclick": False,
        "itemdoubleclick": False,
        "tracegroupgap": 14,
    }
    return base_layout(
        height=500,
        hovermode="closest",
        dragmode="zoom",
        xaxis=xaxis,
        yaxis=yaxis,
        legend=legend,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        uirevision="timeline",
    )
