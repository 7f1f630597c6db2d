"""Each leading host is listed at their own meeting when one visit holds several."""

from __future__ import annotations

from datetime import date

from data_prep.merge.attendance import assign_attendance
from data_prep.model import DateSpan, Meeting, Participant, Source

BLINKEN = Participant("Antony Blinken", "布林肯", "US", "Secretary of State", "antony-blinken", 80)
QIN = Participant("Qin Gang", "秦刚", "CN", "Foreign Minister", "qin-gang", 70)
WANG = Participant("Wang Yi", "王毅", "CN", "Director", "wang-yi", 80)
XI = Participant("Xi Jinping", "习近平", "CN", "President", "xi-jinping", 100)
BIDEN = Participant("Joe Biden", "拜登", "US", "President", "joe-biden", 100)


def _meeting(day: str, *people: Participant) -> Meeting:
    start = date.fromisoformat(day)
    return Meeting(
        id=day + "".join(p.key for p in people),
        span=DateSpan(start, start, "day"),
        status="held",
        meeting_type="in_person",
        location="Beijing",
        participants=people,
        topics=(),
        sources=(Source("a.html", None, None, None, None),),
        excerpts=(),
    )


def _names(meeting: Meeting) -> list[str]:
    return [p.name_en for p in meeting.participants]


def test_a_host_who_leads_another_stop_of_the_visit_is_listed_there():
    xi = _meeting("2023-06-19", BLINKEN, XI, WANG, QIN)
    wang = _meeting("2023-06-19", BLINKEN, WANG)
    qin = _meeting("2023-06-18", BLINKEN, QIN)
    result = assign_attendance([xi, wang, qin])
    assert [_names(m) for m in result] == [
        ["Antony Blinken", "Xi Jinping"],
        ["Antony Blinken", "Wang Yi"],
        ["Antony Blinken", "Qin Gang"],
    ]


def test_meetings_of_other_days_or_people_are_left_alone():
    summit = _meeting("2023-11-15", BIDEN, XI, WANG)
    later = _meeting("2023-11-20", BLINKEN, WANG)
    assert assign_attendance([summit, later]) == [summit, later]
