"""The build: a folder of articles → per-file results (cached, in a process pool) → meetings → files.

Per file: raw bytes → content hash → cache lookup → read_article → extract → FileResult. The
per-file step is a pure function of (path, bytes, code), so a pool of processes (or a distributed
engine) can run it; merging every mention into meetings is a separate step over all of them.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path

from data_prep import cache as result_cache
from data_prep.errors import ArticleFormatError, FolderError
from data_prep.extract.mentions import extract_mentions
from data_prep.merge.rows import merge_mentions
from data_prep.model import Article, ArticleView, BuildResult, FileResult, Meeting, MeetingMention
from data_prep.output.report import build_articles_document, build_report
from data_prep.output.table import (
    Record,
    build_records,
    format_json,
    format_meetings_json,
    format_meetings_parquet,
    sort_meetings,
    write_bytes_if_changed,
)
from data_prep.read.readers import find_article_files, read_article
from data_prep.text.clean import build_paragraphs

ExtractFn = Callable[[Article], Sequence[MeetingMention]]
MergeFn = Callable[[Iterable[MeetingMention]], Sequence[Meeting]]
ProgressFn = Callable[[int, int], None]  # (files done, files in all)
DoneFn = Callable[[int], None]  # files extracted so far

MEETINGS_JSON = "meetings.json"
MEETINGS_PARQUET = "meetings.parquet"
ARTICLES_JSON = "articles.json"
REPORT_JSON = "report.json"
LOCK_FILE = ".lock"
INTERNAL_ERROR = "internal error"  # skips with this reason are not cached: the next build retries them

_CHUNK = 250  # files per task: large enough that pickling and scheduling stay a small share
_POOL_MIN = 200  # below this many files to extract, a pool costs more than it saves


CachedResult = FileResult | None  # None stands for FileResult(path): nothing found, nothing to note
Outcome = tuple[str, result_cache.Stamp | None, FileResult]


def build(
    articles_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    use_cache: bool = True,
    extract: ExtractFn = extract_mentions,
    merge: MergeFn = merge_mentions,
    progress: ProgressFn | None = None,
) -> BuildResult:
    """Build the meetings table of a folder of articles and write it, with its report, to out_dir."""
    root, out = _check_folders(Path(articles_dir), Path(out_dir))
    with _exclusive(out):
        return _build(root, out, workers, use_cache, extract, merge, progress)


def _build(
    root: Path,
    out: Path,
    workers: int | None,
    use_cache: bool,
    extract: ExtractFn,
    merge: MergeFn,
    progress: ProgressFn | None,
) -> BuildResult:
    paths, skips = find_article_files(root)
    fingerprint = result_cache.build_fingerprint(f"{extract.__module__}.{extract.__qualname__}")
    cache: result_cache.ResultCache[CachedResult] = (
        result_cache.read_cache(out, fingerprint) if use_cache else result_cache.ResultCache(fingerprint)
    )
    reused, pending = _find_cached(root, paths, cache)
    done = _offset(progress, len(reused) + len(skips), len(paths) + len(skips))
    fresh = _run_pending(root, pending, extract, workers, done)
    for path, stamp, outcome in fresh:
        if stamp is not None and not (outcome.skip_reason or "").startswith(INTERNAL_ERROR):
            cache.store(path, stamp, None if outcome == FileResult(path) else outcome)
    found = [FileResult(skip.path, skip_reason=skip.reason) for skip in skips]
    files = tuple(sorted([*reused, *(outcome for _, _, outcome in fresh), *found], key=lambda r: r.path))
    meetings = tuple(sort_meetings(merge(mention for item in files for mention in item.mentions)))
    result = BuildResult(_printable(root), out, files, meetings, len(reused))
    _write_outputs(result, cache)
    if use_cache:
        cache.keep_only({item.path for item in files})
        result_cache.write_cache(out, cache)
    return result


def _printable(path: Path) -> str:
    """A folder name that is not valid UTF-8 (unpacked from another system) with its odd bytes as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_file(root: Path, path: Path, extract: ExtractFn) -> Outcome:
    """Read, hash and extract one file; a bad file costs only itself."""
    relative = _relative(path, root)
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            raw = handle.read()
    except OSError as error:
        return relative, None, FileResult(relative, skip_reason=f"cannot read: {error.strerror}")
    stamp = (status.st_size, status.st_mtime_ns, result_cache.hash_bytes(raw))
    return relative, stamp, _extract_file(root, path, raw, extract)


def read_files(root: Path, paths: Sequence[Path], extract: ExtractFn) -> list[Outcome]:
    """Read a chunk of files: the unit of work sent to a worker process."""
    return [read_file(root, path, extract) for path in paths]


def _extract_file(root: Path, path: Path, raw: bytes, extract: ExtractFn) -> FileResult:
    relative = _relative(path, root)
    try:
        article = read_article(path, root, raw=raw)
        mentions = tuple(extract(article))
        view = _view(article) if mentions else None
    except ArticleFormatError as error:
        return FileResult(relative, skip_reason=error.reason)
    except Exception as error:  # the wiring layer's promise: one failing article never stops the build
        return FileResult(relative, skip_reason=f"{INTERNAL_ERROR}: {type(error).__name__}: {error}")
    return FileResult(relative, notes=article.notes, mentions=mentions, article=view)


def _view(article: Article) -> ArticleView:
    paragraphs = build_paragraphs(article)
    return ArticleView(article.title, article.url, article.outlet, article.published, paragraphs)


def _find_cached(
    root: Path, paths: Sequence[Path], cache: result_cache.ResultCache[CachedResult]
) -> tuple[list[FileResult], list[Path]]:
    """Split paths into cached results and files still to extract."""
    reused: list[FileResult] = []
    pending: list[Path] = []
    for path in paths:
        relative = _relative(path, root)
        try:
            status = os.stat(path)
        except OSError:
            pending.append(path)  # read_file turns the error into a skip with its reason
            continue
        entry = cache.find_by_stat(relative, status.st_size, status.st_mtime_ns)
        if entry is None and relative in cache.entries:
            entry = _find_cached_by_content(path, relative, status, cache)
        if entry is None:
            pending.append(path)
        else:
            reused.append(entry[3] or FileResult(relative))
    return reused, pending


def _find_cached_by_content(
    path: Path, relative: str, status: os.stat_result, cache: result_cache.ResultCache[CachedResult]
) -> result_cache.Entry[CachedResult] | None:
    """Look a touched-but-maybe-unchanged file up by the hash of its bytes."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return cache.find_by_digest(relative, (status.st_size, status.st_mtime_ns, result_cache.hash_bytes(raw)))


def _run_pending(
    root: Path, paths: Sequence[Path], extract: ExtractFn, workers: int | None, progress: DoneFn
) -> list[Outcome]:
    """Extract the files in a process pool, chunk by chunk, or in this process when few."""
    workers = workers or _usable_cpus()
    chunks = [paths[start : start + _CHUNK] for start in range(0, len(paths), _CHUNK)]
    outcomes: list[Outcome] = []
    if workers == 1 or len(paths) < _POOL_MIN:
        for chunk in chunks:
            outcomes.extend(read_files(root, chunk, extract))
            progress(len(outcomes))
        return outcomes
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
        futures = [pool.submit(read_files, root, chunk, extract) for chunk in chunks]
        for future in as_completed(futures):
            outcomes.extend(future.result())
            progress(len(outcomes))
    return outcomes


def _usable_cpus() -> int:
    """The CPUs this process may run on (a container's share, not the machine's), where the OS says."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _write_outputs(result: BuildResult, cache: result_cache.ResultCache[CachedResult]) -> None:
    """Write the four output files, each atomically and only if its bytes change; the report last."""
    out = result.out_dir
    records = build_records(result.meetings)
    table = format_meetings_json(records, result.articles_dir)
    articles = build_articles_document(result.files, result.meetings)
    write_bytes_if_changed(out / ARTICLES_JSON, format_json(articles))
    _write_parquet(out / MEETINGS_PARQUET, records, result_cache.hash_bytes(table), cache)
    write_bytes_if_changed(out / MEETINGS_JSON, table)
    write_bytes_if_changed(out / REPORT_JSON, format_json(build_report(result), expand="files"))


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


def _check_folders(root: Path, out: Path) -> tuple[Path, Path]:
    if not root.is_dir():
        raise FolderError(root, "articles folder not found" if not root.exists() else "not a folder")
    if out.exists() and not out.is_dir():
        raise FolderError(out, "output path exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    return root.resolve(), out


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


def _offset(progress: ProgressFn | None, done: int, total: int) -> DoneFn:
    def report(extracted: int) -> None:
        if progress is not None:
            progress(done + extracted, total)

    report(0)
    return report


def _relative(path: Path, root: Path) -> str:
    text, prefix = str(path), str(root) + os.sep  # 10x faster than Path.relative_to over a month
    relative = text[len(prefix) :] if text.startswith(prefix) else path.relative_to(root).as_posix()
    return relative.replace(os.sep, "/")
