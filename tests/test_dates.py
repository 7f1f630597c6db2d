from __future__ import annotations

from datetime import date

import pytest

from data_prep.annotate.dates import DateMatch, find_date_spans, resolve_date_span
from data_prep.model import DateSpan


def _d(iso: str) -> date:
    return date.fromisoformat(iso)


def _span(start: str, end: str | None = None, precision: str = "day") -> DateSpan:
    return DateSpan(_d(start), _d(end or start), precision)  # type: ignore[arg-type]


UNKNOWN = DateSpan(None, None, "unknown")
DEC13 = _d("2022-12-13")  # a Tuesday
JAN12 = _d("2024-01-12")  # a Friday


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        pytest.param("12日", DEC13, _span("2022-12-12"), id="day-only-same-month"),
        pytest.param("十二日", DEC13, _span("2022-12-12"), id="day-only-chinese-numeral"),
        pytest.param("二十六日", _d("2023-10-28"), _span("2023-10-26"), id="day-only-chinese-tens"),
        pytest.param("１２日", DEC13, _span("2022-12-12"), id="day-only-full-width"),
        pytest.param("30日", _d("2024-01-02"), _span("2023-12-30"), id="day-only-previous-month"),
        pytest.param("15日", DEC13, _span("2022-12-15"), id="day-only-a-few-days-ahead"),
        pytest.param("25日", DEC13, _span("2022-11-25"), id="day-only-beyond-six-days-is-past"),
        pytest.param("12號", DEC13, _span("2022-12-12"), id="day-only-traditional-hao"),
        pytest.param("12月12日", DEC13, _span("2022-12-12"), id="month-day"),
        pytest.param("12月30日", _d("2024-01-02"), _span("2023-12-30"), id="month-day-last-year"),
        pytest.param("1月5日", _d("2023-12-28"), _span("2024-01-05"), id="month-day-next-year"),
        pytest.param("星期一（12月12日）", DEC13, _span("2022-12-12"), id="weekday-glossed"),
        pytest.param("12月11日至12日", DEC13, _span("2022-12-11", "2022-12-12"), id="range-month-day"),
        pytest.param(
            "10月26日至27日", _d("2023-10-28"), _span("2023-10-26", "2023-10-27"), id="range-october"
        ),
        pytest.param("本月8日至9日", JAN12, _span("2024-01-08", "2024-01-09"), id="range-this-month"),
        pytest.param("1月10日至11日", JAN12, _span("2024-01-10", "2024-01-11"), id="range-january"),
        pytest.param("8日至13日", _d("2024-01-13"), _span("2024-01-08", "2024-01-13"), id="range-day-only"),
        pytest.param(
            "8至9日", _d("2024-01-10"), _span("2024-01-08", "2024-01-09"), id="range-first-day-bare"
        ),
        pytest.param(
            "12月30日至1月2日", _d("2024-01-02"), _span("2023-12-30", "2024-01-02"), id="range-across-years"
        ),
        pytest.param(
            "26日和27日", _d("2024-01-28"), _span("2024-01-26", "2024-01-27"), id="consecutive-days-joined"
        ),
        pytest.param(
            "周五和周六", _d("2024-01-28"), _span("2024-01-26", "2024-01-27"), id="consecutive-weekdays"
        ),
        pytest.param("去年11月", JAN12, _span("2023-11-01", "2023-11-30", "month"), id="last-year-month"),
        pytest.param("去年11月15日", JAN12, _span("2023-11-15"), id="last-year-month-day"),
        pytest.param("今年1月", JAN12, _span("2024-01-01", "2024-01-31", "month"), id="this-year-month"),
        pytest.param("11月", JAN12, _span("2023-11-01", "2023-11-30", "month"), id="bare-month-nearest"),
        pytest.param("上月", DEC13, _span("2022-11-01", "2022-11-30", "month"), id="last-month"),
        pytest.param("上个月", DEC13, _span("2022-11-01", "2022-11-30", "month"), id="last-month-ge"),
        pytest.param("上月15日", _d("2022-07-10"), _span("2022-06-15"), id="last-month-day"),
        pytest.param("月初", DEC13, _span("2022-12-01", "2022-12-10", "unknown"), id="start-of-month-window"),
        pytest.param("月底", DEC13, _span("2022-12-21", "2022-12-31", "unknown"), id="end-of-month-window"),
        pytest.param(
            "1月底", _d("2024-02-03"), _span("2024-01-21", "2024-01-31", "unknown"), id="named-month-end"
        ),
        pytest.param("当地时间12日上午", JAN12, _span("2024-01-12"), id="local-time-morning"),
        pytest.param("北京时间12日晚11时", JAN12, _span("2024-01-12"), id="beijing-time-evening"),
        pytest.param("今(27日)", _d("2023-10-27"), _span("2023-10-27"), id="today-paren-day"),
        pytest.param("今（27）日", _d("2023-10-27"), _span("2023-10-27"), id="today-paren-number"),
        pytest.param("今(27日)", _d("2023-10-28"), _span("2023-10-27"), id="today-paren-number-wins"),
        pytest.param("周日", DEC13, _span("2022-12-11"), id="sunday-before"),
        pytest.param("星期天", DEC13, _span("2022-12-11"), id="sunday-xingqitian"),
        pytest.param("礼拜天", DEC13, _span("2022-12-11"), id="sunday-libaitian"),
        pytest.param("週三", DEC13, _span("2022-12-07"), id="traditional-wednesday"),
        pytest.param("周二", DEC13, _span("2022-12-13"), id="weekday-is-today"),
        pytest.param("本周二", DEC13, _span("2022-12-13"), id="this-tuesday"),
        pytest.param("本周五", DEC13, _span("2022-12-16"), id="this-friday-ahead"),
        pytest.param("上周五", DEC13, _span("2022-12-09"), id="last-friday"),
        pytest.param("下周一", DEC13, _span("2022-12-19"), id="next-monday"),
        pytest.param("周末", DEC13, _span("2022-12-10", "2022-12-11"), id="weekend"),
        pytest.param("上周", DEC13, _span("2022-12-05", "2022-12-11", "unknown"), id="last-week-window"),
        pytest.param("今天", DEC13, _span("2022-12-13"), id="today"),
        pytest.param("今日", DEC13, _span("2022-12-13"), id="today-jinri"),
        pytest.param("昨天", DEC13, _span("2022-12-12"), id="yesterday"),
        pytest.param("昨日", DEC13, _span("2022-12-12"), id="yesterday-zuori"),
        pytest.param("前天", DEC13, _span("2022-12-11"), id="day-before-yesterday"),
        pytest.param("明天", DEC13, _span("2022-12-14"), id="tomorrow"),
        pytest.param("明日", DEC13, _span("2022-12-14"), id="tomorrow-mingri"),
        pytest.param("2024年1月10日", JAN12, _span("2024-01-10"), id="absolute"),
        pytest.param("二〇二四年一月十日", JAN12, _span("2024-01-10"), id="absolute-chinese-numerals"),
        pytest.param("2023年", JAN12, _span("2023-01-01", "2023-12-31", "year"), id="year"),
        pytest.param("去年", JAN12, _span("2023-01-01", "2023-12-31", "year"), id="last-year"),
        pytest.param("去年底", JAN12, _span("2023-11-01", "2023-12-31", "unknown"), id="end-of-last-year"),
        pytest.param("日前", JAN12, _span("2024-01-05", "2024-01-12", "unknown"), id="vague-riqian"),
        pytest.param("近日", JAN12, _span("2023-12-29", "2024-01-12", "unknown"), id="vague-jinri"),
        pytest.param("稍早", JAN12, _span("2024-01-11", "2024-01-12", "unknown"), id="vague-shaozao"),
        pytest.param("2024年1月10日", None, _span("2024-01-10"), id="no-base-absolute"),
        pytest.param("去年11月", None, UNKNOWN, id="no-base-relative-year"),
        pytest.param("12日", None, UNKNOWN, id="no-base-day-only"),
        pytest.param("周三", None, UNKNOWN, id="no-base-weekday"),
        pytest.param("同日", DEC13, UNKNOWN, id="same-day-without-anchor"),
        pytest.param("12月11日会谈，同日", DEC13, _span("2022-12-11"), id="same-day-anchor-first-match"),
        pytest.param("会谈持续两天", DEC13, None, id="no-date"),
    ],
)
def test_resolve_date_span(text: str, base: date | None, expected: DateSpan | None) -> None:
    assert resolve_date_span(text, base) == expected


@pytest.mark.parametrize(
    ("sentence", "base", "expected"),
    [
        pytest.param(
            "布林肯将于当地时间12日上午10时，即北京时间12日晚11时与刘建超会晤",
            JAN12,
            [("当地时间12日上午10时", _span("2024-01-12")), ("北京时间12日晚11时", _span("2024-01-12"))],
            id="two-clocks-same-day",
        ),
        pytest.param(
            "刘建超当地时间8日在纽约出席座谈会，并于10日在华盛顿会见芬纳",
            JAN12,
            [("当地时间8日", _span("2024-01-08")), ("10日", _span("2024-01-10"))],
            id="two-days",
        ),
        pytest.param(
            "本月5日和13日分别会见",
            _d("2023-06-16"),
            [("本月5日", _span("2023-06-05")), ("13日", _span("2023-06-13"))],
            id="non-consecutive-days-stay-apart",
        ),
        pytest.param(
            "11日，中美商务部长举行了通话，当天发言人表示",
            JAN12,
            [("11日", _span("2024-01-11")), ("当天", _span("2024-01-11"))],
            id="same-day-follows-previous-match",
        ),
        pytest.param(
            "谢锋于12月11日至12日访华，次日离开",
            DEC13,
            [("12月11日至12日", _span("2022-12-11", "2022-12-12")), ("次日", _span("2022-12-13"))],
            id="next-day-after-range",
        ),
        pytest.param(
            "中国同日（12日）将出口管制诉诸世贸组织",
            DEC13,
            [("同日（12日）", _span("2022-12-12"))],
            id="same-day-glossed",
        ),
        pytest.param(
            "今年1月中國國務委員兼公安部長王小洪在北京會見美國禁毒聯合代表團",
            _d("2024-08-02"),
            [("今年1月", _span("2024-01-01", "2024-01-31", "month"))],
            id="month-then-china-is-not-mid-month",
        ),
        pytest.param(
            "1月中方代表团访美，1月中访华",
            JAN12,
            [
                ("1月", _span("2024-01-01", "2024-01-31", "month")),
                ("1月中", _span("2024-01-11", "2024-01-20", "unknown")),
            ],
            id="month-then-chinese-side-and-mid-month",
        ),
        pytest.param(
            "今年中美关系，去年中访华",
            JAN12,
            [
                ("今年", _span("2024-01-01", "2024-12-31", "year")),
                ("去年中", _span("2023-06-01", "2023-07-31", "unknown")),
            ],
            id="year-then-china-us-is-not-mid-year",
        ),
        pytest.param(
            "12月2日，双方周五举行会谈",
            DEC13,
            [("12月2日", _span("2022-12-02")), ("周五", _span("2022-12-02"))],
            id="weekday-restates-a-written-day-of-that-weekday",
        ),
        pytest.param(
            "12月2日，双方周一举行会谈",
            DEC13,
            [("12月2日", _span("2022-12-02")), ("周一", _span("2022-12-12"))],
            id="weekday-of-another-day-counts-from-the-dateline",
        ),
        pytest.param(
            "2日，双方周五举行会谈",
            DEC13,
            [("2日", _span("2022-12-02")), ("周五", _span("2022-12-02"))],
            id="weekday-restates-a-day-number-of-that-weekday",
        ),
        pytest.param("每周一举行例会，一周一次", DEC13, [], id="every-monday-and-once-a-week"),
        pytest.param("乘坐3号线抵达", DEC13, [], id="metro-line-number"),
        pytest.param("据今日俄罗斯报道", DEC13, [], id="rt-channel-name"),
        pytest.param("在台湾大选投票前日会见", JAN12, [], id="eve-of-vote-is-not-a-date"),
        pytest.param("三日内作出答复，一日三餐", DEC13, [], id="durations"),
        pytest.param("双方举行了7个多小时的会晤，持续两天", DEC13, [], id="no-dates"),
        pytest.param(
            "10 月 22 日前往仁爱礁",
            _d("2023-10-28"),
            [("10 月 22 日", _span("2023-10-22"))],
            id="spaces-from-html",
        ),
    ],
)
def test_find_date_spans(sentence: str, base: date, expected: list[tuple[str, DateSpan]]) -> None:
    matches = find_date_spans(sentence, base)
    assert [(m.text, m.span) for m in matches] == expected
    assert all(sentence[m.begin : m.end] == m.text for m in matches)


def test_find_date_spans_anchor_from_previous_sentence() -> None:
    matches = find_date_spans("同日，双方发表声明", DEC13, anchor=_span("2022-12-11"))
    assert matches == [DateMatch(0, 2, "同日", _span("2022-12-11"), relative=True)]


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        pytest.param("12日", _d("2024-01-10"), _span("2024-01-12"), id="day-ahead"),
        pytest.param("30日", _d("2024-01-02"), _span("2024-01-30"), id="day-later-this-month"),
        pytest.param("周四", _d("2024-01-17"), _span("2024-01-18"), id="weekday-ahead"),
        pytest.param("周三", _d("2024-01-17"), _span("2024-01-17"), id="weekday-today"),
        pytest.param("12月", _d("2024-01-12"), _span("2024-12-01", "2024-12-31", "month"), id="month-ahead"),
    ],
)
def test_resolve_date_span_prefer_future(text: str, base: date, expected: DateSpan) -> None:
    assert resolve_date_span(text, base, prefer_future=True) == expected


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        pytest.param(
            "一个月前的今天，两人举行了会晤",
            date(2023, 12, 12),
            date(2023, 12, 12),
            "day",
            id="month-ago-today",
        ),
        pytest.param("一天前与王毅会谈", date(2024, 1, 11), date(2024, 1, 11), "day", id="a-day-ago"),
        pytest.param(
            "三天前与王毅会谈", date(2024, 1, 8), date(2024, 1, 10), "unknown", id="days-ago-window"
        ),
        pytest.param("两周前的会谈", date(2023, 12, 26), date(2024, 1, 1), "unknown", id="weeks-ago-window"),
        pytest.param(
            "沙利文在本月早些时候和刘建超会面",
            date(2024, 1, 1),
            date(2024, 1, 11),
            "unknown",
            id="earlier-this-month-window",
        ),
        pytest.param("雷蒙多11日通话", date(2024, 1, 11), date(2024, 1, 11), "day", id="name-ending-in-duo"),
        pytest.param("二十天前", date(2023, 12, 18), date(2023, 12, 28), "unknown", id="twenty-days-ago"),
    ],
)
def test_counted_back_from_the_dateline(text, start, end, precision):
    [match] = find_date_spans(text, date(2024, 1, 12))
    assert (match.span.start, match.span.end, match.span.precision) == (start, end, precision)


@pytest.mark.parametrize(
    "text", ["四五十天前", "二三十年前", "三四天前"], ids=["forty-fifty-days", "decades", "three-four-days"]
)
def test_approximate_counts_back_are_not_dates(text):
    assert find_date_spans(text, date(2024, 1, 12)) == []


def test_geneva_is_not_within_days():
    spans = [m.text for m in find_date_spans("何立峰10日至11日在日内瓦与贝森特举行会谈", date(2025, 5, 11))]
    assert spans == ["10日至11日"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("就在拜登讲话一天前，布林肯与王毅会谈", [], id="a-day-before-another-event"),
        pytest.param("他三天前与王毅会谈", ["三天前"], id="a-pronoun-then-days-ago"),
        pytest.param("就在一天前", ["一天前"], id="just-a-day-ago"),
    ],
)
def test_days_ago_count_from_the_dateline_only(text, expected):
    assert [m.text for m in find_date_spans(text, date(2023, 6, 26))] == expected


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        pytest.param("沙利文两天前与杨洁篪会谈", "沙利文", ["两天前"], id="a-name-then-days-ago"),
        pytest.param("美国国务卿三天前与王毅通话", "美国国务卿", ["三天前"], id="a-title-then-days-ago"),
        pytest.param("沙利文讲话两天前，双方会谈", "沙利文", [], id="a-name-then-an-event-then-days-ago"),
    ],
)
def test_days_ago_after_a_person_count_from_the_dateline(text, person, expected):
    ends = frozenset({text.index(person) + len(person)})
    assert [m.text for m in find_date_spans(text, date(2023, 6, 26), after_people=ends)] == expected


@pytest.mark.parametrize(
    ("sentence", "relative"),
    [
        pytest.param("双方于1月10日会谈", False, id="month-and-day-written"),
        pytest.param("双方于2024年1月会谈", False, id="month-written"),
        pytest.param("双方于12日会谈", True, id="day-of-the-dateline-month"),
        pytest.param("双方昨天会谈", True, id="yesterday"),
        pytest.param("双方上周三会谈", True, id="weekday-of-last-week"),
        pytest.param("他三天前与对方会谈", True, id="days-ago"),
    ],
)
def test_a_date_says_whether_it_leans_on_the_dateline(sentence: str, relative: bool) -> None:
    (match,) = find_date_spans(sentence, date(2024, 1, 17))
    assert match.relative is relative
