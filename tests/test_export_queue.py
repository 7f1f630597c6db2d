"""At most two exports render at once per process; a few wait; more are told the server is busy."""

import threading

import pytest

from dashboard.export_queue import ExportBusy, ExportQueue


def test_two_render_a_few_wait_the_rest_are_refused() -> None:
    queue = ExportQueue(slots=2, queue=1, wait=30)
    release = threading.Event()
    entered: list[int] = []

    def render(n: int) -> None:
        with queue.slot():
            entered.append(n)
            release.wait(30)

    workers = [threading.Thread(target=render, args=(n,)) for n in range(3)]
    for worker in workers:
        worker.start()
    while queue._inside < 3:  # the two rendering and the one waiting are inside
        threading.Event().wait(0.01)
    with pytest.raises(ExportBusy):
        with queue.slot():
            pass
    release.set()
    for worker in workers:
        worker.join(30)
    assert sorted(entered) == [0, 1, 2]


def test_a_wait_that_runs_out_is_busy() -> None:
    queue = ExportQueue(slots=1, queue=1, wait=0.01)
    with queue.slot():
        with pytest.raises(ExportBusy):
            with queue.slot():
                pass
