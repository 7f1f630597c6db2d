"""Marks: sentence ends, quotes, clause and statement breaks, name separators (vocab/punctuation.yaml)."""

from __future__ import annotations

from data_prep.vocab.loader import VocabError, check_marks, read_vocab

_FILE = "punctuation.yaml"
_DATA = read_vocab(_FILE)


def _marks(key: str) -> str:
    """A list of marks as one string, in the file's order (for `in` tests and character classes)."""
    return check_marks(_DATA.get(key), _FILE, key)


def _quote_pairs() -> dict[str, str]:
    pairs = _DATA.get("quote_pairs")
    if not isinstance(pairs, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in pairs.items()
    ):
        raise VocabError(_FILE, "quote_pairs", "must map each opening mark to its closing mark")
    return pairs


def _quote_split_length() -> int:
    length = _DATA.get("quote_split_length")
    if not isinstance(length, int) or length < 1:
        raise VocabError(_FILE, "quote_split_length", "must be a positive whole number")
    return length


TERMINATORS = frozenset(_marks("terminators"))
TRAILING = frozenset(_marks("trailing"))
CLOSERS = frozenset(_marks("closers"))
QUOTE_PAIRS = _quote_pairs()
QUOTE_SPLIT_LENGTH = _quote_split_length()
QUOTE_OPENERS = tuple(QUOTE_PAIRS)
CLAUSE_BREAKS = _marks("clause_breaks")
STATEMENT_BREAKS = _marks("statement_breaks")
SPEECH_QUOTES = _marks("speech_quotes")
HEADLINE_SPACES = _marks("headline_spaces")
SPACED_MARKS = _marks("spaced_marks")
NAME_SEPARATORS = _marks("name_separators")
