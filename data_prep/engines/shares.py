"""Archives read by the pool's workers themselves, each worker claiming chunks of members as it streams.

A .tar.gz is decompressed and its headers parsed on one core; done by the main process, that is
serial time, and every article's bytes are then pickled over to a worker. Here each worker opens an
archive itself (the largest first) and claims its members CHUNK at a time from a counter shared by
every reader of that archive, so two readers of one archive split its members between them. A worker
with no archive left to start joins the one with the most left to read, streaming past the chunks
the others claimed. No article's bytes cross between processes: only the results come back, on a queue.
The readers all see the same members in the same order, so the chunks, the article names (NAME~2 for
a repeated path) and the member count do not depend on who read what.
"""

from __future__ import annotations

import functools
import multiprocessing
import queue
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from data_prep.cache import hash_bytes
from data_prep.engines.local import frozen_for_workers
from data_prep.engines.per_file import Outcome, Stamp
from data_prep.read.files import Skip
from data_prep.read.inputs import Input, InputFile, find_input_files, unique_name

MIN_BYTES = 1 << 20  # compressed bytes of tar archives below which the main process streams them
CHUNK = 250  # members claimed at a time: few claims, and results back while the archive streams
_JOIN_BELOW = 0.9  # join an archive another worker reads while less than this share of it has been read
_POLL_SECONDS = 0.5  # how often the main process looks for a worker that died


@dataclass(frozen=True, slots=True)
class Chunk:
    """The results of one chunk of an archive's members, as a worker sends them back."""

    archive: int  # its place in the plan
    number: int
    names: list[str]  # every member's name in order, those skipped included
    skips: list[tuple[str, str]]  # (name, reason) of the members not read as articles
    reused: list[tuple[str, Stamp]]  # members whose bytes hash as their cached result's
    outcomes: list[Outcome]
    share: float  # how much of the archive's bytes had been read at the chunk's end


@dataclass(frozen=True, slots=True)
class End:
    """An archive read to its end by some worker: how many chunks it has."""

    archive: int
    chunks: int


class Board:
    """The claims every worker shares: the next archive to start, and each archive's next chunk."""

    def __init__(self, archives: int) -> None:
        context = multiprocessing.get_context()
        self.lock = context.Lock()
        self.started = context.RawValue("i", 0)
        self.next_chunk = context.RawArray("i", archives)
        self.chunks = context.RawArray("i", [-1] * archives)  # once a reader reached the end
        self.read = context.RawArray("d", archives)  # the share of its bytes the farthest reader read
        self.results = context.Queue()

    def take_archive(self) -> int | None:
        """The next archive to read: one no worker started, else the one with the most left to read."""
        with self.lock:
            count = len(self.next_chunk)
            if self.started.value < count:
                self.started.value += 1
                return int(self.started.value - 1)
            open_ = [n for n in range(count) if self.chunks[n] < 0 and self.read[n] < _JOIN_BELOW]
            return min(open_, key=lambda n: self.read[n]) if open_ else None

    def claim(self, archive: int) -> int:
        with self.lock:
            number = int(self.next_chunk[archive])
            self.next_chunk[archive] = number + 1
            return number

    def note_read(self, archive: int, share: float) -> None:
        if share > self.read[archive]:  # a race here only misjudges when to join: no lock needed
            self.read[archive] = share

    def end(self, archive: int, chunks: int) -> None:
        with self.lock:
            self.chunks[archive] = chunks


Work = Callable[[list[InputFile]], list[Outcome]]  # the per-file step over a batch (per_file.read_batch)
_BOARD: Board | None = None  # the worker's, inherited from the main process when the pool starts


def _start_worker(board: Board) -> None:
    global _BOARD
    _BOARD = board
    # A worker may end without its last results read: when the build failed here and stopped reading
    # (when it succeeds, each worker's results are all read before it is told to end).
    board.results.cancel_join_thread()


def read_shares(plan: Sequence[Input], cached: dict[str, str], work: Work) -> int:
    """In a worker: read shares of the plan's archives until none is left; return the chunks read."""
    assert _BOARD is not None, "read_shares runs in a pool started by run_shares"
    read = 0
    while (archive := _BOARD.take_archive()) is not None:
        read += _read_share(plan[archive], archive, _BOARD, cached, work)
    _BOARD.results.put(None)  # this worker is done
    return read


def _read_share(
    source: Input,
    archive: int,
    board: Board,
    cached: dict[str, str],
    work: Work,
) -> int:
    """Stream one archive, process the chunks this worker claims, and send their results back."""
    claimed, count, read = board.claim(archive), 0, 0
    mine: list[InputFile | Skip] = []
    seen: set[str] = set()
    for index, item in enumerate(map(functools.partial(unique_name, seen=seen), find_input_files(source))):
        count = index + 1
        number = index // CHUNK
        if number > claimed:
            if mine:
                board.results.put(_run_chunk(archive, claimed, mine, cached, work))
                read += 1
                mine = []
            claimed = board.claim(archive)
        if number == claimed:
            mine.append(item)
        if isinstance(item, InputFile):
            board.note_read(archive, item.share)
    board.end(archive, -(-count // CHUNK))
    if mine:
        board.results.put(_run_chunk(archive, claimed, mine, cached, work))
        read += 1
    board.results.put(End(archive, -(-count // CHUNK)))
    return read


def _run_chunk(
    archive: int, number: int, items: list[InputFile | Skip], cached: dict[str, str],
    work: Work,
) -> Chunk:  # fmt: skip
    names, skips, reused, batch = [], [], [], []
    share = 0.0
    for item in items:
        if isinstance(item, Skip):
            names.append(item.path)
            skips.append((item.path, item.reason))
            continue
        names.append(item.name)
        share = max(share, item.share)
        assert item.raw is not None  # a member's bytes: read with the archive
        if item.name in cached:
            digest = hash_bytes(item.raw)
            if cached[item.name] == digest:
                reused.append((item.name, (item.size, item.mtime_ns, digest)))
                continue
        batch.append(item)
    return Chunk(archive, number, names, skips, reused, work(batch) if batch else [], share)


def run_shares(
    plan: Sequence[Input],
    cached: dict[str, str],
    work: Work,
    workers: int,
    prepare: Callable[[], object] = lambda: None,
) -> Iterator[Chunk | End]:
    """Have `workers` processes read the plan's archives; yield each chunk's results and each archive's end.

    `prepare` runs here before the pool starts (what it loads, forked workers inherit).
    """
    prepare()
    board = Board(len(plan))
    with (
        frozen_for_workers(),
        ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(board,)) as pool,
    ):
        tasks = [pool.submit(read_shares, plan, cached, work) for _ in range(workers)]
        yield from _receive(board, tasks)


def _receive(board: Board, tasks: list[Future[int]]) -> Iterator[Chunk | End]:
    """The workers' messages until each has said it is done; a worker's failure is raised here."""
    running = len(tasks)
    while running:
        try:
            message: Any = board.results.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            for task in tasks:
                if task.done():
                    task.result()  # raises what failed the worker (it said nothing if it died)
            continue
        if message is None:
            running -= 1
        else:
            yield message
