"""Serve the dashboard over a fixture table on a free loopback port and drive it with headless chromium."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from werkzeug.serving import BaseWSGIServer, make_server

from dashboard.app import create_app
from dashboard.data import read_table
from dashboard.ids import MEETING_COUNT, TIMELINE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
FIXTURE_DIR = Path(__file__).parent.parent / "fixtures" / "dashboard"
# Collect CSP violations from the page itself: chromium reports them to the console too, but this names them.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@dataclass
class Served:
    """A running dashboard: its base URL and the meetings it serves."""

    url: str
    meetings: list[dict[str, Any]]
    row_ids: list[str]  # meeting id of each row of the served table, in the table's order
    server: BaseWSGIServer = field(repr=False)


@dataclass
class Console:
    """What the page said: console errors/warnings and uncaught exceptions."""

    messages: list[str] = field(default_factory=list)


def _serve(data_dir: Path) -> Served:
    table = read_table(data_dir)
    app = create_app(table)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url + "/_dash-layout", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    meetings = json.loads((data_dir / "meetings.json").read_text(encoding="utf-8"))["meetings"]
    return Served(url=url, meetings=meetings, row_ids=list(table.meetings["id"]), server=server)


@pytest.fixture(scope="session")
def dashboard_server() -> Iterator[Served]:
    served = _serve(FIXTURE_DIR)
    yield served
    served.server.shutdown()


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], Served]]:
    """Start the dashboard over another data folder; every server started is shut down at the end."""
    started: list[Served] = []

    def start(data_dir: Path) -> Served:
        started.append(_serve(data_dir))
        return started[-1]

    yield start
    for served in started:
        served.server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        message = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(browser: Any, console: Console) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    context.add_init_script(CSP_LISTENER)
    new_page = context.new_page()
    new_page.set_default_timeout(15_000)
    new_page.on(
        "console",
        lambda message: (
            console.messages.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    new_page.on("pageerror", lambda error: console.messages.append(f"pageerror: {error}"))
    yield new_page
    context.close()


# Markers carry their table row (or, in older figures, the meeting id) as customdata, as a plain list,
# a typed array, or plotly's base64 form {dtype, bdata}; rows map back to meeting ids.
SHOWN_IDS_JS = f"""(rowIds) => {{
  const typed = {{u1: Uint8Array, u2: Uint16Array, u4: Uint32Array, i4: Int32Array, f8: Float64Array}};
  const values = (c) => {{
    if (!c) return [];
    if (typeof c.bdata === 'string' && typed[c.dtype]) {{
      const bytes = Uint8Array.from(atob(c.bdata), ch => ch.charCodeAt(0));
      return Array.from(new typed[c.dtype](bytes.buffer));
    }}
    return Array.from(c);
  }};
  const gd = document.querySelector('#{TIMELINE} .js-plotly-plot');
  if (!gd || !gd.data) return null;
  return gd.data.flatMap(t => values(t.customdata))
    .map(x => typeof x === 'number' ? rowIds[x] : x).filter(x => typeof x === 'string').sort();
}}"""


# The server's timeline has arrived: the placeholder has one trace and no note; a drawn one has more
# traces, an empty one says why. The count badge shows "…" until the first counts arrive.
DRAWN_JS = f"""() => {{
  const gd = document.querySelector('#{TIMELINE} .js-plotly-plot');
  const count = document.getElementById('{MEETING_COUNT}');
  return !!gd && !!gd.data && !!count && count.innerText !== '…'
    && (gd.data.length > 1 || ((gd.layout || {{}}).annotations || []).length > 0);
}}"""


class DashPage:
    """The dashboard in a browser tab: open a view, act on controls, read what the timeline shows."""

    def __init__(self, page: Any, served: Served) -> None:
        self.page = page
        self.served = served

    def open(self, query: str = "") -> Any:
        response = self.page.goto(self.served.url + "/" + query)
        self.page.wait_for_selector(f"#{TIMELINE} .main-svg")
        self.page.wait_for_function(DRAWN_JS, timeout=30_000)
        self.page.wait_for_load_state("networkidle")
        return response

    def shown_ids(self) -> list[str]:
        """Return the ids of the meetings drawn as markers on the timeline (customdata of its traces)."""
        return self.page.evaluate(SHOWN_IDS_JS, self.served.row_ids) or []

    def wait_for_ids(self, expected: list[str]) -> None:
        """Wait until the timeline shows exactly these meetings; on timeout, compare for a readable diff."""
        wanted = sorted(expected)
        check = f"([rows, wanted]) => JSON.stringify(({SHOWN_IDS_JS})(rows)) === JSON.stringify(wanted)"
        try:
            self.page.wait_for_function(check, arg=[self.served.row_ids, wanted], timeout=20_000)
        except PlaywrightTimeout:
            assert self.shown_ids() == wanted

    def click_option(self, component: str, value: str) -> None:
        """Tick a checklist or radio option by its value."""
        self.page.locator(f"#{component} label:has(input[value='{value}'])").click()

    def pick(self, component: str, text: str) -> None:
        """Choose an option of a searchable dropdown by typing it, then clicking the option once shown.

        Pressing Enter right after typing races the dropdown's own filtering on a slow machine.
        """
        self.page.click(f"#{component}")
        self.page.keyboard.type(text)
        option = self.page.get_by_role("option", name=text, exact=False).first
        option.wait_for(state="visible", timeout=10_000)
        option.click()
        self.page.keyboard.press("Escape")


@pytest.fixture
def app_page(page: Any, dashboard_server: Served) -> DashPage:
    return DashPage(page, dashboard_server)


@pytest.fixture
def second_page(page: Any, dashboard_server: Served) -> DashPage:
    """Another tab of the same browser context, as when a user pastes a link."""
    return DashPage(page.context.new_page(), dashboard_server)


@pytest.fixture
def dash_page() -> type[DashPage]:
    """The page driver, for tests that serve their own data folder."""
    return DashPage
