"""A cheap first look at a raw article: could it report a US–PRC meeting at all?

Most articles of a month are not about US–China meetings. One pass of an Aho–Corasick automaton over
the raw text, in either script, tells which ones name a meeting word and someone of each side; only
those go on to the expensive steps (HTML cleaning, sentence splitting, date resolution).
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

import ahocorasick
import opencc

from data_prep import officials, refevents
from data_prep.meeting_types import load_cues
from data_prep.model import Article

_MEETING = 1
_US = 2
_CN = 4
_ALL = _MEETING | _US | _CN
_PAIRED_OFFICES = ("元首", "外长", "外交部长", "防长", "国防部长", "商务部长", "财长", "国家安全顾问")


def _scripts(word: str) -> set[str]:
    """A simplified word and its traditional spellings (Taiwan and Hong Kong usage)."""
    forms = {word}
    for config in ("s2t", "s2tw", "s2hk", "s2twp"):
        forms.add(_converter(config).convert(word))
    return {f for f in forms if f}


@functools.cache
def _converter(config: str) -> Any:
    return opencc.OpenCC(config)


def _words() -> dict[str, int]:
    flags: dict[str, int] = {}
    cues = load_cues()
    for word in cues.meeting_words():
        flags[word] = flags.get(word, 0) | _MEETING
    for counterpart in cues.counterparts:
        flags[counterpart.cue] = flags.get(counterpart.cue, 0) | (_US if counterpart.side == "US" else _CN)
    for form, side in officials.surface_forms():
        flags[form] = flags.get(form, 0) | (_US if side == "US" else _CN)
    for pair, office in itertools.product(("中美", "美中"), _PAIRED_OFFICES):
        flags[pair + office] = flags.get(pair + office, 0) | _US | _CN
    for cue in _reference_cues():
        flags[cue] = flags.get(cue, 0) | _ALL
    return flags


def _reference_cues() -> set[str]:
    """The longest fixed piece of each phrase that names a known US–China meeting."""
    pieces = set()
    for event in refevents.load_vocabulary().events:
        if event.meeting_type is None:
            continue
        for cue in event.cues:
            pieces.add(max(cue.phrase.split("…"), key=len))
    return pieces


@functools.cache
def _automaton() -> Any:
    automaton = ahocorasick.Automaton()
    expanded: dict[str, int] = {}
    for word, flag in _words().items():
        for form in _scripts(word):
            expanded[form] = expanded.get(form, 0) | flag
    for form, flag in expanded.items():
        automaton.add_word(form, flag)
    automaton.make_automaton()
    return automaton


def could_report_meeting(article: Article) -> bool:
    """Whether the raw text names a meeting word and someone of each side (or a known meeting)."""
    seen = 0
    for text in (article.title or "", article.body):
        for _end, flag in _automaton().iter(text):
            seen |= flag
            if seen == _ALL:
                return True
    return False
