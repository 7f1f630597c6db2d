"""Take the README's screenshots of the dashboard (desktop and a 390 px phone) in headless chromium.

Run from the repository root:
    .venv/bin/python -m data_prep build seeds --out /tmp/seeds-table
    .venv/bin/python -m bench.screenshots --data /tmp/seeds-table --meeting MEETING_ID
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from dashboard import ids
from dashboard.app import create_app
from dashboard.data import read_table

CHROMIUM = "/usr/bin/chromium"
ASSETS = Path(__file__).resolve().parent.parent / "assets"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
DRAWN_JS = f"() => document.querySelectorAll('#{ids.TIMELINE} .scatterlayer path.point').length > 0"
LOWER_CHARTS = ((ids.MONTHLY, ".bars path"), (ids.MATRIX, ".xtick text"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--meeting", help="id of the meeting to open in the desktop view")
    args = parser.parse_args(argv)
    server = make_server("127.0.0.1", 0, create_app(read_table(args.data)).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    opened = f"?m={args.meeting}" if args.meeting else ""
    shots = (
        ("dashboard.png", {"width": 1440, "height": 1000}, opened, True),
        ("dashboard-phone.png", {"width": 390, "height": 844}, "", False),
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for name, viewport, query, full_page in shots:
            page = browser.new_page(viewport=viewport, device_scale_factor=1)
            page.goto(url + query)
            page.wait_for_function(DRAWN_JS, timeout=60_000)
            page.wait_for_load_state("networkidle")
            if full_page:  # the lower charts are drawn when they come on screen
                for chart, drawn in LOWER_CHARTS:
                    page.evaluate(f"() => document.getElementById('{chart}').scrollIntoView()")
                    page.wait_for_selector(f"#{chart} {drawn}", state="attached", timeout=60_000)
                page.evaluate("() => window.scrollTo(0, 0)")
            page.wait_for_timeout(500)  # let plotly finish its transitions before the picture
            page.screenshot(path=str(ASSETS / name), full_page=full_page)
            page.close()
            print(f"wrote {ASSETS / name}")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
