"""Lay out the page: header, filter sidebar (a drawer on phones), timeline with its legend and zoom,
the meeting list, the detail panel, the two smaller views, exports."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import ids
from dashboard.components import (
    SIDE_CHOICES,
    build_choice_options,
    build_error_panel,
    build_official_options,
    text,
)
from dashboard.contract import MEETING_TYPES, STATUSES
from dashboard.data import Table, TableError
from dashboard.figures import build_empty_spec
from dashboard.i18n import t
from dashboard.views import ARTICLE_HIDDEN, FirstView

# Plotly's own camera is replaced on the page by one that runs the page's PNG export (assets/page.js).
GRAPH_CONFIG: Any = {  # dcc.Graph's Config TypedDict lacks some of plotly.js's keys
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "toImage"],
}
SMALL_GRAPH_CONFIG: Any = {**GRAPH_CONFIG, "modeBarButtonsToRemove": ["lasso2d", "select2d", "toImage"]}
RANGE_SPANS = ("6m", "1y", "all")
LOADING = build_empty_spec("…")  # the smaller charts until they are on screen (assets/page.js drawWhenShown)


def _aria(**values: str) -> dict[str, Any]:
    return {f"aria-{name}": value for name, value in values.items()}


def build_layout(table: Table, first: FirstView) -> html.Div:
    """Return the whole page for a table, showing its first view; the URL callback changes the view."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.FILTER_STATE, data=first.keys.charts),
            dcc.Store(id=ids.RING_STATE, data=first.keys.ring),
            dcc.Store(id=ids.LIST_STATE, data=first.keys.meeting_list),
            dcc.Store(id=ids.DETAIL_STATE, data=first.keys.detail),
            dcc.Store(id=ids.CHIPS_STATE, data=first.keys.chips),
            dcc.Store(id=ids.TIMELINE_DATA, data=first.views.timeline),
            dcc.Store(id=ids.HOVER_TEXT, data=first.hover_texts),
            dcc.Store(id=ids.TIMELINE_ZOOM),
            dcc.Store(id=ids.MONTHLY_FIGURE, data=first.views.monthly),
            dcc.Store(id=ids.MATRIX_FIGURE, data=first.views.matrix),
            dcc.Store(id=ids.SMALL_SHOWN, data=False),
            dcc.Store(id=ids.SMALL_STATE, data=first.keys.charts),
            _header(first),
            html.Div([_sidebar(table, first), _main(first)], className="body"),
            html.Div(id=ids.ARTICLE, className=ARTICLE_HIDDEN),
        ],
        className="page",
    )


def build_error_layout(problem: TableError, command: str) -> html.Div:
    """Return the page shown when the table cannot be read."""
    return html.Div([_title_block(), build_error_panel(problem, command)], className="page error-page")


def _title_block() -> html.Div:
    return html.Div(
        [
            text("app.title", tag=html.H1, className="title"),
            text("app.subtitle", tag=html.P, className="subtitle"),
        ],
        id=ids.TITLE,
    )


def _header(first: FirstView) -> html.Header:
    languages = [{"label": "English", "value": "en"}, {"label": "中文", "value": "zh"}]
    return html.Header(
        [
            _title_block(),
            html.Div(
                [
                    html.Button(
                        t("filters.toggle", "en"),
                        id=ids.FILTERS_TOGGLE,
                        className="filters-toggle",
                        n_clicks=0,
                        **_aria(controls=ids.SIDEBAR, expanded="false"),
                    ),  # fmt: skip
                    html.Div(
                        first.views.meeting_count,
                        id=ids.MEETING_COUNT,
                        className="count-badge",
                        **_aria(live="polite"),
                    ),
                    dcc.RadioItems(
                        id=ids.LANG, options=languages, value="en", inline=True, className="lang-switch"
                    ),
                ],
                className="header-side",
            ),
        ],
        className="header",
    )


def _field(key: str, control: Any) -> html.Div:
    return html.Div([text(key, tag=html.Label, className="field-label"), control], className="field")


def _sidebar(table: Table, first: FirstView) -> html.Aside:
    return html.Aside(
        [
            _field(
                "filters.topics",
                dcc.Checklist(
                    id=ids.TOPICS,
                    options=first.views.topic_options,
                    value=[],
                    className="chips",
                    labelClassName="chip",
                    inputClassName="chip-input",
                ),
            ),
            _field(
                "filters.officials",
                dcc.Dropdown(
                    id=ids.OFFICIALS,
                    options=build_official_options(table.officials, None),
                    value=[],
                    multi=True,
                    searchable=True,
                    placeholder=t("filters.officials_placeholder", "en"),
                ),
            ),
            _field(
                "filters.side",
                dcc.RadioItems(
                    id=ids.SIDE,
                    options=build_choice_options("side", SIDE_CHOICES, "en"),
                    value="all",
                    inline=True,
                    className="segmented",
                ),
            ),
            html.P(first.views.side_note, id=ids.SIDE_NOTE, className="side-note", **_aria(live="polite")),
            _checks("filters.types", ids.TYPES, "type", MEETING_TYPES),
            _checks("filters.status", ids.STATUS, "status", STATUSES),
            _field(
                "filters.outlets",
                dcc.Dropdown(
                    id=ids.OUTLETS,
                    options=list(table.outlets),
                    value=[],
                    multi=True,
                    placeholder=t("filters.outlets_placeholder", "en"),
                ),
            ),
            _field(
                "filters.dates",
                dcc.DatePickerRange(
                    id=ids.DATES,
                    display_format="YYYY-MM-DD",
                    clearable=True,
                    start_date_placeholder_text=t("filters.start", "en"),
                    end_date_placeholder_text=t("filters.end", "en"),
                ),
            ),
            html.Button(t("filters.clear", "en"), id=ids.CLEAR, className="clear-button", n_clicks=0),
            html.Div(
                [
                    text("export.heading", tag=html.Label, className="field-label"),
                    html.Div(
                        [
                            _export_button("export.png", ids.EXPORT_PNG),
                            _export_button("export.svg", ids.EXPORT_SVG),
                            _export_button("export.csv", ids.EXPORT_CSV),
                            _export_button("export.json", ids.EXPORT_JSON),
                        ],
                        className="export-row",
                    ),
                    dcc.Loading(html.Div(id=ids.EXPORT_STATUS, className="export-status"), type="dot"),
                    dcc.Download(id=ids.DOWNLOAD_PNG),
                    dcc.Download(id=ids.DOWNLOAD_SVG),
                    dcc.Download(id=ids.DOWNLOAD_CSV),
                    dcc.Download(id=ids.DOWNLOAD_JSON),
                ],
                className="field export",
            ),
        ],
        id=ids.SIDEBAR,
        className="sidebar",
    )


def _checks(key: str, component_id: str, group: str, values: tuple[str, ...]) -> html.Div:
    options = build_choice_options(group, values, "en")
    return _field(
        key, dcc.Checklist(id=component_id, options=options, value=[], inline=True, className="checks")
    )


def _export_button(key: str, component_id: str) -> html.Button:
    return html.Button(t(key, "en"), id=component_id, className="export-button", n_clicks=0)


def _range_buttons(first: FirstView) -> html.Div:
    buttons = [
        html.Button(
            text(f"range.{span}"),
            id={"type": ids.RANGE_BUTTON, "span": span},
            className="range-button",
            n_clicks=0,
        )
        for span in RANGE_SPANS
    ]
    return html.Div(
        [
            text("range.label", tag=html.Span, className="hint"),
            *buttons,
            html.Span(first.views.range_note, id=ids.RANGE_NOTE, className="hint"),
        ],
        className="range-row",
    )


def _main(first: FirstView) -> html.Main:
    timeline = html.Section(
        [
            html.Div(
                [
                    text("view.timeline", tag=html.H2),
                    text("view.timeline_hint", tag=html.Span, className="hint"),
                ],
                className="section-head",
            ),
            html.Div(first.views.legend, id=ids.LEGEND, className="topic-legend"),
            _range_buttons(first),
            html.Div(first.views.empty, id=ids.EMPTY_STATE, className="empty-state"),
            dcc.Graph(
                id=ids.TIMELINE,
                figure=first.timeline,
                config=GRAPH_CONFIG,
                className="timeline",
                responsive=True,
            ),
            html.Div(first.views.undated, id=ids.UNDATED, className="undated"),
        ],
        className="card timeline-card",
    )
    meeting_list = html.Section(
        [
            html.Div(
                [text("list.heading", tag=html.H2), text("list.hint", tag=html.Span, className="hint")],
                className="section-head",
            ),
            html.Div(first.meeting_list, id=ids.MEETING_LIST, className="meeting-list"),
        ],
        className="card list-card",
    )
    lower = html.Div(
        [
            html.Section(
                [text("view.detail", tag=html.H2), html.Div(first.detail, id=ids.DETAIL, className="detail")],
                className="card detail-card",
            ),
            html.Div(
                [
                    html.Section(
                        [
                            text("view.monthly", tag=html.H2),
                            dcc.Graph(id=ids.MONTHLY, figure=LOADING, config=SMALL_GRAPH_CONFIG),
                        ],
                        className="card",
                    ),
                    html.Section(
                        [
                            text("view.matrix", tag=html.H2),
                            dcc.Graph(id=ids.MATRIX, figure=LOADING, config=SMALL_GRAPH_CONFIG),
                        ],
                        className="card",
                    ),
                ],
                className="side-views",
            ),
        ],
        className="lower",
    )
    return html.Main([timeline, meeting_list, lower], className="main")
