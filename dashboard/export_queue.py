"""Cap the image exports one server process renders at once: each starts a browser (kaleido).

Two render at a time and a few wait; past that a request is refused at once with ExportBusy, which the
page shows as "busy, retry". The cap is per process: under gunicorn with W workers, up to 2·W exports
render at once on the machine.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

SLOTS = 2
QUEUE = 4
WAIT_SECONDS = 60.0


class ExportBusy(Exception):
    """Too many exports are rendering or waiting in this process."""


class ExportQueue:
    """At most `slots` exports at once, at most `queue` more waiting (each for at most `wait` seconds)."""

    def __init__(self, slots: int = SLOTS, queue: int = QUEUE, wait: float = WAIT_SECONDS) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._limit = slots + queue
        self._inside = 0
        self._wait = wait

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold a render slot for the duration of the block; raise ExportBusy when none comes."""
        with self._lock:
            if self._inside >= self._limit:
                raise ExportBusy
            self._inside += 1
        try:
            if not self._slots.acquire(timeout=self._wait):
                raise ExportBusy
            try:
                yield
            finally:
                self._slots.release()
        finally:
            with self._lock:
                self._inside -= 1
