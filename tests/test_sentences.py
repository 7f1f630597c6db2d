"""Annotated sentences: tables of sentences → the people, dates, places and cues found in them."""

from __future__ import annotations

from datetime import date

import pytest

from data_prep.annotate.sentences import TITLE_PARAGRAPH, build_sentence, build_sentences, look_at
from data_prep.model import Article, DateSpan
from data_prep.vocab.cues import MEETING_KINDS

BASE = date(2024, 1, 20)

OFFICIALS = [
    pytest.param(
        "白宮國安顧問蘇利文與王毅通話。", BASE, ["jake-sullivan", "wang-yi"], id="traditional-sullivan"
    ),
    pytest.param(
        "美國財政部長葉倫與中國國務院副總理何立峰通話。",
        BASE,
        ["he-lifeng", "janet-yellen"],
        id="traditional-yellen",
    ),
    pytest.param(
        "國家主席習近平和美國總統拜登，去年11月在三藩市會晤時，雙方同意成立中美禁毒合作工作組。",
        BASE,
        [],
        id="real-2401-san-francisco-summit-people-are-the-references",
    ),
    pytest.param(
        "中美元首三藩市會晤以來，布林肯與王毅通話。",
        BASE,
        ["antony-blinken", "wang-yi"],
        id="paired-title-inside-a-reference-is-not-a-participant",
    ),
    pytest.param(
        "中美两国元首举行会晤。", BASE, ["joe-biden", "xi-jinping"], id="paired-title-names-both-presidents"
    ),
    pytest.param(
        "中美外长举行会谈。", BASE, ["antony-blinken", "wang-yi"], id="paired-title-foreign-ministers"
    ),
    pytest.param(
        "中国外长会见布林肯。", date(2023, 6, 19), ["antony-blinken", "qin-gang"], id="title-held-in-2023"
    ),
    pytest.param("中国外长会见布林肯。", BASE, ["antony-blinken", "wang-yi"], id="title-held-in-2024"),
    pytest.param("拜登政府官员与王毅会谈。", BASE, ["wang-yi"], id="administration-is-not-the-person"),
    pytest.param(
        "美国国务院发言人米勒表示，布林肯与王毅通话。",
        BASE,
        ["antony-blinken", "wang-yi"],
        id="quoted-spokesperson-is-not-a-participant",
    ),
    pytest.param(
        "美国总统拜登的国家安全顾问沙利文与王毅会谈。",
        BASE,
        ["jake-sullivan", "wang-yi"],
        id="title-prefix-names-the-boss-not-the-participant",
    ),
    pytest.param(
        "美国总统国家安全事务首席副助理芬纳与马朝旭会谈。",
        BASE,
        ["jon-finer", "ma-zhaoxu"],
        id="finer-title-is-not-biden",
    ),
    pytest.param("日本驻华大使会见王毅。", BASE, ["wang-yi"], id="foreign-bare-ambassador-title"),
    pytest.param("王毅会见日本众议院议长。", BASE, ["wang-yi"], id="foreign-bare-speaker-title"),
    pytest.param("王毅会见美国众议院议长。", BASE, ["mike-johnson", "wang-yi"], id="us-bare-speaker-title"),
    pytest.param("王毅会见英国国务卿。", BASE, ["wang-yi"], id="foreign-bare-secretary-of-state-title"),
    pytest.param(
        "美国驻华大使会见王毅。", BASE, ["nicholas-burns", "wang-yi"], id="us-bare-ambassador-title"
    ),
    pytest.param(
        "刘建超访问乌拉圭，分别同乌拉圭总统、众议院议长及外长会面。",
        BASE,
        ["liu-jianchao"],
        id="country-governs-its-list-of-titles",
    ),
    pytest.param(
        "王毅出访巴拉圭期间会见众议院议长。", BASE, ["wang-yi"], id="visit-destination-sets-the-country"
    ),
    pytest.param(
        "众议院议长与中国驻美大使会面。", BASE, ["mike-johnson", "xie-feng"], id="bare-title-in-us-context"
    ),
    pytest.param(
        "王毅出访巴拉圭期间会见美国众议院议长。",
        BASE,
        ["mike-johnson", "wang-yi"],
        id="us-marker-beats-visit-destination",
    ),
]


@pytest.mark.parametrize(("text", "base", "keys"), OFFICIALS)
def test_officials(text, base, keys):
    assert sorted(m.key for m in build_sentence(0, 0, text, base).officials) == keys


DATES = [
    pytest.param(
        "这场会晤在台湾大选前一天举行，时机敏感。", BASE, ["2024-01-12"], id="real-2401-relation-dates"
    ),
    pytest.param(
        "台湾大选前一天，布林肯与王毅通话。", date(2024, 1, 10), ["2024-01-12"], id="relation-before-dateline"
    ),
    pytest.param("布林肯与王毅11日通话。", BASE, ["2024-01-11"], id="day-of-the-dateline-month"),
    pytest.param(
        "國家主席習近平和美國總統拜登，去年11月在三藩市會晤時，雙方同意成立中美禁毒合作工作組。",
        BASE,
        [],
        id="date-inside-a-reference-is-the-references",
    ),
    pytest.param("北京时间11日，王毅与布林肯会谈。", BASE, ["2024-01-11"], id="beijing-time-date"),
]


@pytest.mark.parametrize(("text", "base", "starts"), DATES)
def test_dates(text, base, starts):
    sentence = build_sentence(0, 0, text, base)
    assert [str(d.span.start) for d in sentence.dates] == starts


def test_same_day_reads_the_anchor():
    anchor = DateSpan(date(2024, 1, 12), date(2024, 1, 12), "day")
    sentence = build_sentence(0, 0, "布林肯当天与王毅通话。", BASE, anchor)
    assert [d.span for d in sentence.dates] == [anchor]


PLACES = [
    pytest.param("北京时间11日，王毅与布林肯会谈。", [], id="beijing-time-is-not-beijing"),
    pytest.param("王毅在北京与布林肯会谈。", ["Beijing"], id="beijing"),
    pytest.param(
        "當地時間12日，劉建超在美國華盛頓與布林肯會見。", ["Washington"], id="traditional-washington"
    ),
    pytest.param(
        "中美元首三藩市會晤以來，布林肯與王毅通話。", [], id="place-inside-a-reference-is-the-references"
    ),
]


@pytest.mark.parametrize(("text", "names"), PLACES)
def test_places(text, names):
    assert [p.name_en for p in build_sentence(0, 0, text, BASE).places] == names


CUES = [
    pytest.param("王小洪同馬約卡斯視象通話。", "video", id="traditional-shixiang-call"),
    pytest.param("王毅與布林肯舉行會談。", "in_person", id="traditional-talks"),
    pytest.param("王毅與布林肯通電話。", "phone", id="traditional-phone-call"),
    pytest.param("拜登未能与习近平会晤。", "negation", id="negation-marker"),
]


@pytest.mark.parametrize(("text", "kind"), CUES)
def test_cues(text, kind):
    assert kind in [cue.kind for cue in build_sentence(0, 0, text, BASE).cues]


def test_sentence_keeps_the_original_and_matches_the_simplified():
    sentence = build_sentence(4, 2, "蘇利文與王毅通話，雙方討論了台灣問題和芬太尼。", BASE)
    assert (sentence.index, sentence.paragraph) == (4, 2)
    assert sentence.original.startswith("蘇利文與王毅")
    assert sentence.simple.startswith("苏利文与王毅")
    assert sorted(sentence.topics) == ["fentanyl", "taiwan"]


def test_build_sentences_title_first_and_same_day_carried_over():
    article = Article(
        path="a.md",
        title="布林肯与王毅会谈",
        url=None,
        outlet=None,
        published=None,
        published_on=BASE,
        body="布林肯与王毅会谈\n\n王毅18日抵达华盛顿。当天，布林肯与王毅会谈。\n\n次日，双方再次会面。",
        body_format="markdown",
    )
    sentences = build_sentences(article, BASE)
    assert [(s.index, s.paragraph, s.original) for s in sentences] == [
        (0, TITLE_PARAGRAPH, "布林肯与王毅会谈"),
        (1, 0, "王毅18日抵达华盛顿。"),
        (2, 0, "当天，布林肯与王毅会谈。"),
        (3, 1, "次日，双方再次会面。"),
    ]
    assert [[str(d.span.start) for d in s.dates] for s in sentences] == [
        [],
        ["2024-01-18"],
        ["2024-01-18"],
        ["2024-01-19"],
    ]


def test_a_call_that_builds_on_a_summit_keeps_its_own_people():
    text = "国家主席习近平2日晚应约同美国总统拜登通电话，双方围绕落实中美元首旧金山会晤共识交换意见。"
    sentence = build_sentence(0, 0, text, date(2024, 4, 3))
    assert {m.key for m in sentence.officials} == {"xi-jinping", "joe-biden"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("美国国务卿布林肯19日在北京会见了中国国家主席习近平。", id="could-anchor"),
        pytest.param("双方同意落实中美元首旧金山会晤共识。", id="known-meeting-named"),
        pytest.param("布林肯会见了英国外交大臣。", id="meeting-word-one-side"),
        pytest.param("今天天气很好，股市上涨。", id="no-meeting-word"),
    ],
)
def test_a_sentence_annotated_after_the_cheap_look_is_the_one_annotated_without(text: str) -> None:
    look = look_at(text, BASE, MEETING_KINDS)
    assert build_sentence(0, 0, text, BASE, look=look) == build_sentence(0, 0, text, BASE)
