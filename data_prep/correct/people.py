"""Participants an analyst names (any spelling, Chinese or English) → the table's participants.

They resolve through the officials vocabulary like extracted ones: canonical names, side, and the title
held on the meeting's date. A person the vocabulary does not know is kept as written, with the side the
analyst gave, as the extraction keeps officials outside the dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from data_prep.correct.values import PersonSpec
from data_prep.vocab.marks import NAME_SEPARATORS

Participant = dict[str, Any]  # the contract's participant: name_en, name_zh, side, title, title_zh

_NOT_LETTERS = re.compile(r"[^a-z]")
_SEPARATORS = re.compile("[\\s" + re.escape(NAME_SEPARATORS) + "]")  # vocab/punctuation.yaml


class PersonError(ValueError):
    """A named participant cannot be resolved (unknown and without a side)."""


@dataclass(frozen=True, slots=True)
class Official:
    """One person of the vocabulary as corrections need it: names, side, dated titles."""

    name_en: str
    name_zh: str
    side: str
    roles: tuple[tuple[date, date | None, str, int, str], ...]  # (from, to, title_en, rank, title_zh)

    def title_on(self, day: date | None) -> str | None:
        """The most senior title held on the day (or ever, without a day)."""
        best = self._role_on(day)
        return best[2] if best else None

    def title_zh_on(self, day: date | None) -> str | None:
        """The same title in Chinese."""
        best = self._role_on(day)
        return best[4] if best else None

    def _role_on(self, day: date | None) -> tuple[date, date | None, str, int, str] | None:
        held = [r for r in self.roles if day is None or (r[0] <= day and (r[1] is None or day <= r[1]))]
        return max(held, key=lambda r: (r[3], r[0]), default=None)


@dataclass(frozen=True, slots=True)
class OfficialsIndex:
    """Every written form of every official (normalised) → the officials it may stand for."""

    by_form: Mapping[str, tuple[Official, ...]]

    def find(self, name: str) -> tuple[Official, ...]:
        return self.by_form.get(normalize_name(name), ())


def normalize_name(name: str) -> str:
    """Fold a name for lookup: English to lowercase letters only, Chinese without separators."""
    folded = _NOT_LETTERS.sub("", name.lower())
    if folded and folded.isascii() and name.isascii():
        return folded
    return _SEPARATORS.sub("", name)


def build_officials_index(people: Iterable[Any]) -> OfficialsIndex:
    """Index the vocabulary's people (data_prep.vocab.officials.Person) by name_en, name_zh and aliases."""
    index: dict[str, list[Official]] = {}
    for person in people:
        if person.key.startswith("inst:"):
            continue
        official = Official(
            person.name_en,
            person.name_zh,
            person.side,
            tuple((r.start, r.end, r.title_en, r.rank, r.title_zh) for r in person.roles),
        )
        for form in {person.name_en, person.name_zh, *person.aliases}:
            index.setdefault(normalize_name(form), []).append(official)
    return OfficialsIndex({form: tuple(found) for form, found in index.items()})


def resolve_person(spec: PersonSpec, officials: OfficialsIndex, on: date | None) -> Participant:
    """Resolve a named participant on a date; raise PersonError when unknown and without a side."""
    found = [o for o in officials.find(spec.name) if spec.side in (None, o.side)]
    if not found and spec.name_zh and spec.name_zh != spec.name:
        found = [o for o in officials.find(spec.name_zh) if spec.side in (None, o.side)]
    if found:
        # Two people sharing a spelling: the one in office on the day.
        official = max(found, key=lambda o: o.title_on(on) is not None)
        return {
            "name_en": official.name_en,
            "name_zh": official.name_zh,
            "side": official.side,
            "title": official.title_on(on),
            "title_zh": official.title_zh_on(on),
        }
    if spec.side is None:
        raise PersonError(f"{spec.name!r} is not in the officials vocabulary: give it a side (US or CN)")
    name = spec.name_en or spec.name
    return {"name_en": name, "name_zh": spec.name_zh, "side": spec.side, "title": None, "title_zh": None}


def same_person(participant: Participant, spec: PersonSpec, officials: OfficialsIndex) -> bool:
    """Whether a row's participant is the one an analyst named (for remove_participants)."""
    names = {normalize_name(n) for n in (spec.name, spec.name_en, spec.name_zh) if n}
    for official in officials.find(spec.name):
        names |= {normalize_name(official.name_en), normalize_name(official.name_zh)}
    mine = {normalize_name(n) for n in (participant.get("name_en"), participant.get("name_zh")) if n}
    return bool(names & mine) and spec.side in (None, participant.get("side"))
