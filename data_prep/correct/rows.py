"""Small operations on the table's rows (contract dicts): order, identity, dates, a one-line name."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from data_prep.correct.matching import principals

Record = dict[str, Any]


def same_participant(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a.get("side") == b.get("side") and a.get("name_en") == b.get("name_en")


def order_by_side(people: list[Record]) -> list[Record]:
    """US participants first, each side in the order given (the most senior first)."""
    return sorted(people, key=lambda p: p.get("side") != "US")


def unique_by(items: Sequence[Mapping[str, Any]], fields: tuple[str, ...]) -> list[Any]:
    seen: dict[tuple[Any, ...], Any] = {}
    for item in items:
        seen.setdefault(tuple(item.get(f) for f in fields), item)
    return list(seen.values())


def parse_day(text: object) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) and text else None


def added_row_id(row: Mapping[str, Any], rows: Mapping[str, Any]) -> str:
    """An analyst's row is named by what it is, like an extracted one, with its own prefix."""
    basis = f"analyst|{row['start_date']}|{'|'.join(principals(row))}|{row['meeting_type']}"
    base = "a-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
    number, candidate = 1, base
    while candidate in rows:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def describe_row(row: Mapping[str, Any]) -> str:
    """A row in a few words: 2024-01-10 Jon Finer – Liu Jianchao."""
    us, cn = principals(row)
    return f"{row.get('start_date') or 'undated'} {us or '?'} – {cn or '?'}"
