"""Meeting predicates and unnamed delegations found by a small grammar instead of listed phrases.

"举行中美海洋事务磋商第二次会议", "进行新一轮战略沟通", "会议由X和Y共同主持" are meetings however the
body or the round between the words is named; "美国禁毒联合代表团" is a side's delegation whatever its
purpose. The words come from meeting_types.yaml (`meeting_predicates`, `delegations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from data_prep.model import Side
from data_prep.vocab.loader import VocabError, check_words
from data_prep.vocab.words import char_class


@dataclass(frozen=True, slots=True)
class Delegation:
    pattern: re.Pattern[str]
    side: Side
    name_en: str


@dataclass(frozen=True, slots=True)
class Grammar:
    predicate: re.Pattern[str]  # light verb … meeting noun
    channel: re.Pattern[str]  # light verb … round/channel word … 对话/沟通
    chaired: re.Pattern[str]  # meeting noun … 由 … 主持
    delegations: tuple[Delegation, ...]
    # Words every match of a pattern holds, found faster alone: a sentence without them has no match.
    nouns: re.Pattern[str]  # in every match of predicate and chaired
    channel_nouns: re.Pattern[str]  # in every match of channel
    delegation_nouns: re.Pattern[str]  # in every match of a delegation


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _words(section: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    return check_words(section.get(key), path, key, allow_empty=False)


def read_grammar(data: dict[str, Any], path: str) -> Grammar:
    """Build the grammar's patterns from the parsed meeting_types.yaml; errors name the file."""
    predicates, delegations = data.get("meeting_predicates"), data.get("delegations")
    if not isinstance(predicates, dict) or not isinstance(delegations, dict):
        raise VocabError(path, "meeting_predicates/delegations", "must be mappings")
    verbs = _alternatives(_words(predicates, "light_verbs", path))
    nouns = _alternatives(_words(predicates, "nouns", path))
    channel_nouns = _alternatives(_words(predicates, "channel_nouns", path))
    rounds = _alternatives(_words(predicates, "channel_words", path))
    reach = predicates.get("reach")
    if not isinstance(reach, int) or reach < 1:
        raise VocabError(path, "meeting_predicates.reach", "must be a positive number of characters")
    inside = char_class(_words(predicates, "stops", path), negated=True)  # a character of the clause
    gap = f"{inside}{{0,{reach}}}?"
    chairs = _alternatives(_words(predicates, "chairs", path))
    # The chairs' names and titles stand between 由 and 主持: twice the room of a body's name.
    chaired_gap = f"{inside}{{0,{2 * reach}}}?"
    by = _alternatives(_words(predicates, "chair_markers", path))
    return Grammar(
        predicate=re.compile(f"(?:{verbs}){gap}(?:{nouns})"),
        channel=re.compile(f"(?:{verbs}){gap}(?:{rounds}){gap}(?:{channel_nouns})"),
        chaired=re.compile(f"(?:{nouns}){inside}{{0,2}}(?:{by}){chaired_gap}(?:{chairs})"),
        delegations=tuple(_delegation(delegations, side, path, inside) for side in ("US", "CN")),
        nouns=re.compile(nouns),
        channel_nouns=re.compile(channel_nouns),
        delegation_nouns=re.compile(_alternatives(_words(delegations, "nouns", path))),
    )


def _delegation(section: dict[str, Any], side: Side, path: str, inside: str) -> Delegation:
    entry = section.get(side)
    if not isinstance(entry, dict) or not isinstance(entry.get("name_en"), str):
        raise VocabError(path, f"delegations.{side}", "needs countries and name_en")
    countries = _alternatives(
        check_words(entry.get("countries"), path, f"delegations.{side}.countries", allow_empty=False)
    )
    nouns = _alternatives(_words(section, "nouns", path))
    reach = section.get("reach")
    if not isinstance(reach, int) or reach < 0:
        raise VocabError(path, "delegations.reach", "must be a number of characters")
    return Delegation(re.compile(f"(?:{countries}){inside}{{0,{reach}}}?(?:{nouns})"), side, entry["name_en"])
