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
from data_prep.screen.prefilter import _bytes_text, _matcher, _text_could_report

_TAG = re.compile(rb"<[^>]+>")  # on bytes: five times faster than on the text, with the same matches
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def could_report_raw(text: str, path: str) -> bool:
    """Whether a decoded, unparsed file could report a meeting; raise ArticleFormatError if it has no body.

    The front matter and the body are stripped of markup apart, so that a stray `<` in one never
    swallows text of the other. Most files have no meeting word at all: the gate looks for one before
    white space is made even, which cannot change its answer since no gate word holds white space.
    A file without entities is first looked at with its markup in (tags may come between the
    characters of a gate word), which spares most files dropping it; an entity may stand for a
    character of a gate word, so a file with one is looked at only after they are read. The gate only
    spares work (a text without a gate word cannot report a meeting), so a file the look with markup
    in lets through goes on without a second look.
    """
    block, body = split_front_matter(text, path)
    matcher = _matcher()
    entities = "&" in text
    if not entities and matcher.gate_in_markup.search(text) is None:
        return False  # most files: no gate word even with markup left in, found without dropping it
    parts = [_drop_markup(body)] if block is None else [_drop_markup(block), _drop_markup(body)]
    # On text without markup the look with markup in finds every gate word (and more: a word cut inside
    # a character by its whole characters), faster than the gate's automaton over the UTF-8 bytes.
    if entities and not any(matcher.gate_in_markup.search(part) for part in parts):
        return False
    flat = " ".join(" ".join(part.split()) for part in parts)
    return _text_could_report(matcher, _bytes_text(flat), split=False, gated=True)


def _drop_markup(text: str) -> str:
    """The text with markup dropped and entities read."""
    if "<" in text:
        text = _TAG.sub(b"", text.encode("utf-8")).decode("utf-8")
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return text
