"""Front matter: a Jekyll post's metadata block, or the <head> metadata of a saved web page."""

from __future__ import annotations

import re
from datetime import date, datetime

import yaml

from data_prep.errors import ArticleFormatError

FieldValue = str | list[str] | None

# The closing line is a line that is exactly "---" (or YAML's "..."); a title containing
# "---" inside the line ("2023---人权的恐怖之年") must not end the block. It is found from the line
# break before it: a pattern that starts with one character is looked for character by character in C.
_CLOSING_LINE = re.compile(r"\n(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# A plain value starting with one of these means YAML syntax the line parser does not handle.
_YAML_ONLY_START = tuple("{>|&*!%@`")
_NEEDS_YAML = object()
_SCALARS = (str, int, float, bool, date)  # date covers datetime
# Saved pages: <title>, og:title, article:published_time, canonical link. Attribute order varies.
_HEAD_TITLE = re.compile(r"<title[^>]*>([^<]+)</title>", re.IGNORECASE)
_META = re.compile(r"<meta\s[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_META_FIELDS = {
    "og:title": "title",
    "twitter:title": "title",
    "article:published_time": "date",
    "pubdate": "date",
    "publishdate": "date",
    "date": "date",
    "og:url": "link",
    "og:site_name": "author",
    "author": "author",
}
_CANONICAL = re.compile(r"<link\s[^>]*rel=[\"']canonical[\"'][^>]*>", re.IGNORECASE)


def split_front_matter(text: str, path: str) -> tuple[str | None, str]:
    """Return (front matter block, body); the block is None when the text has none."""
    if not (text.startswith("---\n") or text.rstrip() == "---"):
        return None, text
    closing = _CLOSING_LINE.search(text, 3)  # the opening line's break may start the closing line
    if closing is None:
        raise ArticleFormatError(path, "front matter has no closing ---")
    return text[4 : closing.start() + 1], text[closing.end() + 1 :]


def parse_front_matter(block: str, path: str) -> tuple[dict[str, FieldValue], tuple[str, ...]]:
    """Parse a front matter block into string fields, with a note when it was not valid YAML."""
    fields = _parse_simple(block)
    if fields is not None:
        return fields, ()
    try:
        loaded = yaml.safe_load(block)
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, dict):
        return {str(key): _from_yaml(value) for key, value in loaded.items()}, ()
    if loaded is None and not block.strip():
        return {}, ()
    tolerant = _parse_tolerant(block)
    if not tolerant:
        raise ArticleFormatError(path, "front matter is neither YAML nor key: value lines")
    return tolerant, ("front matter is not valid YAML; read line by line",)


def _parse_simple(block: str) -> dict[str, FieldValue] | None:
    """Parse one `key: value` per line quickly; None when a line needs a real YAML parser."""
    fields: dict[str, FieldValue] = {}
    for line in block.split("\n"):
        key, sep, rest = line.partition(":")
        if not sep:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            return None
        if not _is_key(key) or (rest and rest[0] not in " \t"):
            return None
        value = _parse_simple_value(rest.strip())
        if value is _NEEDS_YAML:
            return None
        fields[key] = value  # type: ignore[assignment]
    return fields


def _is_key(key: str) -> bool:
    return key.isascii() and key.replace("-", "_").isidentifier()


def _parse_simple_value(value: str) -> object:
    if not value:
        return None
    if value.startswith("["):
        if not value.endswith("]"):
            return _NEEDS_YAML
        items = [_parse_scalar(item.strip()) for item in value[1:-1].split(",") if item.strip()]
        return _NEEDS_YAML if _NEEDS_YAML in items else items
    return _parse_scalar(value)


def _parse_scalar(value: str) -> object:
    first = value[0]
    if first == '"':
        inner = value[1:-1]
        if len(value) < 2 or not value.endswith('"') or '"' in inner or "\\" in inner:
            return _NEEDS_YAML
        return inner
    if first == "'":
        inner = value[1:-1]
        if len(value) < 2 or not value.endswith("'") or "'" in inner.replace("''", ""):
            return _NEEDS_YAML
        return inner.replace("''", "'")
    if value.startswith(_YAML_ONLY_START) or " #" in value or value in ("[", "]"):
        return _NEEDS_YAML
    return value


def _from_yaml(value: object) -> FieldValue:
    # Fields hold text or lists of text. Nested lists and mappings are dropped, not turned into text:
    # a block of nested YAML aliases (a "billion laughs") loads in microseconds but as text is exponential.
    if isinstance(value, list):
        return [_scalar_text(item) for item in value if isinstance(item, _SCALARS)]
    return _scalar_text(value) if isinstance(value, _SCALARS) else None


def _scalar_text(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime | date) else str(value)


def _parse_tolerant(block: str) -> dict[str, FieldValue]:
    """Read `key: value` lines as plain text, for front matter that YAML refuses."""
    fields: dict[str, FieldValue] = {}
    for line in block.split("\n"):
        key, sep, rest = line.partition(":")
        key = key.strip()
        if not sep or not _is_key(key):
            continue
        rest = rest.strip()
        if rest.startswith("["):
            items = rest[1:].removesuffix("]").split(",")
            fields[key] = [_unquote(item) for item in items if item.strip()]
        else:
            fields[key] = _unquote(rest) or None
    return fields


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_html_head(page: str) -> dict[str, FieldValue]:
    """Read title, date, link and site name from the <head> of a saved web page."""
    head = page[: max(page.lower().find("</head>"), 0) or 20000]
    fields: dict[str, FieldValue] = {}
    for tag in _META.findall(head):
        attributes = {m.group(1).lower(): m.group(2) or m.group(3) or "" for m in _ATTRIBUTE.finditer(tag)}
        key = _META_FIELDS.get(attributes.get("property") or attributes.get("name") or "")
        if key and attributes.get("content") and key not in fields:
            fields[key] = attributes["content"].strip()
    if "link" not in fields and (canonical := _CANONICAL.search(head)):
        href = re.search(r"""href=["']([^"']+)""", canonical.group(0))
        if href:
            fields["link"] = href.group(1)
    if "title" not in fields and (title := _HEAD_TITLE.search(head)):
        fields["title"] = title.group(1).strip()
    return fields
