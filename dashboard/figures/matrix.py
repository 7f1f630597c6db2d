"""Who met whom: the most frequent US officials × PRC officials; a click on a cell filters to the pair."""

from __future__ import annotations

from collections import Counter
from html import escape
from itertools import chain

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import Spec, base_layout, build_empty_spec
from dashboard.i18n import t
from dashboard.labels import build_participant_label, build_short_name

MATRIX_TOP = 15  # officials per side in the who-met-whom matrix
MATRIX_LABEL_CHARS = 22


def count_pairs(meetings: pd.DataFrame) -> Counter[tuple[str, str]]:
    """Count meetings per (US official, PRC official) pair."""
    return Counter(chain.from_iterable(meetings["pairs"]))


def build_matrix_spec(meetings: pd.DataFrame, officials: pd.DataFrame, lang: str) -> Spec:
    """Draw who met whom as a heatmap; names in hover text are escaped like the timeline's."""
    pairs = count_pairs(meetings)
    if not pairs:
        return build_empty_spec(t("empty.matrix", lang))
    us_keys, cn_keys = _rank_sides(pairs)
    people = officials.set_index("key", drop=False).to_dict("index")
    short = {k: _clip(build_short_name(p, lang)) for k, p in people.items()}
    full = {k: escape(build_participant_label(p, lang), quote=False) for k, p in people.items()}
    heat = {
        "type": "heatmap",
        "x": [short.get(k, k) for k in cn_keys],
        "y": [short.get(k, k) for k in us_keys],
        "z": [[pairs.get((us, cn)) or None for cn in cn_keys] for us in us_keys],
        "text": [
            [
                f"{full.get(us, escape(us))} × {full.get(cn, escape(cn))}: {pairs.get((us, cn), 0)}"
                for cn in cn_keys
            ]
            for us in us_keys
        ],
        "customdata": [[[us, cn] for cn in cn_keys] for us in us_keys],
        "colorscale": [[0, "#dbeafe"], [1, "#1e3a8a"]],
        "showscale": False,
        "xgap": 3,
        "ygap": 3,
        "zmin": 0,
        "texttemplate": "%{z}",
        "hovertemplate": "%{text}<extra></extra>",
    }
    layout = base_layout(
        height=max(240, 110 + 28 * len(us_keys)),
        xaxis={"side": "top", "tickangle": -90, "showgrid": False},  # upright names: columns are narrow
        yaxis={"autorange": "reversed", "showgrid": False},
    )
    return {"data": [heat], "layout": layout}


def build_matrix_figure(meetings: pd.DataFrame, officials: pd.DataFrame, lang: str) -> go.Figure:
    """Return the who-met-whom matrix as a validated go.Figure."""
    return go.Figure(build_matrix_spec(meetings, officials, lang))


def _rank_sides(pairs: Counter[tuple[str, str]]) -> tuple[list[str], list[str]]:
    us_total: Counter[str] = Counter()
    cn_total: Counter[str] = Counter()
    for (us, cn), n in pairs.items():
        us_total[us] += n
        cn_total[cn] += n

    def top(totals: Counter[str]) -> list[str]:
        return [key for key, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:MATRIX_TOP]]

    return top(us_total), top(cn_total)


def _clip(name: str) -> str:
    return name if len(name) <= MATRIX_LABEL_CHARS else name[: MATRIX_LABEL_CHARS - 1] + "…"
