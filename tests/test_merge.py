"""Merging mentions of many articles into one row per meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from data_prep.merge.grouping import strength
from data_prep.merge.rows import MAX_EXCERPTS, build_meeting, link_plans, merge_mentions
from data_prep.model import DateSpan, Excerpt, MeetingMention, Participant, Source

BLINKEN = Participant("Antony Blinken", "布林肯", "US", "Secretary of State", "antony-blinken", 80)
QIN = Participant("Qin Gang", "秦刚", "CN", "Minister of Foreign Affairs", "qin-gang", 70)
WANG = Participant(
    "Wang Yi", "王毅", "CN", "Director of the Foreign Affairs Commission Office", "wang-yi", 80
)
XI = Participant("Xi Jinping", "习近平", "CN", "President", "xi-jinping", 100)
DOD = Participant("US Department of Defense", "美国国防部", "US", None, "inst:us-dod", 0)
CHASE = Participant(
    "Michael Chase", "蔡斯", "US", "Deputy Assistant Secretary of Defense", "michael-chase", 40
)
SONG = Participant("Song Yanchao", "宋延超", "CN", "Deputy Director", "song-yanchao", 40)


def _mention(path, day, people, *, end=None, confidence=1.0, kind="in_person", topics=(), dated_by=None):
    start = date.fromisoformat(day)
    return MeetingMention(
        path=path,
        span=DateSpan(start, date.fromisoformat(end) if end else start, "day"),
        status="held",
        meeting_type=kind,
        location=None,
        participants=tuple(people),
        topics=tuple(topics),
        excerpts=(Excerpt(path, f"{path} says they met", tuple(topics)),),
        source=Source(path, None, "Outlet", path, None),
        confidence=confidence,
        # The lead sentence of a report dates it by its text; a passing one leans on the dateline.
        dated_by=dated_by or ("text" if confidence >= 0.7 else "dateline"),
    )


def test_one_meeting_from_many_outlets_is_one_row():
    rows = merge_mentions(
        [
            _mention("cna.html", "2023-06-18", [BLINKEN, QIN], topics=["taiwan"]),
            _mention("rthk.md", "2023-06-18", [BLINKEN, QIN]),
            _mention("dw.html", "2023-06-19", [BLINKEN, QIN], confidence=0.6),
        ]
    )
    assert len(rows) == 1
    assert [s.path for s in rows[0].sources] == ["cna.html", "dw.html", "rthk.md"]
    assert rows[0].span.start == date(2023, 6, 18)
    assert rows[0].topics == ("taiwan",)


def test_different_principals_on_adjacent_days_stay_apart():
    rows = merge_mentions(
        [
            _mention("a.html", "2023-06-18", [BLINKEN, QIN]),
            _mention("b.html", "2023-06-19", [BLINKEN, WANG]),
            _mention("c.html", "2023-06-19", [BLINKEN, XI]),
        ]
    )
    assert sorted(r.participants[1].name_en for r in rows) == ["Qin Gang", "Wang Yi", "Xi Jinping"]


def test_a_summary_naming_several_hosts_does_not_chain_them_together():
    rows = merge_mentions(
        [
            _mention("a.html", "2023-06-18", [BLINKEN, QIN]),
            _mention("b.html", "2023-06-19", [BLINKEN, WANG]),
            _mention("summary.html", "2023-06-18", [BLINKEN, QIN, WANG], end="2023-06-19", confidence=0.8),
        ]
    )
    assert len(rows) == 2


def test_an_office_on_one_side_joins_the_named_person():
    rows = merge_mentions(
        [
            _mention("a.html", "2024-01-09", [CHASE, SONG]),
            _mention("b.html", "2024-01-09", [DOD, SONG], kind="in_person"),
        ]
    )
    assert len(rows) == 1
    assert {p.name_en for p in rows[0].participants} == {
        "Michael Chase",
        "US Department of Defense",
        "Song Yanchao",
    }


def test_ids_are_stable_and_independent_of_input_order():
    mentions = [
        _mention("a.html", "2023-06-18", [BLINKEN, QIN]),
        _mention("b.html", "2023-06-19", [BLINKEN, WANG]),
    ]
    first = [r.id for r in merge_mentions(mentions)]
    second = [r.id for r in merge_mentions(list(reversed(mentions)))]
    assert first == second
    assert len(set(first)) == 2


def test_planned_and_held_mentions_of_one_meeting_make_it_held():
    planned = _mention("teaser.html", "2024-01-12", [BLINKEN, WANG])
    planned = MeetingMention(**{**{f: getattr(planned, f) for f in planned.__slots__}, "status": "planned"})
    rows = merge_mentions([planned, _mention("report.html", "2024-01-12", [BLINKEN, WANG])])
    assert [r.status for r in rows] == ["held"]


def _recalled(path, published, people, *, day=None, status="held"):
    start = date.fromisoformat(day) if day else None
    return MeetingMention(
        path=path,
        span=DateSpan(start, start, "day" if day else "unknown"),
        status=status,
        meeting_type="in_person",
        location=None,
        participants=tuple(people),
        topics=(),
        excerpts=(Excerpt(path, f"{path} recalls they met"),),
        source=Source(path, None, "Outlet", path, f"{published}T08:00:00+08:00"),
        dated_by="relative" if day else "unknown",
        recalled=True,
    )


def test_a_recalled_meeting_joins_the_latest_row_of_its_people_before_the_report():
    earlier = _mention("a.md", "2023-06-18", [BLINKEN, QIN])
    later = _mention("b.md", "2023-07-20", [BLINKEN, QIN])
    recalled = _recalled("c.md", "2023-07-25", [BLINKEN, QIN])
    rows = merge_mentions([earlier, later, recalled])
    assert [(str(r.span.start), sorted(s.path for s in r.sources)) for r in rows] == [
        ("2023-06-18", ["a.md"]),
        ("2023-07-20", ["b.md", "c.md"]),
    ]


def test_a_recalled_meeting_changes_neither_date_nor_people_and_makes_no_row():
    held = _mention("a.md", "2023-06-18", [BLINKEN, QIN])
    recalled = _recalled("c.md", "2023-06-30", [BLINKEN, QIN, XI], day="2023-06-19")
    alone = _recalled("d.md", "2023-06-30", [BLINKEN, WANG])
    rows = merge_mentions([held, recalled, alone])
    assert len(rows) == 1
    assert str(rows[0].span.start) == "2023-06-18"
    assert {p.key for p in rows[0].participants} == {"antony-blinken", "qin-gang"}


def test_headline_without_tense_alone_does_not_make_a_row_held():
    headline = replace(_mention("a.md", "2023-06-18", [BLINKEN, QIN]), evidence=False)
    assert [r.status for r in merge_mentions([headline])] == ["planned"]


def test_a_recalled_plan_joins_the_first_row_in_the_weeks_after_it():
    before = _mention("a.md", "2023-05-10", [BLINKEN, QIN])
    after = _mention("b.md", "2023-06-18", [BLINKEN, QIN])
    plan = _recalled("c.md", "2023-06-07", [BLINKEN, QIN], status="planned")
    rows = merge_mentions([before, after, plan])
    assert [(str(r.span.start), sorted(s.path for s in r.sources)) for r in rows] == [
        ("2023-05-10", ["a.md"]),
        ("2023-06-18", ["b.md", "c.md"]),
    ]


def _row(mention, status):
    return replace(build_meeting([mention], {}), status=status)


def test_a_plan_links_to_the_held_row_that_fulfils_it():
    window = DateSpan(date(2023, 6, 10), date(2023, 7, 10), "unknown")
    plan = replace(_row(_mention("a.md", "2023-06-10", [BLINKEN, QIN]), "planned"), id="plan", span=window)
    held = replace(_row(_mention("b.md", "2023-06-18", [BLINKEN, QIN]), "held"), id="held")
    other = replace(_row(_mention("c.md", "2023-06-20", [BLINKEN, WANG]), "held"), id="other")
    rows = {r.id: r for r in link_plans([plan, held, other], {})}
    assert (rows["plan"].fulfilled_by, rows["held"].planned_in, rows["other"].planned_in) == (
        "held",
        "plan",
        None,
    )


def test_a_plan_and_its_report_in_the_window_are_one_row():
    plan = replace(
        _mention("a.md", "2023-06-10", [BLINKEN, QIN], dated_by="dateline"),
        span=DateSpan(date(2023, 6, 10), date(2023, 7, 10), "unknown"),
        status="planned",
    )
    held = _mention("b.md", "2023-06-18", [BLINKEN, QIN])
    assert [(r.status, str(r.span.start)) for r in merge_mentions([plan, held])] == [("held", "2023-06-18")]


def test_a_topic_keeps_its_sentence_when_the_row_has_more_excerpts_than_it_shows():
    # 70 reports of the meeting, the last the only one to say that fentanyl was discussed.
    reports = [_mention(f"r{i:02}.html", "2024-01-26", [BLINKEN, WANG]) for i in range(70)]
    reports[-1] = _mention("r69.html", "2024-01-26", [BLINKEN, WANG], topics=["fentanyl"], confidence=0.5)
    [row] = merge_mentions(reports)
    assert row.topics == ("fentanyl",)
    assert len(row.excerpts) == MAX_EXCERPTS
    assert [e.path for e in row.excerpts if "fentanyl" in e.topics] == ["r69.html"]


def test_the_excerpt_cap_keeps_the_first_sentences_when_every_topic_is_among_them():
    reports = [_mention(f"r{i:02}.html", "2024-01-26", [BLINKEN, WANG]) for i in range(70)]
    reports[-1] = _mention("r69.html", "2024-01-26", [BLINKEN, WANG], topics=["taiwan"])
    [row] = merge_mentions(reports)
    strongest_first = [m.path for m in sorted(reports, key=strength, reverse=True)]
    assert [e.path for e in row.excerpts] == strongest_first[:MAX_EXCERPTS]


TREASURY = Participant("US Department of the Treasury", "美国财政部", "US", None, "inst:us-treasury", 0)
FINANCE = Participant("PRC Ministry of Finance", "中国财政部", "CN", None, "inst:prc-mof", 0)
AGENT = Participant("Mark Dawson", "道森", "US", "Assistant Secretary of the Treasury", "mark-dawson", 40)
GOVERNOR = Participant(
    "Zhou Qiming", "周启明", "CN", "Deputy Governor of the central bank", "zhou-qiming", 40
)
DEFENCE_CN = Participant("PRC Ministry of National Defense", "中国国防部", "CN", None, "inst:prc-mnd", 0)


def test_a_report_naming_only_bodies_is_a_source_of_their_officials_meeting_those_days():
    rows = merge_mentions(
        [
            _mention("a.html", "2025-03-06", [AGENT, GOVERNOR], end="2025-03-07"),
            _mention("b.html", "2025-03-06", [TREASURY, FINANCE]),
        ]
    )
    assert len(rows) == 1
    assert [p.name_en for p in rows[0].participants] == ["Mark Dawson", "Zhou Qiming"]
    assert (rows[0].span.start, rows[0].span.end) == (date(2025, 3, 6), date(2025, 3, 7))
    assert [s.path for s in rows[0].sources] == ["a.html", "b.html"]


def test_a_report_naming_only_bodies_neither_of_which_fits_is_another_meeting():
    rows = merge_mentions(
        [
            _mention("a.html", "2025-03-06", [AGENT, GOVERNOR], end="2025-03-07"),
            _mention("b.html", "2025-03-06", [DOD, DEFENCE_CN]),
        ]
    )
    assert len(rows) == 2


def test_a_report_naming_only_bodies_on_other_days_is_another_meeting():
    rows = merge_mentions(
        [
            _mention("a.html", "2025-03-06", [AGENT, GOVERNOR], end="2025-03-07"),
            _mention("b.html", "2025-03-12", [TREASURY, FINANCE]),
        ]
    )
    assert len(rows) == 2
