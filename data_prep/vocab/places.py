"""The places vocabulary: read and check vocab/places.yaml into Chinese names with their guards."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from data_prep.vocab.kept import built_once
from data_prep.vocab.loader import VocabError, check_words, read_vocab
from data_prep.vocab.refevents import load_vocabulary

VOCAB_FILE = "places.yaml"

PlaceKind = Literal["city", "venue"]
PLACE_KINDS: tuple[str, ...] = ("city", "venue")
_GUARD_KEYS = ("not_followed_by", "not_preceded_by", "preceded_by")
_EVERY_PLACE_KEYS = ("not_followed_by", "not_preceded_by", "not_followed_by_pattern")


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One Chinese name of a place, with the guards that decide whether a match counts."""

    zh: str
    name_en: str
    kind: PlaceKind
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()
    preceded_by: tuple[str, ...] = ()
    not_followed_by_pattern: re.Pattern[str] | None = None

    def accepts(self, sentence: str, begin: int, end: int) -> bool:
        """Tell whether the name at sentence[begin:end] is this place, given what surrounds it."""
        if any(sentence.startswith(word, end) for word in self.not_followed_by):
            return False
        if self.not_followed_by_pattern is not None and self.not_followed_by_pattern.match(sentence, end):
            return False
        if any(sentence.endswith(word, 0, begin) for word in self.not_preceded_by):
            return False
        return not self.preceded_by or any(sentence.endswith(word, 0, begin) for word in self.preceded_by)


def parse_place_vocab(data: Any, path: str) -> tuple[PlaceName, ...]:
    """Check the parsed YAML of a places vocabulary and return its names; errors name `path`."""
    if not isinstance(data, dict) or not isinstance(data.get("places"), list) or not data["places"]:
        raise VocabError(path, "file", "expected a mapping with a non-empty 'places' list")
    every = _parse_every_place(data.get("every_place", {}), path)
    names: list[PlaceName] = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(data["places"], start=1):
        for name in _parse_entry(entry, f"places[{number}]", path, every):
            if name.zh in seen:
                reason = f"{name.zh!r} is listed for both {seen[name.zh]} and {name.name_en}"
                raise VocabError(path, f"places[{number}]", reason)
            seen[name.zh] = name.name_en
            names.append(name)
    return tuple(names)


@dataclass(frozen=True, slots=True)
class _SharedGuards:
    """The guards of the every_place block, added to each entry's own."""

    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()
    not_followed_by_pattern: re.Pattern[str] | None = None


def _parse_every_place(block: Any, path: str) -> _SharedGuards:
    if not isinstance(block, dict) or set(block) - set(_EVERY_PLACE_KEYS):
        raise VocabError(path, "every_place", f"must be a mapping with keys among {list(_EVERY_PLACE_KEYS)}")
    pattern = block.get("not_followed_by_pattern")
    try:
        compiled = re.compile(pattern) if pattern is not None else None
    except (re.error, TypeError) as error:
        reason = f"is not a regular expression: {error}"
        raise VocabError(path, "every_place.not_followed_by_pattern", reason) from error
    return _SharedGuards(
        not_followed_by=_strings(block.get("not_followed_by", []), path, "every_place.not_followed_by"),
        not_preceded_by=_strings(block.get("not_preceded_by", []), path, "every_place.not_preceded_by"),
        not_followed_by_pattern=compiled,
    )


def _parse_entry(entry: Any, where: str, path: str, every: _SharedGuards) -> list[PlaceName]:
    if not isinstance(entry, dict):
        raise VocabError(path, where, "must be a mapping")
    unknown = sorted(set(entry) - {"en", "kind", "zh", *_GUARD_KEYS})
    if unknown:
        raise VocabError(path, where, f"has unknown keys {unknown}")
    name_en = entry.get("en")
    if not isinstance(name_en, str) or not name_en.strip():
        raise VocabError(path, where, "needs a non-empty 'en'")
    kind = entry.get("kind")
    if kind not in PLACE_KINDS:
        raise VocabError(path, f"{where} ({name_en})", f"has kind {kind!r}; expected one of {PLACE_KINDS}")
    zh = _strings(entry.get("zh"), path, f"{where}.zh ({name_en})", allow_empty=False)
    guards = {key: _strings(entry.get(key, []), path, f"{where}.{key} ({name_en})") for key in _GUARD_KEYS}
    guards["not_followed_by"] += every.not_followed_by
    guards["not_preceded_by"] += every.not_preceded_by
    return [
        PlaceName(
            zh=name,
            name_en=name_en,
            kind=kind,
            not_followed_by_pattern=every.not_followed_by_pattern,
            **guards,
        )
        for name in zh
    ]


def _strings(value: Any, path: str, where: str, *, allow_empty: bool = True) -> tuple[str, ...]:
    return check_words(value, path, where, allow_empty=allow_empty, unique=True)


@built_once
def read_place_vocab() -> tuple[PlaceName, ...]:
    """Read and check the packaged vocab/places.yaml (once)."""
    return parse_place_vocab(read_vocab(VOCAB_FILE), VOCAB_FILE)


@built_once
def read_chinese_place_names() -> dict[str, str]:
    """Map each place the extraction can write (English) to the Chinese name readers see.

    A place of places.yaml is named by the first name of its first city entry (else of its first
    entry): 华盛顿 for Washington, whichever of 华府 or 白宫 the article wrote. A reference event's
    place that places.yaml does not name has its own `place_zh`.
    """
    events = {e.place: e.place_zh for e in load_vocabulary().events if e.place and e.place_zh}
    firsts: dict[str, str] = {}
    for place in sorted(read_place_vocab(), key=lambda p: p.kind != "city"):  # stable: file order kept
        firsts.setdefault(place.name_en, place.zh)
    return {**events, **firsts}
