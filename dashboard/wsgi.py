"""WSGI entry for serving the dashboard to several users with a multi-process server.

    MEETINGS_DATA=OUT_DIR gunicorn --workers 4 --threads 4 --bind 127.0.0.1:8050 dashboard.wsgi:server

OUT_DIR is a folder built by `python -m data_prep build ARTICLES_DIR --out OUT_DIR`. Each worker reads
the table once at import; the app keeps no per-user state on the server (the view lives in the URL), so
workers need no shared session store. Put a reverse proxy with TLS in front before binding beyond loopback.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from dashboard.app import create_app
from dashboard.data import Table, TableError, read_table

DATA_VARIABLE = "MEETINGS_DATA"


def build_server(data_dir: str | None) -> Flask:
    """Return the Flask server of the dashboard over data_dir (an error page when it cannot be read)."""
    table: Table | TableError
    if not data_dir:
        table = TableError(
            Path(DATA_VARIABLE), "set this environment variable to the folder holding meetings.json"
        )
    else:
        try:
            table = read_table(Path(data_dir))
        except TableError as error:
            table = error
    return create_app(table).server


server = build_server(os.environ.get(DATA_VARIABLE))
