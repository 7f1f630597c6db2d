"""The look every figure shares: fonts, the topic colours, the theme, empty figures, typed arrays."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

from dashboard.contract import TOPICS
from dashboard.data import NO_TOPIC

Spec = dict[str, Any]
FONT = "Inter, 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif"
# CJK first for exports: the export browser falls back font by font, and a Latin-first stack renders
# Chinese as boxes on machines where the Latin font has no CJK glyphs.
EXPORT_FONT = "Noto Sans CJK SC, Noto Sans CJK TC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
TOPIC_COLORS: dict[str, str] = {
    "taiwan": "#d1495b", "chips": "#00798c", "fentanyl": "#7b2cbf", "military": "#3c6e47",
    "trade": "#c98a1b", "climate": "#4f8a6a", "ukraine": "#2e4057", "north_korea": "#8d6a9f",
    "south_china_sea": "#30638e", "human_rights": "#c05746", "people_exchange": "#b86f1a",
    "detained_citizens": "#9e2a2b", "middle_east": "#8b6a4f", NO_TOPIC: "#9aa5b1",
}  # fmt: skip
TOPIC_ORDER: tuple[str, ...] = (*TOPICS, NO_TOPIC)
LEGEND_COLOR = "#4b5563"
GRID = "#eef0f3"
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
SELECTED = "selected"  # name of the timeline's first trace: a ring around the selected meeting


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


def build_typed_array(values: np.ndarray, dtype: str) -> Spec:
    """Encode numbers as plotly.js reads them natively (base64 bytes): a fraction of their JSON size."""
    data = np.ascontiguousarray(values, dtype=np.dtype(dtype).newbyteorder("<"))
    return {"dtype": dtype, "bdata": base64.b64encode(data.tobytes()).decode("ascii")}


def read_typed_array(spec: Spec) -> np.ndarray:
    """Decode a typed array written by build_typed_array."""
    return np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]).newbyteorder("<"))
