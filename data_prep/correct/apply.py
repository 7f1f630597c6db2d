"""The one pure function that applies a corrections list to the extracted table.

`apply_corrections(rows, corrections, officials)` takes the table's rows (contract dicts), the parsed
entries and the officials index, and returns the corrected rows with everything the report needs:
rejected rows with their notes, orphans with their candidates, entries that could not be applied,
which entries the fallback key matched, and merge aliases. The build and the dashboard both call it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from data_prep.correct.entries import Correction, CorrectionProblem, MatchKey
from data_prep.correct.matching import Found, OrphanError, find_row
from data_prep.correct.people import OfficialsIndex, PersonError, resolve_person, same_person
from data_prep.correct.rows import (
    added_row_id,
    describe_row,
    order_by_side,
    parse_day,
    same_participant,
    unique_by,
)
from data_prep.correct.values import PersonSpec
from data_prep.vocab.places import read_chinese_place_names

Record = dict[str, Any]
_EMPTY_SOURCE = {"url": None, "outlet": None, "title": None, "published": None}
_PRECISION_ORDER = {"day": 3, "month": 2, "year": 1, "unknown": 0}


@dataclass(frozen=True, slots=True)
class Orphan:
    """A correction whose row is gone: the entry, the id it named, why, and the rows that came close."""

    index: int
    action: str
    id: str
    reason: str
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Effect:
    """What one entry did to the table, in a line (for `corrections check` and the report)."""

    index: int
    action: str
    ids: tuple[str, ...]  # the rows it changed, as they are called after it
    summary: str
    fallback: tuple[tuple[str, str], ...] = ()  # (id named, id matched) for rows the fallback key found


@dataclass(frozen=True, slots=True)
class CorrectionResult:
    """The corrected table and the account of every entry."""

    rows: tuple[Record, ...]
    effects: tuple[Effect, ...]
    rejected: tuple[Record, ...]  # {id, index, note, by, at}
    orphans: tuple[Orphan, ...]
    problems: tuple[CorrectionProblem, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)  # merged-away id → the id that kept it


class _Unusable(ValueError):
    """An entry that parsed but cannot be applied (an unknown person without a side, an empty side)."""


@dataclass(slots=True)
class _State:
    rows: dict[str, Record]
    keys: Mapping[str, MatchKey]
    aliases: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)
    rejections: list[Record] = field(default_factory=list)

    def find(self, named: str, correction: Correction) -> Found:
        key = correction.match or self.keys.get(named)
        return find_row(named, self.rows, self.aliases, self.rejected, key)


def apply_corrections(
    rows: Sequence[Mapping[str, Any]],
    corrections: Sequence[Correction],
    officials: OfficialsIndex,
    *,
    keys: Mapping[str, MatchKey] | None = None,
    path: str = "corrections",
) -> CorrectionResult:
    """Apply the entries in file order to a copy of the rows; a bad entry costs only itself.

    `keys` holds the fallback keys of ids from earlier tables (see matching.remember_keys); an entry's
    own `match:` comes first. Every row gets `origin`; corrected rows get their `corrections` history.
    """
    state = _State({row["id"]: copy.deepcopy(dict(row)) for row in rows}, keys or {})
    effects: list[Effect] = []
    orphans: list[Orphan] = []
    problems: list[CorrectionProblem] = []
    for correction in corrections:
        try:
            effects.append(_APPLY[correction.action](state, correction, officials))
        except OrphanError as error:
            orphans.append(
                Orphan(correction.index, correction.action, error.named, error.reason, error.candidates)
            )
        except _Unusable as error:
            problems.append(CorrectionProblem(path, correction.index, str(error)))
    for row in state.rows.values():
        row.setdefault("origin", "extracted")
    ordered = sorted(state.rows.values(), key=_table_order)
    return CorrectionResult(
        tuple(ordered),
        tuple(effects),
        tuple(state.rejections),
        tuple(orphans),
        tuple(problems),
        dict(state.aliases),
    )


def _table_order(row: Mapping[str, Any]) -> tuple[bool, str, str]:
    return (row.get("start_date") is None, row.get("start_date") or "", row["id"])


def _history(correction: Correction, found: Found | None = None, named: str = "") -> Record:
    entry: Record = {
        "action": correction.action,
        "note": correction.note or correction.reason,
        "by": correction.by,
        "at": correction.at.isoformat() if correction.at else None,
        "entry": correction.index,
    }
    if found is not None and found.by_fallback:
        entry["matched_from"] = named  # the table records which corrections the fallback key matched
    return entry


def _record(row: Record, entry: Record) -> None:
    row.setdefault("corrections", []).append(entry)


def _fallbacks(pairs: Sequence[tuple[str, Found]]) -> tuple[tuple[str, str], ...]:
    return tuple((named, found.id) for named, found in pairs if found.by_fallback)


def _reject(state: _State, correction: Correction, officials: OfficialsIndex) -> Effect:
    named = correction.ids[0]
    found = state.find(named, correction)
    row = state.rows.pop(found.id)
    state.rejected[found.id] = correction.index
    history = _history(correction, found, named)
    state.rejections.append({"id": found.id, "label": describe_row(row), **history})
    summary = f"reject {found.id} ({describe_row(row)})" + (f": {history['note']}" if history["note"] else "")
    return Effect(correction.index, "reject", (found.id,), summary, _fallbacks([(named, found)]))


def _edit(state: _State, correction: Correction, officials: OfficialsIndex) -> Effect:
    named = correction.ids[0]
    found = state.find(named, correction)
    row = copy.deepcopy(state.rows[found.id])
    changed = _set_fields(row, correction.changes)
    on = parse_day(row.get("start_date"))
    for spec in correction.add_participants:
        person = _resolve(spec, officials, on)
        if not any(same_participant(p, person) for p in row["participants"]):
            row["participants"].append(person)
            changed.append(f"+{person['name_en']}")
    for spec in correction.remove_participants:
        kept = [p for p in row["participants"] if not same_person(p, spec, officials)]
        if len(kept) == len(row["participants"]):
            raise _Unusable(f"remove_participants: {spec.name!r} is not a participant of {found.id}")
        row["participants"] = kept
        changed.append(f"-{spec.name}")
    row["participants"] = order_by_side(row["participants"])
    _check_sides(row["participants"], found.id)
    topics = (set(row["topics"]) | set(correction.add_topics)) - set(correction.remove_topics)
    changed += [f"+{t}" for t in correction.add_topics] + [f"-{t}" for t in correction.remove_topics]
    row["topics"] = sorted(topics)
    _record(row, _history(correction, found, named))
    state.rows[found.id] = row
    return Effect(
        correction.index,
        "edit",
        (found.id,),
        f"edit {found.id} ({describe_row(row)}): " + ", ".join(changed),
        _fallbacks([(named, found)]),
    )


def _set_fields(row: Record, changes: Mapping[str, Any]) -> list[str]:
    """Apply `set:`; new dates are of day precision unless date_precision says otherwise."""
    changed = [f"{key}={_show(value)}" for key, value in changes.items()]
    for key in ("meeting_type", "location", "status", "date_precision"):
        if key in changes:
            row[key] = changes[key]
    if "location" in changes:
        row["location_zh"] = find_place_zh(changes["location"])
    if "start_date" in changes or "end_date" in changes:
        start = changes.get("start_date", parse_day(row.get("start_date")))
        end = changes.get("end_date") if "end_date" in changes else _shifted_end(row, start)
        if start is None:
            end = None
        elif end is None or end < start:
            end = start
        row["start_date"] = start.isoformat() if start else None
        row["end_date"] = end.isoformat() if end else None
        row["date_precision"] = changes.get("date_precision", "day" if start else "unknown")
    if changes.get("meeting_type") in ("phone", "video") and "location" not in changes:
        row["location"] = row["location_zh"] = None  # a place belongs to talks in person, as extracted
    return changed


def _shifted_end(row: Mapping[str, Any], start: date | None) -> date | None:
    """A new start date without an end keeps the meeting's length."""
    old_start, old_end = parse_day(row.get("start_date")), parse_day(row.get("end_date"))
    if start is None or old_start is None or old_end is None:
        return start
    return start + timedelta(days=(old_end - old_start).days)


def _merge(state: _State, correction: Correction, officials: OfficialsIndex) -> Effect:
    pairs = [(named, state.find(named, correction)) for named in correction.ids]
    targets = list(dict.fromkeys(found.id for _, found in pairs))
    if len(targets) < 2:
        raise _Unusable(f"merge: {', '.join(correction.ids)} are already one row ({targets[0]})")
    first = copy.deepcopy(state.rows[targets[0]])
    others = [state.rows.pop(other) for other in targets[1:]]
    for other in others:
        _absorb(first, other)
        state.aliases[other["id"]] = first["id"]
        first["aliases"] = sorted({*first.get("aliases", []), other["id"], *other.get("aliases", [])})
        for entry in other.get("corrections", []):
            _record(first, entry)
    _record(first, _history(correction, pairs[0][1], pairs[0][0]))
    state.rows[first["id"]] = first
    return Effect(
        correction.index,
        "merge",
        tuple(targets),
        f"merge {', '.join(targets[1:])} into {first['id']} ({describe_row(first)})",
        _fallbacks(pairs),
    )


def _absorb(row: Record, other: Mapping[str, Any]) -> None:
    """Union of sources, excerpts, participants and topics; the better-dated row's dates."""
    if _PRECISION_ORDER[other["date_precision"]] > _PRECISION_ORDER[row["date_precision"]]:
        for key in ("start_date", "end_date", "date_precision"):
            row[key] = other[key]
    if row.get("meeting_type") == "unknown":
        row["meeting_type"], row["location"] = other.get("meeting_type"), other.get("location")
        row["location_zh"] = other.get("location_zh")
    if not row.get("location"):
        row["location"], row["location_zh"] = other.get("location"), other.get("location_zh")
    if other.get("status") == "held":
        row["status"] = "held"
    new = [p for p in other["participants"] if not any(same_participant(p, q) for q in row["participants"])]
    row["participants"] = order_by_side([*row["participants"], *new])
    row["topics"] = sorted({*row["topics"], *other["topics"]})
    row["sources"] = unique_by([*row["sources"], *other["sources"]], ("path", "url"))
    row["excerpts"] = unique_by([*row["excerpts"], *other["excerpts"]], ("path", "text"))


def _add(state: _State, correction: Correction, officials: OfficialsIndex) -> Effect:
    spec = dict(correction.changes)
    start = spec.get("start_date")
    end = spec.get("end_date") or start
    people = order_by_side([_resolve(person, officials, start) for person in spec["participants"]])
    row: Record = {
        "id": "",
        "start_date": start.isoformat() if start else None,
        "end_date": end.isoformat() if end else None,
        "date_precision": spec.get("date_precision", "day" if start else "unknown"),
        "status": spec.get("status", "held"),
        "meeting_type": spec.get("meeting_type", "unknown"),
        "location": spec.get("location"),
        "location_zh": find_place_zh(spec.get("location")),
        "participants": people,
        "topics": sorted(set(spec["topics"])),
        # An analyst's source may be a URL only: no path, rather than a null one.
        "sources": [{**_EMPTY_SOURCE, **source} for source in spec["sources"]],
        "excerpts": list(spec["excerpts"]),
        "origin": "analyst",
    }
    _check_sides(people, "the added meeting")
    row["id"] = added_row_id(row, state.rows)
    _record(row, _history(correction))
    state.rows[row["id"]] = row
    return Effect(correction.index, "add", (row["id"],), f"add {row['id']} ({describe_row(row)})")


def _resolve(spec: PersonSpec, officials: OfficialsIndex, on: date | None) -> Record:
    try:
        return resolve_person(spec, officials, on)
    except PersonError as error:
        raise _Unusable(str(error)) from error


def _check_sides(people: Sequence[Mapping[str, Any]], what: str) -> None:
    for side in ("US", "CN"):
        if not any(p.get("side") == side for p in people):
            raise _Unusable(f"{what} would have no {side} participant: a meeting needs someone of each side")


def _show(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


_APPLY = {"reject": _reject, "edit": _edit, "merge": _merge, "add": _add}


def find_place_zh(location: object) -> str | None:
    """The Chinese name of a place an analyst gives (None for a place the vocabulary does not name)."""
    return read_chinese_place_names().get(location) if isinstance(location, str) else None
