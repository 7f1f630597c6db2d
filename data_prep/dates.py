"""Dates: Chinese date expressions in sentences, resolved against a dateline."""

from __future__ import annotations

import calendar
import re
import re._constants as re_constants  # to read the grammar's patterns: see _required_chars
import re._parser as re_parser
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from data_prep.model import DateSpan

# One character for one character, so offsets in the normalised text are offsets in the original.
_NORMALISE = str.maketrans(
    "０１２３４５６７８９週號於點禮後當間時個兩這隔號（）電專綜訊報導",
    "0123456789周号于点礼后当间时个两这隔号()电专综讯报导",
)
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

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
_PART = r"(?P<part>初|底|末|中旬|上旬|下旬|中)?"

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
        ("year", _START + rf"(?:(?P<y>{_Y})\s*年|(?P<ry>{_RY}))(?:年?(?P<part>初|底|末|中))?(?!代|\d|级|期)"),
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
_Parsed = list[tuple[Any, Any]]
_MAX_CLASS = 64  # a character class wider than this says nothing useful


def _required_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which is in every match of the pattern, or None when there is no such set."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _sequence_needs(list(re_parser.parse(pattern.pattern)))


def _sequence_needs(items: _Parsed) -> frozenset[str] | None:
    """The smallest required set among the items every match of the sequence goes through."""
    found = [needs for needs in map(_item_needs, items) if needs is not None]
    return min(found, key=len) if found else None


def _item_needs(item: tuple[Any, Any]) -> frozenset[str] | None:
    op, value = item
    if op is re_constants.LITERAL:
        return frozenset(chr(value))
    if op is re_constants.IN:
        return _class_chars(value)
    if op is re_constants.SUBPATTERN:
        return _sequence_needs(list(value[3]))
    if op is re_constants.ATOMIC_GROUP:
        return _sequence_needs(list(value))
    if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
        return _sequence_needs(list(value[2])) if value[0] >= 1 else None
    if op is re_constants.BRANCH:
        branches = [_sequence_needs(list(branch)) for branch in value[1]]
        if any(needs is None for needs in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None  # anchors, lookarounds, negated or categorised classes: no character is required


def _class_chars(members: _Parsed) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, value in members:
        if op is re_constants.LITERAL:
            chars.add(chr(value))
        elif op is re_constants.RANGE and value[1] - value[0] < _MAX_CLASS:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return frozenset(chars) if len(chars) <= _MAX_CLASS else None


_SCANS = tuple((kind, pattern, _required_chars(pattern)) for kind, pattern in _PATTERNS)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in a sentence, with what it resolves to."""

    begin: int
    end: int
    text: str
    span: DateSpan


_UNKNOWN = DateSpan(None, None, "unknown")
# How far a vague expression reaches, in days relative to the dateline: (from, to).
_VAGUE_WINDOWS = {
    "日前": (-7, 0),
    "近日": (-14, 0),
    "稍早前": (-1, 0),
    "稍早": (-1, 0),
    "早些时候": (-1, 0),
    "日内": (0, 7),
}
_RELATIVE_DAYS = {"今": 0, "昨": -1, "前": -2, "明": 1, "后": 2}
_ANAPHORIC = {
    "当天": 0,
    "当日": 0,
    "同日": 0,
    "同天": 0,
    "当晚": 0,
    "次日": 1,
    "翌日": 1,
    "隔日": 1,
    "隔天": 1,
    "第二天": 1,
}
_YEAR_OFFSETS = {"去年": -1, "今年": 0, "本年": 0, "明年": 1, "前年": -2}
_WEEK_OFFSETS = {None: None, "上上": -2, "上": -1, "本": 0, "这": 0, "下": 1, "下下": 2}
_WEEKDAYS = "一二三四五六"


def find_date_spans(
    sentence: str, base: date | None, *, prefer_future: bool = False, anchor: DateSpan | None = None
) -> list[DateMatch]:
    """Find the date expressions of a sentence, resolved against the dateline `base`.

    `prefer_future` reads day-only and weekday expressions forward (将于/计划 sentences);
    `anchor` is the date last mentioned before the sentence, for 当天/同日/次日.
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
        context = _Context(base, prefer_future, matches[-1].span if matches else anchor)
        span = _resolve_match(kind, match, context)
        if span is not None:
            matches.append(DateMatch(begin, -neg_end, sentence[begin:-neg_end], span))
    return _merge_glosses(sentence, matches)


def resolve_date_span(text: str, base: date | None, *, prefer_future: bool = False) -> DateSpan | None:
    """Resolve the main date of a text: the first one pinned to a day, else the first one found."""
    matches = find_date_spans(text, base, prefer_future=prefer_future)
    for match in matches:
        if match.span.precision == "day":
            return match.span
    return matches[0].span if matches else None


@dataclass(frozen=True, slots=True)
class _Context:
    base: date | None
    prefer_future: bool
    anchor: DateSpan | None


def _merge_glosses(sentence: str, matches: list[DateMatch]) -> list[DateMatch]:
    """Fold `星期一（12月12日）` into one match (the bracketed date wins) and `26日和27日` into a range."""
    merged: list[DateMatch] = []
    for match in matches:
        gap = sentence[merged[-1].end : match.begin].strip() if merged else ""
        if merged and gap in ("(", "（"):
            end = match.end + 1 if sentence[match.end : match.end + 1] in (")", "）") else match.end
            merged[-1] = DateMatch(merged[-1].begin, end, sentence[merged[-1].begin : end], match.span)
        elif merged and gap in ("和", "、", "及", "与") and _next_day(merged[-1].span, match.span):
            span = DateSpan(merged[-1].span.start, match.span.end, "day")
            merged[-1] = DateMatch(merged[-1].begin, match.end, sentence[merged[-1].begin : match.end], span)
        else:
            merged.append(match)
    return merged


def _next_day(first: DateSpan, second: DateSpan) -> bool:
    if first.precision != "day" or second.precision != "day" or first.end is None or second.start is None:
        return False
    return second.start == first.end + timedelta(days=1)


def _resolve_match(kind: str, match: re.Match[str], ctx: _Context) -> DateSpan | None:
    groups = match.groupdict()
    if kind == "day":
        return _resolve_day(groups, ctx)
    if kind == "today-paren":
        return _resolve_day({"d": groups["d"]}, ctx)
    if kind == "month":
        return _resolve_month(groups, ctx)
    if kind == "year":
        year = _resolve_year(groups, ctx.base)
        return _UNKNOWN if year is None else _part_of_year(year, groups["part"])
    if kind in ("week", "week-vague"):
        return _resolve_week(groups, ctx)
    if kind == "ago":
        return _resolve_ago(groups, ctx.base)
    return _resolve_relative(groups["rel"], ctx)


def _resolve_ago(groups: dict[str, str | None], base: date | None) -> DateSpan:
    """三天前 is a day; 两周前 and 一个月前 are windows around that day, unless 的今天 pins the day."""
    if base is None:
        return _UNKNOWN
    unit, raw = groups["unit"] or "天", groups["n"] or "1"
    count = 0.5 if raw == "半" else parse_number(raw)
    days = {"天": 1, "日": 1, "星期": 7, "周": 7, "月": 30, "年": 365}[unit] * count
    if unit in ("月", "年") and groups["today"]:
        months = int(count * (12 if unit == "年" else 1))
        year, month = _add_months(base.year, base.month, -months)
        day = min(base.day, calendar.monthrange(year, month)[1])
        return DateSpan(date(year, month, day), date(year, month, day), "day")
    target = base - timedelta(days=int(days))
    if unit in ("天", "日") or groups["today"]:
        return DateSpan(target, target, "day")
    margin = timedelta(days=int(days // 4) or 1)
    return DateSpan(target - margin, target + margin, "unknown")


def parse_number(value: str) -> int:
    """Read 12, 十二, 二十六, 四十五 or 二〇二四 as an int."""
    if value.isdigit():
        return int(value)
    if "十" not in value:
        return int("".join(str(_CN_DIGITS[ch]) for ch in value))
    tens, _, units = value.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _resolve_year(groups: dict[str, str | None], base: date | None) -> int | None:
    if groups.get("y"):
        return parse_number(groups["y"])  # type: ignore[arg-type]
    if groups.get("ry") and base is not None:
        return base.year + _YEAR_OFFSETS[groups["ry"]]  # type: ignore[index]
    return None


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _month_of(groups: dict[str, str | None], ctx: _Context) -> tuple[int, int] | None:
    """Year and month named by y/ry + m or by rm; without a year, the one nearest the dateline."""
    rm, base = groups.get("rm"), ctx.base
    if rm:
        if base is None:
            return None
        if rm in ("当月", "同月") and ctx.anchor is not None and ctx.anchor.start is not None:
            return ctx.anchor.start.year, ctx.anchor.start.month
        return _add_months(
            base.year, base.month, -1 if rm.startswith("上") else 1 if rm.startswith("下") else 0
        )
    month = parse_number(groups["m"])  # type: ignore[arg-type]
    year = _resolve_year(groups, base)
    if year is not None:
        return year, month
    if base is None:
        return None
    candidates = [(base.year + delta, month) for delta in (-1, 0, 1)]
    if ctx.prefer_future:
        return next(c for c in candidates if c >= (base.year, base.month))
    return min(candidates, key=lambda c: (abs(c[0] * 12 + c[1] - base.year * 12 - base.month), c))


def _resolve_day(groups: dict[str, str | None], ctx: _Context) -> DateSpan | None:
    if groups.get("m") is None and groups.get("rm") is None:
        day_text = groups["d"] or ""
        if len(day_text) == 1 and day_text in _CN_DIGITS:
            return None  # 一日/三日 alone are durations or idioms far more often than dates
        return _resolve_day_only(groups, ctx)
    month = _month_of(groups, ctx)
    if month is None:
        return _UNKNOWN
    try:
        start = date(month[0], month[1], parse_number(groups["d"]))  # type: ignore[arg-type]
    except ValueError:
        return None
    return _with_range_end(start, groups)


def _with_range_end(start: date, groups: dict[str, str | None]) -> DateSpan | None:
    """Close a range `10月26日至27日` / `12月30日至1月2日`; a single day is its own end."""
    if not groups.get("d2"):
        return DateSpan(start, start, "day")
    day2 = parse_number(groups["d2"])  # type: ignore[arg-type]
    year, month = start.year, start.month
    if groups.get("m2"):
        month2 = parse_number(groups["m2"])  # type: ignore[arg-type]
        year, month = (year + 1, month2) if month2 < month else (year, month2)
    elif day2 < start.day:
        year, month = _add_months(year, month, 1)
    try:
        end = date(year, month, day2)
    except ValueError:
        return None
    return DateSpan(start, end, "day") if (end - start).days <= 62 else None


def _resolve_day_only(groups: dict[str, str | None], ctx: _Context) -> DateSpan | None:
    """`12日`: the day of that number nearest the dateline within [-25, +6] days ([-2, +29] forward)."""
    base = ctx.base
    if base is None:
        return _UNKNOWN
    day = parse_number(groups["d"])  # type: ignore[arg-type]
    low, high = (-2, 29) if ctx.prefer_future else (-25, 6)
    candidates = []
    for delta in (-1, 0, 1):
        year, month = _add_months(base.year, base.month, delta)
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if low <= (candidate - base).days <= high:
            candidates.append(candidate)
    if not candidates:
        return None
    start = min(candidates, key=lambda c: abs((c - base).days))
    return _with_range_end(start, groups)


def _resolve_month(groups: dict[str, str | None], ctx: _Context) -> DateSpan:
    if groups.get("m") or groups.get("rm"):
        month = _month_of(groups, ctx)
    else:  # bare 月初/月底: the dateline's month
        month = None if ctx.base is None else (ctx.base.year, ctx.base.month)
    if month is None:
        return _UNKNOWN
    return _part_of_month(*month, groups.get("part"))


def _part_of_month(year: int, month: int, part: str | None) -> DateSpan:
    """A whole month, or the ten-day window of 月初/月中/月底 (a window, hence precision unknown)."""
    last = calendar.monthrange(year, month)[1]
    if part is None:
        return DateSpan(date(year, month, 1), date(year, month, last), "month")
    first_day, last_day = {"初": (1, 10), "上旬": (1, 10), "中": (11, 20), "中旬": (11, 20)}.get(
        part, (21, last)
    )
    return DateSpan(date(year, month, first_day), date(year, month, last_day), "unknown")


def _part_of_year(year: int, part: str | None) -> DateSpan:
    """A whole year, or the two-month window of 年初/年中/年底 (precision unknown)."""
    if part is None:
        return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")
    first, last = {"初": (1, 2), "中": (6, 7)}.get(part, (11, 12))
    return DateSpan(date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), "unknown")


def _resolve_week(groups: dict[str, str | None], ctx: _Context) -> DateSpan:
    """`周三`: the latest Wednesday on or before the dateline (the next one when reading forward)."""
    base = ctx.base
    if base is None:
        return _UNKNOWN
    offset = _WEEK_OFFSETS[groups["wk"]]
    monday = base - timedelta(days=base.weekday())
    weekday = groups.get("wd")
    if weekday is None:  # 上周/本周: the whole week, a window
        start = monday + timedelta(weeks=offset or 0)
        return DateSpan(start, start + timedelta(days=6), "unknown")
    first = 5 if weekday == "末" else 6 if weekday in "日天" else _WEEKDAYS.index(weekday)
    if offset is not None:
        start = monday + timedelta(weeks=offset, days=first)
    elif ctx.prefer_future:
        start = base + timedelta(days=(first - base.weekday()) % 7)
    else:
        start = base - timedelta(days=(base.weekday() - first) % 7)
    return DateSpan(start, start + timedelta(days=1 if weekday == "末" else 0), "day")


def _resolve_relative(word: str, ctx: _Context) -> DateSpan:
    """今天/昨日 count from the dateline, 当天/次日 from the date just mentioned; 日前/近日 are windows."""
    if word in _ANAPHORIC:
        anchor = ctx.anchor
        if anchor is None or anchor.precision != "day" or anchor.start is None or anchor.end is None:
            return _UNKNOWN
        shift = timedelta(days=_ANAPHORIC[word])
        return DateSpan(anchor.end + shift, anchor.end + shift, "day") if shift else anchor
    if ctx.base is None:
        return _UNKNOWN
    if word.endswith("早些时候") and word != "早些时候":
        return _earlier_in(word[: -len("早些时候")], ctx.base)
    if word in _VAGUE_WINDOWS:
        low, high = _VAGUE_WINDOWS[word]
        return DateSpan(ctx.base + timedelta(days=low), ctx.base + timedelta(days=high), "unknown")
    day = ctx.base + timedelta(days=_RELATIVE_DAYS[word[0]])
    return DateSpan(day, day, "day")


def _earlier_in(period: str, base: date) -> DateSpan:
    """本月早些时候: from the start of the month (or week) up to the day before the dateline."""
    if period in ("本月", "这个月"):
        start = base.replace(day=1)
    else:
        monday = base - timedelta(days=base.weekday())
        start = monday - timedelta(days=7) if period == "上周" else monday
        if period == "上周":
            return DateSpan(start, start + timedelta(days=6), "unknown")
    return DateSpan(start, max(start, base - timedelta(days=1)), "unknown")


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
