"""Measure the dashboard's first load and a filter click in headless chromium, with network throttling.

Run from the repository root:
    .venv/bin/python -m bench.first_load_bench --data OUT_DIR [--runs 5] [--clicks 30]

For each network profile (loopback, 10 Mbit/s, 4 Mbit/s; Chrome DevTools throttling through Playwright's
CDP session) it opens the page cold (fresh browser context, cache disabled) and times, from navigation,
the first drawn timeline points; it also counts the bytes on the wire. Then, on loopback, it clicks a topic
chip on and off and times each click in the page, from the click event on the chip to the end of the last
figure redrawn after it (the timeline must show the new meetings; every plotly.js draw the click caused
counts, so a chart redrawn twice counts at its second draw). Targets (issue 10): first points < 1 s cold
on loopback and < 3 s at 10 Mbit/s; filter click to redraw p95 < 150 ms.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright
from werkzeug.serving import BaseWSGIServer, make_server

from dashboard import ids
from dashboard.app import create_app
from dashboard.data import read_table

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MBIT = 1_000_000 / 8  # bytes per second


@dataclass(frozen=True, slots=True)
class Network:
    name: str
    throughput: float  # bytes per second each way; 0 means no throttling
    latency_ms: float


NETWORKS = (
    Network("loopback", 0, 0),
    Network("10 Mbit/s, 20 ms", 10 * MBIT, 20),
    Network("4 Mbit/s, 40 ms", 4 * MBIT, 40),
)
POINTS_JS = f"""() => document.querySelectorAll('#{ids.TIMELINE} .scatterlayer path.point').length > 0"""
SHOWN_JS = f"""() => {{
  const gd = document.querySelector('#{ids.TIMELINE} .js-plotly-plot');
  const count = (n, t) => n + (Array.isArray(t.customdata) ? t.customdata.length : 0);
  return gd && gd.data ? gd.data.reduce(count, 0) : -1;
}}"""
# Record, in the page's clock, each click on a topic chip and the end of every plotly.js draw (react,
# newPlot, relayout, restyle; Plotly is wrapped when its bundle assigns it). Installed before any script runs.
DRAWS_JS = f"""
window.__clicks = [];
window.__draws = [];
document.addEventListener('click', (event) => {{
  if (event.isTrusted && event.target.closest('#{ids.TOPICS} label')) window.__clicks.push(event.timeStamp);
}}, true);
let plotly;
Object.defineProperty(window, 'Plotly', {{ configurable: true, get: () => plotly, set: (value) => {{
  plotly = value;
  for (const name of ['react', 'newPlot', 'relayout', 'restyle']) {{
    const draw = value[name];
    value[name] = function () {{
      const drawn = draw.apply(this, arguments);
      Promise.resolve(drawn).then(() => window.__draws.push(performance.now()));
      return drawn;
    }};
  }}
}} }});
"""
LAST_CLICK_JS = """() => {
  const clicked = window.__clicks[window.__clicks.length - 1];
  const draws = window.__draws.filter((t) => t >= clicked);
  return [draws.length ? Math.max(...draws) - clicked : null, draws.length];
}"""
TARGETS = {"loopback": 1.0, "10 Mbit/s, 20 ms": 3.0}
TARGET_CLICK_P95_MS = 150.0


def serve(data_dir: Path) -> BaseWSGIServer:
    """Start the dashboard over data_dir on a free loopback port in a background thread."""
    server = make_server("127.0.0.1", 0, create_app(read_table(data_dir)).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass(frozen=True, slots=True)
class Load:
    seconds: float  # from navigation to the first points drawn
    received: int  # bytes on the wire
    cpu: float  # CPU seconds of the page's main thread until then: what other jobs inflate least


def read_cpu(cdp: Any) -> float:
    """Return the CPU seconds the page's main thread has used (chromium's ThreadTime)."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return float(next(m["value"] for m in metrics if m["name"] == "ThreadTime"))


def time_first_points(browser: Any, url: str, network: Network) -> Load:
    """Open the page cold under a network profile; time the first points, count bytes and main-thread CPU."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if network.throughput:
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": network.latency_ms, "downloadThroughput": network.throughput,
             "uploadThroughput": network.throughput},
        )  # fmt: skip
    received: list[int] = []
    cdp.on("Network.loadingFinished", lambda event: received.append(int(event["encodedDataLength"])))
    began = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(POINTS_JS, polling="raf", timeout=120_000)
    elapsed = time.perf_counter() - began
    cpu = read_cpu(cdp)
    page.wait_for_load_state("networkidle")
    context.close()
    return Load(elapsed, sum(received), cpu)


@dataclass(frozen=True, slots=True)
class Click:
    ms: float  # from the click event to the end of the last figure drawn after it
    draws: int  # figure draws the click caused
    cpu_ms: float  # CPU of the page's main thread from the click until the network was idle


def time_clicks(browser: Any, url: str, clicks: int) -> list[Click]:
    """Click the first topic chip on and off, timing each click from its event to its last figure drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(DRAWS_JS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url)
    page.wait_for_function(POINTS_JS, timeout=60_000)
    page.wait_for_load_state("networkidle")
    chip = page.locator(f"#{ids.TOPICS} label").first
    samples = []
    for _ in range(clicks):
        before = page.evaluate(SHOWN_JS)
        cpu = read_cpu(cdp)
        chip.click()
        page.wait_for_function(f"() => ({SHOWN_JS})() !== {before}", polling="raf", timeout=30_000)
        page.wait_for_load_state("networkidle")  # no request for 500 ms: every draw of the click is done
        elapsed, count = page.evaluate(LAST_CLICK_JS)
        samples.append(Click(float(elapsed), int(count), (read_cpu(cdp) - cpu) * 1000))
    context.close()
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of a built table (meetings.json)")
    parser.add_argument("--runs", type=int, default=5, help="cold loads per network profile")
    parser.add_argument("--clicks", type=int, default=30)
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = serve(args.data)
    url = f"http://127.0.0.1:{server.server_port}/"
    missed = False
    print(f"command: {' '.join(sys.argv)}")
    print(f"table: {args.data} ({len(read_table(args.data).meetings)} meetings)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        time_first_points(browser, url, NETWORKS[0])  # the server's first request warms its caches
        for network in NETWORKS:
            runs = [time_first_points(browser, url, network) for _ in range(args.runs)]
            seconds = [run.seconds for run in runs]
            target = TARGETS.get(network.name)
            missed |= target is not None and statistics.median(seconds) > target
            print(
                f"first points, {network.name}: median {statistics.median(seconds):.2f} s, "
                f"max {max(seconds):.2f} s, {runs[0].received / 1e6:.2f} MB on the wire, main thread CPU "
                f"{statistics.median(run.cpu for run in runs):.2f} s"
                + (f"  (target < {target:.0f} s)" if target else "")
            )
        samples = time_clicks(browser, url, args.clicks)
        browser.close()
    clicks = [click.ms for click in samples]
    p95 = percentile(clicks, 0.95)
    missed |= p95 > TARGET_CLICK_P95_MS
    p50 = statistics.median(clicks)
    print(f"filter click to redraw, {len(clicks)} clicks: p50 {p50:.0f} ms, p95 {p95:.0f} ms"
          f"  (target p95 < {TARGET_CLICK_P95_MS:.0f} ms); figure draws per click: "
          f"{statistics.mean(c.draws for c in samples):.1f}, main thread CPU per click: median "
          f"{statistics.median(c.cpu_ms for c in samples):.0f} ms")  # fmt: skip
    server.shutdown()
    print("TARGETS MISSED" if missed else "all targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
