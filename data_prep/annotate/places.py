"""Find the places a (simplified) sentence names, from vocab/places.yaml, with their English city."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import ahocorasick
import yaml

VOCAB_FILE = "vocab/places.yaml"

PlaceKind = Literal["city", "venue"]
PLACE_KINDS: tuple[str, ...] = ("city", "venue")
_GUARD_KEYS = ("not_followed_by", "not_preceded_by", "preceded_by")
_EVERY_PLACE_KEYS = ("not_followed_by", "not_preceded_by", "not_followed_by_pattern")


class PlaceVocabError(Exception):
    """A places vocabulary that breaks a rule; the message names the file."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place name found in a sentence: its character span, English city and kind."""

    begin: int
    end: int
    name_en: str
    kind: PlaceKind


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
        raise PlaceVocabError(path, "expected a mapping with a non-empty 'places' list")
    every = _parse_every_place(data.get("every_place", {}), path)
    names: list[PlaceName] = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(data["places"], start=1):
        for name in _parse_entry(entry, f"places[{number}]", path, every):
            if name.zh in seen:
                reason = f"{name.zh!r} is listed for both {seen[name.zh]} and {name.name_en}"
                raise PlaceVocabError(path, reason)
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
        raise PlaceVocabError(
            path, f"every_place must be a mapping with keys among {list(_EVERY_PLACE_KEYS)}"
        )
    pattern = block.get("not_followed_by_pattern")
    try:
        compiled = re.compile(pattern) if pattern is not None else None
    except (re.error, TypeError) as error:
        reason = f"every_place.not_followed_by_pattern is not a regular expression: {error}"
        raise PlaceVocabError(path, reason) from error
    return _SharedGuards(
        not_followed_by=_strings(block.get("not_followed_by", []), "every_place.not_followed_by", path),
        not_preceded_by=_strings(block.get("not_preceded_by", []), "every_place.not_preceded_by", path),
        not_followed_by_pattern=compiled,
    )


def _parse_entry(entry: Any, where: str, path: str, every: _SharedGuards) -> list[PlaceName]:
    if not isinstance(entry, dict):
        raise PlaceVocabError(path, f"{where} must be a mapping")
    unknown = sorted(set(entry) - {"en", "kind", "zh", *_GUARD_KEYS})
    if unknown:
        raise PlaceVocabError(path, f"{where} has unknown keys {unknown}")
    name_en = entry.get("en")
    if not isinstance(name_en, str) or not name_en.strip():
        raise PlaceVocabError(path, f"{where} needs a non-empty 'en'")
    kind = entry.get("kind")
    if kind not in PLACE_KINDS:
        raise PlaceVocabError(path, f"{where} ({name_en}) has kind {kind!r}; expected one of {PLACE_KINDS}")
    zh = _strings(entry.get("zh"), f"{where}.zh ({name_en})", path)
    if not zh:
        raise PlaceVocabError(path, f"{where}.zh ({name_en}) must not be empty")
    guards = {key: _strings(entry.get(key, []), f"{where}.{key} ({name_en})", path) for key in _GUARD_KEYS}
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


def _strings(value: Any, where: str, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise PlaceVocabError(path, f"{where} must be a list of non-empty strings")
    duplicates = sorted({item for item in value if value.count(item) > 1})
    if duplicates:
        raise PlaceVocabError(path, f"{where} repeats {duplicates}")
    return tuple(value)


def read_place_vocab() -> tuple[PlaceName, ...]:
    """Read and check the packaged vocab/places.yaml."""
    source = resources.files("data_prep").joinpath(VOCAB_FILE)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PlaceVocabError(str(source), f"not valid YAML: {error}") from error
    return parse_place_vocab(data, str(source))


def build_place_automaton(names: tuple[PlaceName, ...]) -> ahocorasick.Automaton:
    """Build one automaton over every Chinese place name; each key maps to its PlaceName."""
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name.zh, name)
    automaton.make_automaton()
    return automaton


@cache
def _automaton() -> ahocorasick.Automaton:
    return build_place_automaton(read_place_vocab())


def find_places(sentence: str) -> list[PlaceMatch]:
    """Return the places named in the sentence, in order, the longest name winning where names overlap."""
    return find_places_with(_automaton(), sentence)


def find_places_with(automaton: ahocorasick.Automaton, sentence: str) -> list[PlaceMatch]:
    """Return the places of `sentence` found by an automaton from build_place_automaton."""
    candidates: list[tuple[int, int, PlaceName]] = []
    for last, name in automaton.iter(sentence):
        candidates.append((last + 1 - len(name.zh), last + 1, name))
    # Longest first, so "华盛顿特区" claims its characters before "华盛顿" and "钓鱼台国宾馆" before "钓鱼台".
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: list[tuple[int, int]] = []
    matches: list[PlaceMatch] = []
    for begin, end, name in candidates:
        if any(begin < t_end and t_begin < end for t_begin, t_end in taken):
            continue
        taken.append((begin, end))
        if name.accepts(sentence, begin, end):
            matches.append(PlaceMatch(begin, end, name.name_en, name.kind))
    return sorted(matches, key=lambda m: m.begin)
