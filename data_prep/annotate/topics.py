"""Find the topics a (simplified) sentence names, from the cue words of vocab/topics.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

from data_prep.model import TOPICS

VOCAB_FILE = "vocab/topics.yaml"

Span = tuple[int, int]


class TopicVocabError(Exception):
    """A topics vocabulary that breaks a rule; the message names the file."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TopicVocab:
    """The checked contents of topics.yaml."""

    cues: dict[str, tuple[str, ...]]
    not_when: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, str]]


@dataclass(frozen=True, slots=True)
class _Entry:
    """What one automaton key means: a cue of a topic, or a phrase that cancels its cues."""

    topic: str
    is_guard: bool


def parse_topic_vocab(data: Any, path: str) -> TopicVocab:
    """Check the parsed YAML of a topics vocabulary and return it; errors name `path`."""
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict):
        raise TopicVocabError(path, "expected a mapping with a 'topics' mapping")
    topics = data["topics"]
    if set(topics) != set(TOPICS):
        missing = sorted(set(TOPICS) - set(topics))
        extra = sorted(set(topics) - set(TOPICS))
        reason = f"topic keys must be exactly {list(TOPICS)}; missing {missing}, extra {extra}"
        raise TopicVocabError(path, reason)
    cues: dict[str, tuple[str, ...]] = {}
    not_when: dict[str, tuple[str, ...]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for topic in TOPICS:
        entry = topics[topic]
        if not isinstance(entry, dict):
            raise TopicVocabError(path, f"topic {topic!r} must be a mapping")
        labels[topic] = (_label(entry, "en", topic, path), _label(entry, "zh", topic, path))
        cues[topic] = _strings(entry.get("cues"), f"{topic}.cues", path, allow_empty=False)
        not_when[topic] = _strings(entry.get("not_when", []), f"{topic}.not_when", path, allow_empty=True)
        for phrase in not_when[topic]:
            if not any(cue in phrase for cue in cues[topic]):
                raise TopicVocabError(path, f"{topic}.not_when {phrase!r} holds none of the topic's cues")
    return TopicVocab(cues=cues, not_when=not_when, labels=labels)


def _label(entry: dict[str, Any], lang: str, topic: str, path: str) -> str:
    value = entry.get(lang)
    if not isinstance(value, str) or not value.strip():
        raise TopicVocabError(path, f"topic {topic!r} needs a non-empty {lang!r} label")
    return value


def _strings(value: Any, where: str, path: str, *, allow_empty: bool) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise TopicVocabError(path, f"{where} must be a list of non-empty strings")
    if not value and not allow_empty:
        raise TopicVocabError(path, f"{where} must not be empty")
    duplicates = sorted({item for item in value if value.count(item) > 1})
    if duplicates:
        raise TopicVocabError(path, f"{where} repeats {duplicates}")
    return tuple(value)


def read_topic_vocab() -> TopicVocab:
    """Read and check the packaged vocab/topics.yaml."""
    source = resources.files("data_prep").joinpath(VOCAB_FILE)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise TopicVocabError(str(source), f"not valid YAML: {error}") from error
    return parse_topic_vocab(data, str(source))


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
def _vocab() -> TopicVocab:
    return read_topic_vocab()


@cache
def _automaton() -> ahocorasick.Automaton:
    return build_topic_automaton(_vocab())


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


def topic_cues(topic: str) -> tuple[str, ...]:
    """Return the cue words of one topic key (KeyError for an unknown key)."""
    return _vocab().cues[topic]


def topic_labels() -> dict[str, tuple[str, str]]:
    """Return topic key -> (English label, Chinese label), in TOPICS order."""
    return dict(_vocab().labels)
