"""Word lists: the named lists of words and marks that grammar rules decide with, checked on load.

A grammar vocabulary (such as grammar.yaml) is a mapping from a list's name to its
words; each list is non-empty, holds non-empty strings (a mark may be a space) and repeats none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from data_prep.vocab.loader import VocabError, check_marks, check_words, read_vocab


@cache
def read_word_lists(name: str) -> dict[str, tuple[str, ...]]:
    """Read and check a packaged vocabulary made only of named word lists (once)."""
    return {
        str(key): check_words(value, name, str(key), allow_empty=False, unique=True, spaces=True)
        for key, value in read_vocab(name).items()
    }


def words(name: str, key: str) -> tuple[str, ...]:
    """The words of one list of a word-list vocabulary, in the file's order."""
    lists = read_word_lists(name)
    if key not in lists:
        raise VocabError(name, key, "no such list")
    return lists[key]


def chars(name: str, key: str) -> str:
    """A list of single characters, as one string (for `in` tests and str.lstrip)."""
    return check_marks(list(words(name, key)), name, key)


def alternation(found: Iterable[str]) -> str:
    """A regex alternation of literal words, the longest first so that 上上 is tried before 上."""
    return "|".join(re.escape(word) for word in sorted(found, key=len, reverse=True))


def char_class(found: Iterable[str], *, negated: bool = False) -> str:
    """A regex character class of literal characters."""
    return ("[^" if negated else "[") + "".join(re.escape(char) for char in found) + "]"
