"""Which mentions report the same meeting: grouping the mentions of many articles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from data_prep.model import DateSpan, MeetingMention, Participant

# A person at or above this rank leads a side: two such leaders that differ mean two meetings.
PRINCIPAL_RANK = 70
PRECISION_ORDER = {"day": 3, "month": 2, "year": 1, "unknown": 0}


@dataclass(slots=True)
class _Cluster:
    lead: MeetingMention
    members: list[MeetingMention] = field(default_factory=list)


def _people(mention: MeetingMention, side: str) -> set[str]:
    return {p.key for p in mention.participants if p.side == side and not p.is_office}


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
    mine = {p.key if not p.is_office else p.name_en for p in a.participants if p.side == side}
    theirs = {p.key if not p.is_office else p.name_en for p in b.participants if p.side == side}
    return bool(mine & theirs)


def _side_fits(a: MeetingMention, b: MeetingMention, side: str) -> bool:
    """Two mentions agree on a side when they share someone there, or an office there covers a person."""
    if _side_shares(a, b, side):
        return True
    for x, y in ((a, b), (b, a)):
        if not _people(x, side):
            offices = [p for p in x.participants if p.side == side and p.is_office]
            persons = [p for p in y.participants if p.side == side and not p.is_office]
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


def principals(mention: MeetingMention, side: str, ranks: dict[str, int]) -> set[str]:
    return {k for k in _people(mention, side) if ranks.get(k, 0) >= PRINCIPAL_RANK}


# A mention dated only by its article's dateline may report a meeting of the days before (held) or a
# meeting still weeks away (planned).
_REPORTED_AFTER = timedelta(days=7)
_ANNOUNCED_BEFORE = timedelta(days=30)


def _reach(mention: MeetingMention) -> DateSpan:
    """The days a mention can speak of: its span, widened when only the dateline dates it."""
    span = mention.span
    if span.start is None or mention.pinned_to_a_day or span.precision != "day":
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


def names_only_offices(mention: MeetingMention) -> bool:
    """A report that names bodies or delegations only, no person."""
    return bool(mention.participants) and all(p.is_office for p in mention.participants)


def _offices_within(offices: MeetingMention, other: MeetingMention) -> bool:
    """A report naming only bodies ("美国财政部和中国财政部官员…举行会议") on days of a meeting of their
    officials, one side of which it fits: the bodies' report of that meeting. A reporter may name the
    other side's body loosely (the finance ministry for the central bank)."""
    if not names_only_offices(offices):
        return False
    mine, theirs = offices.span, other.span
    if None in (mine.start, mine.end, theirs.start, theirs.end) or {mine.precision, theirs.precision} != {
        "day"
    }:
        return False
    inside = theirs.start <= mine.start and mine.end <= theirs.end  # type: ignore[operator]
    return inside and any(_side_fits(offices, other, side) for side in ("US", "CN"))


def same_meeting(a: MeetingMention, b: MeetingMention, ranks: dict[str, int]) -> bool:
    """Whether two mentions report one meeting: fitting dates, the same sides, no rival principals."""
    if a.reference and b.reference:
        return a.reference == b.reference
    if not _dates_fit(a, b):
        return False
    if _offices_within(a, b) or _offices_within(b, a):
        return True
    fits = {side: _side_fits(a, b, side) or _same_day_delegation(a, b, side, ranks) for side in ("US", "CN")}
    if not all(fits.values()):
        return False
    if not (_side_shares(a, b, "US") or _side_shares(a, b, "CN")) and a.span != b.span:
        return False
    return principals_agree(a, b, ranks)


def principals_agree(a: MeetingMention, b: MeetingMention, ranks: dict[str, int]) -> bool:
    """No side has two leaders that differ: Blinken with Qin Gang is not Blinken with Wang Yi."""
    for side in ("US", "CN"):
        mine, theirs = principals(a, side, ranks), principals(b, side, ranks)
        if mine and theirs and not mine & theirs:
            return False
    return True


def strength(mention: MeetingMention) -> tuple[float, int, str]:
    return (mention.confidence, PRECISION_ORDER[mention.span.precision], mention.path)


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
    if not principals_agree(cluster.lead, mention, ranks):
        return False  # the group's own leaders, not everyone a summary named beside them
    cast = _cast(cluster)
    if same_meeting(cast, mention, ranks):
        return True
    if (
        mention.reference
        or cast.reference
        or not same_meeting(replace(cast, span=mention.span), mention, ranks)
    ):
        return False
    return any(m.pinned_to_a_day and _dates_fit(m, mention) for m in cluster.members[1:])


def cluster_mentions(mentions: Iterable[MeetingMention], ranks: dict[str, int]) -> list[list[MeetingMention]]:
    """Group mentions greedily, strongest first, each joining the first group it fits."""
    clusters: list[_Cluster] = []
    for mention in sorted(mentions, key=strength, reverse=True):
        for cluster in clusters:
            if _joins(cluster, mention, ranks):
                cluster.members.append(mention)
                break
        else:
            clusters.append(_Cluster(mention, [mention]))
    return [c.members for c in _fold_vague(clusters, ranks)]


# "日前/近日与王毅会晤" speaks of the latest meeting of those people, a few weeks back at most.
_VAGUE_REACH = timedelta(days=21)


def _fold_vague(clusters: list[_Cluster], ranks: dict[str, int]) -> list[_Cluster]:
    """Fold groups dated only by vague windows into the latest earlier meeting of the same people."""
    dated = [c for c in clusters if not _vague(c)]
    kept = list(dated)
    for cluster in clusters:
        if not _vague(cluster):
            continue
        lead = cluster.lead
        end = lead.span.end or lead.span.start
        fits = [
            c
            for c in dated
            if c.lead.span.start
            and lead.span.start
            and end
            and lead.span.start - _VAGUE_REACH <= c.lead.span.start <= end
            and same_meeting(_cast(c), replace(lead, span=c.lead.span), ranks)
        ]
        if fits:
            max(fits, key=lambda c: c.lead.span.start or date.min).members.extend(cluster.members)
        else:
            kept.append(cluster)
    order = {id(c): i for i, c in enumerate(clusters)}
    return sorted(kept, key=lambda c: order[id(c)])


def _vague(cluster: _Cluster) -> bool:
    return all(m.span.precision == "unknown" and m.span.start is not None for m in cluster.members)


# A report's timestamp may be in UTC, a day behind the local date of its dateline.
_TIMESTAMP_ZONE = timedelta(days=1)


def _report_date(mention: MeetingMention) -> date | None:
    published = mention.source.published
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _recalls(members: list[MeetingMention], mention: MeetingMention, ranks: dict[str, int]) -> bool:
    """Whether a recalled mention speaks of this group's meeting: its people, and its own date when it
    has one; a held meeting before the report, or for a plan, a meeting in the weeks after it."""
    lead = members[0]
    reported = _report_date(mention)
    if lead.span.start is None:
        return False
    if mention.status == "planned":
        if reported is None or not reported <= lead.span.start <= reported + _ANNOUNCED_BEFORE:
            return False
    elif not any(m.status == "held" for m in members) or (
        reported is not None and lead.span.start > reported + _TIMESTAMP_ZONE
    ):
        return False
    if mention.span.start is not None and not _dates_fit(mention, lead):
        return False
    return same_meeting(lead, replace(mention, span=lead.span, reference=None), ranks)


def join_recalled(
    groups: list[list[MeetingMention]], recalled: Iterable[MeetingMention], ranks: dict[str, int]
) -> list[list[MeetingMention]]:
    """Add each recalled mention to the latest group of its people before its report (a plan: the
    first group in the weeks after it), as a source.

    A recalled mention makes no group of its own: one with nothing to join is left out (the build report
    lists it).
    """
    for mention in recalled:
        fits = [g for g in groups if _recalls(g, mention, ranks)]
        if not fits:
            continue
        starts = {id(g): g[0].span.start or date.min for g in fits}
        pick = min if mention.status == "planned" else max
        pick(fits, key=lambda g: starts[id(g)]).append(mention)
    return groups
