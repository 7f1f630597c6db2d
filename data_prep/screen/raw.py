"""The screen of a decoded file before anything is parsed: could any reading of it report a meeting?

`could_report_meeting` looks at the parsed title (as one sentence) and at the body (sentence by
sentence). This look runs first, on the whole decoded file, and is wider than that one, so that it
never turns away a file the parsed look would keep: the whole file counts as one sentence (every
word within `WINDOW` bytes of the others is together), markup is dropped, each run of white space
is one space, and HTML entities are read as the characters they stand for. A file that is not UTF-8
is screened on its decoded text, so it screens like its UTF-8 twin. Only the files that pass are
parsed (front matter, dateline, HTML) and given to the parsed look and to extraction.
"""

from __future__ import annotations

import html
import re

from data_prep.read.front_matter import split_front_matter
from data_prep.screen.prefilter import _matcher, _text_could_report

_TAG = re.compile(rb"<[^>]+>")
# The characters str.isspace() accepts beyond ASCII's, in UTF-8, which the parsed look collapses too
# (bytes.split() knows only the ASCII ones): common ones first, then the rare; U+2000–U+202F apart.
_SPACES = (
    b"\xe3\x80\x80",
    b"\xc2\xa0",
    b"\xc2\x85",
    b"\xe1\x9a\x80",
    b"\xe2\x81\x9f",
    b"\x1c",
    b"\x1d",
    b"\x1e",
    b"\x1f",
)
_GENERAL_SPACE = re.compile(rb"\xe2\x80[\x80-\x8a\xa8\xa9\xaf]")
_ENTITY = re.compile(rb"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def could_report_raw(text: str, path: str) -> bool:
    """Whether a decoded, unparsed file could report a meeting; raise ArticleFormatError if it has no body.

    The front matter and the body are stripped of markup apart, so that a stray `<` in one never
    swallows text of the other.
    """
    block, body = split_front_matter(text, path)
    parts = [_flatten(body.encode("utf-8"))]
    if block is not None:
        parts.insert(0, _flatten(block.encode("utf-8")))
    return _text_could_report(_matcher(), b" ".join(parts).decode("latin-1"), split=False)


def _flatten(raw: bytes) -> bytes:
    """Drop markup, read entities, and make every run of white space one space."""
    if b"<" in raw:
        raw = _TAG.sub(b"", raw)
    if b"&" in raw and _ENTITY.search(raw):
        raw = html.unescape(raw.decode("utf-8")).encode("utf-8", "surrogatepass")
    for space in _SPACES:
        if space in raw:
            raw = raw.replace(space, b" ")
    if b"\xe2\x80" in raw:
        raw = _GENERAL_SPACE.sub(b" ", raw)
    return b" ".join(raw.split())
