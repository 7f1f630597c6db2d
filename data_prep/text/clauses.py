"""The clause structure of a Chinese sentence: where the clause or statement around a word begins and ends."""

from __future__ import annotations

import re

from data_prep.vocab.marks import (
    CLAUSE_BREAKS,
    HEADLINE_SPACES,
    QUOTE_PAIRS,
    SPEECH_QUOTES,
    STATEMENT_BREAKS,
)
from data_prep.vocab.script import is_han

# Clauses joined by commas still share one subject and one tense; ； starts a new statement.
# Reported speech opens with a quotation mark: who is named inside it is not at the table.
_QUOTES = SPEECH_QUOTES
_QUOTE_ENDS = "".join(QUOTE_PAIRS[mark] for mark in SPEECH_QUOTES if mark in QUOTE_PAIRS)
# is_break is false for every other character: the scans below call it only for these
_MAY_BREAK = frozenset(CLAUSE_BREAKS) | frozenset(HEADLINE_SPACES)
# The characters each scan stops at, as one class: the pattern engine steps over the others in C
# (clause_start scans the text before the position backwards, as that text reversed).
_STOPS_BEFORE = re.compile("[" + re.escape("".join(sorted(_MAY_BREAK | set(STATEMENT_BREAKS)))) + "]")
_STOPS_AFTER = re.compile("[" + re.escape("".join(sorted(_MAY_BREAK | set(_QUOTES)))) + "]")


def is_break(text: str, index: int) -> bool:
    """A clause mark, or a space between two Chinese characters (headlines joined by spaces)."""
    char = text[index]
    if char in CLAUSE_BREAKS:
        return True
    return (
        char in HEADLINE_SPACES
        and 0 < index < len(text) - 1
        and is_han(text[index - 1])
        and is_han(text[index + 1])
    )


def clause_start(text: str, position: int, clauses: int) -> int:
    """Where the clause `clauses - 1` clauses before the one at `position` begins, within its statement."""
    seen = 0
    for stop in _STOPS_BEFORE.finditer(text[position - 1 :: -1]) if position > 0 else ():
        index = position - 1 - stop.start()
        if text[index] in STATEMENT_BREAKS:
            return index + 1
        if is_break(text, index):
            seen += 1
            if seen == clauses:
                return index + 1
    return 0


def statement_bounds(text: str, begin: int, end: int) -> tuple[int, int]:
    """The stretch of the sentence between the ；/。 around the word at begin..end."""
    start = clause_start(text, begin, 10_000)
    ends = [text.find(mark, end) for mark in STATEMENT_BREAKS]
    return start, min([e for e in ends if e >= 0], default=len(text))


def clause_end(text: str, position: int) -> int:
    """Where the clause that runs on from `position` ends: at a clause mark or an opening quotation mark.

    "…会晤时，双方一致认为“拜登总统和习主席应该对话”": the people quoted after are not at the table.
    """
    for stop in _STOPS_AFTER.finditer(text, position):
        index = stop.start()
        if text[index] in _QUOTES or is_break(text, index):
            return index
    return len(text)


def inside_quotation(text: str, position: int) -> bool:
    """Whether a position lies inside a quotation, opened in this sentence or in an earlier one."""
    before, after = text[:position], text[position:]
    opened = sum(before.count(q) for q in _QUOTES) - sum(before.count(q) for q in _QUOTE_ENDS)
    closing = sum(after.count(q) for q in _QUOTE_ENDS) - sum(after.count(q) for q in _QUOTES)
    return opened > 0 or closing > 0
