"""Decide which meetings are in play: validated filters and the vectorised filter (URL: url_state.py)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from dashboard.contract import MEETING_TYPES, SIDES, STATUSES, TOPICS
from dashboard.data import TOPIC_BITS

MAX_ITEMS = 50  # more choices than anyone selects by hand; caps the work a crafted request can ask for
MAX_TEXT = 300


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The values a filter may take beyond the contract's enums: the table's officials and outlets."""

    officials: frozenset[str] = frozenset()
    outlets: frozenset[str] = frozenset()
    meetings: tuple[str, ...] = ()  # meeting ids by table row, as the timeline's points carry them


@dataclass(frozen=True, slots=True)
class Filters:
    """What the user asked to see; an empty field does not filter."""

    topics: tuple[str, ...] = ()
    officials: tuple[str, ...] = ()
    side: str = ""  # "", "US" or "CN": whose participants the officials filter matches
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    corrected: bool = False  # only the rows an analyst added or corrected (edit mode's toggle)

    @classmethod
    def from_inputs(
        cls,
        topics: object = None,
        officials: object = None,
        side: object = None,
        types: object = None,
        statuses: object = None,
        outlets: object = None,
        start: object = None,
        end: object = None,
        *,
        corrected: object = False,
        vocabulary: Vocabulary = Vocabulary(),
    ) -> Filters:
        """Build filters from raw control values: unknown values dropped, junk ignored, never raises."""
        first, last = parse_date(start), parse_date(end)
        if first and last and first > last:
            first, last = last, first
        return cls(
            topics=pick_known(topics, TOPICS),
            officials=pick_known(officials, vocabulary.officials),
            side=side if isinstance(side, str) and side in SIDES else "",
            types=pick_known(types, MEETING_TYPES),
            statuses=pick_known(statuses, STATUSES),
            outlets=pick_known(outlets, vocabulary.outlets),
            start=first,
            end=last,
            corrected=corrected is True,
        )


def pick_known(values: object, known: Collection[str]) -> tuple[str, ...]:
    """Keep the known strings of a list, in order, once each, at most MAX_ITEMS; anything else gives ()."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list | tuple):
        return ()
    kept = [v for v in values[: MAX_ITEMS * 4] if isinstance(v, str) and v in known]
    return tuple(dict.fromkeys(kept))[:MAX_ITEMS]


def parse_date(value: object) -> date | None:
    """Read YYYY-MM-DD (a date picker may append a time); anything else is no date."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def filter_meetings(meetings: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Return the meetings that pass every active filter (topics, officials, outlets: any of)."""
    keep = find_mask(meetings, filters)
    return meetings if keep.all() else meetings[keep]


def find_mask(meetings: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Return which meetings pass every active filter, as a boolean array."""
    keep = np.ones(len(meetings), dtype=bool)
    if filters.topics:
        wanted = sum(TOPIC_BITS[t] for t in filters.topics)
        keep &= (meetings["topic_mask"].to_numpy() & wanted) != 0
    if filters.officials:
        column = {"US": "us_keys", "CN": "cn_keys"}.get(filters.side, "official_keys")
        keep &= _meets_any(meetings[column], frozenset(filters.officials))
    if filters.outlets:
        keep &= _meets_any(meetings["outlet_set"], frozenset(filters.outlets))
    if filters.types:
        keep &= meetings["meeting_type"].isin(filters.types).to_numpy()
    if filters.statuses:
        keep &= meetings["status"].isin(filters.statuses).to_numpy()
    if filters.start:
        keep &= (meetings["end"] >= pd.Timestamp(filters.start)).to_numpy()
    if filters.end:
        keep &= (meetings["start"] <= pd.Timestamp(filters.end)).to_numpy()
    if filters.corrected:
        keep &= find_corrected(meetings)
    return keep


def find_corrected(meetings: pd.DataFrame) -> np.ndarray:
    """Return which meetings an analyst added or corrected (the optional origin and corrections fields)."""
    added = meetings["origin"].eq("analyst").to_numpy(dtype=bool)
    edited = np.fromiter((bool(c) for c in meetings["corrections"]), dtype=bool, count=len(meetings))
    return added | edited


def count_topics(meetings: pd.DataFrame, filters: Filters) -> dict[str, int]:
    """Count, per topic, the meetings the other filters let through (the counts on the topic chips)."""
    masks = meetings["topic_mask"].to_numpy()[find_mask(meetings, replace(filters, topics=()))]
    return {topic: int(np.count_nonzero(masks & bit)) for topic, bit in TOPIC_BITS.items()}


def _meets_any(sets: pd.Series, wanted: frozenset[str]) -> np.ndarray:
    return np.fromiter((not wanted.isdisjoint(s) for s in sets), dtype=bool, count=len(sets))


def find_side_conflicts(filters: Filters, sides: Mapping[str, str]) -> tuple[str, ...]:
    """Return the selected officials that the side filter keeps but cannot match (of the other side)."""
    if not filters.side:
        return ()
    return tuple(o for o in filters.officials if sides.get(o, filters.side) != filters.side)
