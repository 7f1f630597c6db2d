"""Decide which meetings are shown: validated filters, the vectorised filter, and the URL's query string."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

import numpy as np
import pandas as pd

from dashboard.data import MEETING_TYPES, SIDES, STATUSES, TOPIC_BITS, TOPICS
from dashboard.i18n import Lang, resolve_lang

MAX_ITEMS = 50  # more choices than anyone selects by hand; caps the work a crafted request can ask for
MAX_TEXT = 300
MAX_QUERY_FIELDS = 200


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
        )

    @property
    def is_empty(self) -> bool:
        return self == Filters(side=self.side)


@dataclass(frozen=True, slots=True)
class ViewState:
    """Everything the URL holds: the filters, the selected meeting, the open article, the language."""

    filters: Filters = field(default_factory=Filters)
    meeting: str | None = None
    article: str | None = None
    lang: Lang = "en"


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
    return keep


def count_topics(meetings: pd.DataFrame, filters: Filters) -> dict[str, int]:
    """Count, per topic, the meetings the other filters let through (the counts on the topic chips)."""
    masks = meetings["topic_mask"].to_numpy()[find_mask(meetings, replace(filters, topics=()))]
    return {topic: int(np.count_nonzero(masks & bit)) for topic, bit in TOPIC_BITS.items()}


def _meets_any(sets: pd.Series, wanted: frozenset[str]) -> np.ndarray:
    return np.fromiter((not wanted.isdisjoint(s) for s in sets), dtype=bool, count=len(sets))


def parse_query(search: object, vocabulary: Vocabulary) -> ViewState:
    """Read the URL's query string into a ViewState; junk gives the default view, never an error."""
    if not isinstance(search, str):
        return ViewState()
    try:
        query = parse_qs(search.lstrip("?")[: MAX_TEXT * MAX_ITEMS], max_num_fields=MAX_QUERY_FIELDS)
    except ValueError:
        return ViewState()

    def listed(key: str) -> list[str]:
        return [part for value in query.get(key, []) for part in value.split(",") if part]

    def single(key: str) -> str | None:
        values = query.get(key, [])
        return values[0][:MAX_TEXT] if values and values[0] else None

    filters = Filters.from_inputs(
        listed("topic"),
        query.get("official", []),
        single("side"),
        listed("type"),
        listed("status"),
        query.get("outlet", []),
        single("from"),
        single("to"),
        vocabulary=vocabulary,
    )
    return ViewState(filters, single("m"), single("article"), resolve_lang(single("lang")))


def build_query(state: ViewState) -> str:
    """Write a ViewState as a query string ('' for the default view) that parse_query reads back."""
    f = state.filters
    pairs: list[tuple[str, str]] = []
    pairs += _joined("topic", f.topics) + [("official", o) for o in f.officials]
    pairs += [("side", f.side)] if f.side else []
    pairs += _joined("type", f.types) + _joined("status", f.statuses)
    pairs += [("outlet", o) for o in f.outlets]
    pairs += [("from", f.start.isoformat())] if f.start else []
    pairs += [("to", f.end.isoformat())] if f.end else []
    pairs += [("m", state.meeting)] if state.meeting else []
    pairs += [("article", state.article)] if state.article else []
    pairs += [("lang", state.lang)] if state.lang != "en" else []
    return "?" + urlencode(pairs) if pairs else ""


def _joined(key: str, values: Iterable[str]) -> list[tuple[str, str]]:
    text = ",".join(values)
    return [(key, text)] if text else []
