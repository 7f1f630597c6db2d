"""Meetings per month by topic: a meeting counts once under each of its topics (the chart says so)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.contract import TOPICS
from dashboard.data import NO_TOPIC, TOPIC_BITS
from dashboard.figures.theme import TOPIC_COLORS, TOPIC_ORDER, Spec, base_layout, build_empty_spec
from dashboard.i18n import label, t


def count_months(meetings: pd.DataFrame, topics: Sequence[str] = ()) -> pd.DataFrame:
    """Count meetings per month and topic, each meeting under every topic it has (or the selected ones)."""
    dated = meetings.loc[(meetings["month"] != "").to_numpy(), ["month", "topic_mask"]]
    wanted = [x for x in TOPICS if x in topics] or list(TOPICS)
    if dated.empty:
        return pd.DataFrame()
    masks = dated["topic_mask"].to_numpy()
    has = {x: (masks & TOPIC_BITS[x]) != 0 for x in wanted} | ({NO_TOPIC: masks == 0} if not topics else {})
    frame = pd.DataFrame(has, index=dated["month"].to_numpy()).groupby(level=0).sum().astype("int64")
    return frame.loc[:, (frame.sum(axis=0) > 0).to_numpy()]


def build_monthly_spec(meetings: pd.DataFrame, lang: str, topics: Sequence[str] = ()) -> Spec:
    """Stack, per month, the meetings of each topic; a click on a bar filters to that topic and month."""
    counts = count_months(meetings, topics)
    if counts.empty:
        return build_empty_spec(t("empty.filters", lang))
    months = [f"{month}-01" for month in counts.index]
    data = []
    for topic in (x for x in TOPIC_ORDER if x in counts.columns):
        name = label("topic", topic, lang)
        data.append(
            {
                "type": "bar",
                "x": months,
                "y": counts[topic].tolist(),
                "name": name,
                "marker": {"color": TOPIC_COLORS[topic]},
                "customdata": [[topic, month] for month in counts.index],
                "hovertemplate": f"{name}: %{{y}}<extra>%{{x|%Y-%m}}</extra>",
            }
        )
    small = int(np.max(counts.to_numpy().sum(axis=1))) <= 8
    layout = base_layout(
        height=300,
        barmode="stack",
        bargap=0.15,
        showlegend=False,  # the topic colours are the chips' and the timeline legend's; hover names the topic
        xaxis={"type": "date", "tickformat": "%Y-%m", "showgrid": False},
        yaxis={
            "title": {"text": t("chart.meetings_by_topic", lang)},
            "rangemode": "tozero",
            **({"dtick": 1} if small else {}),
        },  # fmt: skip
    )
    return {"data": data, "layout": layout}


def build_monthly_figure(meetings: pd.DataFrame, lang: str, topics: Sequence[str] = ()) -> go.Figure:
    """Return the meetings-per-month chart as a validated go.Figure."""
    return go.Figure(build_monthly_spec(meetings, lang, topics))
