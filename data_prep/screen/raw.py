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

_TAG = re.compile(rb"<[^>]+>")  # on bytes: five times faster than on the text, with the same matches
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def could_report_raw(text: str, path: str) -> bool:
    """Whether a decoded, unparsed file could report a meeting; raise ArticleFormatError if it has no body.

    The front matter and the body are stripped of markup apart, so that a stray `<` in one never
    swallows text of the other.
    """
    block, body = split_front_matter(text, path)
    flat = _flatten(body) if block is None else f"{_flatten(block)} {_flatten(body)}"
    return _text_could_report(_matcher(), flat.encode("utf-8").decode("latin-1"), split=False)


def _flatten(text: str) -> str:
    """Drop markup, read entities, and make every run of white space (str.isspace) one space."""
    if "<" in text:
        text = _TAG.sub(b"", text.encode("utf-8")).decode("utf-8")
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return " ".join(text.split())
