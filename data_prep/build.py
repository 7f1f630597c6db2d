"""The build: inputs (folders, archives) → per-file results (cached, run by an engine) → meetings → files.

Per file: raw bytes → content hash → cache lookup → decode → screen → read_article → extract →
FileResult (engines/per_file.py). That step is a pure function of (name, bytes, code), so a pool of
processes or a Dask cluster can run it; the cache, the merge of every mention into meetings and the
outputs stay here. The same text arriving from two inputs is read once: the first input's copy wins.
"""

from __future__ import annotations

import fcntl
import functools
import gc
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Literal, cast

from data_prep import cache as result_cache
from data_prep.engines import shares
from data_prep.engines.local import run_local, usable_cpus
from data_prep.engines.pending import CachedResult, Found, archive_key, drop_duplicates, find_batches
from data_prep.engines.per_file import (
    ExtractFn,
    Outcome,
    ScreenFn,
    read_batch,
    read_batch_with_officials,
    warm_up,
)
from data_prep.engines.progress import Tally
from data_prep.errors import FolderError
from data_prep.extract.mentions import extract_mentions
from data_prep.merge.rows import merge_mentions
from data_prep.model import BuildResult, Meeting, MeetingMention
from data_prep.output.changes import find_changes
from data_prep.output.own_descriptors import keep_from_children, share_with_children
from data_prep.output.parquet_process import (
    MEETINGS_PARQUET,
    formatter_closed_on_failure,
    request_parquet,
    start_formatter,
)
from data_prep.output.report import build_articles_document, build_report
from data_prep.output.table import (
    Record,
    build_records,
    format_json,
    format_meetings_json,
    sort_meetings,
    write_bytes_if_changed,
)
from data_prep.read.inputs import Input, resolve_inputs
from data_prep.screen.prefilter import _matcher, forget_vocabulary, read_or_build_matcher, sample_text
from data_prep.screen.raw import could_report_raw
from data_prep.vocab.kept import read_kept_vocabularies, write_kept_vocabularies
from data_prep.vocab.officials import register_user_officials, user_officials

MergeFn = Callable[[Iterable[MeetingMention]], Sequence[Meeting]]
ProgressFn = Callable[[int, int], None]  # (files done, files in all: an estimate while archives stream)
Engine = Literal["local", "dask"]
InputSpec = str | os.PathLike[str]

MEETINGS_JSON = "meetings.json"
EXTRACTED_JSON = "meetings.extracted.json"  # the table before the analysts' corrections
ARTICLES_JSON = "articles.json"
REPORT_JSON = "report.json"
LOCK_FILE = ".lock"
# In the user's cache folder: the screen's compiled automaton and the vocabularies, built from the code alone.
MATCHER_FILE = "screen-matcher.pickle"
VOCABULARIES_FILE = "vocabularies.pickle"

_COLLECT_EVERY = (10_000, 50, 100)  # the collector's thresholds while building (_fewer_collections)
_CHUNK = 250  # files per task: large enough that pickling and scheduling stay a small share
_DEFAULT = object()  # the screen that goes with the extractor: the raw look for the default one, else none


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
    corrections: str | os.PathLike[str] | None = None,
    officials: str | os.PathLike[str] | None = None,
) -> BuildResult:
    """Build the meetings table of folders and archives of articles and write it, with its report, to out_dir.

    `screen` looks at each decoded file before it is parsed; by default the raw look of
    screen/raw.py when `extract` is the default extractor, and none for any other extractor.
    With `corrections` (a YAML file) the table is corrected by it; the table as extracted is written
    beside it (meetings.extracted.json) either way.
    `officials` is a user's officials file, read beside the packaged dictionary (the local engine's
    forked workers inherit it; the Dask engine sends it with every task).
    """
    start_formatter(Path(out_dir))  # first: it imports pyarrow while this process starts up
    if register_user_officials(Path(officials) if officials is not None else None):
        forget_vocabulary()
    specs = [inputs] if isinstance(inputs, str | os.PathLike) else list(inputs)
    if not specs:
        raise FolderError(Path(), "no articles folder or archive given")
    sources = resolve_inputs(specs)
    out = _check_out(Path(out_dir))
    fix = None if corrections is None else Path(corrections)
    if fix is not None and not fix.is_file():
        raise FolderError(fix, "corrections file not found")
    if screen is _DEFAULT:
        screen = could_report_raw if extract is extract_mentions else None
    work = functools.partial(read_batch, extract=extract, screen=cast(ScreenFn | None, screen))
    tally = Tally(progress, sum(source.path.stat().st_size for source in sources if source.kind != "folder"))
    with formatter_closed_on_failure(), _exclusive(out), _fewer_collections():
        return _build(sources, out, use_cache, work, merge, tally, engine, scheduler, workers, fix)


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
    corrections: Path | None = None,
) -> BuildResult:
    extract, screen = work.keywords["extract"], work.keywords["screen"]
    names = [f"{fn.__module__}.{fn.__qualname__}" for fn in (extract, screen) if fn is not None]
    user = user_officials()  # a user's officials file changes what is found, like the packaged one
    fingerprint = result_cache.build_fingerprint(*names, result_cache.hash_bytes(user.data) if user else "")
    cache: result_cache.ResultCache[CachedResult] = (
        result_cache.read_cache(out, fingerprint) if use_cache else result_cache.ResultCache(fingerprint)
    )
    found = Found(cache, tally)
    share = engine == "local" and _share_archives(sources, workers)
    batches = find_batches(found.find_pending(sources, defer_archives=share), _CHUNK)
    kept = _user_cache() if use_cache else None
    warm = _once(
        functools.partial(_prepare, kept, fingerprint, work if extract is extract_mentions else None)
    )
    if engine == "dask":
        from data_prep.engines.dask_cluster import run_dask

        # The workers may not see the user's officials file: each task carries it.
        on_worker = functools.partial(read_batch_with_officials, work=work, officials=user)
        done = run_dask(batches, on_worker, scheduler, workers)
    else:
        done = run_local(batches, work, workers, warm)
    for outcomes in done:
        found.add_outcomes(outcomes)
    if found.deferred:
        _read_deferred(found, work, workers or usable_cpus(), warm)
    files = drop_duplicates(found.sorted_results())
    meetings = tuple(sort_meetings(merge(mention for item in files for mention in item.mentions)))
    extracted = build_records(meetings)
    rows, corrected = extracted, None
    if corrections:
        from data_prep.correct.stage import correct_rows  # the stage (and ruamel.yaml) only when asked

        rows, corrected = correct_rows(extracted, corrections, out)
    result = BuildResult(
        _describe(sources), out, files, meetings, found.reused, rows=tuple(rows), corrections=corrected
    )
    result = _write_outputs(result, extracted, cache)
    if use_cache:
        found.store_archives()
        cache.keep_only({item.path for item in files}, {archive_key(source) for source in sources})
        result_cache.write_cache(out, cache)
    return result


def _share_archives(sources: list[Input], workers: int | None) -> bool:
    """Whether the pool's workers should stream the tar archives themselves (engines/shares.py)."""
    archives = sum(source.path.stat().st_size for source in sources if source.kind == "tar")
    return (workers or usable_cpus()) > 1 and archives >= shares.MIN_BYTES


def _read_deferred(
    found: Found, work: functools.partial[list[Outcome]], workers: int, warm: Callable[[], None]
) -> None:
    """Have the workers stream the archives left to them, the largest first; record what they send."""
    plan = sorted((source for source, _ in found.deferred), key=lambda source: -source.path.stat().st_size)
    chunks: dict[int, int] = {}
    for message in shares.run_shares(plan, found.cached_digests(), work, workers, warm):
        source = plan[message.archive]
        if isinstance(message, shares.End):
            chunks[source.index] = message.chunks
        else:
            found.add_chunk(source, message)
    found.end_deferred(chunks)


def _once(run: Callable[[], None]) -> Callable[[], None]:
    """`run`, to be called any number of times, running only the first time."""
    done: list[bool] = []

    def run_once() -> None:
        if not done:
            done.append(True)
            run()

    return run_once


def _prepare(kept: Path | None, fingerprint: str, work: functools.partial[list[Outcome]] | None) -> None:
    """Before workers fork: load the vocabularies, the screen's automaton and what the per-file step uses.

    The vocabularies and the automaton come from the user's cache folder when an earlier build kept them
    for the same fingerprint; else they are built, and kept there for the next build.
    """
    start_formatter()  # files to read: the table may change, so its Parquet form will be needed
    if kept is not None:
        read_kept_vocabularies(kept / VOCABULARIES_FILE, fingerprint)
        read_or_build_matcher(kept / MATCHER_FILE, fingerprint)
    if work is not None:
        warm_up(work, sample_text())  # else each worker would load the vocabularies again (0.2 s each)
    else:
        _matcher()
    if kept is not None:
        write_kept_vocabularies(kept / VOCABULARIES_FILE, fingerprint)


def _user_cache() -> Path | None:
    """Where what a build compiles from the code and vocabularies alone is kept for the next build.

    It depends on the code alone, not on any input, so it is kept per user (like Python's .pyc files),
    and a build into a fresh output folder need not compile it again.
    """
    try:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home folder: nowhere of the user's own to keep it, so nowhere
        return None
    return root / "meetings-tracker"


def _describe(sources: list[Input]) -> str:
    """The inputs as meetings.json names them: the folder's path for one folder (as before), else all."""
    return "; ".join(_printable(source.path) for source in sources)


def _printable(path: Path) -> str:
    """A folder name that is not valid UTF-8 (unpacked from another system) with its odd bytes as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _write_outputs(
    result: BuildResult, extracted: list[Record], cache: result_cache.ResultCache[CachedResult]
) -> BuildResult:
    """Write the output files, each atomically and only if its bytes change; the report last.

    Return the result with the changes since the table the previous build wrote.
    """
    out = result.out_dir
    records = list(result.rows)
    table = format_meetings_json(records, result.articles_dir)
    parquet = _ask_parquet(out / MEETINGS_PARQUET, records, result_cache.hash_bytes(table), cache)
    result = replace(result, changes=find_changes(_read_previous_records(out / MEETINGS_JSON), records))
    articles = build_articles_document(result.files, result.meetings)
    write_bytes_if_changed(out / ARTICLES_JSON, format_json(articles))
    write_bytes_if_changed(out / EXTRACTED_JSON, format_meetings_json(extracted, result.articles_dir))
    if result.corrections is not None:
        from data_prep.correct.stage import KEYS_FILE, format_keys

        write_bytes_if_changed(out / KEYS_FILE, format_keys(result.corrections.keys))
    if parquet is not None:
        parquet()
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


def _ask_parquet(
    path: Path, records: list[Record], table_hash: str, cache: result_cache.ResultCache[CachedResult]
) -> Callable[[], None] | None:
    """Ask for the Parquet table, to be written by the function returned; None if the one on disk will do.

    The one on disk will do when it was written from the same table: that spares an unchanged re-build
    the formatter's work. Asked early, the formatter's process formats it while this one writes the rest.
    """
    try:
        current = result_cache.hash_bytes(path.read_bytes())
    except OSError:
        current = None
    if current is not None and cache.outputs.get(path.name) == f"{table_hash} {current}":
        return None
    formatted = request_parquet(records, path)

    def write() -> None:
        data = formatted()
        write_bytes_if_changed(path, data)
        cache.record_output(path.name, f"{table_hash} {result_cache.hash_bytes(data)}")

    return write


def _check_out(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise FolderError(out, "output path exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    return out


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while building (workers forked meanwhile too).

    A build makes hundreds of thousands of small records (results, mentions) and keeps nearly all of
    them, so the default thresholds (700, 10, 10) scan them over and over: on the four shared months,
    0.21 s of the main process's time and 0.07 s of each worker's, against 0.06 s and 0.02 s here.
    """
    before = gc.get_threshold()
    gc.set_threshold(*_COLLECT_EVERY)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """Hold a lock on the output folder, so two builds never write into it at once.

    The lock belongs to this process alone: a process forked while it is held (a pool's worker) lets
    go of its copy at once, so that workers outliving a killed build do not keep the folder locked.
    """
    with open(out / LOCK_FILE, "wb") as lock:  # left in place: removing a lock file races with takers
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderError(out, "another build is writing to this output folder") from None
        keep_from_children(lock.fileno())
        try:
            _remove_stale_temporaries(out)  # only now: a running build's temporaries are not stale
            yield
        finally:
            share_with_children(lock.fileno())


def _remove_stale_temporaries(out: Path) -> None:
    """Delete temporary files left by a build that was killed while writing."""
    for folder in (out, out / result_cache.CACHE_FOLDER):
        for stale in folder.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
