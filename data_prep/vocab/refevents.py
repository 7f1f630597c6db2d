"""Reference-events vocabulary: known dated meetings and moments, read from YAML and checked on load."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from data_prep.model import MeetingType
from data_prep.vocab.kept import built_once
from data_prep.vocab.loader import VocabError, parse_vocab, vocab_text

VOCAB_FILE = "reference_events.yaml"
_MEETING_TYPES = ("in_person", "phone", "video")


@dataclass(frozen=True, slots=True)
class Cue:
    phrase: str
    near: tuple[str, ...] = ()  # words one of which must be in the same sentence


@dataclass(frozen=True, slots=True)
class ReferenceEvent:
    key: str
    name_en: str
    start: date
    end: date
    cues: tuple[Cue, ...]
    participants: tuple[str, ...] = ()
    place: str | None = None
    place_zh: str | None = None  # the place's Chinese name, when places.yaml does not name it
    meeting_type: MeetingType | None = None
    source: str = ""  # a public https URL that dates the event


@dataclass(frozen=True, slots=True)
class Anniversary:
    key: str
    name_en: str
    since: int
    cues: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    events: tuple[ReferenceEvent, ...]
    anniversaries: tuple[Anniversary, ...]
    relations: tuple[tuple[str, int], ...]  # (phrase, days from the event)
    event_nouns: tuple[str, ...] = ()  # words that name a meeting itself (会晤, 峰会)
    both_sides: tuple[str, ...] = ()  # words that name both sides' leaders at once (两国元首)
    third_party_titles: tuple[str, ...] = ()  # a third country's name before one: its official met


def read_vocabulary(text: str, source: str = VOCAB_FILE) -> Vocabulary:
    """Parse and check the reference-events YAML; errors name `source` and the entry."""
    data = parse_vocab(text, source, dates_as_text=True) or {}
    if not isinstance(data, dict):
        raise VocabError(source, "file", "expected a mapping with events, anniversaries, relations")
    events = tuple(_parse_event(entry, source, index) for index, entry in enumerate(data.get("events") or []))
    seen: set[str] = set()
    for event in events:
        if event.key in seen:
            raise VocabError(source, f"event {event.key!r}", "duplicate key")
        seen.add(event.key)
    anniversaries = tuple(_parse_anniversary(entry, source) for entry in data.get("anniversaries") or [])
    relations = data.get("relations") or {}
    if not all(isinstance(k, str) and isinstance(v, int) for k, v in relations.items()):
        raise VocabError(source, "relations", "must map phrases to whole days")
    lists = tuple(_words(data, key, source) for key in ("event_nouns", "both_sides", "third_party_titles"))
    return Vocabulary(events, anniversaries, tuple(relations.items()), *lists)


def _words(data: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(word, str) and word for word in value):
        raise VocabError(source, key, "must be a list of words")
    return tuple(value)


def _source(entry: dict[str, Any], path: str, where: str) -> str:
    """Every event is dated by a public source: an https URL."""
    url = entry.get("source")
    if not isinstance(url, str) or not url.startswith("https://") or any(c.isspace() for c in url):
        raise VocabError(path, where, "source must be a public https URL that dates the event")
    return url


def _parse_event(entry: Any, source: str, index: int) -> ReferenceEvent:
    where = f"event #{index + 1}" + (f" {entry.get('key')!r}" if isinstance(entry, dict) else "")
    if not isinstance(entry, dict) or not entry.get("key") or not entry.get("name_en"):
        raise VocabError(source, where, "needs key and name_en")
    try:
        start = date.fromisoformat(str(entry.get("start")))
        end = date.fromisoformat(str(entry.get("end", entry.get("start"))))
    except ValueError as error:
        raise VocabError(source, where, f"start/end must be dates (YYYY-MM-DD): {error}") from error
    if end < start:
        raise VocabError(source, where, "end must be on or after start (end >= start)")
    cues = tuple(_parse_cue(cue, source, where) for cue in entry.get("cues") or [])
    if not cues:
        raise VocabError(source, where, "cues must not be empty")
    meeting_type = entry.get("meeting_type")
    if meeting_type is not None and meeting_type not in _MEETING_TYPES:
        raise VocabError(source, where, f"meeting_type must be one of {', '.join(_MEETING_TYPES)}")
    return ReferenceEvent(
        key=str(entry["key"]),
        name_en=str(entry["name_en"]),
        start=start,
        end=end,
        cues=cues,
        participants=tuple(entry.get("participants") or ()),
        place=entry.get("place"),
        place_zh=entry.get("place_zh"),
        meeting_type=meeting_type,
        source=_source(entry, source, where),
    )


def _parse_cue(cue: Any, source: str, where: str) -> Cue:
    if isinstance(cue, str) and cue.strip("…"):
        return Cue(cue)
    if isinstance(cue, dict) and isinstance(cue.get("phrase"), str) and cue["phrase"].strip("…"):
        return Cue(cue["phrase"], tuple(str(word) for word in cue.get("near") or ()))
    raise VocabError(source, where, f"cue {cue!r} must be a phrase or {{phrase, near}}")


def _parse_anniversary(entry: Any, source: str) -> Anniversary:
    if not isinstance(entry, dict) or not isinstance(entry.get("since"), int) or not entry.get("cues"):
        raise VocabError(source, f"anniversary {entry!r}", "needs key, since (a year) and cues")
    where = f"anniversary {entry.get('key')!r}"
    return Anniversary(
        str(entry["key"]),
        str(entry.get("name_en", entry["key"])),
        entry["since"],
        tuple(entry["cues"]),
        _source(entry, source, where),
    )


@built_once
def load_vocabulary() -> Vocabulary:
    """Load data_prep/vocab/reference_events.yaml (once)."""
    return read_vocabulary(vocab_text(VOCAB_FILE), VOCAB_FILE)
