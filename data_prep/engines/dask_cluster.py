"""The Dask engine: the same per-file step on a `dask.distributed` cluster's workers.

The client reads every file, from folders and archives alike, and sends each batch's bytes with the
task, so the workers need no access to the inputs (nor a shared disk); they send back FileResults.
The cache and the merge stay on the client, so the table is byte for byte the default engine's.
Without a scheduler address a LocalCluster of one single-threaded worker process per CPU is started.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from data_prep.engines.local import usable_cpus
from data_prep.read.inputs import InputFile

T = TypeVar("T")
Batch = list[InputFile]
_IN_FLIGHT_PER_WORKER = 3  # batches queued per worker: enough to keep it busy, few enough to bound memory


class DaskUnavailableError(Exception):
    """The dask extra is not installed."""

    def __init__(self) -> None:
        super().__init__("the dask engine needs the dask extra: pip install -e '.[dask]'")


def run_dask(
    batches: Iterable[Batch], work: Callable[[Batch], list[T]], scheduler: str | None, workers: int | None
) -> Iterator[list[T]]:
    """Run `work` over every batch on the cluster and yield each batch's results as it is done."""
    try:  # imported here, and as a plain module: the extra is optional, and its API is untyped
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise DaskUnavailableError() from None
    cluster: Any = None
    if scheduler is None:
        # Its diagnostics page on a free port: the default 8787 may be taken by another cluster.
        cluster = distributed.LocalCluster(
            n_workers=workers or usable_cpus(), threads_per_worker=1, processes=True, dashboard_address=":0"
        )
    try:
        with distributed.Client(scheduler or cluster) as client:
            limit = _IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
            running = distributed.as_completed()
            for batch in batches:
                running.add(client.submit(work, [_with_bytes(item) for item in batch], pure=False))
                while running.count() >= limit:
                    yield next(running).result()
            for future in running:
                yield future.result()
    finally:
        if cluster is not None:
            cluster.close()


def _with_bytes(item: InputFile) -> InputFile:
    """The file with its bytes, read here; one that cannot be read keeps its path for the worker to report."""
    if item.raw is not None or item.path is None:
        return item
    try:
        raw, size, mtime_ns = item.read_stamped()
    except OSError:
        return item
    return replace(item, raw=raw, path=None, size=size, mtime_ns=mtime_ns)
