"""The Parquet formatter: a process forked as a build starts, which imports pyarrow and formats the table.

Importing pyarrow costs 0.15-0.25 s of CPU. A build starts on one core (imports, listing, vocabularies)
while the other idles, then its pool's workers keep every core busy: a process forked at the start does
the import on the idle core, and the build's own process never imports pyarrow. The formatter answers
each request (the table's records) with the bytes of table.format_meetings_parquet, or with the error
that stopped it, and exits when its pipe closes: when the process that forked it closes it, or dies.
"""

from __future__ import annotations

import functools
import os
import pickle
import signal
import struct
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from data_prep.errors import OutputError
from data_prep.output.own_descriptors import keep_from_children, share_with_children

Record = dict[str, Any]
T = TypeVar("T")

MEETINGS_PARQUET = "meetings.parquet"

_SIZE = struct.Struct("<Q")  # each message: its length, then its bytes
_DATA, _FAILED = b"D", b"F"  # the first byte of an answer


class ParquetFormatter:
    """A forked process that turns records into Parquet bytes, one request at a time."""

    def __init__(self) -> None:
        requests_in, requests_out = os.pipe()
        answers_in, answers_out = os.pipe()
        pid = os.fork()
        if pid == 0:
            _serve(requests_in, answers_out)
        os.close(requests_in)
        os.close(answers_out)
        self.pid = pid
        self.owner = os.getpid()
        self._requests, self._answers = requests_out, answers_in
        self._lock = threading.Lock()
        self._asked = False
        keep_from_children(requests_out, answers_in)  # a worker outliving its build must not keep it alive

    @property
    def usable(self) -> bool:
        """Whether this process forked it and has not closed it (a forked child only inherits a copy)."""
        return self.owner == os.getpid() and self._requests >= 0

    def format(self, records: Sequence[Record], path: Path) -> bytes:
        """The Parquet file of the records; OutputError naming `path` when the formatter fails."""
        self.send(records, path)
        return self.receive(path)

    def send(self, records: Sequence[Record], path: Path) -> None:
        """Ask for the Parquet file of the records, to be taken with receive() (formatted meanwhile)."""
        if not self.try_send(records, path):
            raise OutputError(path, "the Parquet formatter process is closed or busy")

    def try_send(self, records: Sequence[Record], path: Path) -> bool:
        """send(), or False when the formatter is closed or busy with another request."""
        request = pickle.dumps(list(records), protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            if not self.usable or self._asked:
                return False
            self._asked = True
            self._talk(path, lambda: _write_message(self._requests, request))
        return True

    def receive(self, path: Path) -> bytes:
        """The answer to the request sent; OutputError naming `path` when the formatter failed."""
        with self._lock:
            if not self.usable or not self._asked:
                raise OutputError(path, "the Parquet formatter process is closed or was not asked")
            answer = self._talk(path, lambda: _read_message(self._answers))
            self._asked = False
        if answer is None:
            self._close()
            raise OutputError(path, "the Parquet formatter process ended without an answer")
        if answer[:1] == _FAILED:
            raise OutputError(path, f"could not format the Parquet table: {answer[1:].decode('utf-8')}")
        return answer[1:]

    def _talk(self, path: Path, step: Callable[[], T]) -> T:
        """One step of a request; a failure or an interruption closes the formatter (it is mid-request)."""
        try:
            return step()
        except OSError as error:  # a broken pipe: the formatter is gone
            self._close()
            raise OutputError(path, f"the Parquet formatter process ended ({error.strerror})") from error
        except BaseException:  # interrupted: an answer left in the pipe would be read by the next request
            self._close()
            raise

    def close(self) -> None:
        """End the process and wait for it; a copy inherited by a forked child does nothing."""
        with self._lock:
            self._close()

    def ended(self) -> bool:
        """Whether the process has ended (killed from outside, say); if so, it is reaped and closed."""
        if not self.usable:
            return True
        try:
            ended, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:  # reaped elsewhere: gone all the same
            ended = self.pid
        if ended == 0:
            return False
        self._close_pipe()
        return True

    def _close(self) -> None:
        if not self.usable:
            return
        self._close_pipe()
        try:  # it holds nothing worth a clean exit, and may still be importing: no need to wait for that
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)  # reaped: no zombie stays, and its CPU time counts with this process's
        except (ProcessLookupError, ChildProcessError):  # reaped elsewhere already
            pass

    def _close_pipe(self) -> None:
        share_with_children(self._requests, self._answers)
        for descriptor in (self._requests, self._answers):
            os.close(descriptor)
        self._requests = self._answers = -1


# This process's formatter, shared by its builds (a pyarrow import per build would cost every build).
_SHARED: list[ParquetFormatter] = []


def start_formatter(out_dir: Path | None = None) -> None:
    """Fork this process's formatter, unless one runs or pyarrow is imported here already.

    With `out_dir`, only if it holds no Parquet table yet: a re-build may well need none (an unchanged
    table is not written again), so the build starts one once it finds files to read.
    """
    if _shared() is not None or "pyarrow" in sys.modules:
        return
    if out_dir is not None and (out_dir / MEETINGS_PARQUET).exists():
        return
    try:
        _SHARED[:] = [ParquetFormatter()]
    except OSError:  # no process to be had: format here, as without a formatter
        _SHARED.clear()


@contextmanager
def formatter_closed_on_failure() -> Iterator[None]:
    """Close this process's formatter if the block fails or is interrupted: it may be mid-request."""
    try:
        yield
    except BaseException:
        stop_formatter()
        raise


def request_parquet(records: Sequence[Record], path: Path) -> Callable[[], bytes]:
    """Ask for the Parquet file of the records; the function returned gives its bytes.

    This process's formatter, if one runs, formats it meanwhile; else the function formats it here.
    Here too when the formatter is busy with another build's table, or is closed before it answers
    (another build of this process failed): builds at once in one process each get their table.
    Either way a failure is an OutputError naming `path`.
    """
    here = functools.partial(_format_here, list(records), path)
    formatter = _shared()
    if formatter is None or not formatter.try_send(records, path):
        return here
    return functools.partial(_receive_or_format_here, formatter, path, here)


def _receive_or_format_here(formatter: ParquetFormatter, path: Path, here: Callable[[], bytes]) -> bytes:
    try:
        return formatter.receive(path)
    except OutputError:
        if formatter.usable:  # it answered: the table could not be formatted, here neither
            raise
        return here()


def _format_here(records: Sequence[Record], path: Path) -> bytes:
    from data_prep.output.table import format_meetings_parquet

    try:
        return format_meetings_parquet(records)
    except Exception as error:  # as the formatter reports it: the file, then the failure
        raise OutputError(path, f"could not format the Parquet table: {_describe(error)}") from error


def stop_formatter() -> None:
    """End this process's formatter, if one runs."""
    formatter = _shared()
    _SHARED.clear()
    if formatter is not None:
        formatter.close()


def running_formatter() -> int | None:
    """The process id of this process's formatter, or None when none runs."""
    formatter = _shared()
    return None if formatter is None else formatter.pid


def _shared() -> ParquetFormatter | None:
    """This process's formatter while it can be asked; one that ended meanwhile is forgotten."""
    if _SHARED and _SHARED[0].ended():
        _SHARED.clear()
    return _SHARED[0] if _SHARED else None


def _serve(requests: int, answers: int) -> NoReturn:
    """The formatter's life: import, then answer each request until the pipe closes; never returns."""
    status = 1
    try:
        _ignore_interrupts()
        _close_all_but(requests, answers)
        failure = _load()
        while (request := _read_message(requests)) is not None:
            _write_message(answers, _FAILED + failure.encode("utf-8") if failure else _answer(request))
        status = 0
    finally:
        os._exit(status)  # never back into the caller's code, nor its exit handlers


def _ignore_interrupts() -> None:
    """Leave Ctrl-C to the build's process (a terminal sends it to the whole group): it closes this one."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to change
        pass


def _close_all_but(*keep: int) -> None:
    """Close every inherited descriptor but `keep`, and point the standard three at /dev/null.

    Pipes held here would not close when their writers finish: not the pool's, nor a caller's reading
    the build's output to its end. This process writes nowhere else: it answers through its pipe.
    """
    nothing = os.open(os.devnull, os.O_RDWR)
    for standard in {0, 1, 2} - set(keep):  # one of `keep` only if the caller had closed it
        os.dup2(nothing, standard)
    if nothing > 2:  # else it is one of them (they were closed)
        os.close(nothing)
    low = 3
    for descriptor in sorted(keep):
        os.closerange(low, descriptor)
        low = descriptor + 1
    os.closerange(low, os.sysconf("SC_OPEN_MAX"))


def _load() -> str:
    """Import what formatting needs; the error that stopped the import, or ''."""
    try:
        from data_prep.output.table import import_parquet_writer

        import_parquet_writer()
    except Exception as error:
        return _describe(error)
    return ""


def _answer(request: bytes) -> bytes:
    from data_prep.output import table

    try:
        return _DATA + table.format_meetings_parquet(pickle.loads(request))
    except Exception as error:
        return _FAILED + _describe(error).encode("utf-8")


def _describe(error: BaseException) -> str:
    return "".join(traceback.format_exception_only(error)).strip()


def _write_message(descriptor: int, data: bytes) -> None:
    view = memoryview(_SIZE.pack(len(data)) + data)
    while view:
        view = view[os.write(descriptor, view) :]


def _read_message(descriptor: int) -> bytes | None:
    """The next message, or None at the end of the pipe."""
    head = _read_exactly(descriptor, _SIZE.size)
    return None if head is None else _read_exactly(descriptor, _SIZE.unpack(head)[0])


def _read_exactly(descriptor: int, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        part = os.read(descriptor, min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)
