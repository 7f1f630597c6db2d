"""Words that mark who met: read and check vocab/participants.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from data_prep.vocab.kept import built_once
from data_prep.vocab.loader import VocabError, read_vocab

VOCAB_FILE = "participants.yaml"


@dataclass(frozen=True, slots=True)
class ParticipantWords:
    partner_words: str
    topic_prepositions: tuple[str, ...]
    side_words: tuple[str, ...]
    transitive_meeting_words: tuple[str, ...]
    possessive: tuple[str, ...]
    possessed_persons: tuple[str, ...]
    in_turn: tuple[str, ...]


@built_once
def load_participant_words() -> ParticipantWords:
    """Read and check the packaged vocab/participants.yaml once."""
    data = read_vocab(VOCAB_FILE)
    lists = {}
    for key in ParticipantWords.__slots__:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise VocabError(VOCAB_FILE, key, "must be a non-empty list of words")
        lists[key] = tuple(value)
    if any(len(w) != 1 for w in lists["partner_words"]):
        raise VocabError(VOCAB_FILE, "partner_words", "lists single characters")
    return ParticipantWords(
        "".join(lists["partner_words"]),
        lists["topic_prepositions"],
        lists["side_words"],
        lists["transitive_meeting_words"],
        lists["possessive"],
        lists["possessed_persons"],
        lists["in_turn"],
    )
