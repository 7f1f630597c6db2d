"""The officials vocabulary: read and check vocab/officials.yaml into people, roles and written forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import ahocorasick

from data_prep.model import Side
from data_prep.vocab.kept import built_once, forget
from data_prep.vocab.loader import VocabError, check_words, parse_vocab, vocab_text
from data_prep.vocab.marks import NAME_SEPARATORS
from data_prep.vocab.script import to_simplified, to_traditional

VOCAB_FILE = "officials.yaml"
SIDES: tuple[Side, ...] = ("US", "CN")
_SEPARATORS = NAME_SEPARATORS
_SPLIT = re.compile("[" + re.escape(_SEPARATORS) + "]")
_KEY = re.compile(r"^(inst:)?[a-z0-9]+(-[a-z0-9]+)*$")
_GUARD_FIELDS = ("not_followed_by", "not_preceded_by", "needs_context")


@dataclass(frozen=True, slots=True)
class Role:
    title_en: str
    title_zh: str
    start: date
    end: date | None  # last day in office; None while ongoing
    rank: int
    title_cues: tuple[str, ...] = ()

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Guard:
    """Where a short alias is not this person."""

    aliases: frozenset[str]  # every written form the guard applies to
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()
    needs_context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    """A person, or with a key starting "inst:" an institution, of one side."""

    key: str
    name_en: str
    name_zh: str
    side: Side
    aliases: tuple[str, ...]  # every written form, scripts and separators expanded
    roles: tuple[Role, ...]
    guards: tuple[Guard, ...] = ()
    prefer_with: tuple[str, ...] = ()
    default_for: frozenset[str] = frozenset()

    @property
    def is_institution(self) -> bool:
        return self.key.startswith("inst:")


@dataclass(frozen=True, slots=True)
class Surface:
    """What one written form stands for: names, titles of roles, an institution, or nothing."""

    text: str
    sides: frozenset[str]  # empty for words that are never an official
    people: tuple[str, ...] = ()
    cues: tuple[tuple[str, int], ...] = ()  # (person key, index of the role)
    institution: str | None = None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    people: dict[str, Person]
    surfaces: dict[str, Surface]
    # Over the written forms' UTF-8 bytes, one Latin-1 character per byte (as the screen's automaton):
    # scanning a sentence's bytes so costs a third of scanning its characters.
    automaton: Any


@dataclass(frozen=True, slots=True)
class UserOfficials:
    """A user's officials file as read: its path (for messages) and its bytes, which workers are sent."""

    path: str
    data: bytes


# A user's own officials file, read beside the packaged one (build --officials FILE).
_USER_FILES: list[UserOfficials] = []


def register_user_officials(path: Path | None) -> bool:
    """Read a user's officials file beside the packaged dictionary from now on (None: no user file).

    The file is read and checked at once, so that a malformed one stops the build before it starts.
    Returns whether the vocabulary changed (then what was built from it must be built again).
    """
    if path is None:
        return use_user_officials(None)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise VocabError(str(path), "file", f"cannot be read: {error}") from error
    return use_user_officials(UserOfficials(str(path), data))


def use_user_officials(user: UserOfficials | None) -> bool:
    """Use a user's officials file already read (as a worker without the file is sent it); see above."""
    if [user] == _USER_FILES or (user is None and not _USER_FILES):
        return False
    _USER_FILES.clear()
    if user is not None:
        _USER_FILES.append(user)
    forget(load_vocabulary)
    load_vocabulary()
    return True


def user_officials() -> UserOfficials | None:
    """The user's officials file in use, if any."""
    return _USER_FILES[0] if _USER_FILES else None


@built_once
def load_vocabulary() -> Vocabulary:
    """Read and check the packaged vocab/officials.yaml, and the user's file if one is registered."""
    sources = [(parse_vocab(vocab_text(VOCAB_FILE), VOCAB_FILE), VOCAB_FILE)]
    for user in _USER_FILES:
        try:
            text = user.data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise VocabError(user.path, "file", f"cannot be read: {error}") from error
        sources.append((parse_vocab(text, user.path), user.path))
    return build_vocabulary(*sources[0], extra=sources[1:])


def build_vocabulary(data: Any, path: str, extra: list[tuple[Any, str]] | None = None) -> Vocabulary:
    """Check parsed YAML and build the people, their written forms and one automaton over them.

    `extra` holds users' files (parsed, with their paths): their people join the packaged ones.
    """
    people: dict[str, Person] = {}
    for source, where in [(data, path), *(extra or [])]:
        if not isinstance(source, dict) or not isinstance(source.get("people"), list):
            raise VocabError(where, "file", "needs a top-level 'people' list")
        _add_people(people, source, where)
    _check_shared_aliases(people, extra[-1][1] if extra else path)
    surfaces = _build_surfaces(
        people, check_words(data.get("not_officials") or [], path, "not_officials"), path
    )
    automaton = ahocorasick.Automaton()
    for text, surface in surfaces.items():
        automaton.add_word(text.encode("utf-8").decode("latin-1"), surface)
    automaton.make_automaton()
    return Vocabulary(people, surfaces, automaton)


def _add_people(people: dict[str, Person], data: dict[str, Any], path: str) -> None:
    entries = [(e, False) for e in data["people"]] + [(e, True) for e in data.get("institutions") or []]
    for entry, is_institution in entries:
        person = _parse_person(entry, path, is_institution)
        if person.key in people:
            raise VocabError(path, person.key, "key used twice (or already in the packaged dictionary)")
        people[person.key] = person


def _parse_person(entry: Any, path: str, is_institution: bool) -> Person:
    where = str(entry.get("key", "?")) if isinstance(entry, dict) else "?"
    if not isinstance(entry, dict):
        raise VocabError(path, where, "an entry must be a mapping")
    key = entry.get("key")
    if not isinstance(key, str) or not _KEY.match(key) or key.startswith("inst:") != is_institution:
        raise VocabError(path, where, "key must be lowercase-hyphenated ('inst:' for institutions)")
    if entry.get("side") not in SIDES:
        raise VocabError(path, key, f"side must be one of {SIDES}")
    names = [entry.get("name_en"), entry.get("name_zh")]
    if not all(isinstance(n, str) and n.strip() for n in names):
        raise VocabError(path, key, "name_en and name_zh must be non-empty")
    written = _strings(entry, "zh", path, key)
    if not written:
        raise VocabError(path, key, "zh lists no alias")
    roles = tuple(_parse_role(r, path, key) for r in entry.get("roles") or [])
    if not roles and not is_institution:
        raise VocabError(path, key, "a person needs at least one role")
    defaults = _strings(entry, "default_for", path, key)
    if not set(defaults) <= set(written):
        raise VocabError(path, key, "default_for names an alias not in zh")
    return Person(
        key,
        entry["name_en"],
        entry["name_zh"],
        entry["side"],
        _expand(written),
        roles,
        tuple(_parse_guard(g, written, path, key) for g in entry.get("guards") or []),
        _strings(entry, "prefer_with", path, key),
        frozenset(_expand(defaults)),
    )


def _parse_role(role: Any, path: str, key: str) -> Role:
    if not isinstance(role, dict):
        raise VocabError(path, key, "a role must be a mapping")
    start, end = _date(role.get("from"), path, key), role.get("to")
    end = None if end is None else _date(end, path, key)
    if end is not None and end < start:
        raise VocabError(path, key, f"role {role.get('title_en')!r} ends ({end}) before it starts")
    title_en, title_zh = role.get("title_en"), role.get("title_zh")
    if not (
        isinstance(title_en, str) and title_en.strip() and isinstance(title_zh, str) and title_zh.strip()
    ):
        raise VocabError(path, key, "a role needs title_en and title_zh")
    if not isinstance(role.get("rank"), int) or not 0 <= role["rank"] <= 100:
        raise VocabError(path, key, f"role {title_en!r} needs a rank from 0 to 100")
    return Role(title_en, title_zh, start, end, role["rank"], _strings(role, "title_cues", path, key))


def _parse_guard(guard: Any, written: tuple[str, ...], path: str, key: str) -> Guard:
    if not isinstance(guard, dict) or not set(guard) <= {"aliases", *_GUARD_FIELDS}:
        raise VocabError(path, key, f"a guard takes only aliases and {_GUARD_FIELDS}")
    aliases = _strings(guard, "aliases", path, key) or written
    if not set(aliases) <= set(written):
        raise VocabError(path, key, "a guard names an alias not in zh")
    words = {name: _expand(_strings(guard, name, path, key)) for name in _GUARD_FIELDS}
    return Guard(frozenset(_expand(aliases)), **words)


def _strings(mapping: dict[str, Any], field: str, path: str, key: str) -> tuple[str, ...]:
    return check_words(mapping.get(field) or [], path, f"{key}.{field}")


def _date(value: Any, path: str, key: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise VocabError(path, key, f"{value!r} is not an ISO date") from None


def _expand(forms: tuple[str, ...]) -> tuple[str, ...]:
    """Every form in simplified and traditional script, with any name separator or none."""
    out: dict[str, None] = {}
    for form in forms:
        for scripted in (form, to_simplified(form), to_traditional(form)):
            parts = _SPLIT.split(scripted)
            joins = [scripted] if len(parts) == 1 else [s.join(parts) for s in ("", *_SEPARATORS)]
            out.update(dict.fromkeys(joins))
    return tuple(out)


def _overlap(a: Person, b: Person) -> bool:
    far = date.max
    return any(r.start <= (s.end or far) and s.start <= (r.end or far) for r in a.roles for s in b.roles)


def _check_shared_aliases(people: dict[str, Person], path: str) -> None:
    owners: dict[str, list[Person]] = {}
    for person in people.values():
        for alias in person.aliases:
            owners.setdefault(alias, []).append(person)
    for alias, group in owners.items():
        if len(group) < 2 or any(alias in p.default_for for p in group):
            continue
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.is_institution or b.is_institution or _overlap(a, b):
                    raise VocabError(
                        path,
                        f"{a.key} / {b.key}",
                        f"alias {alias} is shared while both are in office; "
                        "give one of them default_for (and prefer_with to tell them apart)",
                    )


def _build_surfaces(people: dict[str, Person], never: tuple[str, ...], path: str) -> dict[str, Surface]:
    found: dict[str, dict[str, Any]] = {}

    def add(text: str, side: str, field: str, value: Any) -> None:
        slot = found.setdefault(text, {"sides": set(), "people": [], "cues": [], "institution": None})
        slot["sides"].add(side)
        if field == "institution":
            slot["institution"] = value
        else:
            slot[field].append(value)

    for person in people.values():
        for alias in person.aliases:
            add(alias, person.side, "institution" if person.is_institution else "people", person.key)
        for index, role in enumerate(person.roles):
            for cue in _expand(role.title_cues):
                add(cue, person.side, "cues", (person.key, index))
    for word in _expand(never):
        if word in found:
            raise VocabError(path, "not_officials", f"{word} is also an alias or title")
        found[word] = {"sides": set(), "people": [], "cues": [], "institution": None}
    return {
        text: Surface(
            text, frozenset(s["sides"]), tuple(dict.fromkeys(s["people"])), tuple(s["cues"]), s["institution"]
        )
        for text, s in found.items()
    }


def find_person(key: str) -> Person | None:
    """Return the person or institution with this key."""
    return load_vocabulary().people.get(key)


def iter_people() -> Iterator[Person]:
    """Yield every person of the dictionary (not the institutions)."""
    return (p for p in load_vocabulary().people.values() if not p.is_institution)


def surface_forms() -> list[tuple[str, str]]:
    """Every alias, title and institution form with its side, for a cheap prefilter."""
    return [(s.text, side) for s in load_vocabulary().surfaces.values() for side in sorted(s.sides)]


def role_on(person: Person, on: date | None) -> Role | None:
    """Return the most senior role held on the date, or the most senior role ever when no date."""
    roles = [r for r in person.roles if on is None or r.covers(on)]
    return max(roles, key=lambda r: (r.rank, r.start), default=None)
