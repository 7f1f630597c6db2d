"""Tests for dashboard/page_scripts.py: the page's script tags, alone and as the app serves them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from dashboard.app import create_app
from dashboard.data import read_table
from dashboard.page_scripts import select_scripts

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "dashboard"
SUITES = "/_dash-component-suites/dash"
DASH_SCRIPTS = "\n".join(
    f'<script src="{src}"></script>'
    for src in (
        f"{SUITES}/deps/polyfill@7.v4_4_1m1.12.1.min.js",
        f"{SUITES}/deps/react@18.v4_4_1m1.3.1.min.js",
        "/assets/page.js?m=1",
        f"{SUITES}/dash-renderer/build/dash_renderer.v4_4_1m1.min.js",
        f"{SUITES}/dcc/dash_core_components.v4_4_1m1.js",
        f"{SUITES}/dcc/dash_core_components-shared.v4_4_1m1.js",
        f"{SUITES}/html/dash_html_components.v4_4_1m1.min.js",
        f"{SUITES}/dash_table/bundle.v7_4_1m1.js",
    )
)
SRC = re.compile(r'<script src="([^"]+)"></script>')


def read_sources(html: str) -> list[str]:
    return SRC.findall(html)


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return create_app(read_table(FIXTURE_DIR)).server.test_client()


def test_dcc_lazy_chunks_follow_its_bundles_and_polyfills_and_dash_table_are_gone() -> None:
    sources = read_sources(select_scripts(DASH_SCRIPTS, "/app/"))
    assert sources == [
        f"{SUITES}/deps/react@18.v4_4_1m1.3.1.min.js",
        "/assets/page.js?m=1",
        f"{SUITES}/dash-renderer/build/dash_renderer.v4_4_1m1.min.js",
        f"{SUITES}/dcc/dash_core_components.v4_4_1m1.js",
        f"{SUITES}/dcc/dash_core_components-shared.v4_4_1m1.js",
        f"/app{SUITES}/dcc/async-graph.js",
        f"/app{SUITES}/dcc/async-dropdown.js",
        f"/app{SUITES}/dcc/async-datepicker.js",
        f"{SUITES}/html/dash_html_components.v4_4_1m1.min.js",
    ]


def test_every_script_the_page_names_is_served(client: FlaskClient) -> None:
    sources = read_sources(client.get("/").get_data(as_text=True))
    assert any(src.endswith("/dcc/async-graph.js") for src in sources)
    assert not [src for src in sources if "dash_table" in src or "polyfill" in src]
    assert any("/assets/regenerator-runtime-" in src for src in sources)
    for src in sources:
        response = client.get(src)
        assert response.status_code == 200, src
        assert response.mimetype == "text/javascript", src


def find_namespaces(node: Any) -> set[str]:
    if isinstance(node, list):
        return set().union(*map(find_namespaces, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = {node["namespace"]} if "namespace" in node and "type" in node else set()
    return found.union(*map(find_namespaces, node.values()))


def test_the_layout_uses_only_the_libraries_the_page_loads(client: FlaskClient) -> None:
    namespaces = find_namespaces(json.loads(client.get("/_dash-layout").get_data(as_text=True)))
    assert namespaces == {"dash_core_components", "dash_html_components"}


def test_the_renderers_first_fetches_are_hinted_in_the_head(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    head = html[: html.index("</head>")]
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert f'<link rel="preload" href="{path}" as="fetch" crossorigin="anonymous">' in head
