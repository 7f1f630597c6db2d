"""Find the topics a (simplified) sentence names, from the cue words of vocab/topics.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from data_prep.model import TOPICS
from data_prep.vocab.topics import TopicVocab, read_topic_vocab

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Entry:
    """What one automaton key means: a cue of a topic, or a phrase that cancels its cues."""

    topic: str
    is_guard: bool


def build_topic_automaton(vocab: TopicVocab) -> ahocorasick.Automaton:
    """Build one automaton over every cue and guard phrase; each key maps to its _Entry tuple."""
    entries: dict[str, list[_Entry]] = {}
    for topic in TOPICS:
        for cue in vocab.cues[topic]:
            entries.setdefault(cue, []).append(_Entry(topic, is_guard=False))
        for phrase in vocab.not_when[topic]:
            entries.setdefault(phrase, []).append(_Entry(topic, is_guard=True))
    automaton = ahocorasick.Automaton()
    for key, values in entries.items():
        automaton.add_word(key, (len(key), tuple(values)))
    automaton.make_automaton()
    return automaton


@cache
def _automaton() -> ahocorasick.Automaton:
    return build_topic_automaton(read_topic_vocab())


def find_topics(sentence: str) -> dict[str, tuple[Span, ...]]:
    """Return each topic the sentence names, with the (begin, end) spans of its cues, in TOPICS order."""
    return find_topics_with(_automaton(), sentence)


def find_topics_with(automaton: ahocorasick.Automaton, sentence: str) -> dict[str, tuple[Span, ...]]:
    """Return the topics of `sentence` found by an automaton from build_topic_automaton."""
    hits: dict[str, list[Span]] = {}
    guards: dict[str, list[Span]] = {}
    for last, (length, values) in automaton.iter(sentence):
        span = (last + 1 - length, last + 1)
        for entry in values:
            (guards if entry.is_guard else hits).setdefault(entry.topic, []).append(span)
    found: dict[str, tuple[Span, ...]] = {}
    for topic in TOPICS:
        spans = hits.get(topic)
        if not spans:
            continue
        kept = _outermost([s for s in spans if not _inside_any(s, guards.get(topic, ()))])
        if kept:
            found[topic] = kept
    return found


def _inside_any(span: Span, outers: list[Span] | tuple[()]) -> bool:
    return any(begin <= span[0] and span[1] <= end for begin, end in outers)


def _outermost(spans: list[Span]) -> tuple[Span, ...]:
    """Drop spans nested in a longer span of the same topic ("台海" inside "台海两岸" stays one mark)."""
    ordered = sorted(set(spans), key=lambda s: (s[0], -s[1]))
    kept: list[Span] = []
    for span in ordered:
        if not kept or span[1] > kept[-1][1]:
            kept.append(span)
    return tuple(kept)
