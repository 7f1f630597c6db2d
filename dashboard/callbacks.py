"""Wire the page: callbacks translate control values and the URL into calls of the pure functions, and
return named structures (NamedTuples) whose fields follow their Outputs."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

import pandas as pd
from dash import ALL, ClientsideFunction, Dash, Input, Output, Patch, State, ctx, dcc, no_update

from dashboard import export, ids
from dashboard.components import (
    SIDE_CHOICES,
    build_article_panel,
    build_choice_options,
    build_detail_panel,
    build_meeting_list,
    build_official_options,
    build_side_note,
    build_topic_legend,
    build_topic_options,
    build_undated_links,
)
from dashboard.contract import COLUMNS, MEETING_TYPES, STATUSES, TOPICS
from dashboard.data import Table
from dashboard.export_queue import ExportBusy, ExportQueue
from dashboard.figures import (
    TimelineView,
    build_matrix_spec,
    build_monthly_spec,
    build_selection_trace,
    build_timeline_spec,
    find_colour_topics,
    find_dated,
    find_extent,
    place_meetings,
)
from dashboard.figures.theme import TOPIC_ORDER
from dashboard.filtering import Vocabulary, count_topics, filter_meetings, find_side_conflicts
from dashboard.highlight import build_excerpt_index, find_article_excerpts
from dashboard.i18n import resolve_lang, t
from dashboard.labels import build_hover_texts
from dashboard.url_state import (
    CONTROLS,
    Event,
    build_control_values,
    build_filter_key,
    build_query,
    build_zoom_ms,
    next_state,
    parse_query,
)

DAY_MS = 86_400_000
# The table's exports as text: download, button, writer of the rows, file name, media type.
TextExport = tuple[str, str, Callable[[Any], str], str, str]
TEXT_EXPORTS: tuple[TextExport, ...] = (
    (ids.DOWNLOAD_CSV, ids.EXPORT_CSV, export.meetings_csv, "meetings.csv", "text/csv"),
    (ids.DOWNLOAD_JSON, ids.EXPORT_JSON, export.meetings_json, "meetings.json", "application/json"),
)
IMAGE_EXPORTS = ((ids.DOWNLOAD_PNG, ids.EXPORT_PNG, "png"), (ids.DOWNLOAD_SVG, ids.EXPORT_SVG, "svg"))
PATTERN_TRIGGERS = (ids.LEGEND_TOPIC, ids.RANGE_BUTTON, ids.SORT)
EXPORTS = ExportQueue()  # per server process: see export_queue.py


class StateUpdate(NamedTuple):
    """The URL, every control of CONTROLS (in its order) and the key that redraws the charts."""

    url: Any
    topics: Any
    officials: Any
    side: Any
    types: Any
    statuses: Any
    outlets: Any
    start_date: Any
    end_date: Any
    lang: Any
    filter_key: Any


class Views(NamedTuple):
    timeline: Any
    monthly: Any
    matrix: Any
    meeting_count: str
    topic_options: list[dict[str, Any]]
    undated: list[Any]
    empty: str | None
    legend: list[Any]
    range_note: str
    side_note: str | None


class Detail(NamedTuple):
    detail: Any
    article: Any
    article_class: str


class Download(NamedTuple):
    data: Any
    status: str | None


def find_extent_dates(meetings: pd.DataFrame) -> list[str] | None:
    """Return the first and last day of the meetings' windows as ISO dates (the zoom buttons' bounds)."""
    extent = find_extent(meetings)
    if extent is None:
        return None
    return [pd.Timestamp(ms, unit="ms").date().isoformat() for ms in extent]


def register_callbacks(app: Dash, table: Table) -> None:
    """Register every callback of the page for one table."""
    vocabulary = Vocabulary(
        frozenset(table.officials["key"]), frozenset(table.outlets), tuple(table.meetings["id"])
    )
    _register_state(app, table, vocabulary)
    _register_views(app, table, vocabulary)
    _register_detail(app, table, vocabulary)
    _register_language(app, table)
    _register_exports(app, table, vocabulary)


def _register_state(app: Dash, table: Table, vocabulary: Vocabulary) -> None:
    @app.callback(
        Output(ids.URL, "search"),
        *[Output(c, p) for c, p in CONTROLS],
        Output(ids.FILTER_STATE, "data"),
        Input(ids.URL, "search"),
        Input(ids.CLEAR, "n_clicks"),
        Input(ids.TIMELINE, "clickData"),
        Input(ids.TIMELINE, "relayoutData"),
        Input(ids.MONTHLY, "clickData"),
        Input(ids.MATRIX, "clickData"),
        Input({"type": ids.LEGEND_TOPIC, "topic": ALL}, "n_clicks"),
        Input({"type": ids.RANGE_BUTTON, "span": ALL}, "n_clicks"),
        Input({"type": ids.SORT, "key": ALL}, "n_clicks"),
        *[Input(c, p) for c, p in CONTROLS],
        State(ids.FILTER_STATE, "data"),
    )
    def sync_state(search: str, _clear: Any, click: Any, relayout: Any, bar: Any, cell: Any,
                   _legend: Any, _ranges: Any, _sorts: Any, *rest: Any) -> StateUpdate:  # fmt: skip
        *controls, shown = rest
        trigger = ctx.triggered_id
        prop = ctx.triggered[0]["prop_id"] if ctx.triggered else ""
        drawn = isinstance(trigger, dict) and trigger.get("type") in PATTERN_TRIGGERS
        resized = prop.endswith("relayoutData") and not any(
            str(k).startswith("xaxis") for k in relayout or {}
        )
        if (drawn and not ctx.triggered[0]["value"]) or resized:  # a button just drawn; a resize, not a zoom
            return StateUpdate._make([no_update] * (len(CONTROLS) + 2))
        payload: Any = {ids.MONTHLY: bar, ids.MATRIX: cell}.get(str(trigger), click)
        if prop.endswith("relayoutData"):
            trigger, payload = ids.TIMELINE_ZOOM, relayout
        if isinstance(trigger, dict) and trigger.get("type") == ids.RANGE_BUTTON:
            current = parse_query(search, vocabulary)
            payload = find_extent_dates(filter_meetings(table.meetings, current.filters))
        state = next_state(Event(trigger, controls, payload), search, vocabulary)
        from_url = trigger in (None, ids.URL)
        query = build_query(state)
        url = no_update if from_url or query == search else query
        set_controls = from_url or trigger not in {c for c, _ in CONTROLS}
        values = build_control_values(state) if set_controls else [no_update] * len(CONTROLS)
        filter_key = build_filter_key(state)
        return StateUpdate._make([url, *values, no_update if filter_key == shown else filter_key])


def _register_views(app: Dash, table: Table, vocabulary: Vocabulary) -> None:
    sides = dict(zip(table.officials["key"], table.officials["side"], strict=True))
    names = dict(zip(table.officials["key"], table.officials["name_en"], strict=True))

    @app.callback(
        Output(ids.TIMELINE_DATA, "data"),
        Output(ids.MONTHLY, "figure"),
        Output(ids.MATRIX, "figure"),
        Output(ids.MEETING_COUNT, "children"),
        Output(ids.TOPICS, "options"),
        Output(ids.UNDATED, "children"),
        Output(ids.EMPTY_STATE, "children"),
        Output(ids.LEGEND, "children"),
        Output(ids.RANGE_NOTE, "children"),
        Output(ids.SIDE_NOTE, "children"),
        Input(ids.FILTER_STATE, "data"),
        State(ids.URL, "search"),
    )
    def draw_views(filter_key: str | None, search: str | None) -> Views:
        state = parse_query(filter_key, vocabulary)
        lang, filters = state.lang, state.filters
        shown = filter_meetings(table.meetings, filters)
        selected = parse_query(search, vocabulary).meeting
        view = TimelineView(lang, selected, filters.topics, build_zoom_ms(state.zoom), hover=False)
        timeline = build_timeline_spec(shown, view)
        x_range = timeline["layout"].get("xaxis", {}).get("range") or ["", ""]
        colours = set(find_colour_topics(shown["topic_mask"].to_numpy(), filters.topics).tolist())
        present = [topic for i, topic in enumerate(TOPIC_ORDER) if i in colours and topic in TOPICS]
        conflicts = find_side_conflicts(filters, sides)
        return Views(
            timeline,
            build_monthly_spec(shown, lang, filters.topics),
            build_matrix_spec(shown, table.officials, lang),
            t("app.count", lang, shown=len(shown), total=len(table.meetings)),
            build_topic_options(count_topics(table.meetings, filters), lang),
            build_undated_links(shown, state, lang),
            t("empty.filters", lang) if shown.empty else None,
            build_topic_legend(filters.topics, present, lang),
            t("range.showing", lang, first=str(x_range[0])[:10], last=str(x_range[1])[:10])
            if x_range[0]
            else "",
            build_side_note(conflicts, filters.side, names, lang),
        )

    @cache
    def hover_texts(lang: str) -> list[str]:
        return build_hover_texts(table.meetings, lang)

    @app.callback(Output(ids.HOVER_TEXT, "data"), Input(ids.LANG, "value"))
    def send_hover_text(lang: str | None) -> list[str]:
        return hover_texts(resolve_lang(lang))

    app.clientside_callback(
        ClientsideFunction(namespace="meetings", function_name="attachHover"),
        Output(ids.TIMELINE, "figure"),
        Input(ids.TIMELINE_DATA, "data"),
        Input(ids.HOVER_TEXT, "data"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="meetings", function_name="graphConfig"),
        Output(ids.TIMELINE, "config"),
        Input(ids.URL, "pathname"),
        State(ids.TIMELINE, "config"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="meetings", function_name="toggleFilters"),
        Output(ids.SIDEBAR, "className"),
        Output(ids.FILTERS_TOGGLE, "aria-expanded"),
        Input(ids.FILTERS_TOGGLE, "n_clicks"),
    )

    @app.callback(
        Output(ids.TIMELINE, "figure", allow_duplicate=True),
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def ring_selected(search: str | None) -> Patch:
        state = parse_query(search, vocabulary)
        dated = find_dated(filter_meetings(table.meetings, state.filters))
        patch = Patch()  # every timeline, even an empty one, has the ring as its first trace
        if dated.empty:
            return patch
        ring = build_selection_trace(dated, place_meetings(dated, build_zoom_ms(state.zoom)), state.meeting)
        patch["data"][0]["x"] = ring["x"]
        patch["data"][0]["y"] = ring["y"]
        return patch

    @app.callback(Output(ids.MEETING_LIST, "children"), Input(ids.URL, "search"))
    def list_meetings(search: str | None) -> list[Any]:
        state = parse_query(search, vocabulary)
        return build_meeting_list(filter_meetings(table.meetings, state.filters), state, state.lang)


def _register_detail(app: Dash, table: Table, vocabulary: Vocabulary) -> None:
    rows = {row["id"]: row for row in table.meetings.to_dict("records")}
    excerpts_by_path = build_excerpt_index(rows.values())

    @app.callback(
        Output(ids.DETAIL, "children"),
        Output(ids.ARTICLE, "children"),
        Output(ids.ARTICLE, "className"),
        Input(ids.URL, "search"),
    )
    def show_detail(search: str) -> Detail:
        state = parse_query(search, vocabulary)
        row = rows.get(state.meeting) if state.meeting else None
        detail = build_detail_panel(row, state, state.lang)
        if not state.article:
            return Detail(detail, None, "article-overlay hidden")
        excerpts = find_article_excerpts(row, state.article, excerpts_by_path)
        article = build_article_panel(
            state.article, table.articles.get(state.article), excerpts, state, state.lang
        )
        return Detail(detail, article, "article-overlay")


class Translation(NamedTuple):
    texts: list[str]
    officials_placeholder: str
    outlets_placeholder: str
    start_placeholder: str
    end_placeholder: str
    sides: list[dict[str, str]]
    types: list[dict[str, str]]
    statuses: list[dict[str, str]]
    clear: str
    png: str
    toggle: str


def _register_language(app: Dash, table: Table) -> None:
    @app.callback(
        Output({"type": ids.TEXT, "key": ALL}, "children"),
        Output(ids.OFFICIALS, "placeholder"),
        Output(ids.OUTLETS, "placeholder"),
        Output(ids.DATES, "start_date_placeholder_text"),
        Output(ids.DATES, "end_date_placeholder_text"),
        Output(ids.SIDE, "options"),
        Output(ids.TYPES, "options"),
        Output(ids.STATUS, "options"),
        Output(ids.CLEAR, "children"),
        Output(ids.EXPORT_PNG, "children"),
        Output(ids.FILTERS_TOGGLE, "children"),
        Input(ids.LANG, "value"),
        State({"type": ids.TEXT, "key": ALL}, "id"),
    )
    def translate(lang: str, text_ids: list[dict[str, str]]) -> Translation:
        return Translation(
            [t(i["key"], lang) for i in text_ids],
            t("filters.officials_placeholder", lang),
            t("filters.outlets_placeholder", lang),
            t("filters.start", lang),
            t("filters.end", lang),
            build_choice_options("side", SIDE_CHOICES, lang),
            build_choice_options("type", MEETING_TYPES, lang),
            build_choice_options("status", STATUSES, lang),
            t("filters.clear", lang),
            t("export.png", lang),
            t("filters.toggle", lang),
        )

    @app.callback(
        Output(ids.OFFICIALS, "options"),
        Input(ids.SIDE, "value"),
        Input(ids.LANG, "value"),
        State(ids.OFFICIALS, "value"),
    )
    def list_officials(side: str | None, lang: str | None, selected: Any) -> list[dict[str, Any]]:
        keep = [v for v in selected or [] if isinstance(v, str)]
        return build_official_options(table.officials, side, resolve_lang(lang), keep)


def _register_exports(app: Dash, table: Table, vocabulary: Vocabulary) -> None:
    for text_export in TEXT_EXPORTS:
        _register_text_export(app, table, vocabulary, text_export)
    for download, button, image_format in IMAGE_EXPORTS:
        _register_image_export(app, table, vocabulary, download, button, image_format)


def _register_image_export(
    app: Dash, table: Table, vocabulary: Vocabulary, download: str, button: str, image_format: str
) -> None:
    @app.callback(
        Output(download, "data"),
        Output(ids.EXPORT_STATUS, "children", allow_duplicate=True),
        Input(button, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def download_image(_clicks: int, search: str | None) -> Download:
        state = parse_query(search, vocabulary)
        fmt: export.ImageFormat = "svg" if image_format == "svg" else "png"
        request = export.ExportRequest(state.filters, state.lang, build_zoom_ms(state.zoom), image_format=fmt)
        try:
            with EXPORTS.slot():
                image = export.export_image(table, request)
        except ExportBusy:
            return Download(no_update, t("export.busy", state.lang))
        return Download(dcc.send_bytes(image, f"us-china-meetings.{image_format}"), None)


def _register_text_export(app: Dash, table: Table, vocabulary: Vocabulary, text_export: TextExport) -> None:
    download, button, write, filename, media_type = text_export

    @app.callback(
        Output(download, "data"),
        Input(button, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def download_rows(_clicks: int, search: str | None) -> dict[str, Any]:
        rows = filter_meetings(table.meetings, parse_query(search, vocabulary).filters)
        return dict(content=write(rows[list(COLUMNS)]), filename=filename, type=media_type)
