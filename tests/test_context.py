"""An anchor completed from its article: invented minimal articles → the date, kind and place it gets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from data_prep.annotate.sentences import TITLE_PARAGRAPH, Sentence, build_sentence
from data_prep.extract.anchors import find_anchor
from data_prep.extract.context import place_in_article

BASE = date(2024, 1, 20)


def _sentences(title: str | None, paragraphs: list[list[str]], base: date) -> list[Sentence]:
    found = [build_sentence(0, TITLE_PARAGRAPH, title, base)] if title else []
    for number, paragraph in enumerate(paragraphs):
        for text in paragraph:
            found.append(build_sentence(len(found), number, text, base))
    return found


def _last_meeting(
    paragraphs: list[list[str]], *, title: str | None = None, base: date = BASE, known: bool = True
) -> tuple | str:
    """The last sentence's anchor completed by its article, as (type, status, start, end, dated, place),
    or "recalled" when the article does not report it as its own news."""
    sentences = _sentences(title, paragraphs, base)
    anchor = find_anchor(sentences[-1], base, known)
    assert anchor is not None, sentences[-1].original
    placed = place_in_article(anchor, sentences, base, known)
    if placed.recalled:
        return "recalled"
    span = placed.span
    return (
        placed.meeting_type,
        placed.status,
        span.start,
        span.end,
        placed.dated_by in ("text", "relative"),
        placed.location,
    )


def _day(day: int) -> date:
    return date(2024, 1, day)


HOSTED = "会议由人民银行副行长宣昌能和美国财政部助理部长尼曼共同主持。"

CASES = [
    pytest.param(
        [["中美金融工作组第三次会议18至19日在北京召开。", HOSTED]],
        {},
        ("in_person", "held", _day(18), _day(19), True, "Beijing"),
        id="undated-anchor-takes-the-date-and-place-of-the-sentence-before",
    ),
    pytest.param(
        [["中美金融工作组第三次会议18至19日在北京召开。"], [HOSTED]],
        {},
        ("in_person", "held", _day(18), _day(19), True, "Beijing"),
        id="sentence-before-may-end-the-previous-paragraph",
    ),
    pytest.param(
        [["中美金融工作组第三次会议18至19日在北京召开。"], ["天气晴朗。"], [HOSTED]],
        {},
        "recalled",
        id="two-paragraphs-up-is-too-far",
    ),
    pytest.param(
        [["王毅18日在华盛顿与布林肯会谈。", HOSTED]],
        {},
        "recalled",
        id="sentence-before-about-other-people-does-not-date-it",
    ),
    pytest.param(
        [["中美金融工作组第四次会议22日在北京召开。", HOSTED]],
        {},
        ("in_person", "planned", _day(22), _day(22), True, "Beijing"),
        id="date-taken-from-before-after-the-dateline-is-planned",
    ),
    pytest.param(
        [["中美金融工作组第四次会议22日在北京召开。", HOSTED]],
        {"known": False},
        ("in_person", "held", _day(22), _day(22), True, "Beijing"),
        id="without-a-dateline-nothing-is-planned-by-date",
    ),
    pytest.param(
        [["中美金融工作组第三次会议18至19日在北京召开。", "宣昌能和助理部长尼曼17日在上海会谈。"]],
        {},
        ("in_person", "held", _day(17), _day(17), True, "Shanghai"),
        id="own-date-and-place-are-kept",
    ),
    pytest.param(
        [
            [
                "中美强化氣候行動工作組啟動會今天以視像形式召開。",
                "會議由解振華和美國總統氣候問題特使克里主持。",
            ]
        ],
        {"base": date(2024, 1, 12)},
        ("video", "held", date(2024, 1, 12), date(2024, 1, 12), True, None),
        id="real-2401-weak-cue-takes-video-from-the-sentence-before",
    ),
    pytest.param(
        [["中美强化气候行动工作组启动会今天在北京召开。", "会议由解振华和美国总统气候问题特使克里主持。"]],
        {"base": date(2024, 1, 12)},
        ("in_person", "held", date(2024, 1, 12), date(2024, 1, 12), True, "Beijing"),
        id="weak-cue-in-person-when-the-sentence-before-has-no-kind",
    ),
    pytest.param(
        [["王毅与布林肯在华盛顿会谈。"]],
        {"title": "王毅与布林肯会谈"},
        ("in_person", "held", BASE, BASE, False, "Washington"),
        id="lead-dated-by-dateline-when-headline-names-them",
    ),
    pytest.param(
        [["王毅与布林肯在华盛顿会谈。"]],
        {"title": "布林肯谈中东局势"},
        ("in_person", "held", BASE, BASE, False, "Washington"),
        id="headline-naming-one-of-them-is-enough",
    ),
    pytest.param(
        [["王毅与布林肯在华盛顿会谈。"]],
        {"title": "泰国天气"},
        "recalled",
        id="headline-names-no-one-of-the-meeting",
    ),
    pytest.param(
        [["王毅与布林肯在华盛顿会谈。"]],
        {},
        "recalled",
        id="no-headline-no-dateline-date",
    ),
    pytest.param(
        [["泰国天气晴朗。"], ["北京天气晴朗。"], ["王毅与布林肯在华盛顿会谈。"]],
        {"title": "王毅与布林肯会谈"},
        "recalled",
        id="dateline-only-in-the-lead",
    ),
    pytest.param(
        [["王毅与布林肯在华盛顿会谈。"]],
        {"title": "王毅与布林肯会谈", "known": False},
        ("in_person", "held", None, None, False, "Washington"),
        id="undated-article-keeps-unknown-date",
    ),
    pytest.param(
        [[HOSTED]],
        {"known": False},
        ("in_person", "held", None, None, False, None),
        id="undated-article-weak-cue-is-in-person-with-unknown-date",
    ),
]


@pytest.mark.parametrize(("paragraphs", "options", "expected"), CASES)
def test_place_in_article(paragraphs, options, expected):
    assert _last_meeting(paragraphs, **options) == expected


def test_headline_is_its_own_report():
    sentences = _sentences("王毅与布林肯在华盛顿会谈", [], BASE)
    anchor = find_anchor(sentences[0], BASE, True)
    assert anchor is not None
    placed = place_in_article(anchor, sentences, BASE, True)
    assert placed is not None
    assert (placed.span.start, placed.dated_by, placed.location) == (BASE, "dateline", "Washington")


@pytest.mark.parametrize(
    ("lead", "days"),
    [
        pytest.param("白宫称拜登将在未来数月内与习近平通话。", 90, id="within-months"),
        pytest.param("白宫称拜登将与习近平通话。", 30, id="no-window-named-is-a-month"),
    ],
)
def test_a_plan_without_a_date_holds_its_expected_window(lead, days):
    sentences = _sentences("白宫称拜登将与习近平通话", [[lead]], BASE)
    anchor = find_anchor(sentences[-1], BASE, True)
    assert anchor is not None and anchor.status == "planned"
    placed = place_in_article(anchor, sentences, BASE, True)
    assert (placed.span.start, placed.span.end, placed.span.precision) == (
        BASE,
        BASE + timedelta(days=days),
        "unknown",
    )


def test_a_date_of_what_was_said_does_not_date_the_meeting_after_it():
    sentences = _sentences(
        "白宫称拜登将与习近平通话",
        [["白宫今天表示，双方正在安排元首通话。", "白宫称拜登将与习近平通话。"]],
        BASE,
    )
    anchor = find_anchor(sentences[-1], BASE, True)
    assert anchor is not None
    placed = place_in_article(anchor, sentences, BASE, True)
    assert (placed.status, placed.dated_by, placed.span.precision) == ("planned", "dateline", "unknown")
