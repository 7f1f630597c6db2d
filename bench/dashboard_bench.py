"""Benchmark the dashboard over 5,000 meetings: a filter change's server round trip and the first page load.

Run from the repository root:  .venv/bin/python -m bench.dashboard_bench [--meetings 5000] [--samples 200]
Targets: filter change p95 < 50 ms, first load < 1 s. The big table is built here, never in the product.
"""

from __future__ import annotations

import argparse
import copy
import http.client
import itertools
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server

from dashboard import ids
from dashboard.app import create_app
from dashboard.data import read_table

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "dashboard"
UPDATE_PATH = "/_dash-update-component"
TOPIC_CYCLE = (["taiwan"], ["chips", "fentanyl"], [], ["military"], ["trade"], ["taiwan", "military"])
MAX_CHAIN = 6  # callbacks triggered by callbacks, as the renderer would follow them
PARALLEL_REQUESTS = 4  # at most this many requests of one level in flight at once, as a browser would
TARGET_P95_MS = 50.0
TARGET_FIRST_LOAD_S = 1.0


@dataclass(frozen=True, slots=True, eq=False)
class Callback:
    output: str
    outputs: tuple[dict[str, str], ...]
    inputs: tuple[dict[str, str], ...]
    state: tuple[dict[str, str], ...]


def build_big_table(target: Path, count: int) -> None:
    """Write meetings.json with `count` rows made by replicating the fixture with dates shifted by weeks."""
    seed = json.loads((FIXTURE_DIR / "meetings.json").read_text(encoding="utf-8"))["meetings"]
    rows = []
    for n, meeting in zip(range(count), itertools.cycle(seed), strict=False):
        row = copy.deepcopy(meeting)
        shift = timedelta(weeks=n // len(seed))
        row["id"] = f"{meeting['id']}-{n}"
        for key in ("start_date", "end_date"):
            if row.get(key):
                row[key] = (date.fromisoformat(row[key]) - shift).isoformat()
        rows.append(row)
    (target / "meetings.json").write_text(
        json.dumps({"meetings": rows}, ensure_ascii=False), encoding="utf-8"
    )
    shutil.copy(FIXTURE_DIR / "articles.json", target / "articles.json")


def serve(data_dir: Path) -> BaseWSGIServer:
    """Start the dashboard over data_dir on a free loopback port in a background thread."""
    server = make_server("127.0.0.1", 0, create_app(read_table(data_dir)).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def get_json(conn: http.client.HTTPConnection, path: str) -> Any:
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return json.loads(body)


def find_props(layout: Any) -> dict[tuple[str, str], Any]:
    """Map (component id, property) to its initial value for every string-id component of the layout."""
    props: dict[tuple[str, str], Any] = {}
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict) and isinstance(node.get("props"), dict):
            component = node["props"]
            if isinstance(component.get("id"), str):
                props.update({(component["id"], k): v for k, v in component.items()})
            stack.extend(v for v in component.values() if isinstance(v, list | dict))
    return props


def parse_callbacks(dependencies: list[dict[str, Any]]) -> list[Callback]:
    """Keep the server-side callbacks whose ids are plain strings (their payload is simple to build)."""
    found = []
    for dep in dependencies:
        if dep.get("clientside_function") or dep["output"].startswith("{") or '"' in dep["output"]:
            continue
        outputs = tuple(_split_output(part) for part in dep["output"].strip(".").split("..."))
        if any(not isinstance(item["id"], str) for item in (*dep["inputs"], *dep["state"])):
            continue
        found.append(Callback(dep["output"], outputs, tuple(dep["inputs"]), tuple(dep["state"])))
    return found


def _split_output(part: str) -> dict[str, str]:
    component, _, prop = part.rpartition(".")
    return {"id": component, "property": prop}


class Client:
    """One browser's worth of state: its connections, the prop store, and the callbacks it would fire."""

    def __init__(self, port: int, callbacks: list[Callback], props: dict[tuple[str, str], Any]) -> None:
        self.port = port
        self.conns: list[http.client.HTTPConnection] = []
        self.pool = ThreadPoolExecutor(max_workers=PARALLEL_REQUESTS)
        self.callbacks = callbacks
        self.props = dict(props)

    def close(self) -> None:
        self.pool.shutdown()
        for conn in self.conns:
            conn.close()

    def change(self, component: str, prop: str, value: Any) -> None:
        """Set a prop and run every server callback it sets off, following chains as the renderer does."""
        self.props[(component, prop)] = value
        # (prop, the callback that set it): the renderer never re-fires a callback from its own outputs
        changed: set[tuple[str, Callback | None]] = {(f"{component}.{prop}", None)}
        for _ in range(MAX_CHAIN):
            fired = []
            for callback in self.callbacks:
                inputs = {f"{i['id']}.{i['property']}" for i in callback.inputs}
                trigger = sorted(
                    {name for name, source in changed if source is not callback and name in inputs}
                )
                if trigger:
                    fired.append((callback, self._payload(callback, trigger)))
            if not fired:
                return
            # the renderer sends the callbacks one change makes ready at once, each in its own request
            bodies = list(self.pool.map(self._send, range(len(fired)), [payload for _, payload in fired]))
            changed = {
                (name, cb) for (cb, _), body in zip(fired, bodies, strict=True) for name in self._apply(body)
            }

    def _payload(self, callback: Callback, changed: list[str]) -> dict[str, Any]:
        return {
            "output": callback.output,
            "outputs": list(callback.outputs) if len(callback.outputs) > 1 else callback.outputs[0],
            "inputs": [self._with_value(item) for item in callback.inputs],
            "changedPropIds": changed,
            "state": [self._with_value(item) for item in callback.state],
        }

    def _send(self, slot: int, payload: dict[str, Any]) -> bytes | None:
        while len(self.conns) <= slot:
            self.conns.append(http.client.HTTPConnection("127.0.0.1", self.port, timeout=30))
        conn = self.conns[slot]
        try:
            response = _post_json(conn, payload)
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            conn.close()  # the server dropped an idle keep-alive connection; browsers reconnect and resend
            response = _post_json(conn, payload)
        body = response.read()
        if response.status == 204:
            return None
        if response.status != 200:
            raise RuntimeError(f"{payload['output']} answered {response.status}: {body[:200]!r}")
        return body

    def _apply(self, body: bytes | None) -> set[str]:
        updated: set[str] = set()
        for component, values in (json.loads(body).get("response", {}) if body else {}).items():
            for prop, value in values.items():
                self.props[(component, prop)] = value
                updated.add(f"{component}.{prop}")
        return updated

    def _with_value(self, item: dict[str, str]) -> dict[str, Any]:
        key = (item["id"], item["property"])
        return {**item, "value": self.props[key]} if key in self.props else dict(item)


def _post_json(conn: http.client.HTTPConnection, payload: dict[str, Any]) -> http.client.HTTPResponse:
    conn.request("POST", UPDATE_PATH, json.dumps(payload), {"Content-Type": "application/json"})
    return conn.getresponse()


def topic_changes() -> Iterator[list[str]]:
    return itertools.cycle(TOPIC_CYCLE)


def prepare(port: int) -> tuple[list[Callback], dict[tuple[str, str], Any]]:
    """Read the callbacks and the initial props the way the renderer does on page load."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    callbacks = parse_callbacks(get_json(conn, "/_dash-dependencies"))
    props = find_props(get_json(conn, "/_dash-layout"))
    conn.close()
    if not any(i["id"] == ids.TOPICS for cb in callbacks for i in cb.inputs):
        raise RuntimeError(f"no server callback takes {ids.TOPICS} as an input")
    return callbacks, props


def time_first_load(port: int) -> float:
    """Seconds for GET / plus the _dash-layout and _dash-dependencies requests on a fresh connection."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/")
    conn.getresponse().read()
    get_json(conn, "/_dash-layout")
    get_json(conn, "/_dash-dependencies")
    conn.close()
    return time.perf_counter() - start


def percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1]


def time_filter_changes(port: int, samples: int) -> list[float]:
    """Milliseconds per topic-filter change (all server callbacks it sets off), one client, keep-alive."""
    client = Client(port, *prepare(port))
    client.change(ids.TOPICS, "value", ["taiwan"])  # warm caches the way a first click would
    timings = []
    for _, topics in zip(range(samples), topic_changes(), strict=False):
        start = time.perf_counter()
        client.change(ids.TOPICS, "value", topics)
        timings.append((time.perf_counter() - start) * 1000)
    client.close()
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        build_big_table(Path(tmp), args.meetings)
        server = serve(Path(tmp))
        try:
            cold = time_first_load(server.server_port)
            warm = statistics.median(time_first_load(server.server_port) for _ in range(10))
            timings = time_filter_changes(server.server_port, args.samples)
        finally:
            server.shutdown()
    p50, p95 = percentile(timings, 50), percentile(timings, 95)
    print(
        "command: .venv/bin/python -m bench.dashboard_bench "
        + " ".join(sys.argv[1:] if argv is None else argv)
    )
    print(f"meetings: {args.meetings}  samples: {args.samples}")
    print(
        f"filter change round trip: p50 {p50:.1f} ms  p95 {p95:.1f} ms  (target p95 < {TARGET_P95_MS:.0f} ms)"
    )
    target = f"(target < {TARGET_FIRST_LOAD_S:.0f} s)"
    print(f"first page load: cold {cold:.3f} s  warm median {warm:.3f} s  {target}")
    ok = p95 < TARGET_P95_MS and cold < TARGET_FIRST_LOAD_S
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
