"""Decide the timeline lane (channel) of a meeting from its participants' titles and its topics."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from dashboard.i18n import VocabularyError

LEADERS = "leaders"


@dataclass(frozen=True, slots=True)
class Lane:
    key: str
    patterns: tuple[re.Pattern[str], ...]
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LaneRules:
    lanes: tuple[Lane, ...]
    priority: tuple[str, ...]
    fallback: str
    display: tuple[str, ...]

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(lane.key for lane in self.lanes)


@cache
def read_lane_rules() -> LaneRules:
    """Read and check lanes.yaml."""
    name = "lanes.yaml"
    data = yaml.safe_load(resources.files("dashboard").joinpath(name).read_text(encoding="utf-8"))
    try:
        lanes = tuple(
            Lane(
                str(entry["key"]),
                tuple(re.compile(p, re.IGNORECASE) for p in entry["patterns"]),
                tuple(entry["topics"]),
            )
            for entry in data["lanes"]
        )
        rules = LaneRules(lanes, tuple(data["priority"]), str(data["fallback"]), tuple(data["display"]))
    except (KeyError, TypeError, re.error) as error:
        raise VocabularyError(name, f"malformed lane rules ({error})") from error
    keys = set(rules.order)
    if LEADERS not in keys or not set(rules.priority) <= keys or rules.fallback not in keys:
        raise VocabularyError(name, "priority and fallback must name lanes, and 'leaders' must exist")
    if sorted(rules.display) != sorted(keys):
        raise VocabularyError(name, "display must list every lane once")
    return rules


def find_participant_lane(participant: Mapping[str, Any], rules: LaneRules) -> str | None:
    """Return the channel of one participant's title (or institution name), None when nothing matches."""
    text = participant.get("title") or participant.get("name_en") or ""
    for lane in rules.lanes:
        if any(pattern.search(text) for pattern in lane.patterns):
            return lane.key
    return None


def resolve_lane(participants: Sequence[Mapping[str, Any]], topics: Iterable[str], rules: LaneRules) -> str:
    """Return the lane of a meeting: leaders when both sides field one, else the most specific channel."""
    lanes = [(p.get("side"), find_participant_lane(p, rules)) for p in participants]
    leader_sides = {side for side, lane in lanes if lane == LEADERS}
    if {"US", "CN"} <= leader_sides:
        return LEADERS
    found = {lane for _, lane in lanes if lane and lane != LEADERS}
    for key in rules.priority:
        if key in found:
            return key
    topic_set = set(topics)
    for lane in rules.lanes:
        if topic_set.intersection(lane.topics):
            return lane.key
    return rules.fallback
