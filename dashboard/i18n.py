"""The dashboard's strings in English and Chinese, read from i18n.yaml and checked on load."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")
DEFAULT_LANG: Lang = "en"


class VocabularyError(ValueError):
    """A vocabulary file of the dashboard is malformed."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@cache
def read_strings() -> dict[str, dict[str, str]]:
    """Read and check i18n.yaml: every key has a non-empty English and Chinese string."""
    name = "i18n.yaml"
    data = yaml.safe_load(resources.files("dashboard").joinpath(name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise VocabularyError(name, "expected a mapping of keys to {en, zh}")
    for key, entry in data.items():
        if not isinstance(entry, dict) or any(not isinstance(entry.get(lang), str) for lang in LANGS):
            raise VocabularyError(name, f"{key!r} needs both 'en' and 'zh' strings")
    return data


def resolve_lang(value: object) -> Lang:
    """Return a supported language for any input, English when unknown."""
    return "zh" if value == "zh" else DEFAULT_LANG


def t(key: str, lang: str, **values: object) -> str:
    """Translate a key, filling {placeholders}; an unknown key raises KeyError."""
    text = read_strings()[key][resolve_lang(lang)]
    return text.format(**values) if values else text


def label(group: str, value: str, lang: str) -> str:
    """Translate a vocabulary value (topic, lane, type...), falling back to the value itself."""
    entry = read_strings().get(f"{group}.{value}")
    return entry[resolve_lang(lang)] if entry else value
