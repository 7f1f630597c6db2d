"""The one way vocabularies are read: packaged YAML files, found with importlib.resources."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from typing import Any

import yaml

# libyaml when present: the officials dictionary is large and the pure-Python parser is slow.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PACKAGE = "data_prep.vocab"


# The same loader that leaves dates as text, so a bad date is reported with its entry (libyaml too:
# the reference events' file took 0.11 s to parse in pure Python, a serial share of every build's start).
_TextDateLoader: Any = type("_TextDateLoader", (_LOADER,), {})
_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


def parse_vocab(text: str, path: str, *, dates_as_text: bool = False) -> Any:
    """Parse a vocabulary's YAML text; a syntax error names the file."""
    try:
        return yaml.load(text, Loader=_TextDateLoader if dates_as_text else _LOADER)
    except yaml.YAMLError as error:
        raise VocabError(path, "file", f"not valid YAML: {error}") from error


def read_vocab(name: str) -> dict[str, Any]:
    """Read a packaged vocabulary file whose top level is a mapping."""
    data = parse_vocab(vocab_text(name), name)
    if not isinstance(data, dict):
        raise VocabError(name, "file", "expected a mapping at the top level")
    return data


def check_words(
    value: Any, path: str, entry: str, *, allow_empty: bool = True, unique: bool = False, spaces: bool = False
) -> tuple[str, ...]:
    """Check that a vocabulary entry is a list of non-empty strings, and return it as a tuple.

    With `spaces`, a word may be all whitespace (a list of marks may hold the space itself).
    """
    if not isinstance(value, list) or not all(
        isinstance(word, str) and (word.strip() or (spaces and word)) for word in value
    ):
        raise VocabError(path, entry, "must be a list of non-empty strings")
    if not value and not allow_empty:
        raise VocabError(path, entry, "must not be empty")
    duplicates = sorted(word for word, count in Counter(value).items() if count > 1) if unique else []
    if duplicates:
        raise VocabError(path, entry, f"repeats {duplicates}")
    return tuple(value)


def check_marks(value: Any, path: str, entry: str) -> str:
    """Check that a vocabulary entry is a list of single characters, and return them as one string."""
    marks = check_words(value, path, entry, allow_empty=False, unique=True, spaces=True)
    if any(len(mark) != 1 for mark in marks):
        raise VocabError(path, entry, "must be a list of single characters")
    return "".join(marks)
