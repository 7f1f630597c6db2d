"""The one way vocabularies are read: packaged YAML files, found with importlib.resources."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

# libyaml when present: the officials dictionary is large and the pure-Python parser is slow.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PACKAGE = "data_prep.vocab"


class VocabError(ValueError):
    """A vocabulary file is malformed: names the file, the entry and the problem."""

    def __init__(self, path: str, entry: str, reason: str) -> None:
        super().__init__(f"{path}: {entry}: {reason}")
        self.path = path
        self.entry = entry
        self.reason = reason

    def __reduce__(self) -> tuple[type[VocabError], tuple[str, str, str]]:
        return (type(self), (self.path, self.entry, self.reason))


def vocab_text(name: str) -> str:
    """The text of a packaged vocabulary file."""
    return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


def parse_vocab(text: str, path: str) -> Any:
    """Parse a vocabulary's YAML text; a syntax error names the file."""
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        raise VocabError(path, "file", f"not valid YAML: {error}") from error


def read_vocab(name: str) -> dict[str, Any]:
    """Read a packaged vocabulary file whose top level is a mapping."""
    data = parse_vocab(vocab_text(name), name)
    if not isinstance(data, dict):
        raise VocabError(name, "file", "expected a mapping at the top level")
    return data
