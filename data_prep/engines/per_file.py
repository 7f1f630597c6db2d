"""The per-file step every engine runs: bytes → decoded text → screen → parse → extract → FileResult.

It is a pure function of the file's name, its bytes and the code, so it can run in this process, in
a pool of processes or on a cluster's workers; a bad file costs only itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from data_prep.cache import hash_bytes
from data_prep.errors import ArticleFormatError
from data_prep.model import Article, ArticleView, FileResult, MeetingMention
from data_prep.read.decoding import MAX_BYTES, decode_with_notes
from data_prep.read.inputs import InputFile, unreadable_reason
from data_prep.read.readers import read_article
from data_prep.screen.prefilter import forget_vocabulary
from data_prep.text.clean import build_paragraphs
from data_prep.vocab.officials import UserOfficials, use_user_officials

ExtractFn = Callable[[Article], Sequence[MeetingMention]]
ScreenFn = Callable[[str, str], bool]  # (decoded text, name) → could it report a meeting?
Stamp = tuple[int, int, str]  # size, mtime_ns, hash of the bytes
Outcome = tuple[str, Stamp | None, FileResult]
BatchFn = Callable[[Sequence[InputFile]], list[Outcome]]
INTERNAL_ERROR = "internal error"  # skips with this reason are not cached: the next build retries them


def read_batch(batch: Sequence[InputFile], extract: ExtractFn, screen: ScreenFn | None) -> list[Outcome]:
    """Read, screen and extract a batch of files: the unit of work an engine sends to a worker."""
    return [read_input_file(item, extract, screen) for item in batch]


def read_batch_with_officials(
    batch: Sequence[InputFile], work: BatchFn, officials: UserOfficials | None
) -> list[Outcome]:
    """Run `work` on a batch in a process that may not have read the build's officials file: use it first."""
    if use_user_officials(officials):
        forget_vocabulary()  # the screen's automaton holds the officials' names
    return work(batch)


def read_input_file(item: InputFile, extract: ExtractFn, screen: ScreenFn | None) -> Outcome:
    """Read, hash, screen and extract one file."""
    try:
        raw, size, mtime_ns = item.read_stamped()
    except OSError as error:
        return item.name, None, FileResult(item.name, skip_reason=unreadable_reason(error))
    raw_hash = hash_bytes(raw)
    stamp = (size, mtime_ns, raw_hash)
    return item.name, stamp, _read_raw(item.name, raw, raw_hash, extract, screen)


def _read_raw(
    name: str, raw: bytes, raw_hash: str, extract: ExtractFn, screen: ScreenFn | None
) -> FileResult:
    try:
        text, notes, digest = _decode(name, raw, raw_hash)
        if not text.strip():
            raise ArticleFormatError(name, "empty file")
        if screen is not None and not screen(text, name):
            return FileResult(name, screened_out=True, digest=digest)
        article = read_article(Path(name), Path(), decoded=(text, notes))
        mentions = tuple(extract(article))
        view = _view(article) if mentions else None
    except ArticleFormatError as error:
        return FileResult(name, skip_reason=error.reason)
    except Exception as error:  # the wiring layer's promise: one failing article never stops the build
        return FileResult(name, skip_reason=f"{INTERNAL_ERROR}: {type(error).__name__}: {error}")
    return FileResult(name, notes=article.notes, mentions=mentions, article=view, digest=digest)


def _decode(name: str, raw: bytes, raw_hash: str) -> tuple[str, tuple[str, ...], str]:
    """Decode the bytes; return the text, the decoding's notes and the hash of the text's UTF-8.

    The hash is the bytes' own when they are the text's UTF-8.
    """
    if len(raw) <= MAX_BYTES and b"\x00" not in raw and not raw.startswith(b"\xef\xbb\xbf"):
        try:
            if b"\r" not in raw:
                return raw.decode("utf-8"), (), raw_hash  # most files: the bytes are the text's UTF-8
            # Line ends made LF on the bytes, as decode_with_notes does on the text: a CR or LF byte is
            # never part of a longer UTF-8 character. A quarter of 2401's files hold CR bytes.
            data = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            return data.decode("utf-8"), (), hash_bytes(data)
        except UnicodeDecodeError:
            pass
    text, notes = decode_with_notes(raw, name)
    return text, notes, hash_bytes(text.encode("utf-8", "surrogatepass"))


def _view(article: Article) -> ArticleView:
    paragraphs = build_paragraphs(article)
    return ArticleView(article.title, article.url, article.outlet, article.published, paragraphs)


def warm_up(work: BatchFn, text: str) -> None:
    """Run the per-file step once on a made-up article of `text`, for what it loads on first use.

    The vocabularies, converters and patterns the step loads stay loaded: workers forked afterwards
    inherit them instead of each loading them again. The result is thrown away.
    """
    head = f"---\ntitle: {text}\ndate: 2024-01-02\nlink: https://example.com/warm-up\n---\n"
    work([InputFile("warm-up.html", (0, ""), raw=f"{head}<p>{text}</p>\n".encode())])
