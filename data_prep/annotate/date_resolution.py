"""Date resolution: what a found Chinese date expression means, counted from a dateline."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from data_prep.model import DateSpan

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


@dataclass(frozen=True, slots=True)
class DateContext:
    """What a match is read against: the dateline, the reading direction, the date last mentioned."""

    base: date | None
    prefer_future: bool
    anchor: DateSpan | None
    nearest: bool = False  # a bare weekday without tense: the nearest such day, either way
    after_people: frozenset[int] = frozenset()  # where a person's name or title ends in the sentence


def resolve_match(kind: str, match: re.Match[str], ctx: DateContext) -> DateSpan | None:
    """The span a match of the grammar's pattern `kind` stands for; None when it is not a date."""
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
        return None if _counts_from_an_event(match, ctx.after_people) else _resolve_ago(groups, ctx.base)
    return _resolve_relative(groups["rel"], ctx)


# After these, "一天前" still counts back from the dateline ("就在一天前", "他三天前", "于两天前").
_FROM_THE_DATELINE = "在于前约早才仅他她我你们其，,、。；;：: "


def _counts_from_an_event(match: re.Match[str], after_people: frozenset[int]) -> bool:
    """ "拜登讲话一天前": the count starts at another event named just before it, not at the dateline.

    Right after a person ("沙利文两天前与杨洁篪会谈") it counts from the dateline: a person is no event.
    """
    start = match.start()
    if start == 0 or start in after_people:
        return False
    before = match.string[start - 1]
    return "\u4e00" <= before <= "\u9fff" and before not in _FROM_THE_DATELINE


def _resolve_ago(groups: dict[str, str | None], base: date | None) -> DateSpan:
    """一天前 is a day; 三天前, 两周前 and 一个月前 are windows around that day, unless 的今天 pins it."""
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
    if groups["today"] or (unit in ("天", "日") and count <= 1):
        return DateSpan(target, target, "day")
    # A count of days is the writer's, from the day of writing and in the writer's zone: near, not exact.
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


def _month_of(groups: dict[str, str | None], ctx: DateContext) -> tuple[int, int] | None:
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


def _resolve_day(groups: dict[str, str | None], ctx: DateContext) -> DateSpan | None:
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


def _resolve_day_only(groups: dict[str, str | None], ctx: DateContext) -> DateSpan | None:
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


def _resolve_month(groups: dict[str, str | None], ctx: DateContext) -> DateSpan:
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


def _resolve_week(groups: dict[str, str | None], ctx: DateContext) -> DateSpan:
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
    else:
        ahead = (first - base.weekday()) % 7
        back = (base.weekday() - first) % 7
        forward = ctx.prefer_future or (ctx.nearest and 0 < ahead < back)
        start = base + timedelta(days=ahead) if forward else base - timedelta(days=back)
    return DateSpan(start, start + timedelta(days=1 if weekday == "末" else 0), "day")


def _resolve_relative(word: str, ctx: DateContext) -> DateSpan:
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
