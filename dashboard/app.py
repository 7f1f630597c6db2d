"""Create the Dash app over a meetings table, or over the explanation of why there is none."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import flask
from dash import Dash

from dashboard import compression, security
from dashboard.callbacks import register_callbacks
from dashboard.data import Table, TableError
from dashboard.i18n import t
from dashboard.layout import build_error_layout, build_layout
from dashboard.views import build_first_view

ASSETS = Path(__file__).resolve().parent / "assets"
# dcc loads the code of its graph, dropdown and date picker once the layout is drawn: preloaded, it arrives
# with the page's other scripts instead of one round trip later, before the first points can be drawn.
LAZY_CHUNKS = ("graph", "dropdown", "datepicker")
BUILD_COMMAND = "python -m data_prep build ARTICLES_DIR --out OUT_DIR\npython -m dashboard --data OUT_DIR"


def create_app(table: Table | TableError, *, command: str = BUILD_COMMAND) -> Dash:
    """Return the app for a table; for a TableError, a page that names the file, the problem and the fix."""
    app = Dash(
        __name__,
        assets_folder=str(ASSETS),
        title=f"{t('app.title', 'en')} · {t('app.title', 'zh')}",
        update_title="",  # no "Updating..." flicker in the tab title on every filter change
    )
    if isinstance(table, TableError):
        app.layout = build_error_layout(table, command)
    else:
        app.layout = build_layout(table, build_first_view(table))
        _preload_lazy_chunks(app)
        _keep_layout_response(app)
        register_callbacks(app, table)
        # The table is read-only from here on: keep its ~10^6 objects out of every garbage collection,
        # whose full passes otherwise land in the p95 of callback round trips.
        gc.freeze()
    security.register(app)
    compression.register(app.server)
    return app


def _preload_lazy_chunks(app: Dash) -> None:
    suites = f"{app.config.requests_pathname_prefix}_dash-component-suites/dash/dcc"
    links = "".join(
        f'<link rel="preload" as="script" href="{suites}/async-{name}.js">' for name in LAZY_CHUNKS
    )
    app.index_string = app.index_string.replace("{%css%}", "{%css%}" + links)


def _keep_layout_response(app: Dash) -> None:
    """Serialise the layout once: Dash does it on every page load (~65 ms with the first view in it), on the
    way to the first points, and this layout does not change while the app serves (edit mode makes a new app).
    """
    endpoint = next(rule.endpoint for rule in app.server.url_map.iter_rules() if rule.rule == "/_dash-layout")
    serve = app.server.view_functions[endpoint]
    kept: list[bytes] = []

    def serve_kept(*args: Any, **kwargs: Any) -> flask.Response:
        if not kept:  # on the first request: edit mode adds its panel to the layout after create_app
            kept.append(serve(*args, **kwargs).get_data())
        return flask.Response(kept[0], mimetype="application/json")

    app.server.view_functions[endpoint] = serve_kept
