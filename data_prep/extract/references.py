"""Whether a sentence naming a known meeting (中美元首旧金山会晤) reports it or only builds on it."""

from __future__ import annotations

from datetime import date

from data_prep.annotate.refevents import RefEventHit
from data_prep.annotate.sentences import Sentence
from data_prep.text.clauses import clause_end, clause_start
from data_prep.vocab.cues import CueHit, load_cues

_TALKS = ("in_person", "phone", "video")
# A meeting word shortly after the event's phrase, in its clause, still belongs to it ("在峇厘岛举行会晤").
_REACH_AFTER = 6
# Markers that, before the event's phrase in its clause, say the sentence does not report the meeting.
_NOT_A_REPORT = {
    "reference": "builds on the meeting (a marker of reference before it)",
    "negation": "says the meeting did not take place",
    "hypothetical": "only supposes or asks for the meeting",
}


def why_not_reported(sentence: Sentence, hit: RefEventHit, base: date | None) -> str | None:
    """Why the sentence does not report the known meeting it names, or None when it does.

    "两国元首去年11月在旧金山会晤" reports it; "落实旧金山会晤共识", "旧金山会晤以来", "旧金山愿景" (a letter,
    a speech, a commemoration building on it) do not, and make no mention of it. Nor does a phrase naming
    a meeting that had not taken place on the article's date: the vocabulary knows what the news could not.
    """
    event = hit.event
    if event.meeting_type is None:
        return "names an event that is not a US–PRC meeting"
    if hit.relation is not None:
        return f"dates another event from it ({hit.relation})"
    if base is not None and event.start > base:
        return "the meeting had not taken place on the article's date"
    word = _meeting_word(sentence, hit)
    if word is None:
        return "names the meeting without a meeting word (a vision, a summit, a place)"
    simple = sentence.simple
    cues = load_cues()
    if simple[word.end : word.end + 6].lstrip("".join(cues.tail_fillers)).startswith(cues.reference_tails):
        return f"builds on the meeting ({simple[word.end : word.end + 4]}…)"
    clause_after = simple[word.end : clause_end(simple, word.end)]
    if any(tail in clause_after for tail in cues.request_tails):
        return "speaks of a request or a plan around the meeting"
    begin = clause_start(simple, hit.begin, 1)
    for marker in sentence.cues:
        if marker.kind in _NOT_A_REPORT and begin <= marker.begin and marker.end <= hit.begin:
            if not marker.inside_longer_word(sentence.cues):
                return f"{_NOT_A_REPORT[marker.kind]}: {marker.word}"
    return None


def _meeting_word(sentence: Sentence, hit: RefEventHit) -> CueHit | None:
    """The meeting word the event's phrase holds or is followed by, if any."""
    reach = min(hit.end + _REACH_AFTER, clause_end(sentence.simple, hit.end))
    words = [c for c in sentence.cues if c.kind in _TALKS and hit.begin <= c.begin and c.end <= reach]
    return max(words, key=lambda c: c.end, default=None)
