"""The outlets vocabulary: names, front-matter keys, link hosts, time zones and agency datelines.

Read from vocab/outlets.yaml and checked on load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from data_prep.vocab.kept import built_once
from data_prep.vocab.loader import VocabError, check_words, read_vocab

VOCAB_FILE = "outlets.yaml"


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    zone: ZoneInfo | None


@dataclass(frozen=True, slots=True)
class AgencyDateline:
    """A wire service's dateline: where it opens, and a pattern capturing (day,) or (month, day)."""

    opening: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Outlets:
    by_key: dict[str, Outlet]  # lower-cased name or key -> outlet
    by_host: dict[str, Outlet]
    agency_datelines: tuple[AgencyDateline, ...]


@built_once
def load_outlets() -> Outlets:
    """Read and check the packaged vocab/outlets.yaml (once)."""
    return parse_outlets(read_vocab(VOCAB_FILE), VOCAB_FILE)


def parse_outlets(data: dict[str, Any], path: str) -> Outlets:
    """Check the parsed YAML of the outlets vocabulary and build its lookups; errors name `path`."""
    if not isinstance(data.get("outlets"), list):
        raise VocabError(path, "file", "needs a top-level 'outlets' list")
    by_key: dict[str, Outlet] = {}
    by_host: dict[str, Outlet] = {}
    for entry in data["outlets"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry.get("keys"):
            raise VocabError(path, repr(entry), "an outlet needs a name and keys")
        outlet = Outlet(entry["name"], _zone(entry.get("zone"), path, entry["name"]))
        for key in [entry["name"], *entry["keys"]]:
            if by_key.setdefault(str(key).lower(), outlet) is not outlet:
                raise VocabError(path, entry["name"], f"key {key!r} names two outlets")
        for host in check_words(entry.get("hosts", []), path, f"{entry['name']}.hosts"):
            by_host[host.lower()] = outlet
    datelines = tuple(_dateline(item, path) for item in data.get("agency_datelines") or [])
    return Outlets(by_key, by_host, datelines)


def _zone(name: Any, path: str, outlet: str) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise VocabError(path, outlet, f"zone {name!r} is not an IANA time zone") from error


def _dateline(item: Any, path: str) -> AgencyDateline:
    if not isinstance(item, dict) or not isinstance(item.get("opening"), str) or not item["opening"]:
        raise VocabError(path, "agency_datelines", f"{item!r} needs an opening and a pattern")
    opening = item["opening"]
    try:
        pattern = re.compile(str(item.get("pattern")))
    except re.error as error:
        raise VocabError(path, f"agency_datelines.{opening}", f"not a regular expression: {error}") from error
    if not pattern.pattern.startswith(re.escape(opening)) or pattern.groups not in (1, 2):
        reason = "the pattern must start with the opening and capture the day, or the month and the day"
        raise VocabError(path, f"agency_datelines.{opening}", reason)
    return AgencyDateline(opening, pattern)
