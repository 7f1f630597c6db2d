"""Who is listed at which meeting when the same days hold several meetings with the same counterpart.

On a visit, one guest meets several hosts in turn (Blinken with Qin Gang, then Wang Yi, then Xi Jinping),
and summaries name them all together. A host who leads one of those meetings is listed there, not at
the others, even if a report says they sat in: one row per meeting, each with its own principal.
"""

from __future__ import annotations

from dataclasses import replace

from data_prep.model import Meeting

_SIDES = ("US", "CN")
_PRINCIPAL_RANK = 70


def _top(meeting: Meeting, side: str) -> str | None:
    """The most senior named person of a side, when senior enough to lead a meeting."""
    people = [p for p in meeting.participants if p.side == side and not p.is_office]
    best = max(people, key=lambda p: p.rank, default=None)
    return best.key if best is not None and best.rank >= _PRINCIPAL_RANK else None


def _keys(meeting: Meeting, side: str) -> set[str]:
    return {p.key for p in meeting.participants if p.side == side}


def _related(a: Meeting, b: Meeting) -> bool:
    """Meetings of overlapping days that share someone: the stops of one visit."""
    return a.span.overlaps(b.span, tolerance_days=1) and any(_keys(a, s) & _keys(b, s) for s in _SIDES)


def _others_leaders(meeting: Meeting, meetings: list[Meeting]) -> set[str]:
    """The principals of the related meetings that are not this meeting's own principal."""
    found: set[str] = set()
    for other in meetings:
        if other is meeting or not _related(meeting, other):
            continue
        for side in _SIDES:
            theirs, mine = _top(other, side), _top(meeting, side)
            if theirs and theirs != mine:
                found.add(theirs)
    return found


def assign_attendance(meetings: list[Meeting]) -> list[Meeting]:
    """Keep each leading host at their own meeting only."""
    result = []
    for meeting in meetings:
        drop = _others_leaders(meeting, meetings)
        # A meeting's own principal is never another's, so no side is ever left empty.
        kept = tuple(p for p in meeting.participants if p.key not in drop)
        result.append(meeting if kept == meeting.participants else replace(meeting, participants=kept))
    return result
