"""Harden the dashboard's Flask server: security headers, a request size limit, clean errors."""

from __future__ import annotations

import logging

import flask
from dash import Dash
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

MAX_REQUEST_BYTES = 1024 * 1024  # a filter change is well under 10 kB; 1 MB leaves room for long URLs
UPDATE_PATH_SUFFIX = "_dash-update-component"
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

log = logging.getLogger(__name__)


def build_csp(script_hashes: list[str]) -> str:
    """Return the Content-Security-Policy for a Dash page whose inline scripts have these hashes."""
    directives = {
        "default-src": ["'self'"],
        # Dash's only executable inline script is the renderer bootstrap; its hash comes from Dash itself.
        "script-src": ["'self'", *script_hashes],
        # plotly.js and React write <style> elements and style attributes at run time.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def register(app: Dash, *, max_request_bytes: int = MAX_REQUEST_BYTES) -> None:
    """Add security headers, a request size limit and traceback-free error responses to the app."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes
    csp: list[str] = []  # computed on the first response, once every clientside callback is registered

    @server.after_request
    def _add_headers(response: flask.Response) -> flask.Response:
        if not csp:
            csp.append(build_csp(list(app.csp_hashes())))
        response.headers["Content-Security-Policy"] = csp[0]
        response.headers.update(STATIC_HEADERS)
        return response

    server.register_error_handler(HTTPException, _http_error)
    server.register_error_handler(Exception, _unexpected_error)


def _http_error(error: HTTPException) -> Response | tuple[Response, int]:
    code = error.code or 500
    if code < 400:  # routing redirects are HTTPExceptions too
        return error.get_response()
    return flask.jsonify(error=error.name, status=code), code


def _unexpected_error(error: Exception) -> tuple[flask.Response, int]:
    # The renderer only sends well-formed callback payloads, so a failure there means a crafted request:
    # answer 400 without detail, and keep the traceback in the server log where it belongs.
    log.error("request to %s failed", flask.request.path, exc_info=error)
    if flask.request.path.endswith(UPDATE_PATH_SUFFIX):
        return flask.jsonify(error="Bad Request", status=400), 400
    return flask.jsonify(error="Internal Server Error", status=500), 500
