"""Create the Dash app over a meetings table, or over the explanation of why there is none."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import flask
from dash import Dash

from dashboard import compression, page_scripts, security
from dashboard.callbacks import register_callbacks
from dashboard.data import Table, TableError
from dashboard.i18n import t
from dashboard.layout import build_error_layout, build_layout
from dashboard.views import build_first_view

ASSETS = Path(__file__).resolve().parent / "assets"
BUILD_COMMAND = "python -m data_prep build ARTICLES_DIR --out OUT_DIR\npython -m dashboard --data OUT_DIR"


def create_app(table: Table | TableError, *, command: str = BUILD_COMMAND) -> Dash:
    """Return the app for a table; for a TableError, a page that names the file, the problem and the fix."""
    app = PageDash(
        __name__,
        assets_folder=str(ASSETS),
        title=f"{t('app.title', 'en')} · {t('app.title', 'zh')}",
        update_title="",  # no "Updating..." flicker in the tab title on every filter change
    )
    if isinstance(table, TableError):
        app.layout = build_error_layout(table, command)
    else:
        app.layout = build_layout(table, build_first_view(table))
        _keep_layout_response(app)
        register_callbacks(app, table)
        # The table is read-only from here on: keep its ~10^6 objects out of every garbage collection,
        # whose full passes otherwise land in the p95 of callback round trips.
        gc.freeze()
    security.register(app)
    compression.register(app.server)
    return app


class PageDash(Dash):
    """Dash, with the page's scripts and fetch hints chosen for its first load (dashboard/page_scripts.py)."""

    def interpolate_index(  # the signature of Dash's, whose documentation invites this override
        self,
        metas: str = "",
        title: str = "",
        css: str = "",
        config: str = "",
        scripts: str = "",
        app_entry: str = "",
        favicon: str = "",
        renderer: str = "",
    ) -> Any:
        prefix = self.config.requests_pathname_prefix
        scripts = page_scripts.select_scripts(scripts, prefix)
        css += page_scripts.build_fetch_hints(prefix)
        return super().interpolate_index(
            metas=metas, title=title, css=css, config=config, scripts=scripts, app_entry=app_entry,
            favicon=favicon, renderer=renderer,
        )  # fmt: skip


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
