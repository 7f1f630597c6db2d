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
