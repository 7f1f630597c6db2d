"""The build cache: per-file results keyed by path and content hash, valid for one version of the code.

One pickle file in OUT_DIR/.cache, loaded once and written atomically. A result is reused when the
file's bytes hash the same and the fingerprint (data_prep's code and vocabularies, and the extractor's
name) is unchanged; a (size, mtime_ns) match with the recorded stat skips even reading the file.
The file is trusted like the code beside it: it is only ever read from the build's own output folder.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from data_prep.table import write_bytes_atomic

CACHE_FOLDER = ".cache"
CACHE_FILE = "results.pickle"
_PACKAGE = Path(__file__).resolve().parent
_FORMAT = 1

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies one version of one file: its stat (to skip reading) and its content hash."""

    size: int
    mtime_ns: int
    digest: str


@dataclass(slots=True)
class ResultCache(Generic[T]):
    """Results by relative path, each with the stamp of the bytes it was computed from."""

    fingerprint: str
    entries: dict[str, tuple[FileStamp, T]] = field(default_factory=dict)
    changed: bool = False

    def find_by_stat(self, path: str, size: int, mtime_ns: int) -> T | None:
        """Return the cached result when the file's size and mtime are those recorded."""
        entry = self.entries.get(path)
        if entry is None or entry[0].size != size or entry[0].mtime_ns != mtime_ns:
            return None
        return entry[1]

    def find_by_digest(self, path: str, stamp: FileStamp) -> T | None:
        """Return the cached result when the content hash matches, recording the new stat."""
        entry = self.entries.get(path)
        if entry is None or entry[0].digest != stamp.digest:
            return None
        if entry[0] != stamp:
            self.entries[path] = (stamp, entry[1])
            self.changed = True
        return entry[1]

    def known_digest(self, path: str) -> str | None:
        """Return the content hash recorded for a path, if any."""
        entry = self.entries.get(path)
        return None if entry is None else entry[0].digest

    def store(self, path: str, stamp: FileStamp, result: T) -> None:
        """Record the result computed from the file version `stamp`."""
        self.entries[path] = (stamp, result)
        self.changed = True

    def keep_only(self, paths: set[str]) -> None:
        """Forget files that are no longer in the folder."""
        gone = self.entries.keys() - paths
        for path in gone:
            del self.entries[path]
        self.changed = self.changed or bool(gone)


def hash_bytes(raw: bytes) -> str:
    """Hash file contents (blake2b: fast, and ample against accidental collisions)."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def build_fingerprint(*extra: str) -> str:
    """Hash data_prep's modules and vocabularies plus `extra` (e.g. the extractor's qualified name)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"format {_FORMAT}\n".encode())
    files = sorted(_PACKAGE.glob("*.py")) + sorted((_PACKAGE / "vocab").glob("*.yaml"))
    for path in files:
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for item in extra:
        digest.update(item.encode() + b"\0")
    return digest.hexdigest()


def read_cache(out_dir: Path, fingerprint: str) -> ResultCache[T]:
    """Load the cache of a previous build, or an empty one if missing, unreadable or stale."""
    path = out_dir / CACHE_FOLDER / CACHE_FILE
    try:
        with open(path, "rb") as handle:
            loaded = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return ResultCache(fingerprint)
    if not isinstance(loaded, ResultCache) or loaded.fingerprint != fingerprint:
        return ResultCache(fingerprint)
    loaded.changed = False
    return loaded


def write_cache(out_dir: Path, cache: ResultCache[T]) -> None:
    """Save the cache atomically if anything changed since it was loaded."""
    if not cache.changed:
        return
    folder = out_dir / CACHE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    cache.changed = False
    write_bytes_atomic(folder / CACHE_FILE, pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL))
