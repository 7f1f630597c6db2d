"""Bounded load test on loopback: many concurrent clients each changing the topic filter a few times.

Run from the repository root:
    .venv/bin/python -m bench.load_test [--clients 50] [--changes 20] [--meetings 5000] [--gunicorn WORKERS]
Only 127.0.0.1 is contacted. Exits 0 when no request failed.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.dashboard_bench import Client, build_big_table, percentile, prepare, serve, topic_changes
from dashboard import ids


@dataclass
class Tally:
    """Timings and errors gathered from every client thread."""

    timings_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def run_client(port: int, changes: int, start: threading.Barrier, tally: Tally) -> None:
    """Load the page's callbacks, wait for every client, then change the topic filter `changes` times."""
    try:
        client = Client(port, *prepare(port))
    except (OSError, RuntimeError) as error:
        with tally.lock:
            tally.errors.append(f"page load: {error}")
        start.abort()
        return
    start.wait()
    for _, topics in zip(range(changes), topic_changes(), strict=False):
        began = time.perf_counter()
        try:
            client.change(ids.TOPICS, "value", topics)
        except (OSError, RuntimeError) as error:
            with tally.lock:
                tally.errors.append(str(error))
            continue
        with tally.lock:
            tally.timings_ms.append((time.perf_counter() - began) * 1000)
    client.close()


def run_load(port: int, clients: int, changes: int) -> tuple[Tally, float]:
    """Run the clients in threads; return what they measured and the wall time in seconds."""
    tally = Tally()
    start = threading.Barrier(clients)
    threads = [
        threading.Thread(target=run_client, args=(port, changes, start, tally)) for _ in range(clients)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return tally, time.perf_counter() - began


@contextmanager
def gunicorn(data_dir: Path, workers: int) -> Iterator[int]:
    """Run `gunicorn dashboard.wsgi:server` on a free loopback port; yield the port, stop it afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        str(Path(sys.executable).with_name("gunicorn")), "--workers", str(workers),
        "--threads", "4", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "dashboard.wsgi:server",
    ]  # fmt: skip
    process = subprocess.Popen(command, env={**os.environ, "MEETINGS_DATA": str(data_dir)})
    try:
        wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start on 127.0.0.1:{port}")


@contextmanager
def dev_server(data_dir: Path) -> Iterator[int]:
    server = serve(data_dir)
    try:
        yield server.server_port
    finally:
        server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--gunicorn", type=int, metavar="WORKERS", help="serve with gunicorn workers")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        build_big_table(Path(tmp), args.meetings)
        server = gunicorn(Path(tmp), args.gunicorn) if args.gunicorn else dev_server(Path(tmp))
        with server as port:
            tally, wall = run_load(port, args.clients, args.changes)
    expected = args.clients * args.changes
    print("command: .venv/bin/python -m bench.load_test " + " ".join(sys.argv[1:] if argv is None else argv))
    served_by = f"gunicorn, {args.gunicorn} workers" if args.gunicorn else "werkzeug threaded server"
    print(f"clients: {args.clients}  changes each: {args.changes}  meetings: {args.meetings}  ({served_by})")
    print(f"completed: {len(tally.timings_ms)}/{expected}  errors: {len(tally.errors)}  wall: {wall:.1f} s")
    if len(tally.timings_ms) >= 2:
        p50, p95 = percentile(tally.timings_ms, 50), percentile(tally.timings_ms, 95)
        slowest, mean = max(tally.timings_ms), statistics.mean(tally.timings_ms)
        print(f"filter change under load: p50 {p50:.1f} ms  p95 {p95:.1f} ms  max {slowest:.1f} ms")
        print(f"throughput: {len(tally.timings_ms) / wall:.0f} filter changes/s  (mean {mean:.1f} ms)")
    for error in tally.errors[:5]:
        print("error:", error)
    return 0 if not tally.errors and len(tally.timings_ms) == expected else 1


if __name__ == "__main__":
    raise SystemExit(main())
