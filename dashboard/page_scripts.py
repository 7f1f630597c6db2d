"""Choose what the page loads first: its script tags, and hints for the renderer's first fetches.

Dash writes a script tag for every library it ships. This page needs neither dash_table (it draws no
DataTable) nor Dash's polyfill bundle for old browsers (Dash supports none of those: it refuses Internet
Explorer): of the bundle, dcc and dash-renderer use only `regeneratorRuntime`, which the page's assets
provide (assets/regenerator-runtime-0.14.1.min.js, `make plotly-bundle`). The bundle cost the first load
its evaluation and replaced String.prototype.trim, which plotly.js calls while it draws, with a slower one.
dcc loads its graph, dropdown and date-picker code only once the layout is drawn, one script task later
than the points could be drawn: loaded with the page's other scripts, that code is installed by the time
the layout arrives. The renderer fetches the layout and the callbacks only once every script has run:
hinted in the page's head, they arrive while the scripts run.
"""

from __future__ import annotations

import re

SCRIPT = re.compile(r'<script src="(?P<src>[^"]*)"></script>')
DROPPED = ("/dash/deps/polyfill@", "/dash/dash_table/")
DCC_BUNDLE = "/dash/dcc/dash_core_components-shared."
LAZY_CHUNKS = ("graph", "dropdown", "datepicker")
RENDERER_FETCHES = ("_dash-layout", "_dash-dependencies")


def select_scripts(scripts: str, prefix: str) -> str:
    """Return Dash's script tags less DROPPED, with dcc's LAZY_CHUNKS right after dcc's bundles."""
    chunks = "".join(
        f'\n<script src="{prefix}_dash-component-suites/dash/dcc/async-{name}.js"></script>'
        for name in LAZY_CHUNKS
    )
    lines = []
    for line in scripts.split("\n"):
        found = SCRIPT.fullmatch(line.strip())
        src = found["src"] if found else ""
        if any(part in src for part in DROPPED):
            continue
        lines.append(line + chunks if DCC_BUNDLE in src else line)
    return "\n".join(lines)


def build_fetch_hints(prefix: str) -> str:
    """Return preload links for the renderer's first fetches (RENDERER_FETCHES), in the form its fetch()
    calls reuse: same URL, CORS mode, same-origin credentials."""
    return "".join(
        f'<link rel="preload" href="{prefix}{path}" as="fetch" crossorigin="anonymous">'
        for path in RENDERER_FETCHES
    )
