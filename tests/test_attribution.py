"""Which sentences after a meeting's own lend it their topics."""

from __future__ import annotations

from datetime import date

import pytest

from data_prep.annotate.sentences import build_sentence
from data_prep.extract.anchors import find_anchor
from data_prep.extract.attribution import find_preamble, find_topic_excerpts
from data_prep.extract.mentions import extract_mentions
from data_prep.model import Article

BASE = date(2024, 1, 11)
CALL = "中国商务部长王文涛与美国商务部长雷蒙多11日通话。"
TALKS = "美国国务卿布林肯11日在北京与中国外长王毅举行会谈。"


def _topics(anchor_text: str, later: str, *, same_paragraph: bool) -> tuple[str, ...]:
    anchor_sentence = build_sentence(0, 0, anchor_text, BASE)
    anchor = find_anchor(anchor_sentence, BASE)
    assert anchor is not None
    following = build_sentence(1, 0 if same_paragraph else 2, later, BASE)
    excerpts = find_topic_excerpts(anchor, [], [following], "a.md")
    return tuple(t for e in excerpts if e.text == later for t in e.topics)


@pytest.mark.parametrize(
    ("anchor", "later", "same_paragraph", "expected"),
    [
        pytest.param(CALL, "双方就出口管制问题交换意见。", True, ("chips",), id="same-paragraph-discussion"),
        pytest.param(
            CALL,
            "王文涛就美国限制对华出口光刻机表达严正关切。",
            False,
            ("chips",),
            id="later-paragraph-names-a-participant-with-discussion",
        ),
        pytest.param(
            CALL,
            "通话中，双方还讨论了芬太尼问题。",
            False,
            ("fentanyl",),
            id="later-paragraph-names-the-talks",
        ),
        pytest.param(
            CALL, "如果台海爆发冲突，双方都将蒙受损失。", True, (), id="conditional-is-not-discussion"
        ),
        pytest.param(CALL, "布林肯此行将讨论台湾问题。", True, (), id="a-call-is-not-the-trip"),
        pytest.param(
            TALKS, "沙利文此前与王毅会谈时讨论了台湾问题。", True, (), id="other-people-other-meeting"
        ),
        pytest.param(TALKS, "布林肯在记者会上谈到台湾问题。", True, (), id="press-conference-is-elsewhere"),
        pytest.param(TALKS, "中国同日将芯片出口管制诉诸世贸组织。", False, (), id="unrelated-later-sentence"),
        pytest.param(TALKS, "双方在5月3日讨论过南海问题。", True, (), id="another-date-another-event"),
    ],
)
def test_sentences_lend_topics_only_when_they_speak_of_the_meeting(anchor, later, same_paragraph, expected):
    assert _topics(anchor, later, same_paragraph=same_paragraph) == expected


def test_a_generic_sentence_just_before_describes_the_talks():
    before = build_sentence(0, 0, "美方官员利用与中国官员会谈的机会，表达对拦截行动的担忧。", BASE)
    own = build_sentence(1, 1, "美国助理国务卿康达今天与中国外交部副部长马朝旭举行会谈。", BASE)
    anchor = find_anchor(own, BASE)
    assert anchor is not None
    assert find_preamble(anchor, [before, own]) == [before]
    assert find_preamble(anchor, [build_sentence(0, 0, "沙利文与王毅会谈。", BASE), own]) == []


def _topics_by_cast(body: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    article = Article(
        path="a.md",
        title="中美高层接触频繁",
        url="https://example.org/a",
        outlet="Test",
        published="2024-01-12T12:00:00+08:00",
        published_on=date(2024, 1, 12),
        body=body,
        body_format="markdown",
    )
    return {
        tuple(sorted(p.key for p in m.participants)): m.topics
        for m in extract_mentions(article)
        if not m.reference
    }


LISTED_MEETINGS = [
    pytest.param(
        "本周布林肯与王毅会面、雷蒙多与王文涛通话，两军也恢复了军事会谈，分析指这些会谈为了避免台湾议题冲击关系。",
        {("antony-blinken", "wang-yi"): (), ("gina-raimondo", "wang-wentao"): ()},
        id="a-list-of-meetings-lends-none-of-them-the-topics-of-other-clauses",
    ),
    pytest.param(
        "本周布林肯与王毅就台湾问题会面、雷蒙多与王文涛就芯片出口管制通话。",
        {("antony-blinken", "wang-yi"): ("taiwan",), ("gina-raimondo", "wang-wentao"): ("chips",)},
        id="each-listed-meeting-keeps-the-topics-of-its-own-item",
    ),
    pytest.param(
        "本周布林肯与王毅会面，双方讨论了台湾问题和芯片出口管制。",
        {("antony-blinken", "wang-yi"): ("chips", "taiwan")},
        id="a-meeting-alone-in-its-sentence-keeps-the-sentences-topics",
    ),
]


@pytest.mark.parametrize(("body", "expected"), LISTED_MEETINGS)
def test_a_sentence_listing_meetings_lends_each_its_own_items_topics(body, expected):
    assert _topics_by_cast(body) == expected
