"""Find the places a (simplified) sentence names, from vocab/places.yaml, with their English city."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from data_prep.vocab.places import PlaceKind, PlaceName, read_place_vocab


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place name found in a sentence: its character span, English city and kind."""

    begin: int
    end: int
    name_en: str
    kind: PlaceKind


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
