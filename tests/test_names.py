"""The title + name grammar: officials the dictionary does not know (invented names throughout)."""

from __future__ import annotations

import pytest

from data_prep.annotate.names import find_titled_names, name_key, romanize, side_in
from data_prep.vocab.loader import VocabError
from data_prep.vocab.names import build_name_words, load_name_words
from data_prep.vocab.script import to_simplified


@pytest.mark.parametrize(
    ("sentence", "name", "title", "side", "english"),
    [
        pytest.param(
            "外交部北美大洋洲司司长周启明会见美方官员。", "周启明", "司长", "CN", None, id="ministry-dg"
        ),
        pytest.param(
            "美国国务院负责中国和台湾事务的副助理国务卿马克·道森（Mark Dawson）与周启明会谈。",
            "马克·道森",
            "副助理国务卿",
            "US",
            "Mark Dawson",
            id="das-with-modifier-and-english",
        ),
        pytest.param(
            "美国印太司令部司令罗伯特·黑尔上将与中方通电话。",
            "罗伯特·黑尔",
            "司令",
            "US",
            None,
            id="commander-rank-after",
        ),
        pytest.param(
            "國防部國際軍事合作辦公室副主任陳志華少將與美方會談。",
            "陈志华",
            "副主任",
            "CN",
            None,
            id="traditional-office-deputy",
        ),
        pytest.param(
            "美国国防部副助理部长道森与陈志华会谈。",
            "道森",
            "副助理部长",
            "US",
            None,
            id="undotted-transliteration",
        ),
        pytest.param(
            "美国国防部副助理部长卡尔霍恩与陈志华会谈。",
            "卡尔霍恩",
            "副助理部长",
            "US",
            None,
            id="four-character-transliteration",
        ),
        pytest.param(
            "公安部禁毒局局长梁海涛率团访问华盛顿。", "梁海涛", "局长", "CN", None, id="bureau-chief"
        ),
        pytest.param(
            "外交部某司副司长欧阳志远表示关切。", "欧阳志远", "副司长", "CN", None, id="compound-surname"
        ),
        pytest.param(
            "国务院台湾事务办公室主任宋立新表示反对。", "宋立新", "主任", "CN", None, id="name-before-speech"
        ),
        pytest.param(
            "美国驻某地总领事白丽娜（Elena Bryant）会见中方官员。",
            "白丽娜",
            "总领事",
            "US",
            "Elena Bryant",
            id="chinese-name-of-american",
        ),
        pytest.param("中方司长王刚与美方会谈。", "王刚", "司长", "CN", None, id="two-character-name"),
        pytest.param(
            "美军上将、参谋长联席会议主席罗杰斯(Tom Rogers)与中方通话。",
            "罗杰斯",
            "主席",
            None,
            "Tom Rogers",
            id="a-name-holds-no-title",
        ),
    ],
)
def test_title_then_name(sentence: str, name: str, title: str, side: str, english: str | None) -> None:
    found = find_titled_names(to_simplified(sentence))
    hit = next(t for t in found if t.name == name)
    assert (hit.title.zh, hit.side, hit.english) == (title, side, english)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("双方举行长时间会谈。", id="title-inside-a-verb"),
        pytest.param("其中将有三人出席。", id="rank-inside-a-word"),
        pytest.param("司长表示，双方沟通顺畅。", id="title-without-name"),
        pytest.param("美国驻华大使馆发表声明。", id="title-inside-institution"),
        pytest.param("某国司令部司令员和参谋长出席。", id="titles-joined"),
        pytest.param("美国某某基金会联席主席高文森会见王毅。", id="foundation-is-not-a-government"),
    ],
)
def test_no_name(sentence: str) -> None:
    assert find_titled_names(sentence) == []


@pytest.mark.parametrize(
    ("phrase", "side", "third"),
    [
        pytest.param("外交部北美大洋洲司", "CN", False, id="region-word-is-not-a-side"),
        pytest.param("美国国务院负责中国和台湾事务的", "US", False, id="first-marker-decides"),
        pytest.param("乌拉圭众议院", None, True, id="third-country"),
        pytest.param("中美工作组中方", "CN", False, id="pair-word-skipped"),
        pytest.param("某委员会", None, False, id="no-side"),
    ],
)
def test_side_of_institution(phrase: str, side: str | None, third: bool) -> None:
    assert side_in(phrase) == (side, third)


def test_the_name_of_a_third_country_official_has_no_side() -> None:
    (hit,) = find_titled_names("乌拉圭外交部司长加西亚与周启明会谈。")
    assert hit.third_country and hit.side is None


@pytest.mark.parametrize(
    ("name", "english"),
    [
        pytest.param("周启明", "Zhou Qiming", id="plain"),
        pytest.param("欧阳志远", "Ouyang Zhiyuan", id="compound-surname"),
        pytest.param("曾建国", "Zeng Jianguo", id="surname-reading"),
    ],
)
def test_romanize(name: str, english: str) -> None:
    assert romanize(name, "CN") == english


def test_one_key_for_scripts_and_separators() -> None:
    assert name_key("马克·道森") == name_key("马克‧道森") == name_key("马克道森")
    assert name_key(to_simplified("周啟明")) == name_key("周启明")


def test_malformed_title_names_the_entry() -> None:
    data = dict(_raw())
    data["titles"] = [{"zh": "司长", "en": "Director-General", "rank": 400}]
    with pytest.raises(VocabError) as error:
        build_name_words(data, "names.yaml")
    assert error.value.entry == "titles: 司长" and "rank" in error.value.reason


def _raw() -> dict[str, object]:
    from data_prep.vocab.loader import read_vocab

    load_name_words()
    return read_vocab("names.yaml")
