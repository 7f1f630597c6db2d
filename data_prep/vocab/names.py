"""The title + name grammar's word lists: read and check vocab/names.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from data_prep.model import Side
from data_prep.vocab.kept import built_once
from data_prep.vocab.loader import VocabError, read_vocab

VOCAB_FILE = "names.yaml"
_LISTS = (
    "institution_after",
    "ranks_after",
    "name_stops",
    "compound_surnames",
    "phrase_stops",
    "third_countries",
    "visit_verbs",
    "not_a_title_after",
    "list_marks",
    "list_breaks",
    "not_government",
    "name_dots",
    "phrase_breaks",
    "phrase_partners",
    "modifier_mark",
    "not_a_side",
)
_CHARACTERS = ("transliteration", "surnames")


@dataclass(frozen=True, slots=True)
class Title:
    zh: str
    en: str
    rank: int
    side: Side | None = None  # the side of a title no other government uses (国务卿)


@dataclass(frozen=True, slots=True)
class NameWords:
    titles: dict[str, Title]
    title_pattern: re.Pattern[str]  # every title, the longest first, not going on into an institution
    ranks_after: tuple[str, ...]
    name_stops: tuple[str, ...]
    transliteration: frozenset[str]
    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    surname_pinyin: dict[str, str]
    side_markers: tuple[tuple[str, Side], ...]  # the longest first
    phrase_stops: tuple[str, ...]
    third_countries: tuple[str, ...]
    visit_verbs: tuple[str, ...]
    not_a_title_after: frozenset[str]
    list_marks: tuple[str, ...]
    list_breaks: tuple[str, ...]
    not_government: tuple[str, ...]
    name_dots: str
    phrase_breaks: frozenset[str]
    phrase_partners: frozenset[str]
    modifier_mark: str
    not_a_side: tuple[str, ...]


@built_once
def load_name_words() -> NameWords:
    """Read and check the packaged vocab/names.yaml once."""
    return build_name_words(read_vocab(VOCAB_FILE), VOCAB_FILE)


def build_name_words(data: dict[str, Any], path: str) -> NameWords:
    """Check parsed YAML and build the grammar's word lists."""
    lists = {key: _words(data, key, path) for key in _LISTS}
    chars = {key: _characters(data, key, path) for key in _CHARACTERS}
    titles = {t.zh: t for t in (_title(entry, path) for entry in _list(data, "titles", path))}
    ordered = sorted(titles, key=len, reverse=True)
    if any(len(w) != 2 for w in lists["not_a_title_after"]):
        raise VocabError(path, "not_a_title_after", "lists two-character words")
    after = "".join(lists["institution_after"])
    pattern = re.compile("(?:" + "|".join(map(re.escape, ordered)) + ")(?![" + re.escape(after) + "])")
    return NameWords(
        titles=titles,
        title_pattern=pattern,
        ranks_after=tuple(sorted(lists["ranks_after"], key=len, reverse=True)),
        name_stops=tuple(sorted(lists["name_stops"], key=len, reverse=True)),
        transliteration=chars["transliteration"],
        surnames=chars["surnames"],
        compound_surnames=lists["compound_surnames"],
        surname_pinyin=_readings(data, path),
        side_markers=_side_markers(data, path),
        phrase_stops=lists["phrase_stops"],
        third_countries=tuple(sorted(lists["third_countries"], key=len, reverse=True)),
        visit_verbs=lists["visit_verbs"],
        not_a_title_after=frozenset(lists["not_a_title_after"]),
        list_marks=lists["list_marks"],
        list_breaks=lists["list_breaks"],
        not_government=lists["not_government"],
        name_dots="".join(lists["name_dots"]),
        phrase_breaks=frozenset(lists["phrase_breaks"]) | frozenset(" \n\t"),
        phrase_partners=frozenset(lists["phrase_partners"]),
        modifier_mark=lists["modifier_mark"][0],
        not_a_side=lists["not_a_side"],
    )


def _list(data: dict[str, Any], key: str, path: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise VocabError(path, key, "must be a non-empty list")
    return value


def _words(data: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    value = _list(data, key, path)
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise VocabError(path, key, "must list non-empty strings")
    return tuple(value)


def _characters(data: dict[str, Any], key: str, path: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise VocabError(path, key, "must be a string of characters")
    return frozenset(value.replace(" ", "").replace("\n", ""))


def _title(entry: Any, path: str) -> Title:
    where = str(entry.get("zh", "?")) if isinstance(entry, dict) else "?"
    if not isinstance(entry, dict) or not set(entry) <= {"zh", "en", "rank", "side"}:
        raise VocabError(path, f"titles: {where}", "a title takes zh, en, rank and optionally side")
    if not all(isinstance(entry.get(k), str) and entry[k].strip() for k in ("zh", "en")):
        raise VocabError(path, f"titles: {where}", "zh and en must be non-empty")
    rank, side = entry.get("rank"), entry.get("side")
    if not isinstance(rank, int) or not 0 <= rank <= 100:
        raise VocabError(path, f"titles: {where}", "rank must be a number from 0 to 100")
    if side not in (None, "US", "CN"):
        raise VocabError(path, f"titles: {where}", "side must be US or CN")
    return Title(entry["zh"], entry["en"], rank, side)


def _readings(data: dict[str, Any], path: str) -> dict[str, str]:
    value = data.get("surname_pinyin")
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.isascii() for k, v in value.items()
    ):
        raise VocabError(path, "surname_pinyin", "must map surnames to their pinyin")
    return dict(value)


def _side_markers(data: dict[str, Any], path: str) -> tuple[tuple[str, Side], ...]:
    value = data.get("side_markers")
    if not isinstance(value, dict) or set(value) != {"US", "CN"}:
        raise VocabError(path, "side_markers", "must have a US and a CN list")
    pairs: list[tuple[str, Side]] = []
    for side in ("US", "CN"):
        pairs += [(word, side) for word in _words(value, side, path)]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))
