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
from dashboard.i18n import label

TYPE_OPTIONS = [{"label": label("type", value, "en"), "value": value} for value in MEETING_TYPES]
STATUS_OPTIONS = [{"label": label("status", value, "en"), "value": value} for value in STATUSES]
TOPIC_OPTIONS = [{"label": label("topic", value, "en"), "value": value} for value in TOPICS]


def build_edit_panel(editor: str) -> html.Section:
    """The whole edit panel: notices, the selected meeting's controls, Add meeting, Undo."""
    return html.Section(
        [
            dcc.Location(id=eid.RELOAD, refresh=True),
            html.Div(
                [
                    html.H2("Edit mode · 编辑"),
                    html.Span(f"writing as {editor}", className="hint"),
                ],
                className="section-head",
            ),
            html.Div(id=eid.NOTICES, className="edit-notices", role="alert"),
            html.Div(id=eid.STATUS, className="edit-status", role="status"),
            html.Div(_row_controls(), id=eid.PANEL, className="edit-row hidden"),
            html.Details([html.Summary("Add meeting · 添加会晤"), *_add_controls()], className="edit-add"),
            html.Div(
                [
                    html.Button("Undo my last change", id=eid.UNDO, n_clicks=0, className="edit-button"),
                    html.Button(
                        "Corrected rows only",
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


def _field(text: str, control: Any, control_id: str) -> html.Div:
    return html.Div(
        [html.Label(text, htmlFor=control_id, className="field-label"), control], className="edit-field"
    )


def _group(text: str, control: Any, wide: bool = False) -> html.Fieldset:
    classes = "edit-field wide" if wide else "edit-field"
    return html.Fieldset([html.Legend(text, className="field-label"), control], className=classes)


def _input(control_id: str, kind: Any = "text", **props: Any) -> dcc.Input:
    return dcc.Input(id=control_id, type=kind, debounce=False, className="edit-input", **props)


def _row_controls() -> list[Any]:
    return [
        html.Div(id=eid.HISTORY, className="edit-history"),
        html.H3("Not a meeting · 非会晤"),
        html.Div(
            [
                _field(
                    "Reason",
                    _input(eid.REJECT_REASON, placeholder="e.g. a call recalled in a statement"),
                    eid.REJECT_REASON,
                ),
                html.Button("Not a meeting", id=eid.REJECT, n_clicks=0, className="edit-button danger"),
            ],
            className="edit-inline",
        ),
        html.H3("Edit · 修改"),
        html.Div(
            [
                _field(
                    "Start date",
                    _input(eid.START, "text", placeholder="YYYY-MM-DD", inputMode="numeric"),
                    eid.START,
                ),
                _field(
                    "End date",
                    _input(eid.END, "text", placeholder="YYYY-MM-DD", inputMode="numeric"),
                    eid.END,
                ),
                _group(
                    "Type", dcc.RadioItems(id=eid.TYPE, options=TYPE_OPTIONS, inline=True, className="checks")
                ),
                _group(
                    "Status",
                    dcc.RadioItems(
                        id=eid.STATUS_CHOICE, options=STATUS_OPTIONS, inline=True, className="checks"
                    ),
                ),
                _field("Place", _input(eid.PLACE), eid.PLACE),
                _group(
                    "Remove participants",
                    dcc.Checklist(id=eid.REMOVE_PEOPLE, options=[], value=[], className="checks"),
                ),
                _field(
                    "Add participants (; between names; 'Name (US)' for someone not in the vocabulary)",
                    _input(eid.ADD_PEOPLE),
                    eid.ADD_PEOPLE,
                ),
                _group(
                    "Topics",
                    dcc.Checklist(
                        id=eid.TOPICS, options=TOPIC_OPTIONS, value=[], inline=True, className="checks"
                    ),
                    wide=True,
                ),
                _field("Note", _input(eid.NOTE), eid.NOTE),
                html.Button("Save edit", id=eid.SAVE, n_clicks=0, className="edit-button"),
            ],
            className="edit-grid",
        ),
        html.H3("Merge with… · 合并"),
        html.Div(
            [
                _field(
                    "The same meeting as",
                    dcc.Dropdown(id=eid.MERGE_WITH, options=[], searchable=True),
                    eid.MERGE_WITH,
                ),
                html.Button("Merge", id=eid.MERGE, n_clicks=0, className="edit-button"),
            ],
            className="edit-inline",
        ),
    ]


def _add_controls() -> list[Any]:
    return [
        html.Div(
            [
                _field("Start date", _input(eid.NEW_START, placeholder="YYYY-MM-DD"), eid.NEW_START),
                _field("End date", _input(eid.NEW_END, placeholder="YYYY-MM-DD"), eid.NEW_END),
                _group(
                    "Type",
                    dcc.RadioItems(
                        id=eid.NEW_TYPE,
                        options=TYPE_OPTIONS,
                        value="unknown",
                        inline=True,
                        className="checks",
                    ),
                ),
                _field("Place", _input(eid.NEW_PLACE), eid.NEW_PLACE),
                _field(
                    "Participants (; between names, someone of each side)",
                    _input(eid.NEW_PEOPLE),
                    eid.NEW_PEOPLE,
                ),
                _group(
                    "Topics",
                    dcc.Checklist(
                        id=eid.NEW_TOPICS, options=TOPIC_OPTIONS, value=[], inline=True, className="checks"
                    ),
                    wide=True,
                ),
                _field("Source URL", _input(eid.NEW_URL, "url"), eid.NEW_URL),
                _field("Source title", _input(eid.NEW_TITLE), eid.NEW_TITLE),
                _field("Note", _input(eid.NEW_NOTE), eid.NEW_NOTE),
                html.Button("Add meeting", id=eid.ADD, n_clicks=0, className="edit-button"),
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
