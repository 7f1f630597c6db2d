"""Mentions of many articles → one `Meeting` per real-world meeting, with all its sources and excerpts."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from data_prep.attendance import assign_attendance
from data_prep.model import DateSpan, Excerpt, Meeting, MeetingMention, Participant, Source

# A person at or above this rank leads a side: two such leaders that differ mean two meetings.
PRINCIPAL_RANK = 70
# Mentions at or above this confidence were dated by their own text (see meetings._mention).
TEXT_DATED = 0.7
_PRECISION_ORDER = {"day": 3, "month": 2, "year": 1, "unknown": 0}
_TYPE_STRENGTH = {"unknown": 0, "in_person": 1, "phone": 2, "video": 3}
MAX_EXCERPTS = 60


@dataclass(slots=True)
class _Cluster:
    lead: MeetingMention
    members: list[MeetingMention] = field(default_factory=list)
    ranks: dict[str, int] = field(default_factory=dict)


def _people(mention: MeetingMention, side: str) -> set[str]:
    return {p.key for p in mention.participants if p.side == side and not _is_body(p)}


def _is_body(participant: Participant) -> bool:
    return participant.key.startswith(("inst:", "cp:"))


def _office_core(name: str) -> str:
    """The distinctive words of an office's name: "US Department of the Treasury" → "Treasury"."""
    core = name
    for prefix in ("US ", "PRC ", "Department of the ", "Department of ", "Ministry of the ", "Ministry of "):
        core = core.removeprefix(prefix)
    return core


_MINOR_WORDS = {"office", "for", "of", "the", "and", "us", "prc", "department", "ministry"}
# An unnamed delegation may be anyone of its side.
_ANYONE = ("delegation",)


def _office_covers(office: Participant, person: Participant) -> bool:
    """Whether a person's title places them in an office ("Deputy Assistant Secretary of Defense" in DoD)."""
    core = _office_core(office.name_en).lower()
    if any(word in core for word in _ANYONE):
        return True
    title = (person.title or "").lower()
    words = [w for w in core.replace(",", " ").split() if w not in _MINOR_WORDS]
    return bool(title) and bool(words) and all(w in title for w in words)


def _side_shares(a: MeetingMention, b: MeetingMention, side: str) -> bool:
    mine = {p.key if not _is_body(p) else p.name_en for p in a.participants if p.side == side}
    theirs = {p.key if not _is_body(p) else p.name_en for p in b.participants if p.side == side}
    return bool(mine & theirs)


def _side_fits(a: MeetingMention, b: MeetingMention, side: str) -> bool:
    """Two mentions agree on a side when they share someone there, or an office there covers a person."""
    if _side_shares(a, b, side):
        return True
    for x, y in ((a, b), (b, a)):
        if not _people(x, side):
            offices = [p for p in x.participants if p.side == side and _is_body(p)]
            persons = [p for p in y.participants if p.side == side and not _is_body(p)]
            if any(_office_covers(o, p) for o in offices for p in persons):
                return True
    return False


def _same_day_delegation(a: MeetingMention, b: MeetingMention, side: str, ranks: dict[str, int]) -> bool:
    """One delegation's talks of one day with several working-level hosts are one meeting.

    (康达 with 杨涛 in the morning and 马朝旭 in the afternoon.) Only below principal rank, only when the
    other side shares someone, and only on the very same dates.
    """
    other = "CN" if side == "US" else "US"
    if a.span != b.span or a.span.precision != "day" or not _side_shares(a, b, other):
        return False
    people = _people(a, side) | _people(b, side)
    return all(ranks.get(k, 0) < PRINCIPAL_RANK for k in people)


def _principals(mention: MeetingMention, side: str, ranks: dict[str, int]) -> set[str]:
    return {k for k in _people(mention, side) if ranks.get(k, 0) >= PRINCIPAL_RANK}


# A mention dated only by its article's dateline may report a meeting of the days before (held) or a
# meeting still weeks away (planned).
_REPORTED_AFTER = timedelta(days=7)
_ANNOUNCED_BEFORE = timedelta(days=30)


def _reach(mention: MeetingMention) -> DateSpan:
    """The days a mention can speak of: its span, widened when only the dateline dates it."""
    span = mention.span
    if span.start is None or mention.confidence >= TEXT_DATED or span.precision != "day":
        return span
    if mention.status == "planned":
        return DateSpan(span.start, (span.end or span.start) + _ANNOUNCED_BEFORE, "unknown")
    return DateSpan(span.start - _REPORTED_AFTER, span.end, "unknown")


def _dates_fit(a: MeetingMention, b: MeetingMention) -> bool:
    if a.span.start is None or b.span.start is None:
        return a.span.start is None and b.span.start is None
    coarse = {"month", "year"} & {a.span.precision, b.span.precision}
    tolerance = 0 if coarse else 1
    return _reach(a).overlaps(_reach(b), tolerance_days=tolerance)


def same_meeting(a: MeetingMention, b: MeetingMention, ranks: dict[str, int]) -> bool:
    """Whether two mentions report one meeting: fitting dates, the same sides, no rival principals."""
    if a.reference and b.reference:
        return a.reference == b.reference
    if not _dates_fit(a, b):
        return False
    fits = {side: _side_fits(a, b, side) or _same_day_delegation(a, b, side, ranks) for side in ("US", "CN")}
    if not all(fits.values()):
        return False
    if not (_side_shares(a, b, "US") or _side_shares(a, b, "CN")) and a.span != b.span:
        return False
    for side in ("US", "CN"):
        mine, theirs = _principals(a, side, ranks), _principals(b, side, ranks)
        if mine and theirs and not mine & theirs:
            return False
    return True


def _strength(mention: MeetingMention) -> tuple:
    return (mention.confidence, _PRECISION_ORDER[mention.span.precision], mention.path)


def _cast(cluster: _Cluster) -> MeetingMention:
    """The lead of a group, speaking for everyone the group's reports name so far."""
    if cluster.lead.reference:
        return cluster.lead
    people: dict[str, Participant] = {}
    for member in cluster.members:
        if not member.reference:
            people.update({p.key: p for p in member.participants})
    return replace(cluster.lead, participants=tuple(people.values()))


def _joins(cluster: _Cluster, mention: MeetingMention, ranks: dict[str, int]) -> bool:
    """Whether a mention joins a group: the group's people fit, and its date fits the lead's or that of
    a member dated by its own text (the group's people, not one member's, so that groups do not chain).
    """
    cast = _cast(cluster)
    if same_meeting(cast, mention, ranks):
        return True
    if (
        mention.reference
        or cast.reference
        or not same_meeting(replace(cast, span=mention.span), mention, ranks)
    ):
        return False
    return any(m.confidence >= TEXT_DATED and _dates_fit(m, mention) for m in cluster.members[1:])


def cluster_mentions(mentions: Iterable[MeetingMention], ranks: dict[str, int]) -> list[list[MeetingMention]]:
    """Group mentions greedily, strongest first, each joining the first group it fits."""
    clusters: list[_Cluster] = []
    for mention in sorted(mentions, key=_strength, reverse=True):
        for cluster in clusters:
            if _joins(cluster, mention, ranks):
                cluster.members.append(mention)
                break
        else:
            clusters.append(_Cluster(mention, [mention]))
    return [c.members for c in clusters]


def _vote_span(members: list[MeetingMention]) -> DateSpan:
    """The date most sources give from the text; the dateline only when no text dates the meeting."""
    members = [m for m in members if m.status == "held"] or members
    best_precision = max(_PRECISION_ORDER[m.span.precision] for m in members)
    pool = [m for m in members if _PRECISION_ORDER[m.span.precision] == best_precision]
    textual = [m for m in pool if m.confidence >= TEXT_DATED] or pool
    votes: Counter[tuple] = Counter()
    for m in textual:
        votes[(m.span.start, m.span.end, m.span.precision)] += m.confidence
    (start, end, precision), _ = min(votes.items(), key=lambda kv: (-kv[1], kv[0][0] or date.min))
    return _point_estimate(DateSpan(start, end, precision))


def _point_estimate(span: DateSpan) -> DateSpan:
    """A vague window (日前, 近日, 本月早些时候) → the day before its end, still marked imprecise."""
    if span.precision != "unknown" or span.start is None or span.end is None:
        return span
    day = max(span.start, span.end - timedelta(days=1))
    return DateSpan(day, day, "unknown")


def _vote(values: list[tuple[str | None, float]]) -> str | None:
    tally: Counter[str] = Counter()
    for value, weight in values:
        if value:
            tally[value] += weight
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
        extra = _principals(mention, side, ranks) - _principals(lead, side, ranks)
        if len(extra) < 2:
            vouched |= {p.key for p in mention.participants if p.side == side}
    return vouched


def _participants(members: list[MeetingMention], ranks: dict[str, int]) -> tuple[Participant, ...]:
    """The people of the strongest report, and anyone else enough of the reports name.

    A known event's cast (a whole visit) counts only when nothing else reports the meeting.
    """
    reports = [m for m in members if not m.reference] or members
    lead = max(reports, key=_strength)
    support: Counter[str] = Counter(key for m in reports for key in _vouches(m, lead, ranks))
    people: dict[str, Participant] = {p.key: p for p in lead.participants}
    for mention in sorted(reports, key=_strength, reverse=True):
        for p in mention.participants:
            if p.key not in people and _supported(p.key, support, len(reports), ranks):
                people[p.key] = p
    ordered = sorted(
        people.values(), key=lambda p: (p.side != "US", _is_body(p), -ranks.get(p.key, 0), p.key)
    )
    return tuple(ordered)


def _sources(members: list[MeetingMention]) -> tuple[Source, ...]:
    by_path = {m.source.path: m.source for m in members}
    return tuple(sorted(by_path.values(), key=lambda s: (s.published or "", s.path)))


def _excerpts(members: list[MeetingMention]) -> tuple[Excerpt, ...]:
    seen: dict[tuple[str, str], Excerpt] = {}
    for mention in sorted(members, key=_strength, reverse=True):
        for excerpt in mention.excerpts:
            seen.setdefault((excerpt.path, excerpt.text), excerpt)
    return tuple(list(seen.values())[:MAX_EXCERPTS])


def meeting_id(span: DateSpan, participants: tuple[Participant, ...], reference: str | None) -> str:
    """An id that depends only on what the meeting is: its date and its people."""
    keys = ",".join(
        sorted(p.key for p in participants if not _is_body(p)) or sorted(p.key for p in participants)
    )
    basis = f"{reference or ''}|{span.start}|{keys}"
    return "m-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


def build_meeting(members: list[MeetingMention], ranks: dict[str, int]) -> Meeting:
    """Combine the mentions of one meeting into its row."""
    span = _vote_span(members)
    kinds = [(m.meeting_type, m.confidence) for m in members if m.meeting_type != "unknown"]
    meeting_type = _vote(kinds) or "unknown"
    location = _vote([(m.location, m.confidence) for m in members]) if meeting_type == "in_person" else None
    held = any(m.status == "held" for m in members)
    status = "held" if held else "planned"
    participants = _participants(members, ranks)
    lead = max(members, key=_strength)
    return Meeting(
        id=meeting_id(span, participants, lead.reference),
        span=span,
        status=status,
        meeting_type=meeting_type,  # type: ignore[arg-type]
        location=location,
        participants=participants,
        # What was to be discussed, announced beforehand, is not what was discussed.
        topics=tuple(sorted({t for m in members if m.status == status for t in m.topics})),
        sources=_sources(members),
        excerpts=_excerpts(members),
        mentions=len(members),
    )


def _unique_ids(meetings: list[Meeting]) -> list[Meeting]:
    from dataclasses import replace

    seen: Counter[str] = Counter()
    unique = []
    for meeting in meetings:
        seen[meeting.id] += 1
        unique.append(
            meeting if seen[meeting.id] == 1 else replace(meeting, id=f"{meeting.id}-{seen[meeting.id]}")
        )
    return unique


def merge_mentions(mentions: Iterable[MeetingMention]) -> list[Meeting]:
    """Merge every article's mentions into one row per meeting, sorted by date then id."""
    ordered = sorted(mentions, key=lambda m: (m.path, m.excerpts[0].text if m.excerpts else ""))
    ranks = {p.key: p.rank for m in ordered for p in m.participants}
    meetings = assign_attendance(
        [build_meeting(members, ranks) for members in cluster_mentions(ordered, ranks)]
    )
    meetings.sort(key=lambda m: (m.span.start or date.max, m.id))
    return _unique_ids(meetings)
