"""The packaged pinyin table reads as pypinyin does, without loading pypinyin."""

from __future__ import annotations

import random

import pypinyin
import pytest
from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT, RE_HANS

from data_prep.annotate.pinyin import _syllables, find_pinyin
from data_prep.vocab.pinyin import PinyinTable, load_pinyin_table, reads_as_chinese, write_pinyin_table


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("周启明", id="name"),
        pytest.param("马克道森", id="transliteration"),
        pytest.param("欧阳志远", id="compound-surname"),
        pytest.param("中华人民共和国", id="one-word"),
        pytest.param("长江", id="word-reads-a-character-otherwise"),
        pytest.param("", id="empty"),
        pytest.param("历山大·福明", id="middle-dot"),
        pytest.param("J·D·万斯", id="latin-letters-and-dots"),
        pytest.param("周、明 （王）", id="punctuation-and-spaces"),
        pytest.param("㐀周", id="outside-the-basic-block"),
        pytest.param("周𠀀明", id="outside-the-multilingual-plane"),
    ],
)
def test_reads_as_pypinyin(text: str) -> None:
    assert find_pinyin(text) == lazy_pinyin(text)


def test_a_beginning_of_a_longer_word_is_read_character_by_character() -> None:
    # pypinyin's rule: 甲乙丙 only begins the word 甲乙丙丁, so the word 乙丙 inside it is not looked for
    entries = ("丁\tding", "丙\tbing", "乙\tyi", "乙丙\tx y", "甲\tjia", "甲乙丙丁\tjia yi bing ding")
    table = PinyinTable("test", tuple(sorted(entries)))
    assert _syllables("甲乙丙", table) == ["jia", "yi", "bing"]
    assert _syllables("丁乙丙", table) == ["ding", "x", "y"]


def test_runs_of_words_and_pieces_of_words_read_as_pypinyin() -> None:
    rng = random.Random(12)
    words = sorted(PHRASES_DICT)
    texts = []
    for _ in range(3000):
        pieces = []
        for _ in range(rng.randint(1, 4)):
            word = rng.choice(words)
            begin = rng.randrange(len(word))
            pieces.append(word[begin : rng.randint(begin + 1, len(word))])
            pieces.append(rng.choice(["", "", "", "·", " ", "A", "、", "（"]))
        texts.append("".join(pieces))
    wrong = [(t, find_pinyin(t), lazy_pinyin(t)) for t in texts + words[::40]]
    assert [w for w in wrong if w[1] != w[2]] == []


def test_chinese_is_what_pypinyin_reads_as_chinese() -> None:
    wrong = [c for c in map(chr, range(0x10000)) if reads_as_chinese(c) != bool(RE_HANS.match(c))]
    assert wrong == []


def test_the_table_is_what_the_installed_pypinyin_writes() -> None:
    table = load_pinyin_table()
    if table.version != pypinyin.__version__:
        pytest.skip(f"the table is from pypinyin {table.version}, {pypinyin.__version__} is installed")
    written = write_pinyin_table().splitlines()
    assert tuple(written[1:]) == table.entries
