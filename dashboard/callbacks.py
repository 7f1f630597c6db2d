"""Wire the page: callbacks translate control values and the URL into calls of the pure functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, Patch, State, ctx, dcc, no_update

from dashboard import export, ids
from dashboard.components import (
    SIDE_CHOICES,
    build_article_panel,
    build_choice_options,
    build_detail_panel,
    build_official_options,
    build_topic_options,
    build_undated_links,
)
from dashboard.data import CONTRACT_COLUMNS, MEETING_TYPES, STATUSES, Table
from dashboard.figures import build_selection_trace, build_timeline_spec, find_lane_y
from dashboard.filtering import (
    Filters,
    ViewState,
    Vocabulary,
    build_query,
    count_topics,
    filter_meetings,
    parse_query,
)
from dashboard.highlight import build_excerpt_index, find_article_excerpts
from dashboard.i18n import resolve_lang, t
from dashboard.views import build_matrix_spec, build_monthly_spec

CONTROLS = (
    (ids.TOPICS, "value"),
    (ids.OFFICIALS, "value"),
    (ids.SIDE, "value"),
    (ids.TYPES, "value"),
    (ids.STATUS, "value"),
    (ids.OUTLETS, "value"),
    (ids.DATES, "start_date"),
    (ids.DATES, "end_date"),
    (ids.LANG, "value"),
)
PNG_WIDTH, PNG_HEIGHT = 1600, 900
# The table's exports as text: download, button, writer of the rows, file name, media type.
TextExport = tuple[str, str, Callable[[Any], str], str, str]
TEXT_EXPORTS: tuple[TextExport, ...] = (
    (ids.DOWNLOAD_CSV, ids.EXPORT_CSV, export.meetings_csv, "meetings.csv", "text/csv"),
    (ids.DOWNLOAD_JSON, ids.EXPORT_JSON, export.meetings_json, "meetings.json", "application/json"),
)


def next_state(
    trigger: object, search: object, controls: list[Any], click: object, vocabulary: Vocabulary
) -> ViewState:
    """Decide the new view from what changed: the URL, a control, the clear button or a click on a meeting."""
    current = parse_query(search, vocabulary)
    if trigger == ids.CLEAR:
        return ViewState(lang=current.lang)
    if trigger == ids.TIMELINE:
        return replace(
            current, meeting=find_clicked_meeting(click, vocabulary) or current.meeting, article=None
        )
    if trigger in {component for component, _ in CONTROLS}:
        *values, lang = controls
        filters = Filters.from_inputs(*values, vocabulary=vocabulary)
        return ViewState(filters, current.meeting, None, resolve_lang(lang))
    return current


def find_clicked_meeting(click: object, vocabulary: Vocabulary) -> str | None:
    """Return the meeting id of a click on the timeline (points carry their table row; legends none)."""
    points = click.get("points") if isinstance(click, dict) else None
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    row = points[0].get("customdata")
    if isinstance(row, bool) or not isinstance(row, int) or not 0 <= row < len(vocabulary.meetings):
        return None
    return vocabulary.meetings[row]


def build_control_values(state: ViewState) -> list[Any]:
    """Return the control values that show a view, in the order of CONTROLS."""
    f = state.filters
    dates = [d.isoformat() if d else None for d in (f.start, f.end)]
    return [
        list(f.topics),
        list(f.officials),
        f.side or "all",
        list(f.types),
        list(f.statuses),
        list(f.outlets),
        *dates,
        state.lang,
    ]


def register_callbacks(app: Dash, table: Table) -> None:
    """Register every callback of the page for one table."""
    vocabulary = Vocabulary(
        frozenset(table.officials["key"]), frozenset(table.outlets), tuple(table.meetings["id"])
    )
    _register_state(app, vocabulary)
    _register_views(app, table, vocabulary)
    _register_detail(app, table, vocabulary)
    _register_language(app, table)
    _register_exports(app, table, vocabulary)


def _register_state(app: Dash, vocabulary: Vocabulary) -> None:
    @app.callback(
        Output(ids.URL, "search"),
        *[Output(c, p) for c, p in CONTROLS],
        Output(ids.FILTER_STATE, "data"),
        Input(ids.URL, "search"),
        Input(ids.CLEAR, "n_clicks"),
        Input(ids.TIMELINE, "clickData"),
        *[Input(c, p) for c, p in CONTROLS],
        State(ids.FILTER_STATE, "data"),
    )
    def sync_state(search: str, _clear: int, click: Any, *rest: Any) -> tuple:
        *controls, shown = rest
        trigger = ctx.triggered_id
        state = next_state(trigger, search, controls, click, vocabulary)
        from_url = trigger in (None, ids.URL)
        query = build_query(state)
        url = no_update if from_url or query == search else query
        values = (
            build_control_values(state) if from_url or trigger == ids.CLEAR else [no_update] * len(CONTROLS)
        )
        filter_key = build_query(ViewState(state.filters, lang=state.lang))
        return url, *values, no_update if filter_key == shown else filter_key


def _register_views(app: Dash, table: Table, vocabulary: Vocabulary) -> None:
    @app.callback(
        Output(ids.TIMELINE_DATA, "data"),
        Output(ids.MONTHLY, "figure"),
        Output(ids.MATRIX, "figure"),
        Output(ids.MEETING_COUNT, "children"),
        Output(ids.TOPICS, "options"),
        Output(ids.UNDATED, "children"),
        Output(ids.EMPTY_STATE, "children"),
        Input(ids.FILTER_STATE, "data"),
        State(ids.URL, "search"),
    )
    def draw_views(filter_key: str | None, search: str | None) -> tuple:
        state = parse_query(filter_key, vocabulary)
        lang = state.lang
        shown = filter_meetings(table.meetings, state.filters)
        selected = parse_query(search, vocabulary).meeting
        count = t("app.count", lang, shown=len(shown), total=len(table.meetings))
        return (
            build_timeline_spec(shown, lang, selected, hover=False),
            build_monthly_spec(shown, lang),
            build_matrix_spec(shown, table.officials, lang),
            count,
            build_topic_options(count_topics(table.meetings, state.filters), lang),
            build_undated_links(shown, state, lang),
            t("empty.filters", lang) if shown.empty else None,
        )

    @app.callback(Output(ids.HOVER_TEXT, "data"), Input(ids.LANG, "value"))
    def send_hover_text(lang: str | None) -> list[str]:
        return table.meetings[f"hover_{resolve_lang(lang)}"].tolist()

    app.clientside_callback(
        ClientsideFunction(namespace="meetings", function_name="attachHover"),
        Output(ids.TIMELINE, "figure"),
        Input(ids.TIMELINE_DATA, "data"),
        Input(ids.HOVER_TEXT, "data"),
    )

    @app.callback(
        Output(ids.TIMELINE, "figure", allow_duplicate=True),
        Input(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def ring_selected(search: str | None) -> Patch:
        state = parse_query(search, vocabulary)
        shown = filter_meetings(table.meetings, state.filters)
        dated = shown[shown["start"].notna()]
        ring = build_selection_trace(dated, find_lane_y(dated), state.meeting)
        patch = Patch()  # every timeline, even an empty one, has the ring as its first trace
        patch["data"][0]["x"] = ring["x"]
        patch["data"][0]["y"] = ring["y"]
        return patch


def _register_detail(app: Dash, table: Table, vocabulary: Vocabulary) -> None:
    rows = {row["id"]: row for row in table.meetings.to_dict("records")}
    excerpts_by_path = build_excerpt_index(rows.values())

    @app.callback(
        Output(ids.DETAIL, "children"),
        Output(ids.ARTICLE, "children"),
        Output(ids.ARTICLE, "className"),
        Input(ids.URL, "search"),
    )
    def show_detail(search: str) -> tuple:
        state = parse_query(search, vocabulary)
        row = rows.get(state.meeting) if state.meeting else None
        detail = build_detail_panel(row, state, state.lang)
        if not state.article:
            return detail, None, "article-overlay hidden"
        article = build_article_panel(
            state.article,
            table.articles.get(state.article),
            find_article_excerpts(row, state.article, excerpts_by_path),
            state,
            state.lang,
        )
        return detail, article, "article-overlay"


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
        Input(ids.LANG, "value"),
        State({"type": ids.TEXT, "key": ALL}, "id"),
    )
    def translate(lang: str, text_ids: list[dict[str, str]]) -> tuple:
        return (
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
        )

    @app.callback(Output(ids.OFFICIALS, "options"), Input(ids.SIDE, "value"))
    def list_officials(side: str | None) -> list[dict[str, Any]]:
        return build_official_options(table.officials, side)


def _register_exports(app: Dash, table: Table, vocabulary: Vocabulary) -> None:
    def shown(search: str | None) -> tuple[ViewState, Any]:
        state = parse_query(search, vocabulary)
        return state, filter_meetings(table.meetings, state.filters)

    for text_export in TEXT_EXPORTS:
        _register_text_export(app, shown, text_export)

    @app.callback(
        Output(ids.DOWNLOAD_PNG, "data"),
        Output(ids.EXPORT_STATUS, "children"),
        Input(ids.EXPORT_PNG, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def download_png(_clicks: int, search: str | None) -> tuple[Any, None]:
        state, rows = shown(search)
        # The same words as the command-line export: type and status labels, every active filter.
        title = export.title_for(state.filters, len(rows))
        png = export.export_png(rows, title=title, lang=state.lang, width=PNG_WIDTH, height=PNG_HEIGHT)
        return dcc.send_bytes(png, "us-china-meetings.png"), None


def _register_text_export(
    app: Dash, shown: Callable[[str | None], tuple[ViewState, Any]], text_export: TextExport
) -> None:
    download, button, write, filename, media_type = text_export

    @app.callback(
        Output(download, "data"),
        Input(button, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def download_rows(_clicks: int, search: str | None) -> dict[str, Any]:
        _, rows = shown(search)
        return dict(content=write(rows[list(CONTRACT_COLUMNS)]), filename=filename, type=media_type)
