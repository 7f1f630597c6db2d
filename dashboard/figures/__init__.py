"""The dashboard's figures, each a pure function of the meetings in play: plain specs for the browser,
validated go.Figures for tests and exports."""

from dashboard.figures.colour import find_colour_topics, find_rule_key
from dashboard.figures.matrix import build_matrix_figure, build_matrix_spec, count_pairs
from dashboard.figures.monthly import build_monthly_figure, build_monthly_spec, count_months
from dashboard.figures.theme import TOPIC_COLORS, TOPIC_ORDER, Spec, build_empty_spec
from dashboard.figures.timeline import (
    TimelineView,
    build_selection_trace,
    build_timeline_figure,
    build_timeline_spec,
    find_dated,
    find_extent,
    place_meetings,
)

__all__ = [
    "TOPIC_COLORS",
    "TOPIC_ORDER",
    "Spec",
    "TimelineView",
    "build_empty_spec",
    "build_matrix_figure",
    "build_matrix_spec",
    "build_monthly_figure",
    "build_monthly_spec",
    "build_selection_trace",
    "build_timeline_figure",
    "build_timeline_spec",
    "count_months",
    "count_pairs",
    "find_colour_topics",
    "find_dated",
    "find_extent",
    "find_rule_key",
    "place_meetings",
]
