"""Dates: Chinese date expressions in sentences, resolved against a dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from data_prep.annotate.date_resolution import DateContext, parse_number, resolve_match
from data_prep.annotate.regex_needs import build_quick_start, required_chars
from data_prep.model import DateSpan
from data_prep.vocab.marks import CLAUSE_BREAKS
from data_prep.vocab.tense import load_tense

__all__ = ["DateMatch", "find_date_spans", "find_dateline", "parse_number", "resolve_date_span"]

# One character for one character, so offsets in the normalised text are offsets in the original.
_NORMALISE = str.maketrans(
    "０１２３４５６７８９週號於點禮後當間時個兩這隔號（）電專綜訊報導",
    "0123456789周号于点礼后当间时个两这隔号()电专综讯报导",
)

_Y = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?:[0-3]?\d|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_RY = r"(?:去年|今年|明年|前年|本年)"
_RM = r"(?:本月|上个?月|下个?月|当月|同月)"
_RANGE = r"\s*(?:至|到|~|～|－|-|—|–)\s*"
_START = r"(?<![\d〇零一二三四五六七八九十两几数每第半])"
_TZ = r"(?:(?:当地|北京|美东|美国东部|华盛顿|台北|香港|东京)时间\s*)?"
_TOD = (
    r"(?:\s*(?:上午|下午|晚上|晚间|凌晨|早上|早晨|清晨|中午|傍晚|午间|夜间|深夜|晚))?"
    r"(?:\s*\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分|半)?)?"
)
# 中 after a month or a year is its middle (1月中, 年中), unless it starts a word:
# 1月中国… is "in January, China…", not "in mid-January".
_MIDDLE = r"中(?![国國方美共央外欧歐俄日韩韓印非东東亚亞华華资資企])"
_PART = rf"(?P<part>初|底|末|中旬|上旬|下旬|{_MIDDLE})?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "day",
            _START
            + _TZ
            + rf"(?:(?:(?P<y>{_Y})\s*年|(?P<ry>{_RY}))?\s*(?:(?P<m>{_M})\s*月|(?P<rm>{_RM}))\s*)?"
            rf"(?P<d>{_D})\s*(?:[日号]\s*)?(?:{_RANGE}(?:(?P<m2>{_M})\s*月\s*)?(?P<d2>{_D})\s*)?"
            r"(?P<suffix>[日号])(?!内|游|间|之内|左右|线|楼|院|文|令|馆|店|舰|机|位|码|车|床|房|台|选手)"
            + _TOD,
        ),
        ("today-paren", _TZ + rf"(?P<rel>[今昨])\s*\(\s*(?P<d>{_D})\s*[日号]?\s*\)\s*[日号]?" + _TOD),
        ("month", _START + rf"(?:(?P<y>{_Y})\s*年|(?P<ry>{_RY}))?\s*(?P<m>{_M})\s*月(?:份)?" + _PART),
        ("month", rf"(?P<rm>{_RM})" + _PART),
        ("month", r"月(?P<part>初|底|末|中旬|上旬|下旬)"),
        (
            "year",
            _START
            + rf"(?:(?P<y>{_Y})\s*年|(?P<ry>{_RY}))(?:年?(?P<part>初|底|末|{_MIDDLE}))?(?!代|\d|级|期)",
        ),
        (
            "week",
            r"(?<![一二两三四五六七八九十几每数])(?P<wk>上上|上|本|这|下下|下)?\s*个?\s*(?:周|星期|礼拜)"
            r"(?P<wd>[一二三四五六日天末])(?!年)" + _TOD,
        ),
        ("week-vague", r"(?P<wk>上|本|这|下)\s*个?\s*(?:周|星期|礼拜)(?![一二三四五六日天末年])"),
        (
            "relative",
            _TZ  # 投票前日 is "the eve of the vote", not "the day before yesterday"
            + r"(?P<rel>今天|今日|今晨|今早|今晚|今夜|昨天|昨日|昨晚|昨晨|昨夜|前天|"
            r"(?<![票举议会谈问之节])前日|明天|明日|明晚|后天|当天|当日|同日|同天|当晚|次日|翌日|隔日|隔天|第二天)"
            r"(?!俄罗斯|美国|头条|中国|说法)" + _TOD,
        ),
        (
            # 一个月前的今天, 三天前, 两周前: counted back from the dateline; the longest alternatives first.
            "ago",
            r"(?<![\d〇零一二三四五六七八九十两几数多])"
            r"(?P<n>\d{1,3}|十[一二三四五六七八九]?|[一二两三四五六七八九]十[一二三四五六七八九]?|[一二两三四五六七八九]|半)"
            r"\s*个?\s*(?P<unit>天|日|星期|周|月|年)"
            r"(?:以前|之前|前)(?P<today>的今天|的今日|的同一天)?",
        ),
        (
            "vague",
            r"(?<![\d〇一二三四五六七八九十两几数生节假前往])(?P<rel>(?:本月|这个月|上周|本周|这周)早些时候|日前|近日|稍早前|稍早|早些时候|日内(?!瓦))",
        ),
    )
)


# Each pattern runs only on sentences having one of the characters every match of it must contain
# (worked out from the pattern itself, so the grammar can change freely): most sentences have no date.
# Grammar kinds whose expressions name their own month or year (a "day" names it when it has a month).
_ABSOLUTE_KINDS = ("day", "month", "year")
# Each is tried behind a look ahead at its first characters: most positions fail that one test.
_SCANS = tuple((kind, build_quick_start(pattern), required_chars(pattern)) for kind, pattern in _PATTERNS)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in a sentence, with what it resolves to."""

    begin: int
    end: int
    text: str
    span: DateSpan
    relative: bool = False  # read against the dateline beyond its year (昨天, 周三, 12日, 三天前)
    bare_weekday: bool = False  # 周五 with no 上/本/下: its week comes from the tense around it


def find_date_spans(
    sentence: str,
    base: date | None,
    *,
    prefer_future: bool = False,
    anchor: DateSpan | None = None,
    nearest: bool = False,
    after_people: frozenset[int] = frozenset(),
) -> list[DateMatch]:
    """Find the date expressions of a sentence, resolved against the dateline `base`.

    `prefer_future` reads day-only and weekday expressions forward (将于/计划 sentences); `nearest`
    reads a bare weekday as the nearest such day either way (a headline without tense);
    `anchor` is the date last mentioned before the sentence, for 当天/同日/次日; `after_people` are the
    offsets where a person's name or title ends (他/沙利文三天前 counts from the dateline).
    """
    text = sentence.translate(_NORMALISE).replace("礼拜天", "礼拜日")
    chars = set(text)
    found = sorted(
        (
            (m.start(), -m.end(), kind, m)
            for kind, pattern, needs in _SCANS
            if needs is None or not needs.isdisjoint(chars)
            for m in pattern.finditer(text)
        ),
        key=lambda item: item[:2],
    )
    matches: list[DateMatch] = []
    for begin, neg_end, kind, match in found:
        if matches and begin < matches[-1].end:
            continue
        last = matches[-1].span if matches else anchor
        context = DateContext(base, prefer_future, last, nearest, after_people)
        span = resolve_match(kind, match, context)
        if span is not None and not _is_duration(text, kind, match):
            relative = kind not in _ABSOLUTE_KINDS or (kind == "day" and not match.group("m"))
            bare = kind == "week" and match.group("wk") is None
            matches.append(DateMatch(begin, -neg_end, sentence[begin:-neg_end], span, relative, bare))
    return _weekdays_of_written_days(_merge_glosses(sentence, matches))


def _weekdays_of_written_days(matches: list[DateMatch]) -> list[DateMatch]:
    """A bare weekday names the day the sentence writes out that falls on it.

    "3月18日，拜登与习近平周五通话": 周五 restates 3月18日 (a Friday), whatever the dateline's week.
    """
    days = {
        m.span.start: m
        for m in reversed(matches)
        if not m.bare_weekday and m.span.precision == "day" and m.span.start and m.span.start == m.span.end
    }
    found = []
    for match in matches:
        on = match.span.start
        same = [d for day, d in days.items() if match.bare_weekday and on and day.weekday() == on.weekday()]
        if same and on not in days:
            match = DateMatch(match.begin, match.end, match.text, same[-1].span, same[-1].relative)
        found.append(match)
    return found


# How far back a visit verb may stand from the number of days it lasts ("访问东南亚三国4日").
_DURATION_REACH = 8


def _is_duration(text: str, kind: str, match: re.Match[str]) -> bool:
    """ "访问泰国4日", "为期3日": a count of days after a visit or stay verb, not a day of the month."""
    if kind != "day" or match.group("m") or match.group("rm") or match.group("d2"):
        return False
    before = text[max(0, match.start() - _DURATION_REACH) : match.start()]
    for mark in CLAUSE_BREAKS:
        before = before.rpartition(mark)[2]
    return any(verb in before for verb in load_tense().duration_verbs)


def resolve_date_span(text: str, base: date | None, *, prefer_future: bool = False) -> DateSpan | None:
    """Resolve the main date of a text: the first one pinned to a day, else the first one found."""
    matches = find_date_spans(text, base, prefer_future=prefer_future)
    for match in matches:
        if match.span.precision == "day":
            return match.span
    return matches[0].span if matches else None


def _merge_glosses(sentence: str, matches: list[DateMatch]) -> list[DateMatch]:
    """Fold `星期一（12月12日）` into one match (the bracketed date wins) and `26日和27日` into a range."""
    merged: list[DateMatch] = []
    for match in matches:
        gap = sentence[merged[-1].end : match.begin].strip() if merged else ""
        if merged and not gap and (merged[-1].bare_weekday or match.bare_weekday):
            # 18日星期五 and 星期五18日 are one date: the day of the month wins over the weekday.
            day = match if merged[-1].bare_weekday else merged[-1]
            text = sentence[merged[-1].begin : match.end]
            merged[-1] = DateMatch(merged[-1].begin, match.end, text, day.span, day.relative)
        elif merged and gap in ("(", "（"):
            end = match.end + 1 if sentence[match.end : match.end + 1] in (")", "）") else match.end
            merged[-1] = DateMatch(
                merged[-1].begin, end, sentence[merged[-1].begin : end], match.span, match.relative
            )
        elif merged and gap in ("和", "、", "及", "与") and _next_day(merged[-1].span, match.span):
            span = DateSpan(merged[-1].span.start, match.span.end, "day")
            text = sentence[merged[-1].begin : match.end]
            merged[-1] = DateMatch(merged[-1].begin, match.end, text, span, merged[-1].relative)
        else:
            merged.append(match)
    return merged


def _next_day(first: DateSpan, second: DateSpan) -> bool:
    if first.precision != "day" or second.precision != "day" or first.end is None or second.start is None:
        return False
    return second.start == first.end + timedelta(days=1)


_DATELINE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日\s*"
    r"(?:专电|电|综合外电|综合电|综合报道|综合报导|讯)"
)


def find_dateline(text: str) -> tuple[int | None, int | None, int] | None:
    """Read the first news dateline (华盛顿12日电, 1月17日电) as (year, month, day); parts may be None."""
    match = _DATELINE.search(text.translate(_NORMALISE))
    if match is None or not 1 <= int(match["d"]) <= 31:
        return None
    year, month = (int(value) if value else None for value in match.group("y", "m"))
    return year, month, int(match["d"])
