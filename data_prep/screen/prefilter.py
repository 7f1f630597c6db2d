"""A cheap first look at a raw article: could it report a US–PRC meeting at all?

Most articles of a month are not about US–China meetings. Extraction reads a meeting off one sentence:
a meeting word with people of both sides in it, or a phrase naming a known meeting. So an article can
report one only where its raw text (title or body, in either script, markup left out) has a meeting
word with a US-side and a CN-side word in the same sentence, or the pieces of such a phrase together.
Only those articles go on to the expensive steps (HTML cleaning, sentence splitting, date resolution).

The test never rejects what extraction would read as a meeting: a sentence boundary here is a 。！？
outside any quote or bracket opened shortly before (`split_sentences` keeps short quotes whole), and
the same-sentence test also holds the words within `WINDOW` bytes of each other.

One pass of an Aho–Corasick automaton finds every word. It runs over the text's UTF-8 bytes (spelled
as Latin-1 characters): its nodes then branch over bytes, not over thousands of Chinese characters,
which makes the pass several times faster for the same hits.
"""

from __future__ import annotations

import html
import itertools
import re
from bisect import bisect, bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from data_prep.model import Article
from data_prep.vocab import officials, refevents
from data_prep.vocab.cues import MEETING_KINDS, load_cues
from data_prep.vocab.kept import read_pickle, write_pickles
from data_prep.vocab.marks import QUOTE_OPENERS, QUOTE_SPLIT_LENGTH, TERMINATORS
from data_prep.vocab.names import load_name_words
from data_prep.vocab.script import spellings

# Bytes of UTF-8 (3 per Chinese character) between two words of one sentence at most: the longest
# sentence of the two sample months, markup left out, is 974 bytes.
WINDOW = 1200
_MEETING = 1
_US = 2
_CN = 4
# An official the dictionary does not know is a title after a side's institution word
# ("美国国务院…副助理国务卿道森", "外交部…司司长"): the two words, near each other, name that side.
_US_MARK = 8
_CN_MARK = 16
_TITLE = 32
# Bytes from the end of a side word to the end of the title it governs: the grammar's institution
# phrase (30 characters) and the title itself.
TITLE_REACH = 3 * (30 + 6)
_TAG = re.compile(r"<[^>]+>")  # markup is most of an HTML body's bytes and none of its sentences
_SPACES = re.compile(r"\s{2,}")  # the cleaned text has one space where the source has many


def _bytes_text(text: str) -> str:
    """The UTF-8 bytes of text, one Latin-1 character per byte (what the automaton is built over)."""
    return text.encode("utf-8").decode("latin-1")


# Full-width only: an ASCII ?/! may sit in a link target that the cleaned sentence does not have.
_TERMINATORS = tuple(_bytes_text(mark) for mark in sorted(TERMINATORS) if not mark.isascii())
_OPENERS = tuple(_bytes_text(mark) for mark in QUOTE_OPENERS)
_QUOTE_REACH = 4 * QUOTE_SPLIT_LENGTH  # bytes: a short quote is at most this long


@dataclass(frozen=True, slots=True)
class _Matcher:
    """The automaton (values: side/meeting flags and phrase-word ids) and the known-meeting phrases.

    A phrase is a tuple of requirements, each a set of word ids one of which must occur in the sentence
    of the phrase's first requirement: its fixed pieces (中美元首…旧金山) and, if any, its `near` words.
    """

    automaton: Any
    phrases: tuple[tuple[frozenset[int], ...], ...]
    gate: Any  # the meeting words and the phrases' words alone: a text without any cannot pass
    by_first: dict[int, tuple[int, ...]]  # a word id → the phrases whose first requirement it meets
    gate_in_markup: re.Pattern[str]  # a gate word in decoded text, markup allowed between its characters

    def passes_gate(self, text: str) -> bool:
        """Whether a (byte-spelled) text holds a gate word; no gate word holds white space."""
        return next(self.gate.iter(text), None) is not None


Hit = tuple[int, tuple[int, frozenset[int]]]  # (end byte, (flags, phrase-word ids))


def _side_words() -> dict[str, int]:
    """Meeting words, and words that name someone of a side (people, titles, offices, counterparts)."""
    flags: dict[str, int] = {}
    cues = load_cues()
    for word, meanings in cues.automaton.items():
        if any(kind in MEETING_KINDS for _, kind, _ in meanings):
            flags[word] = flags.get(word, 0) | _MEETING
    for counterpart in cues.counterparts:
        flags[counterpart.cue] = flags.get(counterpart.cue, 0) | (_US if counterpart.side == "US" else _CN)
    for form, side in officials.surface_forms():
        flags[form] = flags.get(form, 0) | (_US if side == "US" else _CN)
    words = load_name_words()
    for title in words.titles:
        flags[title] = flags.get(title, 0) | _TITLE
    for marker, side in words.side_markers:
        if len(marker) > 1:  # 美 alone is in 美元 and 北美
            flags[marker] = flags.get(marker, 0) | (_US_MARK if side == "US" else _CN_MARK)
    # "中美外长", "中美两国外长" name both sides' holders of one office at once.
    for pair, office in itertools.product(cues.paired_office_prefixes, cues.paired_offices):
        flags[pair + office] = flags.get(pair + office, 0) | _US | _CN
    return flags


def _meeting_phrases() -> list[tuple[tuple[str, ...], ...]]:
    """Each cue of a known meeting between the two sides, as its requirements (pieces, near words).

    An event without a meeting type, or whose participants are not of both sides, never yields a
    meeting by itself, so its phrases are left out.
    """
    phrases = []
    for event in refevents.load_vocabulary().events:
        if event.meeting_type is None or _event_sides(event.participants) != {"US", "CN"}:
            continue
        for cue in event.cues:
            pieces = sorted((p for p in cue.phrase.split("…") if p), key=len, reverse=True)
            required = [(piece,) for piece in pieces]
            phrases.append(tuple(required + ([cue.near] if cue.near else [])))
    return phrases


def _event_sides(keys: Iterable[str]) -> set[str]:
    people = (officials.find_person(key) for key in keys)
    return {person.side for person in people if person is not None}


_MATCHERS: dict[str, _Matcher] = {}  # the one matcher of this process, once built or read
# The fingerprint of the build that last read or built it: a build of another (the code or vocabularies
# edited since, in one process) builds it again, as it does the vocabularies (vocab/kept.py).
_MATCHER_FOR: list[str] = []


def _matcher() -> _Matcher:
    """The automaton over every spelling of every word, built once per process (or read, see below)."""
    if "" not in _MATCHERS:
        _MATCHERS[""] = _build_matcher()
    return _MATCHERS[""]


def read_or_build_matcher(path: Path, fingerprint: str) -> None:
    """Read the matcher an earlier build saved for the same code and vocabularies, or build and save it.

    Building it costs about half a second (every word in every script); reading it a few hundredths.
    Called by the build before it starts worker processes, which then inherit it.
    """
    if _MATCHER_FOR and _MATCHER_FOR != [fingerprint]:
        _MATCHERS.clear()
    _MATCHER_FOR[:] = [fingerprint]
    if "" in _MATCHERS:
        return
    kept = read_pickle(path, fingerprint)
    if isinstance(kept, _Matcher):
        _MATCHERS[""] = kept
        return
    write_pickles(path, fingerprint, _matcher())  # in a read-only folder, not: the next build compiles it


def _build_matcher() -> _Matcher:
    """Build the automaton over every spelling of every word."""
    values: dict[str, tuple[int, frozenset[int]]] = {}
    for word, flag in _side_words().items():
        for form in spellings(word):
            old_flag, ids = values.get(form, (0, frozenset()))
            values[form] = (old_flag | flag, ids)
    word_ids: dict[str, int] = {}
    phrases = []
    for phrase in _meeting_phrases():
        needs = [frozenset(word_ids.setdefault(w, len(word_ids)) for w in words) for words in phrase]
        phrases.append(tuple(needs))
    for word, word_id in word_ids.items():
        for form in spellings(word):
            old_flag, ids = values.get(form, (0, frozenset()))
            values[form] = (old_flag, ids | {word_id})
    automaton, gate = ahocorasick.Automaton(), ahocorasick.Automaton()
    for form, value in values.items():
        automaton.add_word(_bytes_text(form), value)
        if value[0] & _MEETING or value[1]:
            # A word with white space inside gates by its longest piece without: the gate may then
            # look at text whose runs of white space are not yet made one space (screen/raw.py).
            gate.add_word(_bytes_text(max(form.split(), key=len)), 0)
    automaton.make_automaton()
    gate.make_automaton()
    unique = tuple(dict.fromkeys(phrases))
    by_first: dict[int, list[int]] = {}
    for index, required in enumerate(unique):
        for first in required[0]:
            by_first.setdefault(first, []).append(index)
    by_word = {word: tuple(found) for word, found in by_first.items()}
    return _Matcher(automaton, unique, gate, by_word, _gate_in_markup(gate.keys()))


def _gate_in_markup(gate_words: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds, in a decoded text, every gate word its markup-free text would hold.

    Markup dropped from between two characters brings them together, so tags may come between the
    characters of a word. A word that holds another gate word is left out: where it is, so is the
    other. Regular expressions look for the few first characters in C, faster than the automaton.
    The words are one tree of alternatives by their first characters (会(?:见|晤)), so that where a
    first character stands, one alternative of each following character is tried, not every word.
    """
    # A gate word cut at a byte that is white space in Latin-1 (0x85, 0xA0) may start or end inside
    # a character: its whole characters stand for it.
    words = {word.encode("latin-1").decode("utf-8", "ignore") for word in gate_words}
    if "" in words:
        return re.compile("")  # a gate word of no whole character: every text may hold it
    shortest = [w for w in words if not any(other != w and other in w for other in words)]
    return re.compile(_alternatives(shortest, "(?:" + _TAG.pattern + ")*"))


def _alternatives(words: list[str], between: str) -> str:
    """A pattern for the words (none of them empty) as a tree by first characters, `between` after each."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    branches = [
        # A first character that is a word by itself is found wherever a longer word starting with it is.
        re.escape(first) + ("" if "" in after else between + _alternatives(after, between))
        for first, after in sorted(rests.items())
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _text_of_bytes(text: str) -> str:
    """The text a byte-spelled string (one Latin-1 character per UTF-8 byte) spells."""
    return text.encode("latin-1").decode("utf-8")


def sample_text() -> str:
    """A sentence the screen passes (a US-side word, a meeting word, a CN-side word), to warm up on."""
    picked: dict[int, str] = {}
    for form, (flag, _) in _matcher().automaton.items():
        for side in (_US, _MEETING, _CN):
            if flag == side:  # a word of one kind only
                picked.setdefault(side, form)
    words = (picked.get(side, "") for side in (_US, _MEETING, _CN))
    return _text_of_bytes("".join(words)) + max(TERMINATORS)


def forget_vocabulary() -> None:
    """Build the automaton again on next use: the officials vocabulary has changed."""
    _MATCHERS.clear()


def could_report_meeting(article: Article) -> bool:
    """Whether a sentence of the raw text has a meeting word and both sides, or a known meeting's phrase."""
    matcher = _matcher()
    if article.title and _text_could_report(matcher, _bytes_text(article.title), split=False):
        return True
    body = _TAG.sub("", article.body) if "<" in article.body else article.body
    if "&" in body:  # an entity-encoded text (&#20250;&#35265;) reads as the characters it stands for
        body = html.unescape(body)
    body = _SPACES.sub(" ", body)
    return bool(body) and _text_could_report(matcher, _bytes_text(body), split=True)


def _text_could_report(matcher: _Matcher, text: str, split: bool, gated: bool = False) -> bool:
    """Test one text (byte-spelled); `split` False for a title, which is one sentence whatever its marks.

    `gated`: the caller has found a gate word in it already.
    """
    if not gated and not matcher.passes_gate(text):  # most texts: no meeting word, stop at the end in C
        return False
    hits: list[Hit] = list(matcher.automaton.iter(text))
    sentences = _Sentences(text, split)
    return _meeting_with_sides(hits, sentences) or _phrase_named(matcher, hits, sentences)


class _Sentences:
    """Tells whether two word ends are in one sentence of a text; finds its sentence ends on first need."""

    __slots__ = ("_ends", "_split", "_text")

    def __init__(self, text: str, split: bool) -> None:
        self._text = text
        self._split = split
        self._ends: list[int] | None = None

    def together(self, a: int, b: int) -> bool:
        """Whether the words ending at a and b are in one sentence and within the window."""
        return self.any_together(a, [b])

    def any_together(self, at: int, ends: list[int]) -> bool:
        """Whether a word of `ends` (sorted) is in the sentence of the word ending at `at`, within the window.

        `together(a, b)` is this with one word: one rule, looked up by bisection.
        """
        low, high = at - WINDOW, at + WINDOW
        if self._split:
            if self._ends is None:
                self._ends = _sentence_ends(self._text)
            sentence = bisect(self._ends, at)  # the same sentence: from the end before `at` to the one after
            if sentence:
                low = max(low, self._ends[sentence - 1])
            if sentence < len(self._ends):
                high = min(high, self._ends[sentence] - 1)
        first = bisect_left(ends, low)
        return first < len(ends) and ends[first] <= high


def _sentence_ends(text: str) -> list[int]:
    """Byte offsets of the 。！？ that surely end a sentence: no quote or bracket opened just before."""
    openers = _offsets(text, _OPENERS)
    ends = []
    for at in _offsets(text, _TERMINATORS):
        before = bisect_left(openers, at)
        if before == 0 or at - openers[before - 1] > _QUOTE_REACH:
            ends.append(at)
    return ends


def _offsets(text: str, marks: tuple[str, ...]) -> list[int]:
    """Where the marks (one character each, byte-spelled) stand in the text, in order.

    str.find steps over the text between two of one mark in C, faster than a pattern of them all.
    """
    found = []
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + len(mark))
    found.sort()
    return found


def _meeting_with_sides(hits: list[Hit], sentences: _Sentences) -> bool:
    us = _side_ends(hits, _US, _US_MARK)
    if not us:  # half the texts that get here: the CN side need not be looked for
        return False
    cn = _side_ends(hits, _CN, _CN_MARK)
    if not cn:
        return False
    for at, (flag, _) in hits:
        if flag & _MEETING and sentences.any_together(at, us) and sentences.any_together(at, cn):
            return True
    return False


def _side_ends(hits: list[Hit], side: int, mark: int) -> list[int]:
    """The ends of a side's words and of the titles its institution words govern, in order."""
    return sorted([end for end, (flag, _) in hits if flag & side] + _titled(hits, mark))


def _titled(hits: list[Hit], mark: int) -> list[int]:
    """The ends of titles that a side's institution word shortly before governs."""
    marks = [end for end, (flag, _) in hits if flag & mark]
    if not marks:
        return []
    found = []
    for end, (flag, _) in hits:
        if flag & _TITLE:
            before = bisect_left(marks, end)
            if before and end - marks[before - 1] <= TITLE_REACH:
                found.append(end)
    return found


def _phrase_named(matcher: _Matcher, hits: list[Hit], sentences: _Sentences) -> bool:
    words = [(end, ids) for end, (_, ids) in hits if ids]
    if not words:
        return False
    present = frozenset().union(*(ids for _, ids in words))
    # Only a phrase whose first requirement is met can be named: look those up, not every phrase.
    for index in sorted({index for word in present for index in matcher.by_first.get(word, ())}):
        phrase = matcher.phrases[index]
        if all(need & present for need in phrase) and _phrase_together(phrase, words, sentences):
            return True
    return False


def _phrase_together(
    phrase: tuple[frozenset[int], ...], words: list[tuple[int, frozenset[int]]], sentences: _Sentences
) -> bool:
    """Whether, around one occurrence of the phrase's first piece, every other requirement is met."""
    first, rest = phrase[0], phrase[1:]
    for at, ids in words:
        if ids & first and all(
            any(found & need and sentences.together(at, end) for end, found in words) for need in rest
        ):
            return True
    return False
