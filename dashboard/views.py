"""Build the two smaller views beside the timeline: meetings per month by topic, and who met whom.

Like the timeline, each view is a plain spec for the browser (`build_*_spec`) and a validated go.Figure
for tests and exports (`build_*_figure`).
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import TOPIC_COLORS, TOPIC_ORDER, Spec, base_layout, build_empty_spec
from dashboard.i18n import label, t

MATRIX_TOP = 15  # officials per side in the who-met-whom matrix
MATRIX_LABEL_CHARS = 22


def build_monthly_spec(meetings: pd.DataFrame, lang: str) -> Spec:
    """Stack the meetings of each month by main topic (one bar trace per topic)."""
    dated = meetings.loc[(meetings["month"] != "").to_numpy(), ["month", "primary_topic"]]
    if dated.empty:
        return build_empty_spec(t("empty.filters", lang))
    counts = dated.groupby(["month", "primary_topic"]).size().unstack(fill_value=0)
    months = [f"{month}-01" for month in counts.index]
    data = []
    for topic in (topic for topic in TOPIC_ORDER if topic in counts.columns):
        name = label("topic", topic, lang)
        data.append(
            {
                "type": "bar",
                "x": months,
                "y": counts[topic].tolist(),
                "name": name,
                "marker": {"color": TOPIC_COLORS[topic]},
                "hovertemplate": f"{name}: %{{y}}<extra>%{{x|%Y-%m}}</extra>",
            }
        )
    small = int(counts.sum(axis=1).max()) <= 8
    layout = base_layout(
        height=300,
        barmode="stack",
        bargap=0.15,
        legend={"orientation": "h", "y": -0.15, "font": {"size": 11}},
        xaxis={"type": "date", "tickformat": "%Y-%m", "showgrid": False},
        yaxis={
            "title": {"text": t("chart.meetings", lang)},
            "rangemode": "tozero",
            **({"dtick": 1} if small else {}),
        },
    )
    return {"data": data, "layout": layout}


def build_monthly_figure(meetings: pd.DataFrame, lang: str) -> go.Figure:
    """Return the meetings-per-month chart as a validated go.Figure."""
    return go.Figure(build_monthly_spec(meetings, lang))


def count_pairs(meetings: pd.DataFrame) -> Counter[tuple[str, str]]:
    """Count meetings per (US official, PRC official) pair."""
    return Counter(chain.from_iterable(meetings["pairs"]))


def build_matrix_spec(meetings: pd.DataFrame, officials: pd.DataFrame, lang: str) -> Spec:
    """Draw who met whom: US officials × PRC officials, the most frequent of each side, as a heatmap."""
    pairs = count_pairs(meetings)
    if not pairs:
        return build_empty_spec(t("empty.matrix", lang))
    us_keys, cn_keys = _rank_sides(pairs)
    short = _short_names(officials, lang)
    full = dict(zip(officials["key"], officials["label"], strict=True))
    heat = {
        "type": "heatmap",
        "x": [short.get(k, k) for k in cn_keys],
        "y": [short.get(k, k) for k in us_keys],
        "z": [[pairs.get((us, cn)) or None for cn in cn_keys] for us in us_keys],
        "text": [
            [f"{full.get(us, us)} × {full.get(cn, cn)}: {pairs.get((us, cn), 0)}" for cn in cn_keys]
            for us in us_keys
        ],
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
        xaxis={"side": "top", "tickangle": -40, "showgrid": False},
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


def _short_names(officials: pd.DataFrame, lang: str) -> dict[str, str]:
    names = officials["name_en"] if lang == "en" else officials["name_zh"].fillna(officials["name_en"])
    return {key: _clip(str(name)) for key, name in zip(officials["key"], names, strict=True)}


def _clip(name: str) -> str:
    return name if len(name) <= MATRIX_LABEL_CHARS else name[: MATRIX_LABEL_CHARS - 1] + "…"
