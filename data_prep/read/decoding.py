"""Decoding: article bytes to text, whatever the encoding (UTF-8, UTF-16, GB18030, Big5)."""

from __future__ import annotations

import codecs

from data_prep.errors import ArticleFormatError
from data_prep.vocab.words import chars

MAX_BYTES = 20 * 1024 * 1024
# A UTF-8 file cut mid-character, or with a stray byte, is still read: up to this share of bad bytes.
_MAX_BAD_UTF8_SHARE = 0.001
# Characters common in Chinese news, in both scripts; used to tell GB18030 from Big5.
_COMMON_HANZI = frozenset(chars("grammar.yaml", "common_hanzi"))


def decode_article_bytes(raw: bytes, path: str) -> str:
    """Decode an article file (UTF-8, UTF-16 with BOM, GB18030 or Big5) to text with LF line ends."""
    return decode_with_notes(raw, path)[0]


def decode_with_notes(raw: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Decode an article file to text with LF line ends, with a note when bad bytes were replaced."""
    notes: tuple[str, ...] = ()
    if len(raw) > MAX_BYTES:
        raise ArticleFormatError(path, too_big(len(raw)))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(raw, path)
    elif b"\x00" in raw:
        raise ArticleFormatError(path, "binary file")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            text, notes = _decode_chinese_legacy(raw, path, err)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, notes


def _decode_utf16(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError as err:
        raise ArticleFormatError(path, f"invalid UTF-16 at byte {err.start}") from None


def _decode_chinese_legacy(
    raw: bytes, path: str, utf8_error: UnicodeDecodeError
) -> tuple[str, tuple[str, ...]]:
    """Pick GB18030 or Big5, whichever decodes cleanly into more common Chinese characters.

    Failing both, UTF-8 with a few bad bytes (a file cut mid-character) is read with them replaced.
    """
    best, best_score = None, 0.0
    for encoding in ("gb18030", "big5hkscs"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        # GB18030 decodes almost any bytes, so a clean decode proves nothing: score it.
        non_ascii = [char for char in text if ord(char) > 0x7F]
        score = sum(char in _COMMON_HANZI for char in non_ascii) / max(len(non_ascii), 1)
        if score > best_score:
            best, best_score = text, score
    if best is not None and best_score >= 0.1:
        return best, ()
    lenient = raw.decode("utf-8-sig", errors="replace")
    bad = lenient.count("\ufffd") - raw.count("\ufffd".encode())
    if bad <= max(1, len(lenient) * _MAX_BAD_UTF8_SHARE):
        return lenient, (f"undecodable bytes replaced: {bad} (not UTF-8 at byte {utf8_error.start})",)
    raise ArticleFormatError(
        path, f"not UTF-8 (bad byte at {utf8_error.start}) and not GB18030 or Big5 Chinese text"
    )


def too_big(size: int) -> str:
    """The reason given for a file over MAX_BYTES."""
    return f"file is {size / (1024 * 1024):.0f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit"
