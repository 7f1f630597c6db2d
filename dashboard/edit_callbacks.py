"""Edit mode's callbacks (thin: EditSession decides) and the token that guards every write.

The server prints a URL with a random token at start (as notebook servers do); opening it stores the
token in a SameSite=Strict, HttpOnly cookie. A callback request that would change the file without that
token (cookie or X-Edit-Token header) is refused with 403 before Dash sees it.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlencode

import flask
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from dashboard import edit_ids as eid
from dashboard.edit_layout import TRANSLATED_OPTIONS, build_options
from dashboard.editing import EditError, EditSession, describe_history
from dashboard.i18n import Lang, resolve_lang, t
from dashboard.labels import build_participant_label

COOKIE = "meetings_edit_token"
HEADER = "X-Edit-Token"
WRITE_OUTPUT = f"{eid.RELOAD}.href"  # only the writing callback has this output
UPDATE_PATH_SUFFIX = "_dash-update-component"
ACTIONS = (eid.REJECT, eid.SAVE, eid.MERGE, eid.ADD, eid.UNDO, eid.CORRECTED_ONLY)
FORM = (
    (eid.REJECT_REASON, "value"),
    (eid.START, "value"),
    (eid.END, "value"),
    (eid.TYPE, "value"),
    (eid.STATUS_CHOICE, "value"),
    (eid.PLACE, "value"),
    (eid.ADD_PEOPLE, "value"),
    (eid.REMOVE_PEOPLE, "value"),
    (eid.TOPICS, "value"),
    (eid.NOTE, "value"),
    (eid.MERGE_WITH, "value"),
    (eid.NEW_START, "value"),
    (eid.NEW_END, "value"),
    (eid.NEW_TYPE, "value"),
    (eid.NEW_PLACE, "value"),
    (eid.NEW_PEOPLE, "value"),
    (eid.NEW_TOPICS, "value"),
    (eid.NEW_URL, "value"),
    (eid.NEW_TITLE, "value"),
    (eid.NEW_NOTE, "value"),
)


def selected_meeting(search: object) -> str | None:
    """The meeting id of the URL (m=)."""
    return _query_value(search, "m")


def page_lang(search: object) -> Lang:
    """The page's language, from the URL (lang=)."""
    return resolve_lang(_query_value(search, "lang"))


def shows_corrected_only(search: object) -> bool:
    """Whether the URL asks for the corrected rows only (corrected=1), like any other filter."""
    return _query_value(search, "corrected") == "1"


def _query_value(search: object, key: str) -> str | None:
    if not isinstance(search, str):
        return None
    values = parse_qs(search.lstrip("?")).get(key)
    return values[0] if values else None


def has_token(request: flask.Request, token: str) -> bool:
    """Whether a request carries the server's token (constant-time comparison)."""
    given = request.headers.get(HEADER) or request.cookies.get(COOKIE) or ""
    return hmac.compare_digest(given.encode(), token.encode())


def register_token_guard(app: Dash, session: EditSession) -> None:
    """Refuse writes without the token (403); turn the token of the start URL into a cookie."""
    server = app.server

    @server.before_request
    def _guard() -> Any:
        request = flask.request
        if request.method == "POST" and request.path.endswith(UPDATE_PATH_SUFFIX):
            body = request.get_json(silent=True)
            output = body.get("output") if isinstance(body, dict) else None
            if isinstance(output, str) and WRITE_OUTPUT in output and not has_token(request, session.token):
                flask.abort(403)
        return None

    @server.after_request
    def _remember(response: flask.Response) -> flask.Response:
        given = flask.request.args.get("token", "")
        if given and hmac.compare_digest(given.encode(), session.token.encode()):
            response.set_cookie(COOKIE, session.token, httponly=True, samesite="Strict", path="/")
        return response


def register_edit_callbacks(app: Dash, session: EditSession, on_change: Callable[[], None]) -> None:
    """Fill the controls from the selected meeting; write, undo and toggle through the session."""

    @app.callback(
        Output(eid.NOTICES, "children"),
        Output(eid.PANEL, "className"),
        Output(eid.HISTORY, "children"),
        Output(eid.START, "value"),
        Output(eid.END, "value"),
        Output(eid.TYPE, "value"),
        Output(eid.STATUS_CHOICE, "value"),
        Output(eid.PLACE, "value"),
        Output(eid.REMOVE_PEOPLE, "options"),
        Output(eid.TOPICS, "value"),
        Output(eid.MERGE_WITH, "options"),
        Input("url", "search"),
    )
    def fill(search: str | None) -> tuple[Any, ...]:
        lang = page_lang(search)
        notices = [html.P(line) for line in session.notices()]
        if not has_token(flask.request, session.token):
            notices.insert(0, html.P(t("edit.read_only", lang)))
        row = session.rows.get(selected_meeting(search) or "")
        if row is None:
            return notices, "edit-row hidden", None, "", "", None, None, "", [], [], []
        people = [
            {"label": f"{build_participant_label(p)} ({p['side']})", "value": p["name_en"]}
            for p in row["participants"]
        ]
        others = [
            {"label": f"{r.get('start_date') or '?'} · {_names(r)}", "value": r["id"]}
            for r in session.rows.values()
            if r["id"] != row["id"]
        ]
        return (
            notices,
            "edit-row",
            _history(row, lang),
            row.get("start_date") or "",
            row.get("end_date") or "",
            row["meeting_type"],
            row["status"],
            row.get("location") or "",
            people,
            list(row["topics"]),
            others,
        )

    @app.callback(
        Output(eid.STATUS, "children"),
        Output(eid.RELOAD, "href"),
        *[Input(action, "n_clicks") for action in ACTIONS],
        *[State(component, prop) for component, prop in FORM],
        State("url", "search"),
        prevent_initial_call=True,
    )
    def act(*values: Any) -> tuple[Any, Any]:
        form = dict(zip([c for c, _ in FORM], values[len(ACTIONS) : -1], strict=True))
        search = values[-1]
        action = str(ctx.triggered_id)
        if action == eid.CORRECTED_ONLY:  # a filter of the view, kept in the URL like the others
            return no_update, _href(
                search, selected_meeting(search), corrected=not shows_corrected_only(search)
            )
        lang = page_lang(search)
        try:
            target = _act(session, action, form, selected_meeting(search))
        except EditError as error:
            return t("edit.not_written", lang, problem=error), no_update
        on_change()
        return t("edit.written", lang), _href(search, target)

    @app.callback(
        Output({"type": eid.TEXT, "key": ALL, "at": ALL}, "children"),
        Output(eid.REJECT_REASON, "placeholder"),
        Output(eid.WRITING_AS, "children"),
        Output(eid.CORRECTED_ONLY, "children"),
        Output(eid.CORRECTED_ONLY, "className"),
        *[Output(control, "options") for control, _, _ in TRANSLATED_OPTIONS],
        Input("url", "search"),
        State({"type": eid.TEXT, "key": ALL, "at": ALL}, "id"),
    )
    def translate(search: str | None, text_ids: list[dict[str, str]]) -> tuple[Any, ...]:
        lang = page_lang(search)
        corrected = shows_corrected_only(search)
        return (
            [t(i["key"], lang) for i in text_ids],
            t("edit.reason_placeholder", lang),
            t("edit.writing_as", lang, editor=session.editor),
            t("edit.all_rows" if corrected else "edit.corrected_only", lang),
            "edit-button secondary" + (" on" if corrected else ""),
            *[build_options(group, values, lang) for _, group, values in TRANSLATED_OPTIONS],
        )


def register_history_callbacks(app: Dash, session: EditSession) -> None:
    """Read-only over a corrected table: show the selected meeting's corrections and the orphans."""

    @app.callback(Output(eid.NOTICES, "children"), Output(eid.HISTORY, "children"), Input("url", "search"))
    def show(search: str | None) -> tuple[Any, Any]:
        row = session.rows.get(selected_meeting(search) or "")
        return [html.P(line) for line in session.notices()], _history(row, page_lang(search)) if row else None


def _act(session: EditSession, action: str, form: dict[str, Any], row_id: str | None) -> str | None:
    """Do one action; return the meeting to show afterwards."""
    if action == eid.UNDO:
        if not session.undo():
            raise EditError("nothing of this server's to undo")
        return row_id if row_id in session.rows else None
    if action == eid.ADD:
        return session.write(session.add_entry(_new_meeting(form)))
    if row_id not in session.rows:
        raise EditError("select a meeting first")
    if action == eid.REJECT:
        return session.write(session.reject_entry(row_id, form[eid.REJECT_REASON]))
    if action == eid.MERGE:
        return session.write(session.merge_entry(row_id, form[eid.MERGE_WITH], form[eid.NOTE]))
    return session.write(session.edit_entry(row_id, _edit_form(form)))


def _edit_form(form: dict[str, Any]) -> dict[str, Any]:
    keys = {
        eid.START: "start_date",
        eid.END: "end_date",
        eid.TYPE: "meeting_type",
        eid.STATUS_CHOICE: "status",
        eid.PLACE: "location",
        eid.ADD_PEOPLE: "add_participants",
        eid.REMOVE_PEOPLE: "remove_participants",
        eid.TOPICS: "topics",
        eid.NOTE: "note",
    }
    return {name: form[component] for component, name in keys.items()}


def _new_meeting(form: dict[str, Any]) -> dict[str, Any]:
    keys = {
        eid.NEW_START: "start_date",
        eid.NEW_END: "end_date",
        eid.NEW_TYPE: "meeting_type",
        eid.NEW_PLACE: "location",
        eid.NEW_PEOPLE: "participants",
        eid.NEW_TOPICS: "topics",
        eid.NEW_URL: "url",
        eid.NEW_TITLE: "title",
        eid.NEW_NOTE: "note",
    }
    return {name: form[component] for component, name in keys.items()}


def _href(search: str | None, meeting: str | None, *, corrected: bool | None = None) -> str:
    """The same view after the page reloads, showing the meeting the action touched."""
    dropped = ("m", "article", "token", *(("corrected",) if corrected is not None else ()))
    query = {k: v for k, v in parse_qs((search or "").lstrip("?")).items() if k not in dropped}
    if corrected:
        query["corrected"] = ["1"]
    if meeting:
        query["m"] = [meeting]
    encoded = urlencode(query, doseq=True)
    return "/" + (f"?{encoded}" if encoded else "")


def _names(row: dict[str, Any]) -> str:
    sides = [next((p["name_en"] for p in row["participants"] if p["side"] == s), "?") for s in ("US", "CN")]
    return " – ".join(sides)


def _history(row: dict[str, Any], lang: str) -> Any:
    lines = describe_history(row)
    if row.get("origin") == "analyst" and not lines:
        lines = [t("edit.added_by_analyst", lang)]
    if not lines:
        return None
    return html.Div(
        [
            html.Span(t("edit.corrected_badge", lang), className="corrected-badge"),
            html.Ul([html.Li(line) for line in lines]),
        ],
        className="corrected",
    )
