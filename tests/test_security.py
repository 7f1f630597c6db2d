"""Tests for dashboard/security.py via Flask's test client: headers, size limit, crafted callback posts."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from dashboard import __main__ as dashboard_main
from dashboard import ids, security, wsgi
from dashboard.app import create_app
from dashboard.data import read_table

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "dashboard"
UPDATE = "/_dash-update-component"
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
TRACE_MARKERS = ("Traceback", 'File "', "Werkzeug Debugger")


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return create_app(read_table(FIXTURE_DIR)).server.test_client()


@pytest.fixture(scope="module")
def topic_callback(client: FlaskClient) -> dict[str, Any]:
    """The real callback the topic filter sets off, as the renderer reads it from /_dash-dependencies."""
    dependencies = client.get("/_dash-dependencies").get_json()
    for dep in dependencies:
        if not dep.get("clientside_function") and any(i["id"] == ids.TOPICS for i in dep["inputs"]):
            return dep
    raise AssertionError(f"no server callback takes {ids.TOPICS} as an input")


def _payload(dep: dict[str, Any], topics: object) -> dict[str, Any]:
    """Build the body the renderer posts for this callback when the topic filter becomes `topics`."""
    parts = [p.rpartition(".") for p in dep["output"].strip(".").split("...")]
    outputs = [{"id": component, "property": prop} for component, _, prop in parts]
    inputs = [{**i, "value": topics} if i["id"] == ids.TOPICS else dict(i) for i in dep["inputs"]]
    return {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs,
        "changedPropIds": [f"{ids.TOPICS}.value"],
        "state": [dict(s) for s in dep["state"]],
    }


def _assert_clean(response: Any) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code < 500, body[:500]
    assert not any(marker in body for marker in TRACE_MARKERS), body[:500]


@pytest.mark.parametrize(
    "path", ["/", "/_dash-layout", "/_dash-dependencies", "/no-such-page", "/_favicon.ico"]
)
def test_every_response_carries_the_security_headers(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "'unsafe-eval'" not in csp


def test_csp_allows_exactly_the_pages_executable_inline_scripts(client: FlaskClient) -> None:
    response = client.get("/")
    script_src = next(
        d for d in response.headers["Content-Security-Policy"].split("; ") if d.startswith("script-src ")
    )
    assert "'unsafe-inline'" not in script_src
    page = HTML_COMMENT.sub("", response.get_data(as_text=True))  # the IE-only alert sits in a comment
    executable = [
        m["body"]
        for m in INLINE_SCRIPT.finditer(page)
        if "src=" not in m["attrs"] and "application/json" not in m["attrs"] and m["body"].strip()
    ]
    assert executable, "the renderer bootstrap script is expected inline"
    for body in executable:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_an_18_mb_body_is_refused_with_413(client: FlaskClient) -> None:
    response = client.post(
        UPDATE, data=b"{" + b" " * (18 * 1024 * 1024) + b"}", content_type="application/json"
    )
    assert response.status_code == 413
    assert response.get_json() == {"error": "Request Entity Too Large", "status": 413}


def test_a_well_formed_filter_change_answers_200(client: FlaskClient, topic_callback: dict[str, Any]) -> None:
    response = client.post(UPDATE, json=_payload(topic_callback, ["taiwan"]))
    assert response.status_code == 200
    assert "response" in response.get_json()


@pytest.mark.parametrize(
    "topics",
    [
        pytest.param({"$gt": ""}, id="object"),
        pytest.param(12345, id="number"),
        pytest.param([1, None, {"a": []}, ["taiwan"]], id="mixed-list"),
        pytest.param(["nuclear", "<script>alert(1)</script>"], id="unknown-topics"),
        pytest.param(["taiwan"] * 100_000, id="list-of-100000"),
        pytest.param("taiwan" * 10_000, id="long-string"),
    ],
)
def test_crafted_filter_values_give_a_clean_answer(
    client: FlaskClient, topic_callback: dict[str, Any], topics: object
) -> None:
    response = client.post(UPDATE, json=_payload(topic_callback, topics))
    _assert_clean(response)
    assert response.status_code in (200, 204)


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(lambda p: {}, id="empty-object"),
        pytest.param(lambda p: {k: v for k, v in p.items() if k != "inputs"}, id="no-inputs"),
        pytest.param(lambda p: {k: v for k, v in p.items() if k != "output"}, id="no-output"),
        pytest.param(lambda p: {**p, "inputs": p["inputs"][:1]}, id="too-few-inputs"),
        pytest.param(
            lambda p: {**p, "output": "nope.children", "outputs": {"id": "nope"}}, id="unknown-output"
        ),
        pytest.param(lambda p: {**p, "inputs": "taiwan"}, id="inputs-not-a-list"),
        pytest.param(lambda p: [p], id="list-body"),
    ],
)
def test_malformed_callback_posts_give_4xx_without_traceback(
    client: FlaskClient, topic_callback: dict[str, Any], mutate: Any
) -> None:
    response = client.post(UPDATE, json=mutate(_payload(topic_callback, ["taiwan"])))
    _assert_clean(response)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param(b"not json at all", "application/json", id="not-json"),
        pytest.param(b'{"output": ', "application/json", id="truncated-json"),
        pytest.param(b"\xff\xfe\x00garbage", "application/json", id="not-utf8"),
        pytest.param(json.dumps({"output": "x"}).encode(), "text/plain", id="wrong-content-type"),
    ],
)
def test_non_json_posts_give_4xx(client: FlaskClient, body: bytes, content_type: str) -> None:
    response = client.post(UPDATE, data=body, content_type=content_type)
    _assert_clean(response)
    assert 400 <= response.status_code < 500


def test_build_csp_lists_the_hashes_it_is_given() -> None:
    csp = security.build_csp(["'sha256-abc'"])
    assert "script-src 'self' 'sha256-abc';" in csp
    assert csp.startswith("default-src 'self'")


def test_the_server_binds_loopback_without_dev_tools_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: dict[str, Any] = {}
    monkeypatch.setattr("dash.Dash.run", lambda self, **kwargs: ran.update(kwargs))
    assert dashboard_main.main(["--data", str(FIXTURE_DIR)]) == 0
    assert ran["host"] == "127.0.0.1"
    assert ran["debug"] is False
    assert ran.get("dev_tools_ui") is False


def test_debug_only_with_the_debug_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: dict[str, Any] = {}
    monkeypatch.setattr("dash.Dash.run", lambda self, **kwargs: ran.update(kwargs))
    assert dashboard_main.main(["--data", str(FIXTURE_DIR), "--debug"]) == 0
    assert ran["debug"] is True


@pytest.mark.parametrize(
    ("data_dir", "status", "text"),
    [
        pytest.param(str(FIXTURE_DIR), 200, "", id="table"),
        pytest.param(None, 200, "MEETINGS_DATA", id="unset"),
        pytest.param("/nonexistent/table", 200, "/nonexistent/table", id="missing-folder"),
    ],
)
def test_wsgi_server_serves_the_table_or_names_the_problem(
    data_dir: str | None, status: int, text: str
) -> None:
    client = wsgi.build_server(data_dir).test_client()
    assert client.get("/").status_code == status
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200
    assert text in json.dumps(layout.get_json(), ensure_ascii=False)
    assert "Content-Security-Policy" in layout.headers
