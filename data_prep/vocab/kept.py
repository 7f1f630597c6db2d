"""Vocabularies built once per process, and kept between builds in the user's cache folder.

Building the vocabularies from their YAML (the officials dictionary in both scripts above all) costs a
build about a tenth of a second before its workers start, on one core while the other waits; reading
them back from one pickle costs under a hundredth. A file kept for other code, other vocabularies or
another user's officials file (another fingerprint) is not used, and is replaced; so is one written
by another Python or another build of a compiled library, and one whose bytes were damaged since.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import ahocorasick

T = TypeVar("T")

# Every vocabulary this process has built or read, by the qualified name of its loader.
_BUILT: dict[str, Any] = {}
# What the kept file holds, as this process last read or wrote it: (path, fingerprint, loader names).
_ON_DISK: list[tuple[Path, str, frozenset[str]]] = []
# The fingerprint of the build that last read the kept file: what _BUILT holds was built for it.
_BUILT_FOR: list[str] = []
# A kept file that cannot be read (missing, cut short, of older code) is rebuilt; any other error is a bug.
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError)
# The compiled libraries whose objects a kept file may hold: the screen's automaton is pyahocorasick's.
_COMPILED = (ahocorasick,)


def built_once(build: Callable[[], T]) -> Callable[[], T]:
    """Decorate a vocabulary's loader: build on first use, then return the same object (or the kept one).

    The vocabulary must pickle (a compiled pattern does; an lxml XPath does not).
    """
    key = _key(build)

    @functools.wraps(build)
    def load() -> T:
        if key not in _BUILT:
            _BUILT[key] = build()
        value: T = _BUILT[key]
        return value

    return load


def forget(load: Callable[[], object]) -> None:
    """Build a vocabulary again on its next use (what it is built from has changed)."""
    _BUILT.pop(_key(load), None)


def _key(load: Callable[[], object]) -> str:
    return f"{load.__module__}.{load.__qualname__}"


def read_kept_vocabularies(path: Path, fingerprint: str) -> None:
    """Use the vocabularies an earlier build kept for the same fingerprint, for those not built yet.

    A build of another fingerprint than this process's last (its code or vocabularies edited since,
    say) builds them again: else what was built from the old files would be kept under the new one.
    """
    if _BUILT_FOR != [fingerprint]:
        if _BUILT_FOR:
            _BUILT.clear()
        _BUILT_FOR[:] = [fingerprint]
    kept = read_pickle(path, fingerprint)
    if not isinstance(kept, dict):
        return
    for key, value in kept.items():
        _BUILT.setdefault(key, value)
    _ON_DISK[:] = [(path, fingerprint, frozenset(kept))]


def write_kept_vocabularies(path: Path, fingerprint: str) -> None:
    """Keep every vocabulary built so far for the next build of the same fingerprint, unless kept already."""
    built = frozenset(_BUILT)
    if any(where == path and kept == fingerprint and built <= names for where, kept, names in _ON_DISK):
        return
    if write_pickles(path, fingerprint, _BUILT):
        _ON_DISK[:] = [(path, fingerprint, built)]


def write_pickles(path: Path, fingerprint: str, value: object) -> bool:
    """Keep a value for the builds of this fingerprint, atomically; return whether it was written.

    The file holds the fingerprint with the interpreter's and the compiled libraries' stamp, the hash
    of the value's pickle, then the pickle: read_pickle gives it back only when all three agree.
    A folder that cannot be written (read-only, a full disk) only costs the next build the building.
    """
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    data = buffer.getvalue()
    head = pickle.dumps((fingerprint, runtime_stamp(), hashlib.sha1(data).hexdigest()))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(head + data)
        os.replace(temporary, path)  # atomic: a build stopped while writing leaves no half file
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):  # the folder may not exist
            temporary.unlink(missing_ok=True)  # left by a failed or interrupted write


def read_pickle(path: Path, fingerprint: str) -> object | None:
    """The value write_pickles kept for this fingerprint, or None: missing, stale, damaged or foreign.

    A value kept by another Python or another build of a compiled library (the screen's automaton is
    one's object) is not read, and neither is one whose bytes changed since: unpickling damaged bytes
    into a C extension's object can crash the interpreter rather than raise.
    """
    try:
        with open(path, "rb") as handle:
            head = pickle.load(handle)
            data = handle.read()
    except _UNREADABLE:
        return None
    if head != (fingerprint, runtime_stamp(), hashlib.sha1(data).hexdigest()):
        return None
    try:
        value: object = pickle.loads(data)
    except _UNREADABLE:
        return None
    return value


@functools.cache
def runtime_stamp() -> str:
    """The interpreter's version, and each compiled library's file with its size and time of change."""
    parts = [sys.version]
    for module in _COMPILED:
        file = module.__file__ or ""
        try:
            status = os.stat(file)
        except OSError:
            parts.append(file)
        else:
            parts.append(f"{file} {status.st_size} {status.st_mtime_ns}")
    return "\n".join(parts)


class _Pickler(pickle.Pickler):
    """Pickle a frozen dataclass as a call of its class with its fields, read back twice as fast.

    By default it is read back by dataclasses' __setstate__, which walks its fields in Python per
    object: 0.012 s for the 4,000 of the vocabularies, against 0.007 s this way.
    """

    def reducer_override(self, obj: object) -> Any:
        cls = type(obj)
        if cls not in _INIT_FIELDS:
            _INIT_FIELDS[cls] = _init_fields(cls)
        names = _INIT_FIELDS[cls]
        return NotImplemented if names is None else (cls, tuple(getattr(obj, n) for n in names))


_INIT_FIELDS: dict[type, tuple[str, ...] | None] = {}  # by class: see _init_fields


def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass, when its __init__ takes each in order and does nothing else; else None."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        return None
    fields = dataclasses.fields(cls)
    return tuple(f.name for f in fields) if all(f.init and not f.kw_only for f in fields) else None
