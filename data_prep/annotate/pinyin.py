"""The pinyin of a run of Chinese characters, as pypinyin's `lazy_pinyin` reads it, from the packaged table.

pypinyin splits the run at the words of its dictionary, taking at each place the longest word that
starts there, and reads each word as the dictionary does and each other character by its first
reading. The same walk over the packaged table gives the same syllables without loading pypinyin;
text the table cannot read (a character outside it) goes to pypinyin itself.
"""

from __future__ import annotations

from data_prep.vocab.pinyin import PinyinTable, load_pinyin_table


def find_pinyin(text: str) -> list[str]:
    """The toneless syllables of `text`, one a character, as `pypinyin.lazy_pinyin(text)` gives them."""
    table = load_pinyin_table()
    syllables = _syllables(text, table) if all(table.reading(c) is not None for c in text) else None
    if syllables is None:
        from pypinyin import lazy_pinyin  # slow to import: only for text the table cannot read

        return list(lazy_pinyin(text))
    return syllables


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
