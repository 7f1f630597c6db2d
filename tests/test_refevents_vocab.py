from __future__ import annotations

import pytest

from data_prep.vocab.loader import VocabError
from data_prep.vocab.refevents import load_vocabulary, read_vocabulary


def test_vocabulary_loads_and_names_each_event_once() -> None:
    vocabulary = load_vocabulary()
    keys = [event.key for event in vocabulary.events]
    assert len(keys) == len(set(keys))
    assert {"bali-summit-2022", "sf-summit-2023", "taiwan-election-2024"} <= set(keys)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-02-30, cues: [x]}\n", "event #1", id="bad-date"
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-02, end: 2024-01-01, cues: [x]}\n",
            "end >= start",
            id="end-before-start",
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-01, cues: []}\n",
            "cues must not be empty",
            id="no-cues",
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-01, cues: [x]}\n"
            "  - {key: a, name_en: B, start: 2024-01-01, cues: [y]}\n",
            "duplicate key",
            id="duplicate-key",
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-01, cues: [x], meeting_type: lunch}\n",
            "meeting_type",
            id="bad-meeting-type",
        ),
    ],
)
def test_read_vocabulary_rejects(yaml_text: str, message: str) -> None:
    with pytest.raises(VocabError, match=message) as error:
        read_vocabulary(yaml_text, "events.yaml")
    assert str(error.value).startswith("events.yaml: ")
