"""Mentions of many articles → one `Meeting` per real-world meeting, with all its sources and excerpts."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from data_prep.merge.attendance import assign_attendance
from data_prep.merge.grouping import (
    PRECISION_ORDER,
    cluster_mentions,
    join_recalled,
    names_only_offices,
    principals,
    strength,
)
from data_prep.model import (
    DATED_BY,
    DatedBy,
    DatePrecision,
    DateSpan,
    Excerpt,
    Meeting,
    MeetingMention,
    Participant,
    Source,
    Status,
)

MAX_EXCERPTS = 60


# When mentions give the winning date in several ways, the row says the most direct one.
_DATED_BY_ORDER: dict[DatedBy, int] = {way: -i for i, way in enumerate(DATED_BY)}


def _vote_span(members: list[MeetingMention]) -> tuple[DateSpan, DatedBy]:
    """The date most sources give from the text; the dateline only when no text dates the meeting."""
    members = [m for m in members if m.status == "held"] or members
    best_precision = max(PRECISION_ORDER[m.span.precision] for m in members)
    pool = [m for m in members if PRECISION_ORDER[m.span.precision] == best_precision]
    textual = [m for m in pool if m.pinned_to_a_day] or pool
    votes: dict[tuple[date | None, date | None, DatePrecision], float] = {}
    for m in textual:
        key = (m.span.start, m.span.end, m.span.precision)
        votes[key] = votes.get(key, 0.0) + m.confidence
    (start, end, precision), _ = min(votes.items(), key=lambda kv: (-kv[1], kv[0][0] or date.min))
    winners = [
        m.dated_by for m in textual if (m.span.start, m.span.end, m.span.precision) == (start, end, precision)
    ]
    dated_by = max(winners, key=_DATED_BY_ORDER.__getitem__)
    span = DateSpan(start, end, precision)
    if all(m.status == "planned" for m in textual):
        return span, dated_by  # a plan keeps the window it is expected in
    return _point_estimate(span), dated_by


# "日前/稍早" (a few days back) point to the days just before the dateline; a longer window ("5月底",
# "本月早些时候") gives no such lean, so its middle is the best single guess.
_SHORT_WINDOW = timedelta(days=7)


def _point_estimate(span: DateSpan) -> DateSpan:
    """A vague window → one day inside it, still marked imprecise."""
    if span.precision != "unknown" or span.start is None or span.end is None:
        return span
    if span.end - span.start <= _SHORT_WINDOW:
        day = max(span.start, span.end - timedelta(days=1))
    else:
        day = span.start + (span.end - span.start) / 2
    return DateSpan(day, day, "unknown")


def _vote(values: Sequence[tuple[str | None, float]]) -> str | None:
    """The value with the most weight behind it; ties go to the first in alphabetical order."""
    tally: dict[str, float] = {}
    for value, weight in values:
        if value:
            tally[value] = tally.get(value, 0.0) + weight
    return min(tally.items(), key=lambda kv: (-kv[1], kv[0]))[0] if tally else None


# Someone named by few of a meeting's reports was more likely mentioned beside it than present at it;
# heads of state are named as context most of all.
_SUPPORT_SHARE = 0.1
_LEADER_SHARE = 0.34
_LEADER_RANK = 90
_FEW_REPORTS = 3


def _supported(key: str, support: Counter[str], reports: int, ranks: dict[str, int]) -> bool:
    share = _LEADER_SHARE if ranks.get(key, 0) >= _LEADER_RANK else _SUPPORT_SHARE
    floor = 1 if reports <= _FEW_REPORTS else 2
    return support[key] >= max(floor, share * reports)


def _vouches(mention: MeetingMention, lead: MeetingMention, ranks: dict[str, int]) -> set[str]:
    """The people a report vouches for as present. A summary naming several leaders of one side beyond
    the meeting's own ("布林肯此行与秦刚、王毅会晤，更与习近平见面") vouches for none of that side."""
    vouched = set()
    for side in ("US", "CN"):
        extra = principals(mention, side, ranks) - principals(lead, side, ranks)
        if len(extra) < 2:
            vouched |= {p.key for p in mention.participants if p.side == side}
    return vouched


def _participants(members: list[MeetingMention], ranks: dict[str, int]) -> tuple[Participant, ...]:
    """The people of the strongest report, and anyone else enough of the reports name.

    A known event's cast (a whole visit) counts only when nothing else reports the meeting.
    """
    reports = [m for m in members if not m.reference] or members
    lead = max(reports, key=strength)
    support: Counter[str] = Counter(key for m in reports for key in _vouches(m, lead, ranks))
    people: dict[str, Participant] = {p.key: p for p in lead.participants}
    for mention in sorted(reports, key=strength, reverse=True):
        for p in mention.participants:
            if p.key not in people and _supported(p.key, support, len(reports), ranks):
                people[p.key] = p
    ordered = sorted(
        people.values(), key=lambda p: (p.side != "US", p.is_office, -ranks.get(p.key, 0), p.key)
    )
    return tuple(ordered)


def _sources(members: list[MeetingMention]) -> tuple[Source, ...]:
    by_path = {m.source.path: m.source for m in members}
    return tuple(sorted(by_path.values(), key=lambda s: (s.published or "", s.path)))


def _excerpts(members: list[MeetingMention], topics: Sequence[str]) -> tuple[Excerpt, ...]:
    """Reports of the meeting held first, then announcements of it; the strongest first within each.

    At most MAX_EXCERPTS, but never without the first sentence of each of the row's topics: a topic
    tag must keep the sentence that ties it to the meeting, even when it is the 70th to say so.
    """
    seen: dict[tuple[str, str], Excerpt] = {}
    for mention in sorted(members, key=lambda m: (m.status == "held", strength(m)), reverse=True):
        for excerpt in mention.excerpts:
            seen.setdefault((excerpt.path, excerpt.text), excerpt)
    ordered = list(seen.values())
    firsts = (next((i for i, e in enumerate(ordered) if topic in e.topics), None) for topic in topics)
    kept = {i for i in firsts if i is not None}
    for index in range(len(ordered)):
        if len(kept) >= MAX_EXCERPTS:
            break
        kept.add(index)
    return tuple(ordered[i] for i in sorted(kept))


def principal_keys(participants: tuple[Participant, ...]) -> tuple[str, str]:
    """Each side's principal: its most senior named person, else the first of its offices (by key)."""
    found = []
    for side in ("US", "CN"):
        people = [p for p in participants if p.side == side and not p.is_office]
        offices = sorted(p.key for p in participants if p.side == side and p.is_office)
        best = min(people, key=lambda p: (-p.rank, p.key), default=None)
        found.append(best.key if best is not None else (offices[0] if offices else ""))
    return found[0], found[1]


def meeting_id(span: DateSpan, participants: tuple[Participant, ...], reference: str | None) -> str:
    """An id that depends only on the meeting's date and its two principals.

    Anyone else a new source names, and any source that joins without changing the date or the
    principals, leaves the id as it was: links (`m=`) and analysts' corrections keep finding the row.
    """
    us, cn = principal_keys(participants)
    basis = f"{reference or ''}|{span.start}|{us}|{cn}"
    return "m-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


def _cast_digest(meeting: Meeting) -> str:
    """A short digest of everyone at a meeting: tells apart two rows of one date and principals."""
    keys = ",".join(sorted(p.key for p in meeting.participants))
    return hashlib.sha1(f"{meeting.span.end}|{keys}".encode()).hexdigest()[:6]


def _status(members: list[MeetingMention]) -> Status:
    """Held when a report says it took place (a headline without tense is no such report)."""
    if any(m.status == "held" and m.evidence for m in members):
        return "held"
    return "planned"


def build_meeting(members: list[MeetingMention], ranks: dict[str, int]) -> Meeting:
    """Combine the mentions of one meeting into its row.

    Recalled mentions are sources and excerpts of the row; its date, people, kind and status come from
    the reports of the meeting.
    """
    everyone = members
    members = [m for m in members if not m.recalled] or members
    # A report naming only the bodies of a meeting whose people others name lends neither date nor cast.
    named = [m for m in members if not names_only_offices(m)] or members
    span, dated_by = _vote_span(named)
    kinds = [(m.meeting_type, m.confidence) for m in members if m.meeting_type != "unknown"]
    meeting_type = _vote(kinds) or "unknown"
    location = _vote([(m.location, m.confidence) for m in members]) if meeting_type == "in_person" else None
    status = _status(members)
    participants = _participants(named, ranks)
    lead = max(members, key=strength)
    # What was to be discussed, announced beforehand, is not what was discussed.
    # A recalled mention may say what was discussed: its topics count, its date and people do not.
    topics = tuple(sorted({t for m in everyone if m.status == status for t in m.topics}))
    return Meeting(
        id=meeting_id(span, participants, lead.reference),
        span=span,
        status=status,
        meeting_type=meeting_type,  # type: ignore[arg-type]
        location=location,
        participants=participants,
        topics=topics,
        sources=_sources(everyone),
        excerpts=_excerpts(everyone, topics),
        mentions=len(everyone),
        dated_by=dated_by if span.start is not None else "unknown",
    )


def _unique_ids(meetings: list[Meeting]) -> list[Meeting]:
    """Two rows of one date and principals (rare) keep distinct ids: the first by cast keeps the plain
    id, the others add a digest of their cast rather than a number that would depend on their order."""
    groups: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        groups.setdefault(meeting.id, []).append(meeting)
    renamed: dict[int, str] = {}
    for same in groups.values():
        for meeting in sorted(same, key=_cast_digest)[1:]:
            renamed[id(meeting)] = f"{meeting.id}-{_cast_digest(meeting)}"
    unique = [replace(m, id=renamed[id(m)]) if id(m) in renamed else m for m in meetings]
    seen: Counter[str] = Counter()
    for index, meeting in enumerate(unique):  # the same cast twice on one date: number them, as before
        seen[meeting.id] += 1
        if seen[meeting.id] > 1:
            unique[index] = replace(meeting, id=f"{meeting.id}-{seen[meeting.id]}")
    return unique


def merge_mentions(mentions: Iterable[MeetingMention]) -> list[Meeting]:
    """Merge every article's mentions into one row per meeting, sorted by date then id."""
    ordered = sorted(mentions, key=lambda m: (m.path, m.excerpts[0].text if m.excerpts else ""))
    ranks = {p.key: p.rank for m in ordered for p in m.participants}
    groups = cluster_mentions([m for m in ordered if not m.recalled], ranks)
    groups = join_recalled(groups, [m for m in ordered if m.recalled], ranks)
    meetings = assign_attendance([build_meeting(members, ranks) for members in groups])
    meetings.sort(key=lambda m: (m.span.start or date.max, m.id))
    return link_plans(_unique_ids(meetings), ranks)


def _fulfils(held: Meeting, plan: Meeting, ranks: dict[str, int]) -> bool:
    """A held row fulfils a plan: the plan's principals on both sides, held within its window."""
    if plan.span.start is None or held.span.start is None:
        return False
    end = (plan.span.end or plan.span.start) + timedelta(days=1)
    if not plan.span.start - timedelta(days=1) <= held.span.start <= end:
        return False
    for side in ("US", "CN"):
        planned = {p.key for p in plan.participants if p.side == side}
        if not planned & {p.key for p in held.participants if p.side == side}:
            return False
    return True


def link_plans(meetings: list[Meeting], ranks: dict[str, int]) -> list[Meeting]:
    """Link each planned row to the first held row that fulfils it (planned_in / fulfilled_by)."""
    by_id = {m.id: m for m in meetings}
    for plan in [m for m in meetings if m.status == "planned"]:
        held = [m for m in meetings if m.status == "held" and m.planned_in is None]
        fulfilled = [m for m in held if _fulfils(by_id[m.id], plan, ranks)]
        if fulfilled:
            first = min(fulfilled, key=lambda m: (m.span.start or date.max, m.id))
            by_id[plan.id] = replace(plan, fulfilled_by=first.id)
            by_id[first.id] = replace(by_id[first.id], planned_in=plan.id)
            meetings = [by_id[m.id] for m in meetings]
    return [by_id[m.id] for m in meetings]
