"""The topics vocabulary: read and check vocab/topics.yaml into cue words, guard phrases and labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from data_prep.model import TOPICS
from data_prep.vocab.kept import built_once
from data_prep.vocab.loader import VocabError, check_words, read_vocab

VOCAB_FILE = "topics.yaml"


@dataclass(frozen=True, slots=True)
class TopicVocab:
    """The checked contents of topics.yaml."""

    cues: dict[str, tuple[str, ...]]
    not_when: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, str]]


def parse_topic_vocab(data: Any, path: str) -> TopicVocab:
    """Check the parsed YAML of a topics vocabulary and return it; errors name `path`."""
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict):
        raise VocabError(path, "file", "expected a mapping with a 'topics' mapping")
    topics = data["topics"]
    if set(topics) != set(TOPICS):
        missing = sorted(set(TOPICS) - set(topics))
        extra = sorted(set(topics) - set(TOPICS))
        reason = f"topic keys must be exactly {list(TOPICS)}; missing {missing}, extra {extra}"
        raise VocabError(path, "topics", reason)
    cues: dict[str, tuple[str, ...]] = {}
    not_when: dict[str, tuple[str, ...]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for topic in TOPICS:
        entry = topics[topic]
        if not isinstance(entry, dict):
            raise VocabError(path, topic, "a topic must be a mapping")
        labels[topic] = (_label(entry, "en", topic, path), _label(entry, "zh", topic, path))
        cues[topic] = check_words(entry.get("cues"), path, f"{topic}.cues", allow_empty=False, unique=True)
        not_when[topic] = check_words(entry.get("not_when", []), path, f"{topic}.not_when", unique=True)
        for phrase in not_when[topic]:
            if not any(cue in phrase for cue in cues[topic]):
                raise VocabError(path, f"{topic}.not_when", f"{phrase!r} holds none of the topic's cues")
    return TopicVocab(cues=cues, not_when=not_when, labels=labels)


def _label(entry: dict[str, Any], lang: str, topic: str, path: str) -> str:
    value = entry.get(lang)
    if not isinstance(value, str) or not value.strip():
        raise VocabError(path, topic, f"needs a non-empty {lang!r} label")
    return value


@built_once
def read_topic_vocab() -> TopicVocab:
    """Read and check the packaged vocab/topics.yaml (once)."""
    return parse_topic_vocab(read_vocab(VOCAB_FILE), VOCAB_FILE)


def topic_cues(topic: str) -> tuple[str, ...]:
    """Return the cue words of one topic key (KeyError for an unknown key)."""
    return read_topic_vocab().cues[topic]


def topic_labels() -> dict[str, tuple[str, str]]:
    """Return topic key -> (English label, Chinese label), in TOPICS order."""
    return dict(read_topic_vocab().labels)
