"""Readers: read one article file, whatever its format, into an `Article`."""

from __future__ import annotations

import html
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from data_prep.errors import ArticleFormatError
from data_prep.model import Article, BodyFormat
from data_prep.read.datelines import resolve_published_on
from data_prep.read.decoding import MAX_BYTES, decode_article_bytes, decode_with_notes, too_big
from data_prep.read.files import Skip, find_article_files, relative_path
from data_prep.read.front_matter import FieldValue, parse_front_matter, parse_html_head, split_front_matter
from data_prep.read.timestamps import parse_timestamp
from data_prep.vocab.outlets import Outlet, load_outlets

__all__ = [
    "MAX_BYTES",
    "Outlet",
    "Skip",
    "decode_article_bytes",
    "find_article_files",
    "find_outlet",
    "read_article",
]

_HTML_MARKER = re.compile(r"<(?:p|div|span|br|img|h[1-6]|section|main|figure|article|ul|ol|table|a)\b", re.I)
_EPOCH_COMMENT = re.compile(r"<!--\s*(\d{10,13}|NaN|null|undefined)?\s*-->")
# Markup in a title is not part of it: a script's text is dropped with its tags.
_TITLE_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# Feeds write the Unix epoch when an item has no date; it is a placeholder, not a publication date.
_EPOCH_ZERO = datetime(1970, 1, 1, tzinfo=UTC)
_LINK_LINE = re.compile(r"\[(.+)\]\((\S+)\)")
_MAX_LINK_LINE = 4000  # a title and a link; longer lines are text (and cost the pattern quadratic time)
_RULE_LINE = re.compile(r"(?:-{3,}|={3,})")


def read_article(
    path: Path, root: Path, raw: bytes | None = None, decoded: tuple[str, tuple[str, ...]] | None = None
) -> Article:
    """Read one file of any supported format into an Article; raise ArticleFormatError if unreadable.

    `decoded`: the text and notes decode_with_notes gives for the file's bytes, when the caller has them.
    """
    rel = relative_path(path, root)
    if decoded is None:
        decoded = decode_with_notes(_read_bytes(path, rel) if raw is None else raw, rel)
    text, decode_notes = decoded
    if not text.strip():
        raise ArticleFormatError(rel, "empty file")
    block, body = split_front_matter(text, rel)
    fields, notes = parse_front_matter(block, rel) if block is not None else ({}, ())
    body, epoch, link_title, link_url = _strip_preamble(body)
    body_format = _body_format(path, body)
    if block is None and body_format == "html" and "<head" in body[:2000].lower():
        fields = parse_html_head(body)
    title = _text_field(fields.get("title")) or link_title
    if title is None and body_format == "markdown":
        title = _first_heading(body)
    if title is None and not body.strip():
        raise ArticleFormatError(rel, "no text")
    url, url_notes = _http_url(_text_field(fields.get("link")) or _text_field(fields.get("from")) or link_url)
    outlet = find_outlet(fields, url)
    stamp, stamp_notes = _real_timestamp(parse_timestamp(_text_field(fields.get("date")) or epoch or ""))
    if stamp is not None and stamp.tzinfo is None and outlet is not None and outlet.zone is not None:
        stamp = stamp.replace(tzinfo=outlet.zone)
    published_on, date_notes = resolve_published_on(body, stamp, outlet.zone if outlet else None, url)
    empty_note = () if body.strip() else ("empty body",)
    return Article(
        path=rel,
        title=title,
        url=url,
        outlet=outlet.name if outlet else _raw_outlet(fields),
        published=stamp.isoformat() if stamp else None,
        published_on=published_on,
        body=body,
        body_format=body_format,
        notes=(*decode_notes, *notes, *stamp_notes, *url_notes, *date_notes, *empty_note),
    )


def _read_bytes(path: Path, rel: str) -> bytes:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise ArticleFormatError(rel, too_big(size))
            return handle.read()
    except OSError as err:
        raise ArticleFormatError(rel, f"cannot read file: {err.strerror}") from None


def _real_timestamp(stamp: datetime | None) -> tuple[datetime | None, tuple[str, ...]]:
    """Drop a timestamp on the day of the Unix epoch, which feeds write for a missing date."""
    if stamp is None:
        return None, ()
    if abs((stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)) - _EPOCH_ZERO) > timedelta(days=1):
        return stamp, ()
    return None, (f"date is the Unix epoch, a placeholder: {stamp.isoformat()}",)


def _strip_preamble(body: str) -> tuple[str, str | None, str | None, str | None]:
    """Remove the feed preamble (<!--epoch-->, [title](url), ------) and return what it said."""
    text = body.lstrip()
    epoch = None
    comment = _EPOCH_COMMENT.match(text)
    if comment:
        epoch = comment.group(1) if comment.group(1) and comment.group(1).isdigit() else None
        text = text[comment.end() :].lstrip()
    lines = text.split("\n", 2)
    if len(lines) >= 2 and _RULE_LINE.fullmatch(lines[1].strip()):
        first = lines[0].strip()
        link = _LINK_LINE.fullmatch(first) if len(first) <= _MAX_LINK_LINE else None
        if link:
            text = lines[2] if len(lines) > 2 else ""
            return text, epoch, _clean_title(link.group(1)), link.group(2)
    return (text if comment else body), epoch, None, None


def _text_field(value: FieldValue) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return _clean_title(value) if value else None


def _clean_title(value: str) -> str | None:
    value = html.unescape(value).strip() if "&" in value else value.strip()
    if "<" in value:
        value = _TITLE_TAG.sub("", _TITLE_SCRIPT.sub("", value)).strip()
    return value or None


def _first_heading(body: str) -> str | None:
    match = re.search(r"^#{1,2}\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return _clean_title(match.group(1)) if match else None


def _body_format(path: Path, body: str) -> BodyFormat:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "html" if _HTML_MARKER.search(body, 0, 4000) else "markdown"


def _http_url(url: str | None) -> tuple[str | None, tuple[str, ...]]:
    if not url:
        return None, ()
    scheme, _, rest = url.partition("://")
    if scheme.lower() in ("http", "https") and rest.split("/", 1)[0]:
        return url, ()
    return None, (f"link is not an http(s) URL: {url[:80]}",)


def find_outlet(fields: dict[str, FieldValue], url: str | None) -> Outlet | None:
    """Name the outlet from the categories, tags or author, else from the link's host."""
    outlets = load_outlets()
    by_key, by_host = outlets.by_key, outlets.by_host
    for field in ("categories", "tags", "author", "source", "outlet"):
        values = fields.get(field)
        for value in values if isinstance(values, list) else [values]:
            if value and (outlet := by_key.get(value.strip().lower())):
                return outlet
    host = url.partition("://")[2].split("/", 1)[0].rpartition("@")[2].split(":")[0].lower() if url else None
    while host:
        if outlet := by_host.get(host):
            return outlet
        host = host.partition(".")[2]
    return None


def _raw_outlet(fields: dict[str, FieldValue]) -> str | None:
    for field in ("author", "categories", "tags"):
        if value := _text_field(fields.get(field)):
            return value
    return None
