"""What a build finds in its inputs before any engine runs: cached results, skips, and the files to process.

A folder's file is reused when its (size, mtime_ns), or else the hash of its bytes, is the one its
cached result was computed from; an unchanged archive is not opened at all; a changed one is streamed
and each member is reused by the hash of its bytes. Only the rest goes to the engine.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator

from data_prep import cache as result_cache
from data_prep.engines import shares
from data_prep.engines.per_file import INTERNAL_ERROR, Outcome
from data_prep.engines.progress import Tally
from data_prep.model import FileResult
from data_prep.read.files import Skip
from data_prep.read.inputs import Input, InputFile, find_input_files, unique_name

# A cache value: the decoded text's hash, whether the file was screened out, and the FileResult when
# it holds more than those (plain tuples: unpickling 12,000 dataclasses costs 30 times more).
CachedResult = tuple[str | None, bool, FileResult | None]
Order = tuple[int, str]  # (input index, article name): the order of files in outputs


class Found:
    """The results of a build as they come: from the cache, from the walk, and from the engine."""

    def __init__(self, cache: result_cache.ResultCache[CachedResult], tally: Tally) -> None:
        self.cache = cache
        self.tally = tally
        self.results: dict[str, tuple[Order, FileResult]] = {}
        self.orders: dict[str, Order] = {}
        self.archives: list[tuple[Input, os.stat_result, list[str]]] = []  # streamed whole, to record
        self.reused = 0
        # the tar archives left to the workers to stream (defer_archives), with their members' names
        # by chunk as the results come back
        self.deferred: list[tuple[Input, os.stat_result]] = []
        self.chunk_names: dict[int, dict[int, list[str]]] = {}

    def find_pending(self, sources: list[Input], defer_archives: bool = False) -> Iterator[InputFile]:
        """Yield the files that need the per-file step; record every other file's result on the way.

        With `defer_archives`, a tar archive that must be read is not streamed here but left in
        `deferred`, for the workers to stream (engines/shares.py); its results come to `add_chunk`.
        """
        # Folders are listed first, so that the count of files to come holds them from the start.
        listed = {
            source.index: list(find_input_files(source)) for source in sources if source.kind == "folder"
        }
        self.tally.add_known(sum(map(len, listed.values())))
        for source in sources:
            if source.kind == "folder":
                yield from self._find_folder(source, listed.pop(source.index))
            else:
                yield from self._find_archive(source, defer_archives and source.kind == "tar")

    def _find_folder(self, source: Input, listed: list[InputFile | Skip]) -> Iterator[InputFile]:
        """Reuse the cached results of unchanged files; yield the others, which are stamped when read.

        A file the cache knows nothing of is not even stat'ed here (a cold build's every file).
        """
        for item in listed:
            if isinstance(item, Skip):
                self._record(source, FileResult(item.path, skip_reason=item.reason))
                continue
            self.orders[item.name] = (source.index, item.name)
            entry = self._find_cached(item) if item.name in self.cache.entries else None
            if entry is not None:
                self._reuse(source, item.name, entry[3])
            else:
                yield item  # the per-file step reads it, stamps it, or turns the error into a skip

    def _find_cached(self, item: InputFile) -> result_cache.Entry[CachedResult] | None:
        """The cache's entry for a readable file unchanged by its (size, mtime_ns), or else by its bytes."""
        path = item.path
        assert path is not None
        try:
            status = os.stat(path)
        except OSError:
            return None
        entry = self.cache.find_by_stat(item.name, status.st_size, status.st_mtime_ns)
        if entry is not None:
            # reused unread: what the per-file step would find when it opened the file, found here
            return entry if os.access(path, os.R_OK) else None
        try:
            raw, size, mtime_ns = item.read_stamped()  # touched, maybe unchanged: look it up by its bytes
        except OSError:
            return None
        return self.cache.find_by_digest(item.name, (size, mtime_ns, result_cache.hash_bytes(raw)))

    def _find_archive(self, source: Input, defer: bool = False) -> Iterator[InputFile]:
        status = source.path.stat()
        entries = self.cache.find_archive(archive_key(source), status.st_size, status.st_mtime_ns)
        if entries is not None:  # unchanged since the last build: not even opened
            self.tally.skip_archive(status.st_size)
            self.tally.add_known(len(entries))
            for name, cached in zip(self.cache.archives[archive_key(source)][2], entries, strict=True):
                self._reuse(source, name, cached[3])
            return
        if defer:
            self.tally.start_archive(status.st_size, key=source.index)
            self.deferred.append((source, status))
            return
        names: list[str] = []
        self.tally.start_archive(status.st_size)
        seen: set[str] = set()
        for item in map(functools.partial(unique_name, seen=seen), find_input_files(source)):
            names.append(item.path if isinstance(item, Skip) else item.name)
            if isinstance(item, Skip):
                self._record_member_skip(source, item.path, item.reason)
                self.tally.add_member(0.0)
                continue
            self.orders[item.name] = (source.index, item.name)
            self.tally.add_member(item.share)
            entry = self._find_member(item)
            if entry is not None:
                self._reuse(source, item.name, entry[3])
            else:
                yield item
        self.tally.end_archive()
        self.archives.append((source, status, names))

    def _find_member(self, item: InputFile) -> result_cache.Entry[CachedResult] | None:
        """Look an archive member up by the hash of its bytes (hashed only when it has an entry)."""
        if item.raw is None or item.name not in self.cache.entries:
            return None
        stamp = (item.size, item.mtime_ns, result_cache.hash_bytes(item.raw))
        return self.cache.find_by_digest(item.name, stamp)

    def _reuse(self, source: Input, name: str, value: CachedResult) -> None:
        self.reused += 1
        self._record(source, _from_cache(name, value))

    def _record_member_skip(self, source: Input, name: str, reason: str) -> None:
        """An archive member passed over (not an article): recorded, and cached with the archive's entries."""
        result = FileResult(name, skip_reason=reason)
        self._record(source, result)
        self.cache.store(name, (0, 0, ""), _to_cache(result))

    def _record(self, source: Input, result: FileResult) -> None:
        self.results[result.path] = ((source.index, result.path), result)
        self.tally.done(1)

    def add_outcomes(self, outcomes: list[Outcome]) -> None:
        """Record the per-file step's results, and cache them (not the internal errors: retried next time)."""
        for name, stamp, result in outcomes:
            self.results[name] = (self.orders[name], result)
            if stamp is not None and not (result.skip_reason or "").startswith(INTERNAL_ERROR):
                self.cache.store(name, stamp, _to_cache(result))
        self.tally.done(len(outcomes))

    def cached_digests(self) -> dict[str, str]:
        """The content hash of every cached result of a deferred archive's members, by name."""
        prefixes = tuple(f"{source.label}:" for source, _ in self.deferred)
        return {name: entry[2] for name, entry in self.cache.entries.items() if name.startswith(prefixes)}

    def add_chunk(self, source: Input, chunk: shares.Chunk) -> None:
        """Record the results of a chunk of a deferred archive's members, as a worker read them."""
        self.tally.reach(chunk.number * shares.CHUNK + len(chunk.names), chunk.share, key=source.index)
        self.chunk_names.setdefault(source.index, {})[chunk.number] = chunk.names
        for name, reason in chunk.skips:
            self._record_member_skip(source, name, reason)
        for name, stamp in chunk.reused:
            self.orders[name] = (source.index, name)
            entry = self.cache.find_by_digest(name, stamp)
            assert entry is not None  # the worker compared the hash with this very cache's
            self._reuse(source, name, entry[3])
        for name, _, _ in chunk.outcomes:
            self.orders[name] = (source.index, name)
        self.add_outcomes(chunk.outcomes)

    def end_deferred(self, chunks: dict[int, int]) -> None:
        """Every deferred archive has been read, in `chunks[input index]` chunks: record their names."""
        for source, status in self.deferred:
            by_number = self.chunk_names.pop(source.index, {})
            assert sorted(by_number) == list(range(chunks[source.index])), source.path
            names = [name for number in sorted(by_number) for name in by_number[number]]
            self.tally.end_archive(key=source.index)
            self.archives.append((source, status, names))

    def sorted_results(self) -> list[tuple[Order, FileResult]]:
        return sorted(self.results.values(), key=lambda pair: pair[0])

    def store_archives(self) -> None:
        """Record the archives streamed whole, so that the next build need not open them."""
        for source, status, names in self.archives:
            self.cache.store_archive(archive_key(source), status.st_size, status.st_mtime_ns, tuple(names))


def _to_cache(result: FileResult) -> CachedResult:
    """The result as cached: the FileResult itself only when it holds more than its hash and screen flag."""
    bare = (
        result.skip_reason is None
        and not result.notes
        and not result.mentions
        and result.article is None
        and result.duplicate_of is None
    )  # as `result == FileResult(path, screened_out=..., digest=...)`, without making one per file
    return result.digest, result.screened_out, None if bare else result


def _from_cache(name: str, value: CachedResult) -> FileResult:
    digest, screened_out, result = value
    return result if result is not None else FileResult(name, screened_out=screened_out, digest=digest)


def find_batches(items: Iterable[InputFile], size: int) -> Iterator[list[InputFile]]:
    """Group the files to process into batches of `size`, as they come."""
    batch: list[InputFile] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def drop_duplicates(ordered: list[tuple[Order, FileResult]]) -> tuple[FileResult, ...]:
    """Keep the first copy of each text, in input order and then by name; the others are duplicates.

    Two files of one folder or archive with the same text are one article, as are two inputs' copies.
    """
    first: dict[str, str] = {}
    files = []
    for _, result in ordered:
        if result.digest is not None and result.skip_reason is None:
            seen = first.setdefault(result.digest, result.path)
            if seen != result.path:
                result = FileResult(result.path, digest=result.digest, duplicate_of=seen)
        files.append(result)
    return tuple(files)


def archive_key(source: Input) -> str:
    """An archive's key in the cache: its path and its label (the same archive given twice is two inputs)."""
    return f"{source.label}\0{source.path}"
