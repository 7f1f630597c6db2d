"""The tense, mood and reported-speech words of vocab/tense.yaml, read once and checked on load."""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

from data_prep.vocab.loader import VocabError, read_vocab

VOCAB_FILE = "tense.yaml"


@dataclass(frozen=True, slots=True)
class Tense:
    future_adverb: tuple[str, ...]
    future_adverb_inside: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    topic_verbs: tuple[str, ...]
    past_markers: tuple[str, ...]
    frame_openers: tuple[str, ...]
    frame_closers: tuple[str, ...]
    duration_verbs: tuple[str, ...]
    perfective_markers: tuple[str, ...]
    perfective_inside: tuple[str, ...]
    anterior_markers: tuple[str, ...]
    caption_markers: tuple[str, ...]


def _words(data: dict[str, object], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise VocabError(VOCAB_FILE, key, "must be a non-empty list of words")
    # Longest first, so that a longer word is tried before a word inside it.
    return tuple(sorted(value, key=len, reverse=True))


@functools.cache
def load_tense() -> Tense:
    """Load and check vocab/tense.yaml, once."""
    data = read_vocab(VOCAB_FILE)
    return Tense(*(_words(data, field.name) for field in fields(Tense)))
