"""Checking the values of a corrections entry: dates, the contract's vocabularies, people, added rows.

Each checker returns a value in the form the apply step uses, or raises EntryError naming the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from data_prep.model import TOPICS

SIDES = ("US", "CN")
MEETING_TYPES = ("in_person", "phone", "video", "unknown")
STATUSES = ("held", "planned")
PRECISIONS = ("day", "month", "year", "unknown")
SETTABLE = ("start_date", "end_date", "date_precision", "meeting_type", "location", "status")
EDIT_KEYS = ("set", "add_participants", "remove_participants", "add_topics", "remove_topics")
SOURCE_FIELDS = ("path", "url", "outlet", "title", "published")


class EntryError(ValueError):
    """An entry's problem, raised while parsing it and turned into a CorrectionProblem."""


@dataclass(frozen=True, slots=True)
class PersonSpec:
    """A participant as an analyst wrote it: a name in any spelling, or names with a side."""

    name: str  # the name to resolve: name_en, else name_zh, else the bare string
    name_en: str | None = None
    name_zh: str | None = None
    side: str | None = None


def check_date(value: object, key: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise EntryError(f"{key} must be a date written YYYY-MM-DD, not {value!r}")


def _choice(value: object, key: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise EntryError(f"{key} {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def check_settings(value: object) -> dict[str, Any]:
    """Check `set:`: known fields, dates as dates, the contract's vocabularies."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not value:
        raise EntryError("set needs a mapping of fields to values")
    unknown = sorted(str(k) for k in value if k not in SETTABLE)
    if unknown:
        raise EntryError(f"set cannot change {', '.join(unknown)} (only {', '.join(SETTABLE)})")
    settings: dict[str, Any] = {}
    for key, item in value.items():
        if key in ("start_date", "end_date"):
            settings[key] = check_date(item, f"set.{key}")
        elif key == "location":
            settings[key] = None if item is None else str(item)
        else:
            allowed = {"date_precision": PRECISIONS, "meeting_type": MEETING_TYPES, "status": STATUSES}[key]
            settings[key] = _choice(item, f"set.{key}", allowed)
    _check_order(settings.get("start_date"), settings.get("end_date"))
    return settings


def _check_order(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise EntryError(f"end_date {end} is before start_date {start}")


def check_people(value: object, key: str) -> tuple[PersonSpec, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise EntryError(f"{key} needs a list of names or {{name_en, name_zh, side}} mappings")
    return tuple(_person(item, key) for item in value)


def _person(item: object, key: str) -> PersonSpec:
    if isinstance(item, str) and item.strip():
        return PersonSpec(item.strip())
    if not isinstance(item, dict):
        raise EntryError(f"{key}: {item!r} is neither a name nor a mapping with name_en or name_zh")
    name_en, name_zh, side = item.get("name_en"), item.get("name_zh"), item.get("side")
    names = [n.strip() for n in (name_en, name_zh) if isinstance(n, str) and n.strip()]
    if not names:
        raise EntryError(f"{key}: {dict(item)!r} needs name_en or name_zh")
    if side is not None:
        _choice(side, f"{key}: side", SIDES)
    unknown = sorted(str(k) for k in item if k not in ("name_en", "name_zh", "side", "title"))
    if unknown:
        raise EntryError(f"{key}: unknown key {', '.join(unknown)}")
    return PersonSpec(names[0], name_en or None, name_zh or None, side)


def check_topics(value: object, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise EntryError(f"{key} needs a list of topics")
    return tuple(_choice(topic, key, TOPICS) for topic in value)


def check_added_row(value: object) -> dict[str, Any]:
    """Check an `add:` row: dates, kind, status, place, people, topics, sources (a URL is enough)."""
    if not isinstance(value, dict):
        raise EntryError("add needs a mapping: start_date, end_date, meeting_type, participants, sources, …")
    allowed = (*SETTABLE, "participants", "topics", "sources", "excerpts")
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        raise EntryError(f"add: unknown key {', '.join(unknown)}")
    row = (
        check_settings({k: v for k, v in value.items() if k in SETTABLE})
        if any(k in value for k in SETTABLE)
        else {}
    )
    people = check_people(value.get("participants"), "add.participants")
    if not people:
        raise EntryError("add needs participants: someone of each side")
    row["participants"] = people
    row["topics"] = check_topics(value.get("topics"), "add.topics") if value.get("topics") else ()
    row["sources"] = _sources(value.get("sources"))
    row["excerpts"] = _excerpts(value.get("excerpts"))
    return row


def _sources(value: object) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list) or not value:
        raise EntryError("add needs sources: at least one {url, title} (or a path under the articles folder)")
    sources = []
    for item in value:
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict) or not (item.get("url") or item.get("path")):
            raise EntryError(f"add.sources: {item!r} needs a url or a path")
        unknown = sorted(str(k) for k in item if k not in SOURCE_FIELDS)
        if unknown:
            raise EntryError(f"add.sources: unknown key {', '.join(unknown)}")
        sources.append({name: _text_or_none(item.get(name)) for name in SOURCE_FIELDS if item.get(name)})
    return tuple(sources)


def _excerpts(value: object) -> tuple[dict[str, Any], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise EntryError("add.excerpts needs a list of {path, text}")
    excerpts = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise EntryError(f"add.excerpts: {item!r} needs a text")
        excerpts.append({"path": str(item.get("path") or ""), "text": item["text"], "topics": []})
    return tuple(excerpts)


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)
