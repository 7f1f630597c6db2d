"""When a meeting word's event happens, read from its clause: future, perfective, reported, recalled.

The words come from vocab/tense.yaml; every test here is over character offsets of one simplified
sentence, with the clause structure of text/clauses.py.
"""

from __future__ import annotations

from data_prep.text.clauses import clause_end, clause_start
from data_prep.vocab.tense import load_tense


def _free_hits(text: str, begin: int, end: int, words: tuple[str, ...], inside: tuple[str, ...]) -> bool:
    """Whether one of `words` occurs in text[begin:end] outside every longer word of `inside`."""
    stretch = text[begin:end]
    if not any(word in stretch for word in words):
        return False  # most stretches: none of the words, and no need to find the longer ones
    blocked: set[int] = set()
    for word in inside:
        at = text.find(word, max(0, begin - len(word)), min(len(text), end + len(word)))
        while at >= 0 and at < end:
            blocked.update(range(at, at + len(word)))
            at = text.find(word, at + 1, min(len(text), end + len(word)))
    for word in words:
        at = stretch.find(word)
        while at >= 0:
            if not set(range(begin + at, begin + at + len(word))) & blocked:
                return True
            at = stretch.find(word, at + 1)
    return False


def future_marked(text: str, begin: int, cue_begin: int) -> bool:
    """The adverb 将 stands before the meeting word within its words (not 上将, 将军, 将近)."""
    tense = load_tense()
    return _free_hits(text, begin, cue_begin, tense.future_adverb, tense.future_adverb_inside)


def perfective(text: str, begin: int, end: int) -> bool:
    """The stretch reports something done: 了, 已, 过, 结束 … outside words such as 通过 or 为了."""
    tense = load_tense()
    return _free_hits(text, begin, end, tense.perfective_markers, tense.perfective_inside)


def past_marked(text: str, begin: int, cue_begin: int) -> bool:
    """A past-time marker (此前, 曾, 上次, 早些时候) before the meeting word: an earlier contact."""
    before = text[begin:cue_begin]
    return any(word in before for word in load_tense().past_markers)


def speech_between(text: str, begin: int, end: int) -> bool:
    """A speech or report verb in text[begin:end]: what is dated before it is the statement."""
    stretch = text[begin:end]
    return any(word in stretch for word in load_tense().speech_verbs)


def spoken_about(text: str, cue_begin: int) -> bool:
    """The meeting is the object of a topic verb of its clause (谈到…的通话时说): spoken about."""
    before = text[clause_start(text, cue_begin, 1) : cue_begin]
    return any(word in before for word in load_tense().topic_verbs)


def framed(text: str, cue_begin: int, cue_end: int) -> bool:
    """The meeting places another event in time: 在X之前, 继X之后, 就在X之前, 自X以来."""
    tense = load_tense()
    rest = text[cue_end : clause_end(text, cue_end)]
    if not rest.startswith(tense.frame_closers):
        return False
    begin = clause_start(text, cue_begin, 1)
    lead = text[begin:cue_begin].lstrip()
    return lead.startswith(tense.frame_openers)


def recalled_in_speech(text: str, begin: int, cue_begin: int) -> bool:
    """Reported speech about an earlier contact: a speech verb, then 已 before the meeting word."""
    tense = load_tense()
    for verb in tense.speech_verbs:
        at = text.find(verb, begin, cue_begin)
        if at >= 0 and any(word in text[at:cue_begin] for word in tense.anterior_markers):
            return True
    return False


def is_caption(text: str) -> bool:
    """A photo caption or file photo: it shows an earlier meeting."""
    return any(word in text for word in load_tense().caption_markers)


def is_round_up(headline: str) -> bool:
    """A round-up of earlier news (一周回顾, 本周更多重要故事): every item retells an earlier report."""
    return any(word in headline for word in load_tense().round_up_markers)


def frames_another_event(text: str, date_end: int, cue_begin: int) -> bool:
    """A date followed by 之前/之后/以来 before the meeting word (or after it, in the date's clause) dates
    the event that frames the meeting (11月大选之前, 1月卸任之前), not the meeting."""
    stop = cue_begin if cue_begin > date_end else clause_end(text, date_end)
    between = text[date_end:stop]
    return any(closer in between for closer in load_tense().frame_closers)


def announced_earlier(text: str, begin: int, position: int) -> bool:
    """A past marker, then a speech verb, before this position (此前宣布，…将于周五): relative dates after
    it count from the earlier announcement, not from the dateline."""
    tense = load_tense()
    for marker in tense.past_markers:
        at = text.find(marker, begin, position)
        if at >= 0 and any(verb in text[at:position] for verb in tense.speech_verbs):
            return True
    return False


# A plan that names no window of its own is expected within a month.
_DEFAULT_WINDOW = 30


def planned_window(text: str) -> int:
    """How many days ahead of the dateline a plan without a date of its own reaches (未来数月内 → 90)."""
    return next((days for word, days in load_tense().planned_windows if word in text), _DEFAULT_WINDOW)
