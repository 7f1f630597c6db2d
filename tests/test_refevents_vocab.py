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
            "events:\n  - {key: a, name_en: A, start: 2024-02-30, cues: [x], source: 'https://example.org/a'}\n",
            "event #1",
            id="bad-date",
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-02, end: 2024-01-01, cues: [x], source: 'https://example.org/a'}\n",
            "end >= start",
            id="end-before-start",
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-01, cues: [], source: 'https://example.org/a'}\n",
            "cues must not be empty",
            id="no-cues",
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-01, cues: [x], source: 'https://example.org/a'}\n"
            "  - {key: a, name_en: B, start: 2024-01-01, cues: [y], source: 'https://example.org/b'}\n",
            "duplicate key",
            id="duplicate-key",
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-01, cues: [x], meeting_type: lunch, source: 'https://example.org/a'}\n",
            "meeting_type",
            id="bad-meeting-type",
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-01, cues: [x]}\n",
            "source must be a public https URL",
            id="no-source",
        ),
        pytest.param(
            "events:\n  - {key: a, name_en: A, start: 2024-01-01, cues: [x], source: gold table}\n",
            "source must be a public https URL",
            id="source-not-a-url",
        ),
        pytest.param(
            "anniversaries:\n  - {key: a, since: 1979, cues: [x]}\n",
            "anniversary 'a': source",
            id="anniversary-without-source",
        ),
    ],
)
def test_read_vocabulary_rejects(yaml_text: str, message: str) -> None:
    with pytest.raises(VocabError, match=message) as error:
        read_vocabulary(yaml_text, "events.yaml")
    assert str(error.value).startswith("events.yaml: ")


def test_every_packaged_event_has_a_public_source_and_no_working_level_meeting() -> None:
    vocabulary = load_vocabulary()
    assert all(event.source.startswith("https://") for event in vocabulary.events)
    assert all(anniversary.source.startswith("https://") for anniversary in vocabulary.anniversaries)
    # Meetings here are leaders' summits only: both sides' principals are heads of state.
    meetings = [event for event in vocabulary.events if event.meeting_type]
    assert {tuple(sorted(event.participants)) for event in meetings} == {("joe-biden", "xi-jinping")}
