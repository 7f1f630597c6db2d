"""Front matter: split a Jekyll post into its metadata block and body, and parse the block."""

from __future__ import annotations

import re
from datetime import date, datetime

import yaml

from data_prep.errors import ArticleFormatError

FieldValue = str | list[str] | None

# The closing line is a line that is exactly "---" (or YAML's "..."); a title containing
# "---" inside the line ("2023---人权的恐怖之年") must not end the block.
_CLOSING_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# A plain value starting with one of these means YAML syntax the line parser does not handle.
_YAML_ONLY_START = tuple("{>|&*!%@`")
_NEEDS_YAML = object()


def split_front_matter(text: str, path: str) -> tuple[str | None, str]:
    """Return (front matter block, body); the block is None when the text has none."""
    if not (text.startswith("---\n") or text.rstrip() == "---"):
        return None, text
    closing = _CLOSING_LINE.search(text, 4)
    if closing is None:
        raise ArticleFormatError(path, "front matter has no closing ---")
    return text[4 : closing.start()], text[closing.end() + 1 :]


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
    if value is None:
        return None
    if isinstance(value, list):
        return [str(_from_yaml(item)) for item in value if item is not None]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


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
