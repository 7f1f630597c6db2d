"""Compress responses (flask-compress): the scripts, plotly.js above all, are most of the first load.

Static files are streamed file objects; flask-compress would wrap the stream and leave the file open, so
they are read into memory first (the largest is 1.5 MB) and their compressed bytes kept per path, since
they do not change while the server runs. Callback responses are compressed afresh and never kept.
"""

from __future__ import annotations

import threading

import flask
from flask_compress import Compress

STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")


class StaticCache:
    """Keep the compressed bytes of static files (keys name a GET of one of STATIC_PREFIXES)."""

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        return self._entries.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):  # an empty cache key: a response that is not a static file
            with self._lock:
                self._entries[key] = value


def find_cache_key(request: flask.Request) -> str:
    """Name a static file by its path; every other request gets the empty key (not kept)."""
    if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
        return request.path
    return ""


def register(server: flask.Flask) -> None:
    """Compress every text response of the server with zstd, brotli or gzip, as the browser accepts."""
    cache = StaticCache()
    server.config.update(
        COMPRESS_CACHE_BACKEND=lambda: cache,
        COMPRESS_CACHE_KEY=find_cache_key,
        COMPRESS_MIN_SIZE=1024,
    )
    Compress(server)

    @server.after_request  # runs before flask-compress's hook, which was registered first
    def _read_static_files(response: flask.Response) -> flask.Response:
        if response.direct_passthrough and response.mimetype in server.config["COMPRESS_MIMETYPES"]:
            response.direct_passthrough = False
            response.get_data()  # the file's bytes, in memory: nothing is left streaming
            response.close()
        return response
