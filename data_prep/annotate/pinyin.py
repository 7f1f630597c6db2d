"""The pinyin of a run of Chinese characters, as pypinyin's `lazy_pinyin` reads it, from the packaged table.

pypinyin splits the run at the words of its dictionary, taking at each place the longest word that
starts there, and reads each word as the dictionary does and each other character by its first
reading; other characters it passes on as they are. The same walk over the packaged table gives the
same syllables without loading pypinyin; text with a Chinese character outside the table goes to
pypinyin itself.
"""

from __future__ import annotations

import itertools

from data_prep.vocab.pinyin import PinyinTable, load_pinyin_table, reads_as_chinese


def find_pinyin(text: str) -> list[str]:
    """The toneless syllables of `text`, one a character, as `pypinyin.lazy_pinyin(text)` gives them.

    Like pypinyin, a run of characters that are not Chinese (·, a space, Latin letters) is one item.
    """
    table = load_pinyin_table()
    found: list[str] = []
    for chinese, characters in itertools.groupby(text, reads_as_chinese):
        run = "".join(characters)
        if not chinese:
            found.append(run)
        elif all(table.reading(c) is not None for c in run):
            found += _syllables(run, table)
        else:
            from pypinyin import lazy_pinyin  # slow to import: only for text the table cannot read

            return list(lazy_pinyin(text))
    return found


def _syllables(text: str, table: PinyinTable) -> list[str]:
    found: list[str] = []
    rest = text
    while rest:
        word = next(
            (w for w in (rest[:n] for n in range(len(rest), 1, -1)) if table.reading(w) is not None), None
        )
        if word is not None:
            found += str(table.reading(word)).split(" ")
            rest = rest[len(word) :]
        elif table.starts_a_word(rest):
            # all of the rest begins a longer word but none of its beginnings is one: pypinyin then
            # reads every character on its own, without looking for words again
            return found + [str(table.reading(c)) for c in rest]
        else:
            found.append(str(table.reading(rest[0])))
            rest = rest[1:]
    return found
