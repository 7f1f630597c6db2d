"""The corrections file: read and check its YAML into `Correction` records, one problem per bad entry.

A bad entry costs only itself: `parse_corrections` returns the good entries and, for each bad one, a
`CorrectionProblem` naming the file, the entry's index and what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError

from data_prep.correct.values import (
    EDIT_KEYS,
    EntryError,
    PersonSpec,
    check_added_row,
    check_date,
    check_people,
    check_settings,
    check_topics,
)

Action = Literal["reject", "merge", "add", "edit"]
ACTIONS: tuple[Action, ...] = ("reject", "merge", "add", "edit")
COMMON_KEYS = ("note", "by", "at", "match")


class CorrectionsFileError(Exception):
    """The corrections file as a whole cannot be read; the message names the file."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True, slots=True)
class CorrectionProblem:
    """One malformed entry: the file, its index (0-based, in file order) and the problem."""

    path: str
    index: int
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: entry {self.index}: {self.problem}"


@dataclass(frozen=True, slots=True)
class MatchKey:
    """What finds a row again when its id is gone: its date and its two principals."""

    start_date: date | None
    principals: tuple[str, ...]  # name_en of the US principal, then of the PRC principal


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of the file: an action on the table, with who made it, when and why."""

    index: int
    action: Action
    ids: tuple[str, ...] = ()  # the row (reject, edit) or rows (merge) it names; none for add
    note: str | None = None
    by: str | None = None
    at: date | None = None
    reason: str | None = None  # reject's text
    changes: Mapping[str, Any] = field(default_factory=dict)  # edit's `set`, or add's whole row
    add_participants: tuple[PersonSpec, ...] = ()
    remove_participants: tuple[PersonSpec, ...] = ()
    add_topics: tuple[str, ...] = ()
    remove_topics: tuple[str, ...] = ()
    match: MatchKey | None = None


def read_corrections_file(path: Path) -> tuple[list[Correction], list[CorrectionProblem]]:
    """Read a corrections file; raise CorrectionsFileError when the file itself is unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise CorrectionsFileError(str(path), "file not found") from error
    except (OSError, UnicodeDecodeError) as error:
        raise CorrectionsFileError(str(path), f"cannot read: {error}") from error
    return parse_corrections(text, str(path))


def parse_corrections(text: str, path: str) -> tuple[list[Correction], list[CorrectionProblem]]:
    """Parse the YAML text of a corrections file into its good entries and its entries' problems."""
    try:
        data = _safe_yaml().load(text)
    except YAMLError as error:
        raise CorrectionsFileError(path, f"not valid YAML: {error}") from error
    if data is None:
        return [], []
    if not isinstance(data, list):
        raise CorrectionsFileError(path, "expected a list of entries (each line starting with '- ')")
    entries, problems = [], []
    for index, item in enumerate(data):
        try:
            entries.append(parse_entry(item, index))
        except EntryError as error:
            problems.append(CorrectionProblem(path, index, str(error)))
    return entries, problems


class _LenientConstructor(SafeConstructor):
    """The safe constructor, but an impossible date (2024-13-01) stays text, for its entry to report."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_LenientConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _LenientConstructor.construct_yaml_timestamp
)


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _LenientConstructor
    return yaml


def parse_entry(item: object, index: int) -> Correction:
    """Check one entry and turn it into a Correction; raise _Bad naming the problem."""
    if not isinstance(item, dict):
        raise EntryError("expected a mapping (id:, reject:, set:, merge: or add:)")
    unknown = sorted(str(k) for k in item if k not in (*ACTIONS, *EDIT_KEYS, *COMMON_KEYS, "id"))
    if unknown:
        raise EntryError(f"unknown key {', '.join(unknown)}")
    kinds = [kind for kind in ("reject", "merge", "add") if kind in item]
    if any(key in item for key in EDIT_KEYS):
        kinds.append("edit")
    if len(kinds) != 1:
        found = " and ".join(kinds) if kinds else "none"
        raise EntryError(
            f"needs exactly one action (reject, merge, add, or an edit with set/add_…/remove_…), "
            f"found {found}"
        )
    common: dict[str, Any] = {
        "index": index,
        "note": _optional_text(item, "note"),
        "by": _optional_text(item, "by"),
        "at": check_date(item.get("at"), "at"),
        "match": _match(item.get("match")),
    }
    action = kinds[0]
    if action == "merge":
        return Correction(action="merge", ids=_merge_ids(item), **common)
    if action == "add":
        if "id" in item:
            raise EntryError("an add entry takes no id: the new row gets its own")
        return Correction(action="add", changes=check_added_row(item["add"]), **common)
    row_id = _id(item.get("id"))
    if action == "reject":
        return Correction(action="reject", ids=(row_id,), reason=_reason(item["reject"]), **common)
    return Correction(
        action="edit",
        ids=(row_id,),
        changes=check_settings(item.get("set")),
        add_participants=check_people(item.get("add_participants"), "add_participants"),
        remove_participants=check_people(item.get("remove_participants"), "remove_participants"),
        add_topics=check_topics(item.get("add_topics"), "add_topics"),
        remove_topics=check_topics(item.get("remove_topics"), "remove_topics"),
        **common,
    )


def _id(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EntryError("needs the id of a row (id: m-…)")
    return value.strip()


def _merge_ids(item: Mapping[str, Any]) -> tuple[str, ...]:
    if "id" in item:
        raise EntryError("a merge entry lists its ids under merge:, not id:")
    value = item["merge"]
    if not isinstance(value, list) or len(value) < 2:
        raise EntryError("merge needs a list of at least two ids")
    ids = tuple(_id(v) for v in value)
    if len(set(ids)) != len(ids):
        raise EntryError("merge names the same id twice")
    return ids


def _reason(value: object) -> str | None:
    if value is True or value is None:
        return None
    if not isinstance(value, str):
        raise EntryError("reject takes the reason as text")
    return value.strip() or None


def _optional_text(item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise EntryError(f"{key} must be text")
    return str(value)


def _match(value: object) -> MatchKey | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("principals"), list):
        raise EntryError("match needs start_date and principals (a list of two names)")
    principals = tuple(str(p) for p in value["principals"])
    return MatchKey(check_date(value.get("start_date"), "match.start_date"), principals)
