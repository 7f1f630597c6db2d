"""The first load in headless chromium: every script and every fetch of the renderer is requested once."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import pytest

from dashboard.page_scripts import LAZY_CHUNKS, RENDERER_FETCHES

pytestmark = pytest.mark.browser


def test_hinted_fetches_and_scripts_are_requested_once(app_page: Any, console: Any) -> None:
    requested: Counter[str] = Counter()
    app_page.page.on("request", lambda request: requested.update([urlsplit(request.url).path]))
    app_page.open()
    # A preload the renderer did not reuse would show as a second request of the same path.
    for path in RENDERER_FETCHES:
        assert requested[f"/{path}"] == 1, path
    for name in LAZY_CHUNKS:
        assert requested[f"/_dash-component-suites/dash/dcc/async-{name}.js"] == 1, name
    assert [path for path, count in requested.items() if count > 1] == []
    assert not [path for path in requested if "polyfill" in path or "dash_table" in path]
    assert console.messages == []
