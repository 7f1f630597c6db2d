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
    build_official_options,
)
from dashboard.contract import COLUMNS, MEETING_TYPES, STATUSES
from dashboard.data import Table
from dashboard.export_queue import ExportBusy, ExportQueue
from dashboard.figures import build_selection_trace, find_dated, find_extent, place_meetings
from dashboard.filtering import Vocabulary, filter_meetings
from dashboard.highlight import build_excerpt_index, find_article_excerpts
from dashboard.i18n import resolve_lang, t
from dashboard.labels import build_hover_texts
from dashboard.url_state import (
    CONTROLS,
    Event,
    ViewState,
    build_control_values,
    build_filter_key,
    build_query,
    build_zoom_ms,
    next_state,
    parse_query,
)
from dashboard.views import (
    ARTICLE_HIDDEN,
    Keys,
    Views,
    build_keys,
    build_list,
    build_small_charts,
    build_views,
)

DAY_MS = 86_400_000
# The table's exports as text: download, button, writer of the rows, file name, media type.
TextExport = tuple[str, str, Callable[[Any], str], str, str]
TEXT_EXPORTS: tuple[TextExport, ...] = (
    (ids.DOWNLOAD_CSV, ids.EXPORT_CSV, export.meetings_csv, "meetings.csv", "text/csv"),
    (ids.DOWNLOAD_JSON, ids.EXPORT_JSON, export.meetings_json, "meetings.json", "application/json"),
)
IMAGE_EXPORTS = ((ids.DOWNLOAD_PNG, ids.EXPORT_PNG, "png"), (ids.DOWNLOAD_SVG, ids.EXPORT_SVG, "svg"))
PATTERN_TRIGGERS = (ids.LEGEND_TOPIC, ids.RANGE_BUTTON)
EXPORTS = ExportQueue()  # per server process: see export_queue.py
SMALL_CHARTS = ("monthly", "matrix")  # fields of Views drawn only while on screen
KEY_STORES = (ids.FILTER_STATE, ids.RING_STATE, ids.LIST_STATE, ids.DETAIL_STATE, ids.CHIPS_STATE)  # as Keys
# The parts of the page the URL callback draws when their key changed: Views, the ring, the list, Detail.
PART_OUTPUTS = (
    Output(ids.TIMELINE_DATA, "data"),
    Output(ids.MONTHLY_FIGURE, "data", allow_duplicate=True),
    Output(ids.MATRIX_FIGURE, "data", allow_duplicate=True),
    Output(ids.MEETING_COUNT, "children"),
    Output(ids.TOPICS, "options"),
    Output(ids.UNDATED, "children"),
    Output(ids.EMPTY_STATE, "children"),
    Output(ids.LEGEND, "children"),
    Output(ids.RANGE_NOTE, "children"),
    Output(ids.SIDE_NOTE, "children"),
    Output(ids.TIMELINE, "figure", allow_duplicate=True),
    Output(ids.LIST_DATA, "data"),
    Output(ids.DETAIL, "children"),
    Output(ids.ARTICLE, "children"),
    Output(ids.ARTICLE, "className"),
    Output(ids.SMALL_STATE, "data", allow_duplicate=True),
)


class StateUpdate(NamedTuple):
    """The URL, every control of CONTROLS (in its order) and the key of each part of the page (Keys);
    the parts themselves follow (PART_OUTPUTS)."""

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
    ring_key: Any
    list_key: Any
    detail_key: Any
    chips_key: Any


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
    _register_small_charts(app, table, vocabulary)
    _register_views(app, table)
    _register_language(app, table)
    _register_exports(app, table, vocabulary)


def _register_state(app: Dash, table: Table, vocabulary: Vocabulary) -> None:
    draw = _build_part_drawer(table)

    # One round trip per event: the callback that decides the next view also draws the parts it changed.
    @app.callback(
        Output(ids.URL, "search"),
        *[Output(c, p) for c, p in CONTROLS],
        *[Output(key, "data") for key in KEY_STORES],
        *PART_OUTPUTS,
        Input(ids.URL, "search"),
        Input(ids.CLEAR, "n_clicks"),
        Input(ids.TIMELINE, "clickData"),
        Input(ids.TIMELINE_ZOOM, "data"),
        Input(ids.MONTHLY, "clickData"),
        Input(ids.MATRIX, "clickData"),
        Input({"type": ids.LEGEND_TOPIC, "topic": ALL}, "n_clicks"),
        Input({"type": ids.RANGE_BUTTON, "span": ALL}, "n_clicks"),
        *[Input(c, p) for c, p in CONTROLS],
        *[State(key, "data") for key in KEY_STORES],
        State(ids.SMALL_SHOWN, "data"),
        prevent_initial_call="initial_duplicate",  # it reads the URL on load; the ring's output is shared
    )
    def sync_state(search: str, _clear: Any, click: Any, zoom: Any, bar: Any, cell: Any,
                   _legend: Any, _ranges: Any, *rest: Any) -> list[Any]:  # fmt: skip
        controls, shown, small = rest[: len(CONTROLS)], rest[len(CONTROLS) : -1], bool(rest[-1])
        trigger = ctx.triggered_id
        drawn = isinstance(trigger, dict) and trigger.get("type") in PATTERN_TRIGGERS
        if drawn and not ctx.triggered[0]["value"]:  # a button just drawn, not clicked
            return [no_update] * (len(StateUpdate._fields) + len(PART_OUTPUTS))
        payloads = {ids.MONTHLY: bar, ids.MATRIX: cell, ids.TIMELINE_ZOOM: zoom}
        payload: Any = payloads.get(str(trigger), click)
        if isinstance(trigger, dict) and trigger.get("type") == ids.RANGE_BUTTON:
            current = parse_query(search, vocabulary)
            payload = find_extent_dates(filter_meetings(table.meetings, current.filters))
        state = next_state(Event(trigger, controls, payload), search, vocabulary)
        from_url = trigger in (None, ids.URL)
        query = build_query(state)
        url = no_update if from_url or query == search else query
        # A pattern id (legend and range buttons) is a dict: unhashable, and never a control.
        set_controls = from_url or isinstance(trigger, dict) or trigger not in {c for c, _ in CONTROLS}
        values = build_control_values(state) if set_controls else controls
        # Only what changed is sent: an unchanged control fires nothing downstream, an unchanged part of
        # the page is not redrawn (the first page is in the layout: opening it redraws nothing).
        changed = [no_update if new == old else new for new, old in zip(values, controls, strict=True)]
        keys = build_keys(state)
        fresh = Keys._make(new != old for new, old in zip(keys, shown, strict=True))
        sent = [new if is_new else no_update for new, is_new in zip(keys, fresh, strict=True)]
        return [*StateUpdate(url, *changed, *sent), *draw(state, fresh, small)]


def _register_small_charts(app: Dash, table: Table, vocabulary: Vocabulary) -> None:
    # The URL callback leaves the two smaller charts out while they are off screen (most clicks: they sit
    # below the list); once assets/page.js says they are on screen, this sends them if they are not current.
    @app.callback(
        Output(ids.MONTHLY_FIGURE, "data", allow_duplicate=True),
        Output(ids.MATRIX_FIGURE, "data", allow_duplicate=True),
        Output(ids.SMALL_STATE, "data", allow_duplicate=True),
        Input(ids.SMALL_SHOWN, "data"),
        State(ids.URL, "search"),
        State(ids.SMALL_STATE, "data"),
        prevent_initial_call=True,
    )
    def send_small_charts(shown: Any, search: str | None, drawn_for: Any) -> list[Any]:
        state = parse_query(search, vocabulary)
        key = build_filter_key(state)
        if not shown or key == drawn_for:
            return [no_update] * 3
        return [*build_small_charts(table, state), key]


def _build_part_drawer(table: Table) -> Callable[[ViewState, Keys, bool], list[Any]]:
    """Return the function that draws the parts of the page whose keys changed (PART_OUTPUTS)."""
    rows = {row["id"]: row for row in table.meetings.to_dict("records")}
    excerpts_by_path = build_excerpt_index(rows.values())

    def ring(state: ViewState) -> Patch:
        dated = find_dated(filter_meetings(table.meetings, state.filters))
        patch = Patch()  # every timeline, even an empty one, has the ring as its first trace
        if dated.empty:
            return patch
        ring = build_selection_trace(dated, place_meetings(dated, build_zoom_ms(state.zoom)), state.meeting)
        patch["data"][0]["x"] = ring["x"]
        patch["data"][0]["y"] = ring["y"]
        return patch

    def detail(state: ViewState) -> Detail:
        row = rows.get(state.meeting) if state.meeting else None
        panel = build_detail_panel(row, state, state.lang)
        if not state.article:
            return Detail(panel, None, ARTICLE_HIDDEN)
        excerpts = find_article_excerpts(row, state.article, excerpts_by_path)
        article = build_article_panel(
            state.article, table.articles.get(state.article), excerpts, state, state.lang
        )
        return Detail(panel, article, "article-overlay")

    def draw(state: ViewState, fresh: Keys, small: bool) -> list[Any]:
        """Draw the parts whose keys changed; the two smaller charts only while on screen (small), else
        _register_small_charts sends them once they come on screen."""
        charts = ViewState(state.filters, lang=state.lang, zoom=state.zoom)
        views: list[Any] = list(build_views(table, charts, state.meeting, small)) if fresh.charts else []
        if views and not fresh.chips:  # each new set of components costs the page a crawl of its layout
            views[Views._fields.index("topic_options")] = no_update
        for name in SMALL_CHARTS if views and not small else ():
            views[Views._fields.index(name)] = no_update
        return [
            *(views or [no_update] * len(Views._fields)),
            ring(state) if fresh.ring and not fresh.charts else no_update,  # a redraw has the ring
            build_list(table, state) if fresh.meeting_list else no_update,
            *(detail(state) if fresh.detail else [no_update] * len(Detail._fields)),
            build_filter_key(charts) if views and small else no_update,
        ]

    return draw


def _register_views(app: Dash, table: Table) -> None:
    @cache
    def hover_texts(lang: str) -> list[str]:
        return build_hover_texts(table.meetings, lang)

    @app.callback(Output(ids.HOVER_TEXT, "data"), Input(ids.LANG, "value"), prevent_initial_call=True)
    def send_hover_text(lang: str | None) -> list[str]:
        return hover_texts(resolve_lang(lang))

    app.clientside_callback(
        ClientsideFunction(namespace="meetings", function_name="attachHover"),
        Output(ids.TIMELINE, "figure"),
        Input(ids.TIMELINE_DATA, "data"),
        Input(ids.HOVER_TEXT, "data"),
        prevent_initial_call=True,
    )
    # The list is drawn by the page from its rows (text only): no output, the page draws it in place.
    app.clientside_callback(
        ClientsideFunction(namespace="meetings", function_name="drawList"), Input(ids.LIST_DATA, "data")
    )
    for graph, figure in ((ids.MONTHLY, ids.MONTHLY_FIGURE), (ids.MATRIX, ids.MATRIX_FIGURE)):
        app.clientside_callback(
            ClientsideFunction(namespace="meetings", function_name="drawWhenShown"),
            Output(graph, "figure"),
            Input(figure, "data"),
            State(graph, "id"),
        )
    # A resize of the timeline is no event of the view: kept from the URL callback in the browser, it
    # cannot supersede (and so drop) a filter change that the URL callback is answering.
    app.clientside_callback(
        ClientsideFunction(namespace="meetings", function_name="keepZoom"),
        Output(ids.TIMELINE_ZOOM, "data"),
        Input(ids.TIMELINE, "relayoutData"),
        prevent_initial_call=True,
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
        prevent_initial_call=True,  # the layout is in English
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
        prevent_initial_call=True,
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
