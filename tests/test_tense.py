"""When a meeting happened, read from its clause: future 将, perfective, reported speech, frames, recall."""

from __future__ import annotations

from datetime import date

import pytest

from data_prep.extract import tense
from data_prep.extract.mentions import extract_mentions
from data_prep.model import Article


def _at(text: str, word: str) -> tuple[int, int]:
    begin = text.index(word)
    return begin, begin + len(word)


FUTURE = [
    pytest.param("甲将与乙会谈", True, id="jiang-yu"),
    pytest.param("甲将和乙会谈", True, id="jiang-he"),
    pytest.param("甲将跟乙会谈", True, id="jiang-gen"),
    pytest.param("甲将再次与乙会谈", True, id="jiang-zaici"),
    pytest.param("甲将于周五与乙会谈", True, id="jiang-yu-weekday"),
    pytest.param("甲上将与乙会谈", False, id="rank-shangjiang-yu"),
    pytest.param("甲少将同乙会谈", False, id="rank-shaojiang"),
    pytest.param("甲将军与乙会谈", False, id="noun-jiangjun"),
    pytest.param("将近百人出席，甲与乙会谈", False, id="jiangjin-nearly"),
]


@pytest.mark.parametrize(("text", "expected"), FUTURE)
def test_future_adverb(text: str, expected: bool) -> None:
    assert tense.future_marked(text, 0, text.index("会谈")) is expected


PERFECTIVE = [
    pytest.param("甲与乙举行了会谈", True, id="le"),
    pytest.param("甲已与乙通话", True, id="yi"),
    pytest.param("甲与乙会谈过", True, id="guo"),
    pytest.param("甲为了此事与乙会谈", False, id="weile-is-not-le"),
    pytest.param("甲通过视频与乙会谈", False, id="tongguo-is-not-guo"),
    pytest.param("包括透过甲与乙之间的通话", False, id="touguo-is-not-guo"),
    pytest.param("甲周五与乙会谈", False, id="no-aspect"),
]


@pytest.mark.parametrize(("text", "expected"), PERFECTIVE)
def test_perfective(text: str, expected: bool) -> None:
    assert tense.perfective(text, 0, len(text)) is expected


FRAMES = [
    pytest.param("在甲周五与乙通话之前，丙对记者表示", "通话", True, id="zai-zhiqian"),
    pytest.param("继去年甲与乙会谈之后，双方恢复对话", "会谈", True, id="ji-zhihou"),
    pytest.param("就在甲与乙通电话之前，航母驶过海峡", "通电话", True, id="jiuzai-zhiqian"),
    pytest.param("甲在与乙会谈之后对记者表示", "会谈", False, id="subject-before-zai-is-the-news"),
    pytest.param("甲与乙会谈，之后共进午餐", "会谈", False, id="later-clause-is-not-a-frame"),
]


@pytest.mark.parametrize(("text", "word", "expected"), FRAMES)
def test_time_reference_frames(text: str, word: str, expected: bool) -> None:
    assert tense.framed(text, *_at(text, word)) is expected


def test_framing_event_date() -> None:
    text = "旨在11月大选之前与乙会谈"
    date_end = text.index("月") + 1
    assert tense.frames_another_event(text, date_end, text.index("会谈"))


SPOKEN_ABOUT = [
    pytest.param("甲谈到周五与乙的通话时对记者说", True, id="tandao"),
    pytest.param("甲在讲话中回顾了与乙的会晤", True, id="huigu"),
    pytest.param("甲周五与乙通话时说", False, id="speech-after-is-not-the-topic"),
]


@pytest.mark.parametrize(("text", "expected"), SPOKEN_ABOUT)
def test_meeting_spoken_about(text: str, expected: bool) -> None:
    word = "通话" if "通话" in text else "会晤"
    assert tense.spoken_about(text, text.index(word)) is expected


def _article(body: str, published_on: date, title: str = "") -> Article:
    return Article(
        path="a.md",
        title=title or None,
        url="https://example.org/a",
        outlet="Test",
        published=f"{published_on}T12:00:00+08:00",
        published_on=published_on,
        body=body,
        body_format="markdown",
    )


def _read(body: str, published_on: date, title: str = "") -> list[tuple[str, str | None, bool]]:
    """Each mention as (status, start date, recalled)."""
    found = [m for m in extract_mentions(_article(body, published_on, title)) if not m.reference]
    return sorted((m.status, str(m.span.start) if m.span.start else None, m.recalled) for m in found)


# Invented sentences of the shapes news takes; the dateline is in the date.
ARTICLES = [
    pytest.param(
        "外交部发言人周五表示，王毅已与布林肯就双边关系通话。",
        date(2024, 3, 15),
        "",
        [("held", None, True)],
        id="speech-then-already-is-recalled",
    ),
    pytest.param(
        "布林肯谈到周五与王毅的通话时对记者说，双方沟通坦率。",
        date(2024, 3, 22),
        "",
        [("held", "2024-03-15", True)],
        id="meeting-spoken-about-is-recalled-and-before-the-statement",
    ),
    pytest.param(
        "布林肯谈及周三与王毅的会谈时表示，双方同意保持沟通。",
        date(2024, 3, 20),
        "",
        [("held", "2024-03-13", True)],
        id="weekday-of-the-dateline-spoken-about-is-last-weeks",
    ),
    pytest.param(
        "布林肯此前周二与王毅通电话。",
        date(2024, 3, 19),
        "",
        [("held", "2024-03-12", False)],
        id="weekday-of-an-earlier-contact-is-last-weeks",
    ),
    pytest.param(
        "布林肯周二与王毅通电话。",
        date(2024, 3, 19),
        "",
        [("held", "2024-03-19", False)],
        id="weekday-of-the-dateline-in-news-is-today",
    ),
    pytest.param(
        "布林肯周二与5月底刚刚赴美履新的中国驻美大使谢锋通话。",
        date(2023, 6, 28),
        "",
        [("held", "2023-06-27", False)],
        id="date-in-a-relative-clause-on-the-partner-dates-that-clause",
    ),
    pytest.param(
        "布林肯12日同去年12月履新的秦刚会谈。",
        date(2023, 1, 14),
        "",
        [("held", "2023-01-12", False)],
        id="date-after-tong-closed-by-de-before-the-partner",
    ),
    pytest.param(
        "布林肯与秦刚5月10日在北京举行了会谈。",
        date(2023, 5, 14),
        "",
        [("held", "2023-05-10", False)],
        id="date-after-the-partner-dates-the-meeting",
    ),
    pytest.param(
        "美国国家安全顾问沙利文两天前与王毅在罗马举行了会谈，显然未取得成效。",
        date(2022, 3, 18),
        "",
        [("held", "2022-03-15", False)],
        id="days-ago-after-a-name-count-from-the-dateline",
    ),
    pytest.param(
        "魏凤和上将周四抵达新加坡，预计与奥斯汀举行双边会晤。",
        date(2022, 6, 10),
        "",
        [("planned", "2022-06-09", False)],
        id="date-of-an-earlier-clause-without-a-plan-is-not-read-forward",
    ),
    pytest.param(
        "美国国防部长奥斯汀将于周四抵达新加坡，并与魏凤和举行会晤。",
        date(2022, 6, 10),
        "",
        [("planned", "2022-06-16", False)],
        id="date-after-jiang-in-an-earlier-clause-is-read-forward",
    ),
    pytest.param(
        "据悉，美国国防部长奥斯汀周四将与魏凤和举行会晤。",
        date(2022, 6, 10),
        "",
        [("planned", "2022-06-16", False)],
        id="date-in-the-planned-meeting-clause-is-read-forward",
    ),
    pytest.param(
        "5月10日，布林肯与王毅周五在维也纳举行了会谈。",
        date(2024, 5, 19),
        "",
        [("held", "2024-05-10", False)],
        id="weekday-restates-the-written-day-before-it",
    ),
    pytest.param(
        "布林肯周五与王毅在北京会谈，那天是5月10日。",
        date(2024, 5, 19),
        "",
        [("held", "2024-05-10", False)],
        id="weekday-restates-the-written-day-after-it",
    ),
    pytest.param(
        "5月10日，布林肯与王毅周四在维也纳举行了会谈。",
        date(2024, 5, 19),
        "",
        [("held", "2024-05-16", False)],
        id="weekday-not-of-the-written-day-counts-from-the-dateline",
    ),
    pytest.param(
        "美国国务院今天公布，布林肯上周四在北京与王毅举行磋商。",
        date(2024, 3, 19),
        "",
        [("held", "2024-03-14", False)],
        id="date-before-a-report-verb-dates-the-report",
    ),
    pytest.param(
        "路透北京4月11日 - 中方官员说，王毅此前已同布林肯会谈。",
        date(2024, 4, 11),
        "",
        [("held", None, True)],
        id="in-sentence-dateline-and-earlier-contact",
    ),
    pytest.param(
        "美方称，拜登18日星期五将和习近平通电话。",
        date(2024, 10, 16),
        "",
        [("planned", "2024-10-18", False)],
        id="explicit-day-beats-weekday-and-jiang-he-is-future",
    ),
    pytest.param(
        "去年12月，美军参谋长联席会议主席布朗上将与刘振立上将举行了视频会议后，两军沟通得以恢复。",
        date(2024, 6, 2),
        "",
        [("held", "2023-12-01", False)],
        id="shangjiang-yu-is-a-rank-not-the-future",
    ),
    pytest.param(
        "沙利文周一与王毅举行会谈时将提出这一问题。",
        date(2024, 1, 21),
        "",
        [("planned", "2024-01-22", False)],
        id="sunday-dateline-monday-is-tomorrow",
    ),
    pytest.param(
        "王毅今日起访问泰国4日，并将同沙利文举行新一轮会晤。",
        date(2024, 1, 26),
        "",
        [("planned", "2024-01-26", False)],
        id="visit-for-four-days-is-a-duration",
    ),
    pytest.param(
        "图为美国国务卿布林肯（右）2月在北京与王毅（左）会晤。",
        date(2024, 8, 26),
        "",
        [("held", "2024-02-01", True)],
        id="photo-caption-is-recalled",
    ),
    pytest.param(
        "部长在讲话中说：“就在一个月前的今天，拜登与习近平举行了会晤。”",
        date(2024, 1, 12),
        "",
        [("held", None, True)],
        id="relative-date-in-a-quotation-is-not-the-datelines",
    ),
    pytest.param(
        "去年11月的元首会晤上，双方同意恢复沟通，布林肯与王毅的会谈也是此一努力的一部分。",
        date(2024, 1, 11),
        "",
        [("held", None, True)],
        id="earlier-clause-date-does-not-date-a-clause-with-its-own-subject",
    ),
    pytest.param(
        "国家安全顾问沙利文本周访华并将会见王毅，旨在11月大选之前缓解紧张局势。",
        date(2024, 8, 26),
        "",
        [("planned", "2024-08-26", False)],
        id="date-of-a-framing-event-does-not-date-the-meeting",
    ),
    pytest.param(
        "据双方此前宣布，沙利文将于周五和周六同王毅举行新一轮会晤。",
        date(2024, 1, 27),
        "",
        [("planned", None, True)],
        id="weekdays-of-an-earlier-announcement-are-not-the-datelines",
    ),
    pytest.param(
        "华盛顿计划下月派团访问台湾，周五，布林肯在华盛顿会见了刘建超。",
        date(2024, 1, 13),
        "",
        [("held", "2024-01-12", False)],
        id="plan-of-an-earlier-clause-yields-to-a-perfective-meeting-clause",
    ),
    pytest.param(
        "两天前沙利文与杨洁篪在罗马会谈，于是有了18日的元首通话安排。",
        date(2022, 3, 18),
        "",
        [("held", "2022-03-15", False)],
        id="date-of-a-later-clause-is-that-clauses-event",
    ),
]


@pytest.mark.parametrize(("body", "published_on", "title", "expected"), ARTICLES)
def test_event_time_is_not_report_time(body, published_on, title, expected):
    assert _read(body, published_on, title) == expected


def test_headline_without_tense_is_no_evidence_of_a_held_meeting():
    found = extract_mentions(
        _article("两国元首本周五将再次通话。", date(2024, 5, 16), title="拜登习近平周五通话")
    )
    assert [(m.status, str(m.span.start)) for m in found] == [("planned", "2024-05-17")]


def test_plan_and_an_earlier_meeting_of_other_times_do_not_fold():
    body = "白宫称拜登将与习近平通话。\n\n继去年11月拜登与习近平举行会谈之后，两国恢复了多个对话机制。"
    found = _read(body, date(2024, 8, 29), title="白宫称拜登将与习近平通话")
    assert ("planned", "2024-08-29", False) in found
    assert all(status == "planned" or recalled for status, _, recalled in found)


ROUND_UPS = [
    pytest.param(
        "一周回顾：市场与外交",
        "拜登周五与习近平通电话。",
        [("held", None, True)],
        id="round-up-weekday-counts-from-the-items-report",
    ),
    pytest.param(
        "空难、外交以及本周更多重要故事",
        "拜登昨天与习近平通话，谈及乌克兰局势。",
        [("held", None, True)],
        id="round-up-yesterday-is-not-the-datelines",
    ),
    pytest.param(
        "七张图看一周大事",
        "3月18日，拜登与习近平通话。",
        [("held", "2022-03-18", True)],
        id="round-up-keeps-a-written-date-but-recalls",
    ),
    pytest.param(
        "拜登与习近平通话",
        "拜登周五与习近平通电话。",
        [("held", "2022-03-25", False)],
        id="news-of-the-week-is-not-a-round-up",
    ),
]


@pytest.mark.parametrize(("title", "body", "expected"), ROUND_UPS)
def test_round_up_items_retell_earlier_reports(title, body, expected):
    assert _read(body, date(2022, 3, 26), title) == expected
