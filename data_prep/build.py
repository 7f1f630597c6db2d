"""The build: inputs (folders, archives) → per-file results (cached, run by an engine) → meetings → files.

Per file: raw bytes → content hash → cache lookup → decode → screen → read_article → extract →
FileResult (engines/per_file.py). That step is a pure function of (name, bytes, code), so a pool of
processes or a Dask cluster can run it; the cache, the merge of every mention into meetings and the
outputs stay here. The same text arriving from two inputs is read once: the first input's copy wins.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Literal, cast

from data_prep import cache as result_cache
from data_prep.engines.local import run_local
from data_prep.engines.per_file import INTERNAL_ERROR, ExtractFn, Outcome, ScreenFn, read_batch
from data_prep.engines.progress import Tally
from data_prep.errors import FolderError
from data_prep.extract.mentions import extract_mentions
from data_prep.merge.rows import merge_mentions
from data_prep.model import BuildResult, FileResult, Meeting, MeetingMention
from data_prep.output.changes import find_changes
from data_prep.output.report import build_articles_document, build_report
from data_prep.output.table import (
    Record,
    build_records,
    format_json,
    format_meetings_json,
    format_meetings_parquet,
    import_parquet_writer,
    sort_meetings,
    write_bytes_if_changed,
)
from data_prep.read.files import Skip
from data_prep.read.inputs import Input, InputFile, find_input_files, resolve_inputs
from data_prep.screen.prefilter import _matcher, read_or_build_matcher
from data_prep.screen.raw import could_report_raw

MergeFn = Callable[[Iterable[MeetingMention]], Sequence[Meeting]]
ProgressFn = Callable[[int, int], None]  # (files done, files in all: an estimate while archives stream)
Engine = Literal["local", "dask"]
InputSpec = str | os.PathLike[str]

MEETINGS_JSON = "meetings.json"
MEETINGS_PARQUET = "meetings.parquet"
ARTICLES_JSON = "articles.json"
REPORT_JSON = "report.json"
LOCK_FILE = ".lock"

_CHUNK = 250  # files per task: large enough that pickling and scheduling stay a small share
_DEFAULT = object()  # the screen that goes with the extractor: the raw look for the default one, else none

# A cache value: the decoded text's hash, whether the file was screened out, and the FileResult when
# it holds more than those (plain tuples: unpickling 12,000 dataclasses costs 30 times more).
CachedResult = tuple[str | None, bool, FileResult | None]
Order = tuple[int, str]  # (input index, article name): the order of files in outputs


def build(
    inputs: InputSpec | Sequence[InputSpec],
    out_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    use_cache: bool = True,
    extract: ExtractFn = extract_mentions,
    merge: MergeFn = merge_mentions,
    progress: ProgressFn | None = None,
    screen: ScreenFn | None | object = _DEFAULT,
    engine: Engine = "local",
    scheduler: str | None = None,
) -> BuildResult:
    """Build the meetings table of folders and archives of articles and write it, with its report, to out_dir.

    `screen` looks at each decoded file before it is parsed; by default the raw look of
    screen/raw.py when `extract` is the default extractor, and none for any other extractor.
    """
    specs = [inputs] if isinstance(inputs, str | os.PathLike) else list(inputs)
    if not specs:
        raise FolderError(Path(), "no articles folder or archive given")
    sources = resolve_inputs(specs)
    out = _check_out(Path(out_dir))
    if screen is _DEFAULT:
        screen = could_report_raw if extract is extract_mentions else None
    work = functools.partial(read_batch, extract=extract, screen=cast(ScreenFn | None, screen))
    tally = Tally(progress, sum(source.path.stat().st_size for source in sources if source.kind != "folder"))
    with _exclusive(out):
        return _build(sources, out, use_cache, work, merge, tally, engine, scheduler, workers)


def _build(
    sources: list[Input],
    out: Path,
    use_cache: bool,
    work: functools.partial[list[Outcome]],
    merge: MergeFn,
    tally: Tally,
    engine: Engine,
    scheduler: str | None,
    workers: int | None,
) -> BuildResult:
    extract, screen = work.keywords["extract"], work.keywords["screen"]
    names = [f"{fn.__module__}.{fn.__qualname__}" for fn in (extract, screen) if fn is not None]
    fingerprint = result_cache.build_fingerprint(*names)
    cache: result_cache.ResultCache[CachedResult] = (
        result_cache.read_cache(out, fingerprint) if use_cache else result_cache.ResultCache(fingerprint)
    )
    found = _Found(cache, tally)
    batches = _batches(found.find_pending(sources), _CHUNK)
    if engine == "dask":
        from data_prep.engines.dask_cluster import run_dask

        done = run_dask(batches, work, scheduler, workers)
    else:
        kept = _matcher_file() if use_cache else None
        warm = functools.partial(read_or_build_matcher, kept, fingerprint) if kept else _matcher
        done = run_local(batches, work, workers, warm, idle=import_parquet_writer)
    for outcomes in done:
        found.add_outcomes(outcomes)
    files = _drop_duplicates(found.sorted_results())
    meetings = tuple(sort_meetings(merge(mention for item in files for mention in item.mentions)))
    result = BuildResult(_describe(sources), out, files, meetings, found.reused)
    result = _write_outputs(result, cache)
    if use_cache:
        found.store_archives()
        cache.keep_only({item.path for item in files}, {str(source.path) for source in sources})
        result_cache.write_cache(out, cache)
    return result


class _Found:
    """The results of a build as they come: from the cache, from the walk, and from the engine."""

    def __init__(self, cache: result_cache.ResultCache[CachedResult], tally: Tally) -> None:
        self.cache = cache
        self.tally = tally
        self.results: dict[str, tuple[Order, FileResult]] = {}
        self.orders: dict[str, Order] = {}
        self.archives: list[tuple[Input, os.stat_result, list[str]]] = []  # streamed whole, to record
        self.reused = 0

    def find_pending(self, sources: list[Input]) -> Iterator[InputFile]:
        """Yield the files that need the per-file step; record every other file's result on the way."""
        for source in sources:
            if source.kind == "folder":
                yield from self._find_folder(source)
            else:
                yield from self._find_archive(source)

    def _find_folder(self, source: Input) -> Iterator[InputFile]:
        listed = list(find_input_files(source))
        self.tally.add_known(len(listed))
        for item in listed:
            if isinstance(item, Skip):
                self._record(source, FileResult(item.path, skip_reason=item.reason))
                continue
            self.orders[item.name] = (source.index, item.name)
            try:
                status = os.stat(item.path)  # type: ignore[arg-type]
            except OSError:
                yield item  # the per-file step turns the error into a skip with its reason
                continue
            entry = self.cache.find_by_stat(item.name, status.st_size, status.st_mtime_ns)
            if entry is None and item.name in self.cache.entries:
                entry = self._find_by_content(item, status)
            if entry is not None:
                self._reuse(source, item.name, entry[3])
            else:
                yield InputFile(item.name, item.order, path=item.path, size=status.st_size,
                                mtime_ns=status.st_mtime_ns)  # fmt: skip

    def _find_by_content(
        self, item: InputFile, status: os.stat_result
    ) -> result_cache.Entry[CachedResult] | None:
        """Look a touched-but-maybe-unchanged file up by the hash of its bytes."""
        try:
            raw = item.read_bytes()
        except OSError:
            return None
        stamp = (status.st_size, status.st_mtime_ns, result_cache.hash_bytes(raw))
        return self.cache.find_by_digest(item.name, stamp)

    def _find_archive(self, source: Input) -> Iterator[InputFile]:
        status = source.path.stat()
        entries = self.cache.find_archive(str(source.path), status.st_size, status.st_mtime_ns)
        if entries is not None:  # unchanged since the last build: not even opened
            self.tally.skip_archive(status.st_size)
            self.tally.add_known(len(entries))
            for name, cached in zip(self.cache.archives[str(source.path)][2], entries, strict=True):
                self._reuse(source, name, cached[3])
            return
        names: list[str] = []
        self.tally.start_archive(status.st_size)
        for item in find_input_files(source):
            names.append(item.path if isinstance(item, Skip) else item.name)
            if isinstance(item, Skip):
                result = FileResult(item.path, skip_reason=item.reason)
                self._record(source, result)
                self.cache.store(item.path, (0, 0, ""), _to_cache(result))
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

    def sorted_results(self) -> list[tuple[Order, FileResult]]:
        return sorted(self.results.values(), key=lambda pair: pair[0])

    def store_archives(self) -> None:
        """Record the archives streamed whole, so that the next build need not open them."""
        for source, status, names in self.archives:
            self.cache.store_archive(str(source.path), status.st_size, status.st_mtime_ns, tuple(names))


def _to_cache(result: FileResult) -> CachedResult:
    bare = FileResult(result.path, screened_out=result.screened_out, digest=result.digest)
    return result.digest, result.screened_out, None if result == bare else result


def _from_cache(name: str, value: CachedResult) -> FileResult:
    digest, screened_out, result = value
    return result if result is not None else FileResult(name, screened_out=screened_out, digest=digest)


def _batches(items: Iterable[InputFile], size: int) -> Iterator[list[InputFile]]:
    batch: list[InputFile] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _drop_duplicates(ordered: list[tuple[Order, FileResult]]) -> tuple[FileResult, ...]:
    """Keep the first input's copy of a text that came from several inputs; the others are duplicates.

    Copies inside one input are kept, as separate articles: only inputs that overlap are merged.
    """
    first: dict[str, tuple[int, str]] = {}
    files = []
    for (index, _), result in ordered:
        if result.digest is not None and result.skip_reason is None:
            seen = first.setdefault(result.digest, (index, result.path))
            if seen[0] != index:
                result = FileResult(result.path, digest=result.digest, duplicate_of=seen[1])
        files.append(result)
    return tuple(files)


def _matcher_file() -> Path | None:
    """Where the screen's compiled automaton is kept for the next build with the same code and vocabularies.

    It depends on the code alone, not on any input, so it is kept per user (like Python's .pyc files),
    and a build into a fresh output folder need not compile it again.
    """
    try:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home folder: nowhere of the user's own to keep it, so nowhere
        return None
    return root / "meetings-tracker" / "screen-matcher.pickle"


def _describe(sources: list[Input]) -> str:
    """The inputs as meetings.json names them: the folder's path for one folder (as before), else all."""
    return "; ".join(_printable(source.path) for source in sources)


def _printable(path: Path) -> str:
    """A folder name that is not valid UTF-8 (unpacked from another system) with its odd bytes as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _write_outputs(result: BuildResult, cache: result_cache.ResultCache[CachedResult]) -> BuildResult:
    """Write the four output files, each atomically and only if its bytes change; the report last.

    Return the result with the changes since the table the previous build wrote.
    """
    out = result.out_dir
    records = build_records(result.meetings)
    table = format_meetings_json(records, result.articles_dir)
    result = replace(result, changes=find_changes(_read_previous_records(out / MEETINGS_JSON), records))
    articles = build_articles_document(result.files, result.meetings)
    write_bytes_if_changed(out / ARTICLES_JSON, format_json(articles))
    _write_parquet(out / MEETINGS_PARQUET, records, result_cache.hash_bytes(table), cache)
    write_bytes_if_changed(out / MEETINGS_JSON, table)
    write_bytes_if_changed(out / REPORT_JSON, format_json(build_report(result), expand="files"))
    return result


def _read_previous_records(path: Path) -> list[Record] | None:
    """The meetings of the table a previous build wrote, or None when there is none to read."""
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    meetings = document.get("meetings") if isinstance(document, dict) else None
    return meetings if isinstance(meetings, list) else None


def _write_parquet(
    path: Path, records: list[Record], table_hash: str, cache: result_cache.ResultCache[CachedResult]
) -> None:
    """Write the Parquet table unless the one on disk was written from the same table.

    The check spares an unchanged re-build the writer and the 0.6 s its pyarrow and pandas imports take.
    """
    try:
        current = result_cache.hash_bytes(path.read_bytes())
    except OSError:
        current = None
    if current is not None and cache.outputs.get(path.name) == f"{table_hash} {current}":
        return
    data = format_meetings_parquet(records)
    write_bytes_if_changed(path, data)
    cache.record_output(path.name, f"{table_hash} {result_cache.hash_bytes(data)}")


def _check_out(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise FolderError(out, "output path exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    return out


@contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """Hold a lock on the output folder, so two builds never write into it at once."""
    with open(out / LOCK_FILE, "wb") as lock:  # left in place: removing a lock file races with takers
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderError(out, "another build is writing to this output folder") from None
        _remove_stale_temporaries(out)  # only now: a running build's temporaries are not stale
        yield


def _remove_stale_temporaries(out: Path) -> None:
    """Delete temporary files left by a build that was killed while writing."""
    for folder in (out, out / result_cache.CACHE_FOLDER):
        for stale in folder.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
