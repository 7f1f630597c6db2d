"""Regex needs: the characters one of which every match of a pattern must contain, or start with.

A scanner can then skip a pattern on any text that has none of them, which is most text; and a
pattern that starts with a look behind or with optional parts can first test, at each position, the
one character a match could start with, instead of trying every branch there.
"""

from __future__ import annotations

import re
import re._constants as re_constants  # to read a pattern's parsed form
import re._parser as re_parser
from typing import Any

_Parsed = list[tuple[Any, Any]]
_MAX_CLASS = 64  # a character class wider than this says nothing useful


def required_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which is in every match of the pattern, or None when there is no such set."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _sequence_needs(list(re_parser.parse(pattern.pattern)))


def _sequence_needs(items: _Parsed) -> frozenset[str] | None:
    """The smallest required set among the items every match of the sequence goes through."""
    found = [needs for needs in map(_item_needs, items) if needs is not None]
    return min(found, key=len) if found else None


def _item_needs(item: tuple[Any, Any]) -> frozenset[str] | None:
    op, value = item
    if op is re_constants.LITERAL:
        return frozenset(chr(value))
    if op is re_constants.IN:
        return _class_chars(value)
    if op is re_constants.SUBPATTERN:
        return _sequence_needs(list(value[3]))
    if op is re_constants.ATOMIC_GROUP:
        return _sequence_needs(list(value))
    if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
        return _sequence_needs(list(value[2])) if value[0] >= 1 else None
    if op is re_constants.BRANCH:
        branches = [_sequence_needs(list(branch)) for branch in value[1]]
        if any(needs is None for needs in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None  # anchors, lookarounds, negated or categorised classes: no character is required


def _class_chars(members: _Parsed) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, value in members:
        if op is re_constants.LITERAL:
            chars.add(chr(value))
        elif op is re_constants.RANGE and value[1] - value[0] < _MAX_CLASS:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return frozenset(chars) if len(chars) <= _MAX_CLASS else None


_CATEGORIES = {
    re_constants.CATEGORY_DIGIT: r"\d",
    re_constants.CATEGORY_SPACE: r"\s",
    re_constants.CATEGORY_WORD: r"\w",
}


class _AnyStart(Exception):
    """A match may start with almost any character: no look ahead is worth it."""


def build_quick_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern behind a look ahead at the characters its matches can start with; same matches.

    Left as it is when its first part always takes a character (the engine looks for that one
    itself), when a match could be empty, or could start with any character but a few.
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return pattern
    items = list(re_parser.parse(pattern.pattern))
    try:
        if not items or not _item_starts(items[0])[1]:
            return pattern
        starts, empty = _sequence_starts(items)
    except _AnyStart:
        return pattern
    if empty or not starts:
        return pattern
    try:
        return re.compile(f"(?=[{''.join(sorted(starts))}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # flags written at the start of the pattern ("(?s)…") may stand nowhere else
        return pattern


def _sequence_starts(items: _Parsed) -> tuple[set[str], bool]:
    """The class items a match of the sequence can start with, and whether the match can be empty."""
    found: set[str] = set()
    for item in items:
        starts, empty = _item_starts(item)
        found |= starts
        if not empty:
            return found, False
    return found, True


def _item_starts(item: tuple[Any, Any]) -> tuple[set[str], bool]:
    op, value = item
    if op is re_constants.LITERAL:
        return {re.escape(chr(value))}, False
    if op is re_constants.IN:
        return {_class_item(member) for member in value}, False
    if op is re_constants.SUBPATTERN:
        if value[1] & re.IGNORECASE:
            raise _AnyStart
        return _sequence_starts(list(value[3]))
    if op is re_constants.ATOMIC_GROUP:
        return _sequence_starts(list(value))
    if op is re_constants.BRANCH:
        branches = [_sequence_starts(list(branch)) for branch in value[1]]
        return set().union(*(starts for starts, _ in branches)), any(empty for _, empty in branches)
    if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
        starts, empty = _sequence_starts(list(value[2]))
        return starts, empty or value[0] == 0
    if op in (re_constants.ASSERT, re_constants.ASSERT_NOT, re_constants.AT):
        return set(), True  # looks around and anchors consume nothing
    raise _AnyStart  # any character, a negated character, a back reference


def _class_item(member: tuple[Any, Any]) -> str:
    op, value = member
    if op is re_constants.LITERAL:
        return re.escape(chr(value))
    if op is re_constants.RANGE:
        return f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}"
    if op is re_constants.CATEGORY and value in _CATEGORIES:
        return _CATEGORIES[value]
    raise _AnyStart  # a negated class or category
