"""Text: article bodies to clean paragraphs and sentences; traditional to simplified for matching.

Matching runs on simplified text but excerpts quote the original, so callers split the ORIGINAL
paragraph with `split_sentences` and convert each sentence with `to_simplified` on its own.
OpenCC t2s maps character for character on news text, so offsets usually carry over, but
callers must not rely on equal lengths: phrase rules may change them.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

import lxml.html
from lxml import etree

from data_prep.model import Article
from data_prep.vocab.boilerplate import Boilerplate, load_boilerplate
from data_prep.vocab.marks import (
    CLOSERS,
    QUOTE_PAIRS,
    QUOTE_SPLIT_LENGTH,
    SPACED_MARKS,
    TERMINATORS,
    TRAILING,
)
from data_prep.vocab.words import char_class, words

_BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 figcaption figure section article main aside header footer"
    " blockquote table thead tbody tr td th pre address hr br center".split()
)
_RESUME_TAGS = frozenset("p h1 h2 h3 h4 h5 h6".split())
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
# Spaces left by markup inside dates (10 月 22 日) and after full-width punctuation; spaces
# between two phrases of a headline (关键时刻 中美高官) are kept.
_SPACE_IN_CJK = re.compile(
    rf"(?<=\d)\s+(?={char_class(words('grammar.yaml', 'number_units'))})"
    rf"|(?<={char_class(words('grammar.yaml', 'units_before_number'))})\s+(?=\d)"
    rf"|(?<={char_class(SPACED_MARKS)})\s+"
)
# No bracket or line break inside the brackets: each [ scans only to the next bracket, so a text full of
# unclosed [ costs linear time, not quadratic.
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()]*\)")
_MD_DECORATION = re.compile(
    r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)"
)
_MD_RULE = re.compile(r"\s*([-*_=])(?:\s*\1){2,}\s*")
_TAG = re.compile(r"<[^>]+>")
# The characters split_sentences acts on: quotes and brackets, line breaks and terminators.
_MARK = re.compile(
    "[" + "".join(map(re.escape, sorted({*QUOTE_PAIRS, *QUOTE_PAIRS.values(), "\n", *TERMINATORS}))) + "]"
)


# The build asks twice for an article that reports a meeting (its sentences, then its view).
@lru_cache(maxsize=1)
def build_paragraphs(article: Article) -> tuple[str, ...]:
    """Return the article's own text as clean paragraphs, without markup or boilerplate."""
    if article.body_format == "markdown":
        raw = _markdown_paragraphs(article.body)
    else:
        raw = _html_paragraphs(article.body)
    return _finish(raw, article.title)


def clean_inline(text: str) -> str:
    """Collapse whitespace, drop zero-width characters and spaces wedged between Chinese characters."""
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    # Every white space is now one space; without one there is none to drop (most paragraphs), and
    # the pattern, which starts with a look behind, need not be tried at every character.
    return _SPACE_IN_CJK.sub("", text) if " " in text else text


def _finish(paragraphs: list[str], title: str | None) -> tuple[str, ...]:
    rules = load_boilerplate()
    title_key = clean_inline(title) if title else None
    kept: list[str] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        text = clean_inline(paragraph)
        for suffix in rules.strip_suffixes:
            text = suffix.sub("", text).rstrip()
        # A caption repeated as a body paragraph, or a title repeated as a heading, is kept once.
        if not text or text in seen or text == title_key or rules.drop_paragraphs.match(text):
            continue
        seen.add(text)
        kept.append(text)
    return tuple(kept)


def _html_paragraphs(body: str) -> list[str]:
    if not body.strip():
        return []
    try:
        if "<body" in body[:20000].lower():  # a saved page: only its <body> is text
            root = lxml.html.document_fromstring(body).find("body")
        else:
            root = lxml.html.fragment_fromstring(body, create_parent="div")
    except (etree.ParserError, ValueError):
        return _markdown_paragraphs(_TAG.sub("\n", body))
    if root is None:
        return []
    _drop_boilerplate(root, load_boilerplate())
    out: list[str] = []
    buffer: list[str] = []
    _collect(root, out, buffer)
    if buffer:
        out.append("".join(buffer))
    return out


def _drop_boilerplate(root: Any, rules: Boilerplate) -> None:
    for element in rules.drop_elements(root):
        _drop(element)
    for tag, pattern in rules.drop_elements_matching:
        for element in list(root.iter(tag)):
            if pattern.match(element.text_content().strip()):
                _drop(element)
    for element in list(root.iter("ul", "ol")):
        if _is_link_list(element):
            _drop(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or len(element) or element.getparent() is None:
            continue
        text = (element.text or "").strip()
        if text in rules.trailer_markers:
            _drop_trailer(_outermost_with_text(element, text))
        elif text.startswith(rules.block_headings):
            _drop_reused_block(element)


def _is_link_list(element: Any) -> bool:
    """A list whose items are nothing but links is a list of other headlines."""
    items = [item for item in element if item.tag == "li"]
    if not items:
        return False
    for item in items:
        links = "".join(link.text_content() for link in item.iter("a"))
        if not links.strip() or links.strip() != item.text_content().strip():
            return False
    return True


def _outermost_with_text(element: Any, text: str) -> Any:
    parent = element.getparent()
    while parent is not None and parent.getparent() is not None and parent.text_content().strip() == text:
        element, parent = parent, parent.getparent()
    return element


def _drop_trailer(element: Any) -> None:
    for following in list(element.itersiblings()):
        _drop(following)
    _drop(element)


def _drop_reused_block(heading: Any) -> None:
    """Drop a heading and the elements after it, up to the next paragraph or heading."""
    for following in list(heading.itersiblings()):
        if following.tag in _RESUME_TAGS:
            break
        _drop(following)
    _drop(heading)


def _drop(element: Any) -> None:
    if element.getparent() is not None:
        element.drop_tree()


def _collect(element: Any, out: list[str], buffer: list[str]) -> None:
    """Gather text in document order, starting a new paragraph at every block element."""
    block = element.tag in _BLOCK_TAGS
    if block and buffer:
        out.append("".join(buffer))
        buffer.clear()
    if element.text:
        buffer.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _collect(child, out, buffer)
        elif child.tail:  # a comment: its text is not shown, what follows it is
            buffer.append(child.tail)
    if block and buffer:
        out.append("".join(buffer))
        buffer.clear()
    if element.tail:
        buffer.append(element.tail)


def _markdown_paragraphs(body: str) -> list[str]:
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", body))
    text = html.unescape(_TAG.sub("", text)) if ("<" in text or "&" in text) else text
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_MD_DECORATION.sub("", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line and not _MD_RULE.fullmatch(line)]
        if lines:
            paragraphs.append(_join_lines(lines))
    return paragraphs


def _join_lines(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        gap = " " if joined[-1:].isascii() and line[:1].isascii() else ""
        joined += gap + line
    return joined


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph after 。！？, keeping closing quotes with their sentence and short quotes whole."""
    sentences: list[str] = []
    open_quotes: list[tuple[str, int]] = []  # (closer, index of opener)
    start, index, size = 0, 0, len(paragraph)
    while index < size:
        found = _MARK.search(paragraph, index)  # the characters below act; every other one is stepped over
        if found is None:
            break
        index = found.start()
        char = paragraph[index]
        if char in QUOTE_PAIRS:
            open_quotes.append((QUOTE_PAIRS[char], index))
        elif open_quotes and char == open_quotes[-1][0]:
            open_quotes.pop()
        elif char == "\n" or char in TERMINATORS:
            end = _sentence_end(paragraph, index, open_quotes)
            if not open_quotes or _is_long_quote(paragraph, open_quotes[-1], index) or char == "\n":
                _append(sentences, paragraph[start:end])
                start = end
            index = end
            continue
        index += 1
    _append(sentences, paragraph[start:])
    return sentences


def _sentence_end(paragraph: str, index: int, open_quotes: list[tuple[str, int]]) -> int:
    """Step past repeated terminators and the closing quotes and brackets that follow them."""
    end = index + 1
    while end < len(paragraph) and paragraph[end] in TRAILING:
        end += 1
    while end < len(paragraph) and paragraph[end] in CLOSERS:
        if open_quotes and paragraph[end] == open_quotes[-1][0]:
            open_quotes.pop()
        elif open_quotes:
            break
        end += 1
    return end


def _is_long_quote(paragraph: str, quote: tuple[str, int], index: int) -> bool:
    closer, opened = quote
    closed = paragraph.find(closer, index)
    return closed < 0 or closed - opened > QUOTE_SPLIT_LENGTH


def _append(sentences: list[str], text: str) -> None:
    text = text.strip()
    if text:
        sentences.append(text)
