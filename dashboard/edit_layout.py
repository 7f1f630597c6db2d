"""Edit mode's controls, placed below the meeting's details: native buttons, inputs and labels only.

Every control is a labelled native element (reachable with Tab, activated with Enter or Space) and
the panel stacks to one column on a phone (assets/editing.css).
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import edit_ids as eid
from dashboard import ids
from dashboard.contract import MEETING_TYPES, STATUSES, TOPICS
from dashboard.i18n import label, t

# Labels that follow the page's language: one id each ({type, key, at}); edit_callbacks translates them.
TRANSLATED_OPTIONS = ((eid.TYPE, "type", MEETING_TYPES), (eid.STATUS_CHOICE, "status", STATUSES),
                      (eid.TOPICS, "topic", TOPICS), (eid.NEW_TYPE, "type", MEETING_TYPES),
                      (eid.NEW_TOPICS, "topic", TOPICS))  # fmt: skip


def build_options(group: str, values: tuple[str, ...], lang: str) -> list[dict[str, str]]:
    """Options of a radio or checklist of the edit panel, labelled in the page's language."""
    return [{"label": label(group, value, lang), "value": value} for value in values]


def build_edit_panel(editor: str) -> html.Section:
    """The whole edit panel: notices, the selected meeting's controls, Add meeting, Undo."""
    return html.Section(
        [
            dcc.Location(id=eid.RELOAD, refresh=True),
            html.Div(
                [
                    html.H2(_text("edit.heading", "panel")),
                    html.Span(t("edit.writing_as", "en", editor=editor), id=eid.WRITING_AS, className="hint"),
                ],
                className="section-head",
            ),
            html.Div(id=eid.NOTICES, className="edit-notices", role="alert"),
            html.Div(id=eid.STATUS, className="edit-status", role="status"),
            html.Div(_row_controls(), id=eid.PANEL, className="edit-row hidden"),
            html.Details(
                [html.Summary(_text("edit.add_heading", "summary")), *_add_controls()], className="edit-add"
            ),
            html.Div(
                [
                    _button("edit.undo", eid.UNDO),
                    html.Button(
                        t("edit.corrected_only", "en"),
                        id=eid.CORRECTED_ONLY,
                        n_clicks=0,
                        className="edit-button secondary",
                    ),
                ],
                className="edit-actions",
            ),
        ],
        className="edit-card",
    )


def build_history_panel() -> html.Section:
    """Read-only over a corrected table: the selected meeting's corrections and the orphaned entries."""
    return html.Section(
        [
            html.Div(id=eid.NOTICES, className="edit-notices", role="alert"),
            html.Div(id=eid.HISTORY, className="edit-history"),
        ],
        className="edit-card read-only",
    )


def _text(key: str, at: str) -> html.Span:
    return html.Span(t(key, "en"), id={"type": eid.TEXT, "key": key, "at": at})


def _button(key: str, control_id: str, classes: str = "edit-button") -> html.Button:
    return html.Button(_text(key, control_id), id=control_id, n_clicks=0, className=classes)


def _field(key: str, control: Any, control_id: str) -> html.Div:
    return html.Div(
        [html.Label(_text(key, control_id), htmlFor=control_id, className="field-label"), control],
        className="edit-field",
    )


def _group(key: str, control: Any, wide: bool = False) -> html.Fieldset:
    classes = "edit-field wide" if wide else "edit-field"
    at = str(control.id)
    return html.Fieldset([html.Legend(_text(key, at), className="field-label"), control], className=classes)


def _input(control_id: str, kind: Any = "text", **props: Any) -> dcc.Input:
    return dcc.Input(id=control_id, type=kind, debounce=False, className="edit-input", **props)


def _choices(control_id: str, group: str, values: tuple[str, ...], **props: Any) -> Any:
    kind = dcc.RadioItems if group in ("type", "status") else dcc.Checklist
    return kind(id=control_id, options=build_options(group, values, "en"), inline=True, className="checks",
                **props)  # fmt: skip


def _row_controls() -> list[Any]:
    return [
        html.Div(id=eid.HISTORY, className="edit-history"),
        html.H3(_text("edit.reject_heading", "h-reject")),
        html.Div(
            [
                _field(
                    "edit.reason",
                    _input(eid.REJECT_REASON, placeholder=t("edit.reason_placeholder", "en")),
                    eid.REJECT_REASON,
                ),
                _button("edit.reject", eid.REJECT, "edit-button danger"),
            ],
            className="edit-inline",
        ),
        html.H3(_text("edit.edit_heading", "h-edit")),
        html.Div(
            [
                _field(
                    "edit.start", _input(eid.START, placeholder="YYYY-MM-DD", inputMode="numeric"), eid.START
                ),
                _field("edit.end", _input(eid.END, placeholder="YYYY-MM-DD", inputMode="numeric"), eid.END),
                _group("edit.type", _choices(eid.TYPE, "type", MEETING_TYPES)),
                _group("edit.status", _choices(eid.STATUS_CHOICE, "status", STATUSES)),
                _field("edit.place", _input(eid.PLACE), eid.PLACE),
                _group(
                    "edit.remove_people",
                    dcc.Checklist(id=eid.REMOVE_PEOPLE, options=[], value=[], className="checks"),
                ),
                _field("edit.add_people", _input(eid.ADD_PEOPLE), eid.ADD_PEOPLE),
                _group("edit.topics", _choices(eid.TOPICS, "topic", TOPICS, value=[]), wide=True),
                _field("edit.note", _input(eid.NOTE), eid.NOTE),
                _button("edit.save", eid.SAVE),
            ],
            className="edit-grid",
        ),
        html.H3(_text("edit.merge_heading", "h-merge")),
        html.Div(
            [
                _field(
                    "edit.same_as",
                    dcc.Dropdown(id=eid.MERGE_WITH, options=[], searchable=True),
                    eid.MERGE_WITH,
                ),
                _button("edit.merge", eid.MERGE),
            ],
            className="edit-inline",
        ),
    ]


def _add_controls() -> list[Any]:
    return [
        html.Div(
            [
                _field("edit.start", _input(eid.NEW_START, placeholder="YYYY-MM-DD"), eid.NEW_START),
                _field("edit.end", _input(eid.NEW_END, placeholder="YYYY-MM-DD"), eid.NEW_END),
                _group("edit.type", _choices(eid.NEW_TYPE, "type", MEETING_TYPES, value="unknown")),
                _field("edit.place", _input(eid.NEW_PLACE), eid.NEW_PLACE),
                _field("edit.new_people", _input(eid.NEW_PEOPLE), eid.NEW_PEOPLE),
                _group("edit.topics", _choices(eid.NEW_TOPICS, "topic", TOPICS, value=[]), wide=True),
                _field("edit.source_url", _input(eid.NEW_URL, "url"), eid.NEW_URL),
                _field("edit.source_title", _input(eid.NEW_TITLE), eid.NEW_TITLE),
                _field("edit.note", _input(eid.NEW_NOTE), eid.NEW_NOTE),
                _button("edit.add", eid.ADD),
            ],
            className="edit-grid",
        )
    ]


def attach_edit_panel(layout: Any, panel: Any) -> bool:
    """Put the panel right after the meeting's details (ids.DETAIL), inside their card; say whether it fit."""
    children = getattr(layout, "children", None)
    if not isinstance(children, list):
        return False
    for index, child in enumerate(children):
        if getattr(child, "id", None) == ids.DETAIL:
            children.insert(index + 1, panel)
            return True
        if attach_edit_panel(child, panel):
            return True
    return False
