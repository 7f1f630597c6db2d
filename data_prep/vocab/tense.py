"""The tense, mood and reported-speech words of vocab/tense.yaml, read once and checked on load."""

from __future__ import annotations

from dataclasses import dataclass, fields

from data_prep.vocab.kept import built_once
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
    round_up_markers: tuple[str, ...]
    planned_windows: tuple[tuple[str, int], ...] = ()


def _words(data: dict[str, object], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise VocabError(VOCAB_FILE, key, "must be a non-empty list of words")
    # Longest first, so that a longer word is tried before a word inside it.
    return tuple(sorted(value, key=len, reverse=True))


@built_once
def load_tense() -> Tense:
    """Load and check vocab/tense.yaml, once."""
    data = read_vocab(VOCAB_FILE)
    words = {
        field.name: _words(data, field.name) for field in fields(Tense) if field.name != "planned_windows"
    }
    return Tense(
        future_adverb=words["future_adverb"],
        future_adverb_inside=words["future_adverb_inside"],
        speech_verbs=words["speech_verbs"],
        topic_verbs=words["topic_verbs"],
        past_markers=words["past_markers"],
        frame_openers=words["frame_openers"],
        frame_closers=words["frame_closers"],
        duration_verbs=words["duration_verbs"],
        perfective_markers=words["perfective_markers"],
        perfective_inside=words["perfective_inside"],
        anterior_markers=words["anterior_markers"],
        caption_markers=words["caption_markers"],
        round_up_markers=words["round_up_markers"],
        planned_windows=_windows(data),
    )


def _windows(data: dict[str, object]) -> tuple[tuple[str, int], ...]:
    value = data.get("planned_windows")
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and k and isinstance(v, int) and v > 0 for k, v in value.items()
    ):
        raise VocabError(VOCAB_FILE, "planned_windows", "must map words to a positive number of days")
    return tuple(sorted(value.items(), key=lambda item: len(item[0]), reverse=True))
