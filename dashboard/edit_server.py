"""Serve the dashboard in edit mode: a Dash app over the corrected table, swapped for a new one per write.

The read-only app keeps its table in its callbacks' closures, as it should; edit mode therefore builds a
fresh app (the same `create_app`, plus the edit panel) over the new table after each change and swaps it
in behind one WSGI entry, and the page reloads. No re-build of the articles is needed.
"""

from __future__ import annotations

import argparse
import gc
import getpass
import ipaddress
import socket
import sys
import threading
from collections.abc import Iterable
from typing import Any

from dash import Dash
from werkzeug.serving import run_simple

from dashboard.app import create_app
from dashboard.data import TableError
from dashboard.edit_callbacks import register_edit_callbacks, register_history_callbacks, register_token_guard
from dashboard.edit_layout import attach_edit_panel, build_edit_panel, build_history_panel
from dashboard.editing import EditSession

LOOPBACK_NAMES = ("localhost",)


class EditApp:
    """One WSGI entry in front of the current Dash app; `rebuild` makes and swaps in a new one."""

    def __init__(self, session: EditSession) -> None:
        self.session = session
        self._lock = threading.Lock()
        self.app = self.build()

    def build(self) -> Dash:
        """Create the dashboard over the session's table, with the edit panel and the token guard."""
        # create_app freezes the table's objects out of garbage collection; let the replaced app's go.
        gc.unfreeze()
        app = create_app(self.session.table())
        if not attach_edit_panel(app.layout, build_edit_panel(self.session.editor)):
            raise RuntimeError("the dashboard's layout has no meeting detail to put the edit panel after")
        register_token_guard(app, self.session)
        register_edit_callbacks(app, self.session, self.rebuild)
        return app

    def rebuild(self) -> None:
        with self._lock:
            self.app = self.build()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        return self.app.server(environ, start_response)


def build_read_only(session: EditSession) -> Dash:
    """The dashboard over the corrected table, with each meeting's corrections shown and no controls."""
    app = create_app(session.table())
    if attach_edit_panel(app.layout, build_history_panel()):
        register_history_callbacks(app, session)
    return app


def is_loopback(host: str) -> bool:
    """Whether an address (or name) only ever reaches this machine."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            return all(
                ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None)
            )
        except (OSError, ValueError):
            return False


def start_url(host: str, port: int, token: str) -> str:
    """The URL printed at start: the token in it unlocks editing in that browser."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def serve(session: EditSession, host: str, port: int) -> None:
    """Run the editing server until interrupted."""
    run_simple(host, port, EditApp(session), threaded=True, use_reloader=False, use_debugger=False)


def run_with_corrections(args: argparse.Namespace) -> int:
    """The command line with --corrections (read-only, corrected) or --editable; return the exit code."""
    problem = _usage_problem(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        session = EditSession(args.data, args.corrections, args.editor or getpass.getuser())
    except TableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not args.editable:
        app = build_read_only(session)
        print(f"serving (read-only, corrected) on http://{args.host}:{args.port}/", file=sys.stderr)
        app.run(host=args.host, port=args.port, debug=False, dev_tools_ui=False, dev_tools_hot_reload=False)
        return 0
    print(
        f"editing {args.corrections} as {session.editor}; "
        f"open {start_url(args.host, args.port, session.token)}",
        file=sys.stderr,
    )
    serve(session, args.host, args.port)
    return 0


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.editable and not args.corrections:
        return "--editable needs --corrections FILE (it is created when missing)"
    if not args.data:
        return (
            "--corrections and --editable need --data OUT_DIR (a folder built by python -m data_prep build)"
        )
    if args.editable and not is_loopback(args.host):
        return f"edit mode serves loopback only (127.0.0.1, ::1, localhost), not {args.host}"
    if args.editable and args.debug:
        return "edit mode runs without --debug"
    if not args.editable and not args.corrections.is_file():
        return f"{args.corrections}: file not found"
    return None
