"""Build the dashboard's figures from (filtered) meetings: pure functions, few traces each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import product

import pandas as pd
import plotly.graph_objects as go

from dashboard.data import MEETING_TYPES, NO_TOPIC, TOPICS
from dashboard.i18n import label, t
from dashboard.lanes import read_lane_rules

FONT = "Inter, 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif"
TOPIC_COLORS: dict[str, str] = {
    "taiwan": "#d1495b",
    "chips": "#00798c",
    "fentanyl": "#7b2cbf",
    "military": "#3c6e47",
    "trade": "#edae49",
    "climate": "#66a182",
    "ukraine": "#2e4057",
    "north_korea": "#8d6a9f",
    "south_china_sea": "#30638e",
    "human_rights": "#c05746",
    "people_exchange": "#e09f3e",
    "detained_citizens": "#9e2a2b",
    "middle_east": "#b08968",
    NO_TOPIC: "#9aa5b1",
}
TYPE_SYMBOLS: dict[str, str] = {"in_person": "circle", "phone": "diamond", "video": "square", "unknown": "x"}
SPAN_COLOR = "rgba(55, 65, 81, 0.28)"
LEGEND_COLOR = "#4b5563"
MATRIX_TOP = 15  # officials per side in the who-met-whom matrix
MATRIX_LABEL_CHARS = 22
TOPIC_ORDER = (*TOPICS, NO_TOPIC)


def base_layout(**extra: object) -> dict[str, object]:
    """Return the layout every figure shares: fonts, margins, a quiet white theme."""
    layout: dict[str, object] = {
        "template": "plotly_white",
        "font": {"family": FONT, "size": 12, "color": "#1f2937"},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "hoverlabel": {"font": {"family": FONT}, "align": "left"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "#ffffff",
    }
    layout.update(extra)
    return layout


def build_empty_figure(message: str) -> go.Figure:
    """Return a blank figure that says why it is blank."""
    fig = go.Figure(layout=base_layout(height=260))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=message,
        showarrow=False,
        font={"size": 15, "color": "#6b7280"},
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
    )
    return fig


def build_timeline_figure(meetings: pd.DataFrame, lang: str) -> go.Figure:
    """Draw dated meetings as spans and markers, one lane per channel, one trace per lane and type."""
    dated = meetings[meetings["start"].notna()]
    if dated.empty:
        return build_empty_figure(t("empty.filters", lang))
    lanes = read_lane_rules().display
    y = dated["lane"].map({lane: i for i, lane in enumerate(lanes)}) + dated["jitter"]
    fig = go.Figure(layout=base_layout(height=500, hovermode="closest", dragmode="zoom"))
    for status in ("held", "planned"):
        fig.add_trace(_span_trace(dated, y, status))
    for (lane, kind), group in dated.groupby(["lane", "meeting_type"], sort=True):
        fig.add_trace(_marker_trace(group, y.loc[group.index], f"{lane}/{kind}", lang))
    for trace in _legend_traces(dated, lang):
        fig.add_trace(trace)
    _style_timeline_axes(fig, lanes, lang)
    return fig


def _span_trace(dated: pd.DataFrame, y: pd.Series, status: str) -> go.Scatter:
    spans = dated[(dated["status"] == status) & (dated["end"] > dated["start"])]
    xs: list[object] = []
    ys: list[object] = []
    for start, end, row_y in zip(spans["start"], spans["end"], y.loc[spans.index], strict=True):
        xs += [start, end, None]
        ys += [row_y, row_y, None]
    line = {"color": SPAN_COLOR, "width": 6, "dash": "dot" if status == "planned" else "solid"}
    return go.Scatter(
        x=xs, y=ys, mode="lines", line=line, hoverinfo="skip", showlegend=False, name=f"spans/{status}"
    )


def _marker_trace(group: pd.DataFrame, y: pd.Series, name: str, lang: str) -> go.Scatter:
    symbol = TYPE_SYMBOLS[str(group["meeting_type"].iloc[0])]
    planned = (group["status"] == "planned").to_numpy()
    colors = group["primary_topic"].map(TOPIC_COLORS).to_numpy()
    marker = {
        "symbol": [f"{symbol}-open" if p else symbol for p in planned],
        "color": colors,
        "size": (8 + 3 * group["n_sources"].clip(upper=6)).to_numpy(),
        "line": {
            "width": [2.5 if p else 1 for p in planned],
            "color": ["rgba(0,0,0,0)" if p else "#ffffff" for p in planned],
        },
        "opacity": 0.92,
    }
    return go.Scatter(
        x=group["start"],
        y=y,
        mode="markers",
        name=name,
        marker=marker,
        showlegend=False,
        customdata=group["id"].to_numpy(),
        hovertext=group[f"hover_{lang}"].to_numpy(),
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _legend_traces(dated: pd.DataFrame, lang: str) -> list[go.Scatter]:
    traces = []
    for kind in (k for k in MEETING_TYPES if k in set(dated["meeting_type"])):
        marker = {"symbol": TYPE_SYMBOLS[kind], "color": LEGEND_COLOR, "size": 11}
        traces.append(_legend_entry(label("type", kind, lang), marker, "types"))
    if (dated["status"] == "planned").any():
        marker = {"symbol": "circle-open", "color": LEGEND_COLOR, "size": 11, "line": {"width": 2}}
        traces.append(_legend_entry(label("status", "planned", lang), marker, "types"))
    for topic in (topic for topic in TOPIC_ORDER if topic in set(dated["primary_topic"])):
        marker = {"symbol": "circle", "color": TOPIC_COLORS[topic], "size": 11}
        traces.append(_legend_entry(label("topic", topic, lang), marker, "topics"))
    return traces


def _legend_entry(name: str, marker: Mapping[str, object], group: str) -> go.Scatter:
    return go.Scatter(
        x=[None], y=[None], mode="markers", name=name, marker=marker, legendgroup=group, hoverinfo="skip"
    )


def _style_timeline_axes(fig: go.Figure, lanes: tuple[str, ...], lang: str) -> None:
    buttons = [
        {"count": 6, "label": t("chart.range_6m", lang), "step": "month", "stepmode": "backward"},
        {"count": 1, "label": t("chart.range_1y", lang), "step": "year", "stepmode": "backward"},
        {"step": "all", "label": t("chart.range_all", lang)},
    ]
    fig.update_xaxes(
        type="date",
        showgrid=True,
        gridcolor="#eef0f3",
        rangeslider={"visible": True, "thickness": 0.07},
        rangeselector={"buttons": buttons, "x": 0, "y": 1.02, "bgcolor": "#f3f4f6", "activecolor": "#d1d5db"},
    )
    fig.update_yaxes(
        tickvals=list(range(len(lanes))),
        ticktext=[label("lane", lane, lang) for lane in lanes],
        range=[len(lanes) - 0.5, -0.5],
        showgrid=True,
        gridcolor="#f1f3f5",
        zeroline=False,
        fixedrange=True,
    )
    fig.update_layout(
        legend={
            "orientation": "h",
            "x": 1,
            "xanchor": "right",
            "y": 1.02,
            "yanchor": "bottom",
            "font": {"size": 11},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        margin={"l": 10, "r": 10, "t": 56, "b": 10},
    )


def build_monthly_figure(meetings: pd.DataFrame, lang: str) -> go.Figure:
    """Stack the meetings of each month by main topic (one bar trace per topic)."""
    dated = meetings[meetings["month"] != ""]
    if dated.empty:
        return build_empty_figure(t("empty.filters", lang))
    counts = dated.groupby(["month", "primary_topic"]).size().unstack(fill_value=0)
    months = pd.to_datetime(counts.index + "-01")
    fig = go.Figure(layout=base_layout(height=300, barmode="stack", bargap=0.15))
    for topic in (topic for topic in TOPIC_ORDER if topic in counts.columns):
        name = label("topic", topic, lang)
        fig.add_trace(
            go.Bar(
                x=months,
                y=counts[topic],
                name=name,
                marker_color=TOPIC_COLORS[topic],
                hovertemplate=f"{name}: %{{y}}<extra>%{{x|%Y-%m}}</extra>",
            )
        )
    fig.update_xaxes(type="date", tickformat="%Y-%m", showgrid=False)
    fig.update_yaxes(
        title={"text": t("chart.meetings", lang)},
        rangemode="tozero",
        dtick=1 if counts.sum(axis=1).max() <= 8 else None,
    )
    fig.update_layout(
        legend={"orientation": "h", "y": -0.18, "font": {"size": 11}},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return fig


def count_pairs(meetings: pd.DataFrame) -> Counter[tuple[str, str]]:
    """Count meetings per (US official, PRC official) pair."""
    pairs: Counter[tuple[str, str]] = Counter()
    for us, cn in zip(meetings["us_keys"], meetings["cn_keys"], strict=True):
        pairs.update(product(sorted(us), sorted(cn)))
    return pairs


def build_matrix_figure(meetings: pd.DataFrame, officials: pd.DataFrame, lang: str) -> go.Figure:
    """Draw who met whom: US officials × PRC officials, the most frequent of each side, as a heatmap."""
    pairs = count_pairs(meetings)
    if not pairs:
        return build_empty_figure(t("empty.matrix", lang))
    us_keys, cn_keys = _rank_sides(pairs)
    short = _short_names(officials, lang)
    full = dict(zip(officials["key"], officials["label"], strict=True))
    z = [[pairs.get((us, cn)) or None for cn in cn_keys] for us in us_keys]
    hover = [
        [f"{full.get(us, us)} × {full.get(cn, cn)}: {pairs.get((us, cn), 0)}" for cn in cn_keys]
        for us in us_keys
    ]
    heat = go.Heatmap(
        z=z,
        x=[short.get(k, k) for k in cn_keys],
        y=[short.get(k, k) for k in us_keys],
        text=hover,
        colorscale=[[0, "#dbeafe"], [1, "#1e3a8a"]],
        showscale=False,
        xgap=3,
        ygap=3,
        texttemplate="%{z}",
        hovertemplate="%{text}<extra></extra>",
        zmin=0,
    )
    fig = go.Figure(heat, layout=base_layout(height=max(240, 110 + 28 * len(us_keys))))
    fig.update_xaxes(side="top", tickangle=-40, showgrid=False)
    fig.update_yaxes(autorange="reversed", showgrid=False)
    return fig


def _rank_sides(pairs: Counter[tuple[str, str]]) -> tuple[list[str], list[str]]:
    totals: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    for (us, cn), n in pairs.items():
        totals[0][us] += n
        totals[1][cn] += n
    return tuple(  # type: ignore[return-value]
        [k for k, _ in sorted(side.items(), key=lambda kv: (-kv[1], kv[0]))[:MATRIX_TOP]] for side in totals
    )


def _short_names(officials: pd.DataFrame, lang: str) -> dict[str, str]:
    names = officials["name_en"] if lang == "en" else officials["name_zh"].fillna(officials["name_en"])
    return {key: _clip(str(name)) for key, name in zip(officials["key"], names, strict=True)}


def _clip(name: str) -> str:
    return name if len(name) <= MATRIX_LABEL_CHARS else name[: MATRIX_LABEL_CHARS - 1] + "…"
