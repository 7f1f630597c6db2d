"""Who met: the people of each side a meeting word governs."""

from __future__ import annotations

from datetime import date

import pytest

from data_prep.annotate.sentences import build_sentence
from data_prep.extract.cast import find_participants, named_first, subjectless, with_antecedent
from data_prep.model import Participant

BASE = date(2024, 1, 12)


def _sentence(text: str):
    return build_sentence(0, 0, text, BASE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("康达等人，今天与马朝旭会谈。", True, id="time-words-only"),
        pytest.param("布林肯抵达北京，并于19日会见习近平。", True, id="continuation"),
        pytest.param("日本防卫大臣滨田靖一也与李尚福会谈。", False, id="an-unknown-subject-takes-room"),
        pytest.param("布林肯与王毅会谈。", False, id="a-named-subject"),
    ],
)
def test_subjectless(text, expected):
    sentence = _sentence(text)
    cue = next(c for c in sentence.cues if c.kind in ("in_person", "phone", "video"))
    assert subjectless(sentence, cue) is expected


def test_an_office_after_zai_is_a_venue_not_a_participant():
    sentence = _sentence("在白宫的会谈中，刘建超表示反对。")
    assert [p.name_en for p in find_participants(sentence, 0, len(sentence.simple))] == ["Liu Jianchao"]


def test_offices_give_way_to_named_people_of_their_side():
    office = Participant("US Department of State", "美国国务院", "US", None, "inst:us-state")
    person = Participant("Daniel Kritenbrink", "康达", "US", "Assistant Secretary", "daniel-kritenbrink")
    host = Participant("PRC Ministry of Foreign Affairs", "中国外交部", "CN", None, "inst:cn-mfa")
    assert named_first((office, person, host)) == (person, host)


def test_a_pronoun_takes_the_single_person_of_the_missing_side_before_it():
    before = _sentence("美国国务卿布林肯26日结束访华行程。")
    own = _sentence("他在北京会见了国家主席习近平。")
    people = find_participants(own, 0, len(own.simple))
    assert [p.name_en for p in with_antecedent(own, 0, before, people)] == ["Xi Jinping", "Antony Blinken"]
    assert with_antecedent(own, 0, None, people) == people


def _met(text: str) -> list[list[str]]:
    from data_prep.extract.anchors import find_anchors

    return [sorted(p.name_en for p in a.participants) for a in find_anchors(_sentence(text), BASE)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "新加坡外长先后会见了美国国务卿和中国外长。", [], id="third-country-host-meets-each-side"
        ),
        pytest.param("某国特使会见了美国国务卿和中国外长。", [], id="host-of-neither-side"),
        pytest.param(
            "王毅在会议期间会见了美国国务卿和越南外长。", [["Antony Blinken", "Wang Yi"]], id="host-of-a-side"
        ),
        pytest.param(
            "王毅与布林肯就经贸与科技问题举行会谈。",
            [["Antony Blinken", "Wang Yi"]],
            id="and-between-two-nouns-is-no-partner",
        ),
        pytest.param(
            "王毅与布林肯围绕安全和发展问题通电话。",
            [["Antony Blinken", "Wang Yi"]],
            id="and-inside-a-topic",
        ),
        pytest.param(
            "拜登的国家安全顾问沙利文与王毅会谈。",
            [["Jake Sullivan", "Wang Yi"]],
            id="possessor-is-no-participant",
        ),
        pytest.param(
            "布林肯的副手、副国务卿坎贝尔与王毅通话。",
            [["Kurt Campbell", "Wang Yi"]],
            id="possessor-and-apposition",
        ),
        pytest.param(
            "习近平同拜登的会谈取得成果。", [["Joe Biden", "Xi Jinping"]], id="possessor-of-a-meeting-stays"
        ),
        pytest.param(
            "外交部北美大洋洲司司长周启明会见美国国务院中国事务协调员马克·道森。",
            [["Zhou Qiming", "马克·道森"]],
            id="unknown-officials-both-sides",
        ),
    ],
)
def test_who_met_by_role(text: str, expected: list[list[str]]) -> None:
    assert _met(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "刘建超分别与布林肯、芬纳会见交流。",
            [["Antony Blinken", "Liu Jianchao"], ["Jon Finer", "Liu Jianchao"]],
            id="in-turn-list-is-several-meetings",
        ),
        pytest.param(
            "布林肯、芬纳相继与刘建超会面。",
            [["Antony Blinken", "Liu Jianchao"], ["Jon Finer", "Liu Jianchao"]],
            id="list-before-the-marker",
        ),
        pytest.param(
            "刘建超与布林肯、芬纳会见交流。",
            [["Antony Blinken", "Jon Finer", "Liu Jianchao"]],
            id="no-marker-one-meeting",
        ),
    ],
)
def test_meetings_in_turn(text: str, expected: list[list[str]]) -> None:
    assert _met(text) == expected
