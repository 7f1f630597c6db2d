"""Pinyin as data: vocab/pinyin.tsv, pypinyin's readings of characters and words, toneless.

Unknown PRC officials are romanized as pypinyin's `lazy_pinyin` reads them, but its dictionaries
take 0.2-0.3 s to load in every process that meets one. The table holds the same readings for the
characters of the CJK basic block and for all the words of pypinyin's dictionary (it splits a run
of characters at those words, the longest first, so all of them are needed). One line a
character or word, sorted, so that a lookup is a bisection and loading is one split of the text.
`python -m data_prep.vocab.pinyin > data_prep/vocab/pinyin.tsv` writes it again from the installed
pypinyin, whose version is the first line.
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import dataclass

from data_prep.vocab.kept import built_once
from data_prep.vocab.loader import VocabError, vocab_text

VOCAB_FILE = "pinyin.tsv"
FIRST, LAST = 0x4E00, 0x9FFF  # the CJK basic block, in which names in the news are written
# The characters pypinyin reads as Chinese (its RE_HANS) below U+10000; every other one it passes on
# as it is, a run of them as one item.
CHINESE_RANGES = ((0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xE815, 0xE864), (0xF900, 0xFAFF))
_HEADER = "# pypinyin "


@dataclass(frozen=True, slots=True)
class PinyinTable:
    """pypinyin's toneless readings: one syllable a character, a syllable a character of a word."""

    version: str  # of the pypinyin that wrote the table
    entries: tuple[str, ...]  # "TEXT\tSYLLABLE SYLLABLE ...", sorted

    def reading(self, text: str) -> str | None:
        """The syllables of a character or of a dictionary word, space-separated; None if not there."""
        key = text + "\t"
        i = bisect.bisect_left(self.entries, key)
        if i < len(self.entries) and self.entries[i].startswith(key):
            return self.entries[i][len(key) :]
        return None

    def starts_a_word(self, text: str) -> bool:
        """Whether some character or word of the table begins with `text`."""
        i = bisect.bisect_left(self.entries, text)
        return i < len(self.entries) and self.entries[i].startswith(text)


def reads_as_chinese(char: str) -> bool:
    """Whether pypinyin reads the character as Chinese (any character above U+FFFF counts as one)."""
    code = ord(char)
    return code > 0xFFFF or any(low <= code <= high for low, high in CHINESE_RANGES)


@built_once
def load_pinyin_table() -> PinyinTable:
    """Read and check vocab/pinyin.tsv."""
    header, _, body = vocab_text(VOCAB_FILE).partition("\n")
    if not header.startswith(_HEADER):
        raise VocabError(VOCAB_FILE, "file", f"the first line must be '{_HEADER}VERSION'")
    entries = tuple(body.splitlines())
    if any(map(str.__gt__, entries, entries[1:])):
        raise VocabError(VOCAB_FILE, "file", "the lines must be sorted")
    return PinyinTable(header[len(_HEADER) :], entries)


def write_pinyin_table() -> str:
    """The table's text from the installed pypinyin (slow: for refreshing the packaged file)."""
    import pypinyin
    from pypinyin import lazy_pinyin
    from pypinyin.constants import PHRASES_DICT

    def line(text: str) -> str:
        syllables = lazy_pinyin(text)
        if len(syllables) != len(text) or not all(s.isascii() and s.isalpha() for s in syllables):
            raise ValueError(f"{text}: pypinyin reads it as {syllables}")
        return f"{text}\t{' '.join(syllables)}"

    characters = [chr(c) for c in range(FIRST, LAST + 1)]
    lines = [line(c) for c in characters if lazy_pinyin(c) != [c]]
    lines += [line(w) for w in PHRASES_DICT]  # all words: a word's beginning decides where others start
    return "\n".join([_HEADER + pypinyin.__version__, *sorted(lines)]) + "\n"


if __name__ == "__main__":
    sys.stdout.write(write_pinyin_table())
