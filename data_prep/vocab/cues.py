"""The cue words that mark a meeting, its kind, its status and its counterparts (vocab/meeting_types.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ahocorasick

from data_prep.model import MeetingType, Side
from data_prep.vocab import officials
from data_prep.vocab.kept import built_once
from data_prep.vocab.loader import VocabError, check_words, read_vocab
from data_prep.vocab.predicates import Grammar, read_grammar

VOCAB_FILE = "meeting_types.yaml"
_TYPES: tuple[MeetingType, ...] = ("in_person", "phone", "video")
# The cue kinds that make a sentence report a meeting: the three types, and words that only may (主持).
MEETING_KINDS = ("in_person", "phone", "video", "weak")
# When one sentence carries several cues, the most specific kind wins: 视频通话 is video, not phone.
_TYPE_STRENGTH = {"in_person": 1, "phone": 2, "video": 3}


_PAIRED_KEYS = ("paired_office_prefixes", "paired_offices", "paired_office_countries")
_ATTRIBUTION_KEYS = (
    "said_elsewhere",
    "commentary_headline",
    "conditional_words",
    "visit_words",
    "meeting_reference_words",
    "tail_fillers",
)


@dataclass(frozen=True, slots=True)
class Counterpart:
    cue: str
    name_en: str
    name_zh: str
    side: Side


@dataclass(frozen=True, slots=True)
class CueHit:
    begin: int
    end: int
    word: str
    kind: str  # a meeting type, or "counterpart", "body", "planned", "negation", "past", "attend", "discuss"
    counterpart: Counterpart | None = None

    def inside_longer_word(self, hits: tuple[CueHit, ...]) -> bool:
        """A marker inside a longer word of another kind is part of that word (未 in 未来, 握手 in 握手后)."""
        return any(
            other.kind != self.kind
            and other.begin <= self.begin
            and self.end <= other.end
            and other.end - other.begin > self.end - self.begin
            for other in hits
        )


@dataclass(frozen=True, slots=True)
class Cues:
    automaton: Any
    counterparts: tuple[Counterpart, ...]
    meeting_word_list: tuple[str, ...]
    foreign_countries: tuple[str, ...]
    reference_tails: tuple[str, ...]
    request_tails: tuple[str, ...]
    refusal_after: tuple[str, ...]
    contrast_words: tuple[str, ...]
    paired_office_prefixes: tuple[str, ...]
    paired_offices: tuple[str, ...]
    paired_office_countries: tuple[str, ...]
    grammar: Grammar
    said_elsewhere: tuple[str, ...] = ()
    commentary_headline: tuple[str, ...] = ()
    conditional_words: tuple[str, ...] = ()
    visit_words: tuple[str, ...] = ()
    meeting_reference_words: tuple[str, ...] = ()
    tail_fillers: tuple[str, ...] = ()

    def meeting_words(self) -> tuple[str, ...]:
        """Every word that marks a meeting of some kind."""
        return self.meeting_word_list

    def find(self, sentence: str) -> list[CueHit]:
        """Find every cue in a simplified sentence, overlapping ones included."""
        hits: list[CueHit] = []
        for end_index, entries in self.automaton.iter(sentence):
            for word, kind, counterpart in entries:
                begin = end_index - len(word) + 1
                hits.append(CueHit(begin, end_index + 1, word, kind, counterpart))
        hits.extend(self._grammar_hits(sentence, hits))
        return hits

    def _grammar_hits(self, sentence: str, listed: list[CueHit]) -> list[CueHit]:
        """Compound meeting predicates and delegations; not where a listed cue covers the same words.

        A pattern runs only on a sentence with the words each of its matches holds: on 2401 the
        five patterns take 0.023 s over the sentences looked at, the look for those words 0.005 s.
        """
        found: list[CueHit] = []
        grammar = self.grammar
        words = [h for h in listed if h.kind in _TYPES]
        nouns = grammar.nouns.search(sentence) is not None
        channel = grammar.channel_nouns.search(sentence) is not None
        patterns = ((grammar.predicate, nouns), (grammar.channel, channel), (grammar.chaired, nouns))
        for pattern, needed in patterns:
            for match in pattern.finditer(sentence) if needed else ():
                if any(match.start() <= h.begin and h.end <= match.end() for h in words):
                    continue  # "举行…会谈": the listed meeting word already marks it
                # It says a meeting took place, not how: the kind comes from its words or the article.
                found.append(CueHit(match.start(), match.end(), match.group(), "weak"))
        known = {(h.begin, h.end) for h in listed if h.kind == "counterpart"}
        delegations = grammar.delegations if grammar.delegation_nouns.search(sentence) else ()
        for delegation in delegations:
            for match in delegation.pattern.finditer(sentence):
                text = match.group()
                if (match.start(), match.end()) in known or _is_institution(text):
                    continue
                counterpart = Counterpart(text, delegation.name_en, text, delegation.side)
                found.append(CueHit(match.start(), match.end(), text, "counterpart", counterpart))
        return found


def _is_institution(text: str) -> bool:
    """A delegation the officials dictionary names as an institution (美国禁毒联合代表团) is found there."""
    surface = officials.load_vocabulary().surfaces.get(text)
    return surface is not None and surface.institution is not None


def _require_list(data: dict[str, Any], key: str) -> list[str]:
    return list(check_words(data.get(key), VOCAB_FILE, key, allow_empty=False))


def _read_counterparts(data: dict[str, Any]) -> tuple[Counterpart, ...]:
    found: list[Counterpart] = []
    for side, entries in (data.get("counterparts") or {}).items():
        if side not in ("US", "CN"):
            raise VocabError(VOCAB_FILE, f"counterparts.{side}", "side is not US or CN")
        for entry in entries:
            try:
                found.append(Counterpart(entry["cue"], entry["name_en"], entry["name_zh"], side))
            except (KeyError, TypeError) as error:
                raise VocabError(VOCAB_FILE, f"counterparts.{side}", f"{entry!r} lacks {error}") from error
    return tuple(found)


_Meaning = tuple[str, str, Counterpart | None]  # (word, kind, counterpart)


def _entries(data: dict[str, Any], counterparts: tuple[Counterpart, ...]) -> dict[str, list[_Meaning]]:
    """Map each cue word to what it means; one word may carry several meanings."""
    entries: dict[str, list[_Meaning]] = {}
    cue_types = data.get("meeting_cues") or {}
    for meeting_type in _TYPES:
        for word in _require_list(cue_types, meeting_type):
            entries.setdefault(word, []).append((word, meeting_type, None))
    sections: dict[str, str] = {
        "bilateral_bodies": "body",
        "weak_cues": "weak",
        "neutral_words": "neutral",
        "planned_markers": "planned",
        "negation_markers": "negation",
        "hypothetical_markers": "hypothetical",
        "reference_markers": "reference",
        "past_markers": "past",
        "attendance_cues": "attend",
        "discussion_cues": "discuss",
    }
    for key, kind in sections.items():
        for word in _require_list(data, key):
            entries.setdefault(word, []).append((word, kind, None))
    for counterpart in counterparts:
        entries.setdefault(counterpart.cue, []).append((counterpart.cue, "counterpart", counterpart))
    return entries


@built_once
def load_cues() -> Cues:
    """Load and check vocab/meeting_types.yaml, once."""
    data = read_vocab(VOCAB_FILE)
    counterparts = _read_counterparts(data)
    automaton = ahocorasick.Automaton()
    for word, meanings in _entries(data, counterparts).items():
        automaton.add_word(word, tuple(meanings))
    automaton.make_automaton()
    words = tuple(w for kind in _TYPES for w in _require_list(data.get("meeting_cues") or {}, kind))
    foreign = tuple(sorted(_require_list(data, "foreign_countries"), key=len, reverse=True))
    tails = tuple(_require_list(data, "reference_tails"))
    requests = tuple(_require_list(data, "request_tails"))
    refusals = tuple(_require_list(data, "refusal_after"))
    contrasts = tuple(_require_list(data, "contrast_words"))
    paired = tuple(tuple(_require_list(data, key)) for key in _PAIRED_KEYS)
    grammar = read_grammar(data, VOCAB_FILE)
    return Cues(
        automaton,
        counterparts,
        words,
        foreign,
        tails,
        requests,
        refusals,
        contrasts,
        paired[0],
        paired[1],
        paired[2],
        grammar,
        *(tuple(_require_list(data, key)) for key in _ATTRIBUTION_KEYS),
    )


def strongest_type(kinds: list[str]) -> MeetingType:
    """Pick the meeting type a sentence's cues point to, or unknown when none does."""
    types = [k for k in kinds if k in _TYPE_STRENGTH]
    if not types:
        return "unknown"
    best = max(types, key=_TYPE_STRENGTH.__getitem__)
    return best  # type: ignore[return-value]
