"""Finding the row a correction names: by id, through merge aliases, else by the fallback key.

When extraction itself changes a row (a better rule moves its date), its id changes with it. The
fallback key, the same two principals and a date within three days, finds it again when exactly one
row fits; none or several make the correction an orphan, listed with the candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from data_prep.correct.entries import MatchKey

Record = dict[str, Any]
FALLBACK_DAYS = 3


@dataclass(frozen=True, slots=True)
class Found:
    """The row a correction named: its id now, and whether the fallback key found it."""

    id: str
    by_fallback: bool = False


class OrphanError(LookupError):
    """No single row fits a correction's id: why, and the rows that came close."""

    def __init__(self, named: str, reason: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(f"{named}: {reason}")
        self.named = named
        self.reason = reason
        self.candidates = candidates


def principals(row: Mapping[str, Any]) -> tuple[str, ...]:
    """A row's two principals: the first-listed (most senior) participant of each side, US first."""
    found = []
    for side in ("US", "CN"):
        first = next((p for p in row.get("participants", ()) if p.get("side") == side), None)
        found.append(first["name_en"] if first else "")
    return tuple(found)


def row_key(row: Mapping[str, Any]) -> MatchKey:
    """The fallback key of a row."""
    start = row.get("start_date")
    return MatchKey(date.fromisoformat(start) if start else None, principals(row))


def find_row(
    named: str,
    rows: Mapping[str, Record],
    aliases: Mapping[str, str],
    rejected: Mapping[str, int],
    key: MatchKey | None,
) -> Found:
    """Find the row a correction names; raise OrphanError when no single row fits."""
    current = resolve_alias(named, aliases)
    if current in rows:
        return Found(current)
    if current in rejected:
        raise OrphanError(named, f"the row was rejected by entry {rejected[current]}")
    if key is None:
        raise OrphanError(named, "no row has this id, and no earlier table says which row it was")
    fits = [row_id for row_id, row in rows.items() if _fits(row, key, FALLBACK_DAYS)]
    if len(fits) == 1:
        return Found(fits[0], by_fallback=True)
    if fits:
        raise OrphanError(
            named, f"{len(fits)} rows have its principals within {FALLBACK_DAYS} days", tuple(sorted(fits))
        )
    near = tuple(sorted(i for i, row in rows.items() if principals(row) == key.principals))
    raise OrphanError(
        named,
        f"no row of {' and '.join(p for p in key.principals if p)} "
        f"within {FALLBACK_DAYS} days of {key.start_date}",
        near,
    )


def resolve_alias(named: str, aliases: Mapping[str, str]) -> str:
    """Follow merge aliases to the id that survived."""
    seen = {named}
    while named in aliases and aliases[named] not in seen:
        named = aliases[named]
        seen.add(named)
    return named


def _fits(row: Mapping[str, Any], key: MatchKey, days: int) -> bool:
    if principals(row) != key.principals:
        return False
    start = row.get("start_date")
    if key.start_date is None or not start:
        return key.start_date is None and not start
    return abs((date.fromisoformat(start) - key.start_date).days) <= days


def remember_keys(
    ids: Iterable[str], rows: Iterable[Mapping[str, Any]], earlier: Mapping[str, MatchKey]
) -> dict[str, MatchKey]:
    """The fallback key of every id the corrections name: from this table, else as remembered before."""
    by_id = {row["id"]: row for row in rows}
    keys = {}
    for named in ids:
        if named in by_id:
            keys[named] = row_key(by_id[named])
        elif named in earlier:
            keys[named] = earlier[named]
    return keys
