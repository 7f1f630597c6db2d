"""Every spelling of an official, from the extraction's vocabulary (data_prep/vocab/officials.yaml).

The officials filter matches what a reader types against all of them: simplified and traditional script,
the Taiwan and Hong Kong transliterations, and English. The YAML is read as data; no extraction code runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from importlib.abc import Traversable

import opencc
import yaml

from dashboard.i18n import VocabularyError

VOCABULARY_PARTS = ("vocab", "officials.yaml")
SEPARATORS = ("·", "‧", "．", "・", "•")  # a full name may be written with any of these, or none


def find_officials_yaml() -> Traversable:
    """Return the officials vocabulary shipped with data_prep."""
    return resources.files("data_prep").joinpath(*VOCABULARY_PARTS)


@cache
def read_spellings() -> dict[str, tuple[str, ...]]:
    """Map each official's English name to every spelling of the vocabulary, in both scripts."""
    source = find_officials_yaml()
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        people = data["people"]
    except (OSError, KeyError, TypeError) as error:
        raise VocabularyError(str(source), f"cannot read the officials' spellings ({error})") from error
    return build_spellings(people)


def build_spellings(people: object) -> dict[str, tuple[str, ...]]:
    """Collect the spellings of each person entry (name_en, name_zh, zh aliases) in both scripts."""
    if not isinstance(people, list):
        raise VocabularyError("officials.yaml", "people must be a list")
    to_traditional, to_simplified = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    spellings: dict[str, tuple[str, ...]] = {}
    for person in people:
        if not isinstance(person, Mapping) or not isinstance(person.get("name_en"), str):
            continue
        aliases = [person.get("name_zh"), *(person.get("zh") or [])]
        names = [str(a) for a in aliases if isinstance(a, str) and a]
        forms = [person["name_en"], *names]
        forms += [to_traditional.convert(n) for n in names] + [to_simplified.convert(n) for n in names]
        forms += [_unseparated(n) for n in forms if any(s in n for s in SEPARATORS)]
        spellings[person["name_en"]] = tuple(dict.fromkeys(forms))
    return spellings


def find_spellings(name_en: str, name_zh: str | None = None) -> tuple[str, ...]:
    """Return every spelling of an official (the table's own names when the vocabulary lacks them)."""
    own = tuple(n for n in (name_en, name_zh) if isinstance(n, str) and n)
    return tuple(dict.fromkeys((*own, *read_spellings().get(name_en, ()))))


def _unseparated(name: str) -> str:
    for separator in SEPARATORS:
        name = name.replace(separator, "")
    return name
