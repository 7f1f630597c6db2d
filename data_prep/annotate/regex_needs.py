"""Regex needs: the characters one of which every match of a pattern must contain.

A scanner can then skip a pattern on any text that has none of them, which is most text.
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
