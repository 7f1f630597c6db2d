"""Reference events: known dated meetings and moments that articles name instead of dating."""

from __future__ import annotations

import calendar
import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import ahocorasick

from data_prep.annotate.dates import DateMatch, find_date_spans, find_dateline, parse_number
from data_prep.model import DateSpan
from data_prep.vocab import officials
from data_prep.vocab.cues import load_cues
from data_prep.vocab.kept import built_once
from data_prep.vocab.refevents import (
    ReferenceEvent,
    Vocabulary,
    load_vocabulary,
    read_vocabulary,
)
from data_prep.vocab.script import to_traditional

__all__ = [
    "RefEventHit",
    "ReferenceEvent",
    "Vocabulary",
    "find_reference_events",
    "infer_published_on",
    "load_vocabulary",
    "read_vocabulary",
]

_GAP = "[^。！？；\n]{0,12}?"  # what "…" in a cue stands for: a few characters of the same sentence
_SENTENCE_END = re.compile(r"[。！？；\n]")


@dataclass(frozen=True, slots=True)
class RefEventHit:
    """A phrase naming a reference event, and the dates it points to (shifted by 前一天/次日...)."""

    key: str
    begin: int
    end: int
    event: ReferenceEvent
    span: DateSpan
    relation: str | None = None


_CuePattern = tuple[str, ReferenceEvent, tuple[str, ...], bool]  # (pattern, event, near words, gapped)
_Sides = tuple[frozenset[str], frozenset[str]]  # the words naming an event's participants, US first


@dataclass(frozen=True, slots=True)
class _CueIndex:
    """The cue patterns in vocabulary order, and an automaton from each spelling's longest fixed piece
    to the patterns that cannot match without it: a sentence runs only the patterns whose piece it has.

    It holds every word matching needs in both scripts, so that no article converts one (the converter
    costs a build a twentieth of a second to load), and the patterns as text, compiled on first use.
    """

    patterns: tuple[_CuePattern, ...]
    pieces: Any
    event_nouns: tuple[str, ...]  # the vocabulary's words naming a meeting, in both scripts
    both_sides: tuple[str, ...]  # and those naming both sides' leaders
    third_party: str | None  # the pattern of a third country's official, None without titles
    sides: dict[str, _Sides]  # by the key of an event with participants


# Built once per vocabulary object; keyed by identity, since hashing a Vocabulary walks all of it.
_INDEXES: dict[int, tuple[Vocabulary, _CueIndex]] = {}


def _cue_index(vocabulary: Vocabulary) -> _CueIndex:
    if vocabulary is load_vocabulary():
        return _packaged_cue_index()
    entry = _INDEXES.get(id(vocabulary))
    if entry is None or entry[0] is not vocabulary:
        entry = (vocabulary, _build_cue_index(vocabulary))
        _INDEXES[id(vocabulary)] = entry
    return entry[1]


@built_once  # kept with the vocabularies between builds
def _packaged_cue_index() -> _CueIndex:
    return _build_cue_index(load_vocabulary())


def _build_cue_index(vocabulary: Vocabulary) -> _CueIndex:
    """One pattern per cue, matching simplified and traditional spellings, then any relation word."""
    words = sorted((re.escape(phrase) for phrase, _ in vocabulary.relations), key=len, reverse=True)
    relations = "|".join(words)
    patterns: list[_CuePattern] = []
    needed: dict[str, set[int]] = {}
    for event in vocabulary.events:
        for cue in event.cues:
            spellings = {cue.phrase, to_traditional(cue.phrase)}
            body = "|".join(_GAP.join(map(re.escape, s.split("…"))) for s in sorted(spellings))
            tail = rf"(?:的?(?P<relation>{relations}))?" if relations else ""
            near = tuple({variant for word in cue.near for variant in (word, to_traditional(word))})
            for spelling in spellings:
                needed.setdefault(max(spelling.split("…"), key=len), set()).add(len(patterns))
            patterns.append((f"(?:{body}){tail}", event, near, "…" in cue.phrase))
    pieces = ahocorasick.Automaton()
    for piece, indexes in needed.items():
        pieces.add_word(piece, frozenset(indexes))
    pieces.make_automaton()
    titles = vocabulary.third_party_titles
    return _CueIndex(
        tuple(patterns),
        pieces,
        _variants(vocabulary.event_nouns),
        _variants(vocabulary.both_sides),
        _third_party(load_cues().foreign_countries, titles) if titles else None,
        {event.key: _side_words(event) for event in vocabulary.events if event.participants},
    )


@functools.cache  # a pattern is compiled once per process, when first needed: most never are
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def find_reference_events(text: str, vocabulary: Vocabulary | None = None) -> list[RefEventHit]:
    """Find phrases naming reference events (中美元首旧金山会晤, 台湾大选投票日前一天), in text order."""
    vocabulary = vocabulary or load_vocabulary()
    index = _cue_index(vocabulary)
    candidates: set[int] = set()
    for _end, indexes in index.pieces.iter(text):
        candidates |= indexes
    if not candidates:
        return []
    offsets = dict(vocabulary.relations)
    hits: list[RefEventHit] = []
    for number in sorted(candidates):  # vocabulary order, as overlaps are settled in a stable sort
        source, event, near, gapped = index.patterns[number]
        pattern = _compiled(source)
        for match in pattern.finditer(text):
            sentence = _sentence_around(text, match.start(), match.end())
            if near and not any(word in sentence for word in near):
                continue
            if event.participants and not _names_the_meeting(text, match, gapped, event, index):
                continue
            relation = match.group("relation") if "relation" in pattern.groupindex else None
            span = _shifted(event, offsets[relation]) if relation else DateSpan(event.start, event.end, "day")
            hits.append(RefEventHit(event.key, match.start(), match.end(), event, span, relation))
    return _drop_overlaps(hits)


def _names_the_meeting(
    text: str, match: re.Match[str], gapped: bool, event: ReferenceEvent, index: _CueIndex
) -> bool:
    """Whether a cue of a known meeting stands for that meeting here, not for another one or none.

    "旧金山会晤" names it. "拜登…旧金山" or "伍德赛德" names it only in a sentence that speaks of a
    meeting and names both sides ("拜登在旧金山一场募款活动" does not; nor the company Woodside). A third
    country's leader who met one of them at the same summit ("日本首相与习近平在旧金山会晤") is another
    meeting.
    """
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
    if _third_party_before(text[sentence_start : match.end()], index):
        return False
    nouns = index.event_nouns
    if not gapped and any(noun in text[match.start() : match.end() + 3] for noun in nouns):
        return True
    sentence = _sentence_around(text, match.start(), match.end())
    us, cn = index.sides[event.key]
    both = any(word in sentence for word in index.both_sides)
    sides = both or (any(w in sentence for w in us) and any(w in sentence for w in cn))
    talks = nouns + load_cues().meeting_words()
    return sides and any(word in sentence for word in talks)


def _variants(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple({variant for word in words for variant in (word, to_traditional(word))})


def _third_party_before(text: str, index: _CueIndex) -> bool:
    """ "日本首相…", "澳大利亚总理…": a third country's leader or minister is named in the text."""
    return index.third_party is not None and _compiled(index.third_party).search(text) is not None


def _third_party(countries: tuple[str, ...], titles: tuple[str, ...]) -> str:
    country = "|".join(map(re.escape, _variants(countries)))
    title = "|".join(map(re.escape, _variants(titles)))
    return f"(?:{country})(?:国|國)?(?:{title})"


def _side_words(event: ReferenceEvent) -> _Sides:
    """The names and titles (on the event's day) of the event's participants, US first."""
    words: dict[str, set[str]] = {"US": set(), "CN": set()}
    for key in event.participants:
        person = officials.find_person(key)
        if person is None:
            continue
        words[person.side].update(person.aliases)
        role = officials.role_on(person, event.start)
        if role is not None:
            words[person.side].update(role.title_cues)
            words[person.side].update(map(to_traditional, role.title_cues))
    return frozenset(words["US"]), frozenset(words["CN"])


def _sentence_around(text: str, begin: int, end: int) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, begin)]
    stop = _SENTENCE_END.search(text, end)
    return text[starts[-1] if starts else 0 : stop.start() if stop else len(text)]


def _shifted(event: ReferenceEvent, days: int) -> DateSpan:
    if days == 0:
        return DateSpan(event.start, event.end, "day")
    day = (event.start if days < 0 else event.end) + timedelta(days=days)
    return DateSpan(day, day, "day")


def _drop_overlaps(hits: list[RefEventHit]) -> list[RefEventHit]:
    """Keep one of overlapping hits of an event: the one with a relation word, else the shortest."""
    kept: list[RefEventHit] = []
    for hit in sorted(hits, key=lambda h: (h.begin, h.relation is None, h.end - h.begin)):
        if not any(k.key == hit.key and k.begin < hit.end and hit.begin < k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.begin, h.end))


# 今年是中美建交45周年: the article's year is the anniversary's year plus this shift.
_YEAR_WORDS = {"今年": 0, "明年": -1, "去年": 1}
_ANNIVERSARY = r"[^。！？；\n]{0,4}?(?P<n>\d{1,3}|[一二三四五六七八九十]{1,4})\s*周年"
_DAY_NUMBER = re.compile(r"(?:\d|[一二三四五六七八九十])\s*[日号]")
_RELATIVE_YEAR = ("去年", "今年", "前年", "明年")
_EVENT_YEAR_REACH = 24  # characters before an event phrase searched for 去年11月


def infer_published_on(text: str, vocabulary: Vocabulary | None = None) -> DateSpan | None:
    """Infer the dateline of an undated article from what it says, or None when the evidence is missing.

    Years come from anniversaries (建交45周年) and from 去年/今年 phrases that name a reference event;
    the month from a date pinned by a relation to an event (投票日前一天) that the article's own N日
    expressions agree with; the day from a dateline (华盛顿12日电) once the month is known.
    Conflicting years give None.
    """
    vocabulary = vocabulary or load_vocabulary()
    hits = find_reference_events(text, vocabulary)
    years = Counter(_anniversary_years(text, vocabulary) + _event_years(text, hits))
    month = _pinned_month(text, hits)
    if month is not None:
        years[month[0]] += 1
    if not years:
        return None
    ranked = years.most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    year = ranked[0][0]
    month = month if month is not None and month[0] == year else None
    return _dateline_day(text, year, month) or _month_or_year(year, month)


def _anniversary_years(text: str, vocabulary: Vocabulary) -> list[int]:
    """今年是中美建交45周年 → 1979 + 45; 明年/去年 before it in the sentence shift the article's year."""
    years = []
    for anniversary in vocabulary.anniversaries:
        cues = "|".join(re.escape(cue) for cue in anniversary.cues)
        for match in re.finditer(f"(?:{cues}){_ANNIVERSARY}", text):
            sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())), default=0)
            before = text[sentence_start : match.start()]
            said = max(_YEAR_WORDS, key=before.rfind)
            shift = _YEAR_WORDS[said] if said in before else 0
            years.append(anniversary.since + parse_number(match["n"]) + shift)
    return years


def _event_years(text: str, hits: list[RefEventHit]) -> list[int]:
    """去年11月…旧金山会晤: the article year for which 去年11月 contains the event's date."""
    years = []
    for hit in hits:
        start = max(0, hit.begin - _EVENT_YEAR_REACH)
        around = text[start : hit.end]  # the year may sit inside a gapped cue: 元首去年在巴厘岛
        event = hit.event
        consistent = [
            year
            for year in range(event.start.year - 2, event.end.year + 4)
            if any(
                _dates_event(match, hit.begin - start, event)
                for match in find_date_spans(around, date(year, 7, 1))
            )
        ]
        if len(consistent) == 1:
            years.append(consistent[0])
    return years


def _dates_event(match: DateMatch, cue_begin: int, event: ReferenceEvent) -> bool:
    """A 去年/今年 phrase dates the event when it contains it and is a month, or a year right before it."""
    if not match.text.startswith(_RELATIVE_YEAR) or match.span.start is None or match.span.end is None:
        return False
    if not ("月" in match.text or cue_begin - match.end <= 4):
        return False
    return match.span.start <= event.end and event.start <= match.span.end


def _pinned_month(text: str, hits: list[RefEventHit]) -> tuple[int, int] | None:
    """投票日前一天 pins a day; the article's own `12日` agreeing with it fixes the year and month."""
    for hit in hits:
        pinned = hit.span.start
        if hit.relation is None or pinned is None or hit.span.end != pinned:
            continue
        for match in find_date_spans(text, pinned):
            day_only = "月" not in match.text and _DAY_NUMBER.search(match.text)
            if day_only and match.span.start == pinned:
                return pinned.year, pinned.month
    return None


def _dateline_day(text: str, year: int, month: tuple[int, int] | None) -> DateSpan | None:
    dateline = find_dateline(text)
    if dateline is None or dateline[0] not in (None, year):
        return None
    known_month = dateline[1] or (month[1] if month else None)
    if known_month is None or (month is not None and known_month != month[1]):
        return None
    try:
        day = date(year, known_month, dateline[2])
    except ValueError:
        return None
    return DateSpan(day, day, "day")


def _month_or_year(year: int, month: tuple[int, int] | None) -> DateSpan:
    if month is None:
        return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")
    last = calendar.monthrange(*month)[1]
    return DateSpan(date(*month, 1), date(*month, last), "month")
