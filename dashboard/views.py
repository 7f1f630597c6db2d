"""Build what each part of the page shows for a view state: the same functions fill the first page (in the
layout, so that no callback round trip precedes the first points) and answer the callbacks afterwards.

The URL callback reduces the view to one key per part of the page (a query string: the part of the view
that part depends on) and sends a key only when it changed, so a click redraws only what it changed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

import pandas as pd

from dashboard.components import (
    build_detail_panel,
    build_meeting_list,
    build_meeting_list_parts,
    build_side_note,
    build_topic_legend,
    build_topic_options,
    build_undated_links,
)
from dashboard.contract import TOPICS
from dashboard.data import Table
from dashboard.figures import TimelineView, build_matrix_spec, build_monthly_spec, build_timeline_spec
from dashboard.figures.colour import find_colour_topics
from dashboard.figures.theme import TOPIC_ORDER, Spec, read_typed_array
from dashboard.filtering import count_topics, filter_meetings, find_side_conflicts
from dashboard.i18n import t
from dashboard.labels import build_hover_texts
from dashboard.url_state import ViewState, build_filter_key, build_query, build_zoom_ms

ARTICLE_HIDDEN = "article-overlay hidden"


class Views(NamedTuple):
    """What the charts' key (filters, zoom, language) decides, in the order of draw_views' Outputs."""

    timeline: Any
    monthly: Any  # None when not built (the smaller charts are off screen)
    matrix: Any
    meeting_count: str
    topic_options: list[dict[str, Any]]
    undated: list[Any]
    empty: str | None
    legend: list[Any]
    range_note: str
    side_note: str | None


class Keys(NamedTuple):
    """The part of the view each part of the page depends on, as a query string."""

    charts: str  # filters, zoom, language: the three charts, counts, chips, legend, undated links
    ring: str  # the selected meeting: the ring around it on the timeline
    meeting_list: str  # everything but the open article: the rows link to the view with their meeting
    detail: str  # the language alone while no meeting is open; else the whole view (its links keep it)
    chips: str  # the filters but the topics, and the language: the counts on the topic chips


class FirstView(NamedTuple):
    """The default view (no query string), drawn into the layout."""

    keys: Keys
    views: Views
    timeline: Spec  # with hover text attached, as the page's clientside callback does
    hover_texts: list[str]
    meeting_list: list[Any]  # the list's data and where the page draws it
    detail: Any


def build_keys(state: ViewState) -> Keys:
    """Return the key of each part of the page for a view."""
    opened = state.meeting is not None or state.article is not None
    return Keys(
        build_filter_key(state),
        state.meeting or "",
        build_query(replace(state, article=None)),
        build_query(state) if opened else build_query(ViewState(lang=state.lang)),
        build_query(ViewState(replace(state.filters, topics=()), lang=state.lang)),
    )


def build_small_charts(
    table: Table, state: ViewState, shown: pd.DataFrame | None = None
) -> tuple[Spec, Spec]:
    """Return the two smaller charts of a view (meetings per month by topic, who met whom)."""
    shown = filter_meetings(table.meetings, state.filters) if shown is None else shown
    monthly = build_monthly_spec(shown, state.lang, state.filters.topics)
    return monthly, build_matrix_spec(shown, table.officials, state.lang)


def build_views(table: Table, state: ViewState, selected: str | None, small: bool = True) -> Views:
    """Return the charts and what goes with them for the filters, zoom and language of a view; the two
    smaller charts only when asked (small)."""
    lang, filters = state.lang, state.filters
    shown = filter_meetings(table.meetings, filters)
    monthly, matrix = build_small_charts(table, state, shown) if small else (None, None)
    view = TimelineView(lang, selected, filters.topics, build_zoom_ms(state.zoom), hover=False)
    timeline = build_timeline_spec(shown, view)
    x_range = timeline["layout"].get("xaxis", {}).get("range") or ["", ""]
    colours = set(find_colour_topics(shown["topic_mask"].to_numpy(), filters.topics).tolist())
    present = [topic for i, topic in enumerate(TOPIC_ORDER) if i in colours and topic in TOPICS]
    sides = dict(zip(table.officials["key"], table.officials["side"], strict=True))
    names = dict(zip(table.officials["key"], table.officials["name_en"], strict=True))
    conflicts = find_side_conflicts(filters, sides)
    return Views(
        timeline,
        monthly,
        matrix,
        t("app.count", lang, shown=len(shown), total=len(table.meetings)),
        build_topic_options(count_topics(table.meetings, filters), lang),
        build_undated_links(shown, state, lang),
        t("empty.filters", lang) if shown.empty else None,
        build_topic_legend(filters.topics, present, lang),
        t("range.showing", lang, first=str(x_range[0])[:10], last=str(x_range[1])[:10]) if x_range[0] else "",
        build_side_note(conflicts, filters.side, names, lang),
    )


def build_list(table: Table, state: ViewState) -> dict[str, Any]:
    """Return the meeting list of a view, as the data the page draws."""
    return build_meeting_list(filter_meetings(table.meetings, state.filters), state, state.lang)


def attach_hover(timeline: Spec, texts: list[str]) -> Spec:
    """Give the timeline's points their hover text by table row (assets/page.js attachHover, in Python)."""
    data = []
    for trace in timeline["data"]:
        rows = trace.get("customdata")
        if isinstance(rows, dict) and "hovertext" not in trace and trace.get("name") != "clusters":
            points = read_typed_array(rows).tolist()
            trace = {**trace, "customdata": points, "hovertext": [texts[row] for row in points]}
        data.append(trace)
    return {**timeline, "data": data}


def build_first_view(table: Table) -> FirstView:
    """Return the default view of a table, as the layout shows it before any callback."""
    state = ViewState()
    views = build_views(table, state, None)
    texts = build_hover_texts(table.meetings, state.lang)
    return FirstView(
        build_keys(state),
        views,
        attach_hover(views.timeline, texts),
        texts,
        build_meeting_list_parts(build_list(table, state)),
        build_detail_panel(None, state, state.lang),
    )
