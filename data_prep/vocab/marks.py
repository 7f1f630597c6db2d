"""Sentence marks: terminators, trailing marks and quote pairs (vocab/punctuation.yaml)."""

from __future__ import annotations

from data_prep.vocab.loader import VocabError, read_vocab

_FILE = "punctuation.yaml"


def _marks(data: dict[str, object], key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(mark, str) and len(mark) == 1 for mark in value):
        raise VocabError(_FILE, key, "must be a list of single characters")
    return frozenset(value)


def _load() -> tuple[frozenset[str], frozenset[str], dict[str, str], frozenset[str], int]:
    data = read_vocab(_FILE)
    pairs = data.get("quote_pairs")
    if not isinstance(pairs, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in pairs.items()
    ):
        raise VocabError(_FILE, "quote_pairs", "must map each opening mark to its closing mark")
    length = data.get("quote_split_length")
    if not isinstance(length, int) or length < 1:
        raise VocabError(_FILE, "quote_split_length", "must be a positive whole number")
    return _marks(data, "terminators"), _marks(data, "trailing"), pairs, _marks(data, "closers"), length


def _mark_string(key: str) -> str:
    """A list of marks as one string, in the file's order (for `in` tests and character classes)."""
    data = read_vocab(_FILE)
    _marks(data, key)
    return "".join(data[key])


TERMINATORS, TRAILING, QUOTE_PAIRS, CLOSERS, QUOTE_SPLIT_LENGTH = _load()
QUOTE_OPENERS = tuple(QUOTE_PAIRS)
CLAUSE_BREAKS = _mark_string("clause_breaks")
STATEMENT_BREAKS = _mark_string("statement_breaks")
SPEECH_QUOTES = _mark_string("speech_quotes")
HEADLINE_SPACES = _mark_string("headline_spaces")
SPACED_MARKS = _mark_string("spaced_marks")
NAME_SEPARATORS = _mark_string("name_separators")
