"""One annotated sentence → the meeting between a US and a PRC side it reports, if any (an `Anchor`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date, timedelta

from data_prep.annotate import dates
from data_prep.annotate.sentences import TITLE_PARAGRAPH, Sentence, officials_on
from data_prep.extract import tense
from data_prep.extract.cast import (
    find_participants,
    named_first,
    partner_is_a_side,
    split_in_turn,
    subjectless,
    with_antecedent,
)
from data_prep.model import DatedBy, DateSpan, MeetingType, Participant, Status
from data_prep.text.clauses import clause_end, clause_start, inside_quotation, statement_bounds
from data_prep.vocab.cues import MEETING_KINDS, CueHit, load_cues, strongest_type
from data_prep.vocab.names import load_name_words
from data_prep.vocab.participants import load_participant_words

# The cue kinds that can make a sentence report a meeting; the prefilter looks for the same ones.
_VENUE_LEAD = ("在", "于", "赴", "抵达", "抵", "访问", "到", "来到", "前往")
# A date governs a meeting word in its own clause or the two before it.
_DATE_CLAUSES = 3
_SATURDAY = 5


@dataclass(frozen=True, slots=True)
class Anchor:
    """A sentence that reports a meeting between the two sides, read on its own."""

    sentence: Sentence
    participants: tuple[Participant, ...]
    meeting_type: MeetingType
    status: Status
    span: DateSpan
    dated_by: DatedBy  # text or relative when the sentence dates it; unknown until the article does
    location: str | None
    # Spoken about, used to place another event, or an earlier contact: it joins a row, never makes one.
    recalled: bool = False
    # Reports the meeting as having taken place (a headline without tense does not).
    evidence: bool = True
    clause: tuple[int, int] = (0, 0)  # the meeting word's own clause (or list item) in the sentence


def _scope_start(sentence: Sentence, cue: CueHit) -> int:
    """Where the words governing a meeting word begin: its clause and the one before (寻求…，包括…通话)."""
    return clause_start(sentence.simple, cue.begin, 2)


def _governed(sentence: Sentence, cue: CueHit, kinds: tuple[str, ...], begin: int | None = None) -> bool:
    """Whether a marker of these kinds stands before the meeting word within the words that govern it
    (from `begin`, by default its clause and the one before)."""
    begin = _scope_start(sentence, cue) if begin is None else begin
    return any(
        c.kind in kinds
        and begin <= c.begin
        and c.end <= cue.begin
        and not c.inside_longer_word(sentence.cues)
        for c in sentence.cues
    )


def _meeting_cues(sentence: Sentence) -> list[CueHit]:
    """The meeting words that report a meeting: not negated, supposed, built upon, or undated past."""
    tails, requests = load_cues().reference_tails, load_cues().request_tails
    found = []
    for cue in sentence.cues:
        if cue.kind not in MEETING_KINDS or _governed(
            sentence, cue, ("negation", "hypothetical", "reference")
        ):
            continue
        if sentence.simple[cue.end : cue.end + 6].lstrip("中的").startswith(tails):
            continue
        clause_after = sentence.simple[cue.end : clause_end(sentence.simple, cue.end)]
        if any(word in clause_after for word in requests):
            continue
        if any(hit.begin <= cue.begin and cue.end <= hit.end for hit in sentence.references):
            continue
        if _refused_after(sentence.simple, cue):
            continue
        found.append(cue)
    return found


def _refused_after(text: str, cue: CueHit) -> bool:
    """ "…与李尚福举行会谈，但中方已经拒绝": a contrast, then a refusal, later in the same statement."""
    cues = load_cues()
    rest = text[cue.end : statement_bounds(text, cue.begin, cue.end)[1]]
    turns = [rest.find(word) for word in cues.contrast_words if word in rest]
    if not turns:
        return False
    after_turn = rest[min(turns) :]
    return any(word in after_turn for word in cues.refusal_after)


def _pick_date(sentence: Sentence, cue: CueHit, begin: int, end: int) -> dates.DateMatch | None:
    """The date that governs the meeting word: the nearest before it within a few clauses, else one
    after it in its own clause.

    A date four clauses away ("民进党昨天晚会……，拜登和习近平见面时"), or in an earlier clause when the
    meeting clause has its own subject, belongs to another event; 一个月前的今天 inside a quotation
    counts from a speech whose date is not the dateline; a date
    before a speech verb ("某日表示，…通话") dates the statement; a date in a later clause ("…会谈，于是有了
    18日的通话") belongs to that clause's event.
    """
    text = sentence.simple
    # Earlier clauses lend their date only to a meeting clause with no subject of its own, or when
    # the clause is nothing but the date ("去年12月，X与Y举行了视频会议").
    own = clause_start(text, cue.begin, 1)
    clauses = _DATE_CLAUSES if subjectless(sentence, cue) else 1
    reach = max(begin, clause_start(text, cue.begin, clauses))
    own_end = min(end, clause_end(text, cue.end))
    inside = [
        d
        for d in sentence.dates
        if (reach <= d.begin or (begin <= d.begin < own and _time_topic(text, d)))
        and d.begin < own_end
        and d.span.start is not None
        and not (d.relative and inside_quotation(text, d.begin))
        and not (d.relative and tense.announced_earlier(text, begin, d.begin))
        and not tense.frames_another_event(text, d.end, cue.begin)
        and not _modifies_the_partner(sentence, d)
    ]
    before = [d for d in inside if d.end <= cue.end and not tense.speech_between(text, d.end, cue.begin)]
    if before:
        return before[-1]
    after = [d for d in inside if d.begin >= cue.end and not tense.speech_between(text, cue.end, d.begin)]
    return after[0] if after else None


def _modifies_the_partner(sentence: Sentence, match: dates.DateMatch) -> bool:
    """ "与5月底赴美履新的谢锋通话": a date right after 与/同 and closed by 的 before a person is inside a
    relative clause about that person, and dates what the clause says of them."""
    text, words = sentence.simple, load_participant_words()
    before = text[: match.begin].rstrip()
    if not before or before[-1] not in words.partner_words:
        return False
    stop = clause_end(text, match.end)
    return any(
        match.end < m.begin < stop
        and not m.is_institution
        and any(mark in text[match.end : m.begin] for mark in words.possessive)
        for m in sentence.officials
    )


def _time_topic(text: str, match: dates.DateMatch) -> bool:
    """A clause that is only a date: a time topic for the clauses after it."""
    start, end = clause_start(text, match.begin + 1, 1), clause_end(text, match.end)
    return end - start - (match.end - match.begin) <= 1 and end < len(text)


def _location(sentence: Sentence, cue: CueHit, meeting_type: MeetingType, begin: int) -> str | None:
    """The venue: the place nearest before the meeting word, preferring one after 在/于/赴/抵达.

    北京/华府 alone often mean a government, and a sentence may name an earlier stop of the trip.
    """
    places = [p for p in sentence.places if p.begin >= begin]
    if meeting_type in ("phone", "video") or not places:
        return None
    before = [p for p in places if p.end <= cue.begin]
    led = [p for p in before if sentence.simple[max(0, p.begin - 2) : p.begin].endswith(_VENUE_LEAD)]
    if led or before:
        return (led or before)[-1].name_en
    return places[0].name_en


def _status(planned_words: bool, span: DateSpan, base: date | None, dateline_known: bool) -> Status:
    """Planned when the article, as of its dateline, speaks of the meeting as still to come.

    Without a dateline the tense cannot be checked against anything: the meeting counts as held.
    """
    if not dateline_known:
        return "held"
    if planned_words:
        return "planned"
    if base is not None and span.start is not None and span.start > base:
        return "planned"
    return "held"


def _date_of(
    sentence: Sentence, cue: CueHit, bounds: tuple[int, int], base: date | None, planned: bool
) -> dates.DateMatch | None:
    """The meeting's date from the sentence itself; 12日 reads forward in a planned sentence.

    A bare weekday without tense (a headline, or a weekend dateline before the working week) is the
    nearest such day; with 了/已/过 it is the last one.
    """
    match = _pick_date(sentence, cue, *bounds)
    if match is None or base is None:
        return match
    text = sentence.simple
    done = tense.perfective(text, clause_start(text, cue.begin, 1), clause_end(text, cue.end))
    untensed = match.bare_weekday and not done and (_in_title(sentence) or base.weekday() >= _SATURDAY)
    forward = planned and _plan_governs(sentence, cue, match, bounds[0])
    if forward or untensed:
        again = dates.find_date_spans(text, base, prefer_future=forward, nearest=untensed)
        match = next((d for d in again if d.begin == match.begin), match)
    if match.bare_weekday and match.span.start == base and _before_the_report(sentence, cue):
        # "谈到周五与习近平的通话时说" on a Friday: the call came before the statement, a week back.
        last = base - timedelta(days=7)
        match = replace(match, span=DateSpan(last, last, "day"))
    return match


def _plan_governs(sentence: Sentence, cue: CueHit, match: dates.DateMatch, begin: int) -> bool:
    """A plan reads a date forward when the date is in the meeting word's clause or after a plan
    marker; "魏凤和周四抵达新加坡，预计与奥斯汀会晤": the arrival's 周四 is not the plan's."""
    text = sentence.simple
    if match.begin >= clause_start(text, cue.begin, 1) or tense.future_marked(text, begin, match.begin):
        return True
    return any(c.kind == "planned" and begin <= c.begin and c.end <= match.begin for c in sentence.cues)


def _before_the_report(sentence: Sentence, cue: CueHit) -> bool:
    """The meeting is spoken about or an earlier contact: it happened before the statement reporting it."""
    text = sentence.simple
    begin = clause_start(text, cue.begin, 1)
    return tense.spoken_about(text, cue.begin) or tense.past_marked(text, begin, cue.begin)


def _in_title(sentence: Sentence) -> bool:
    return sentence.paragraph == TITLE_PARAGRAPH


def find_anchors(
    sentence: Sentence, base: date | None, dateline_known: bool = True, previous: Sentence | None = None
) -> list[Anchor]:
    """Read one sentence as the reports of meetings between a US and a PRC side, one per meeting word.

    "他在北京会见了习近平，并与王毅举行会谈" reports two meetings. A sentence with no date of its own gets
    an unknown span here; the article around it decides. `previous` is the sentence before, for a
    pronoun subject.
    """
    found: list[Anchor] = []
    taken: set[str] = set()  # the guests of the meetings already read in this sentence
    floor = 0  # where the words of the next meeting may begin: after the last meeting word read
    for cue in _meeting_cues(sentence):
        anchor = _anchor_at(sentence, cue, base, dateline_known, previous, taken, floor)
        if anchor is not None:
            found.extend(
                replace(anchor, participants=cast)
                for cast in split_in_turn(sentence, cue, anchor.participants)
            )
            taken |= {p.key for p in anchor.participants}
            floor = cue.end
    return found


def find_anchor(
    sentence: Sentence, base: date | None, dateline_known: bool = True, previous: Sentence | None = None
) -> Anchor | None:
    """The first meeting a sentence reports, if any."""
    anchors = find_anchors(sentence, base, dateline_known, previous)
    return anchors[0] if anchors else None


def _who_met(
    sentence: Sentence,
    cue: CueHit,
    bounds: tuple[int, int],
    clause: tuple[int, int],
    previous: Sentence | None,
    taken: set[str],
) -> tuple[Participant, ...]:
    """The meeting word's clause, and when it has no subject of its own, the subject before it.

    "康达等人，今天与马朝旭会谈"; "布林肯18日抵达北京，下午抵达钓鱼台，与秦刚会谈". In "他会见了习近平，
    并与王毅会谈" the subject of the second meeting is the one before the first meeting word, not its guest.
    """
    own = find_participants(sentence, clause[0], clause[1])
    if not subjectless(sentence, cue):
        return tuple(p for p in own if p.key not in taken)
    meeting_words = [c.begin for c in sentence.cues if c.kind in MEETING_KINDS and c.begin >= bounds[0]]
    first = min(meeting_words, default=cue.begin)
    subject = find_participants(sentence, bounds[0], clause[0] if first >= clause[0] else first)
    # The subject carried over may have met others before in this sentence; the guests may not.
    guests = tuple(p for p in own if p.key not in taken)
    people = named_first(tuple({p.key: p for p in subject + guests}.values()))
    return with_antecedent(sentence, bounds[0], previous, people)


def _anchor_at(
    sentence: Sentence,
    cue: CueHit,
    base: date | None,
    dateline_known: bool,
    previous: Sentence | None,
    taken: set[str],
    floor: int,
) -> Anchor | None:
    bounds = statement_bounds(sentence.simple, cue.begin, cue.end)
    clause = _list_item(
        sentence, cue, (clause_start(sentence.simple, cue.begin, 1), clause_end(sentence.simple, cue.end))
    )
    participants = _who_met(sentence, cue, bounds, clause, previous, taken)
    both = _both_sides(sentence, cue, bounds, participants)
    if not both and not any(_another_time(d.span, base) for d in sentence.dates):
        return None
    text = sentence.simple
    planned = _planned(sentence, cue, bounds[0])
    match = _date_of(sentence, cue, (max(bounds[0], floor), bounds[1]), base, planned)
    span = match.span if match is not None else DateSpan(None, None, "unknown")
    if _another_time(span, base):
        # "上一次美国国务卿访华…要追溯到2018年6月": a title names whoever held it then, and a name
        # someone who held office then.
        then = replace(sentence, officials=officials_on(sentence, span.start))  # type: ignore[arg-type]
        if {m.key for m in then.officials} != {m.key for m in sentence.officials}:
            participants = _who_met(then, cue, bounds, clause, previous, taken)
            both = _both_sides(then, cue, bounds, participants)
    if not both:
        return None
    meeting_type = strongest_type([c.kind for c in sentence.cues if clause[0] <= c.begin < clause[1]])
    if meeting_type == "unknown":
        meeting_type = strongest_type([c.kind for c in sentence.cues if bounds[0] <= c.begin < bounds[1]])
    status = _status(planned, span, base, dateline_known)
    location = _location(sentence, cue, meeting_type, bounds[0])
    dated_by: DatedBy = "unknown" if match is None else "relative" if match.relative else "text"
    recalled = _recalled(sentence, cue, bounds[0], match is not None)
    evidence = not _in_title(sentence) or tense.perfective(text, bounds[0], bounds[1])
    return Anchor(
        sentence, participants, meeting_type, status, span, dated_by, location, recalled, evidence, clause
    )


@functools.cache  # not at import: the build reads the names vocabulary kept from an earlier build
def _list_punctuation() -> tuple[str, ...]:
    """The punctuation marks of a list (、): 和 and 及 also stand inside words."""
    return tuple(m for m in load_name_words().list_marks if not m.isalnum())


def _list_item(sentence: Sentence, cue: CueHit, clause: tuple[int, int]) -> tuple[int, int]:
    """ "甲与乙会面、丙与丁通话、两军恢复会谈": a list of events, each with its own meeting word, is a list
    of clauses; the meeting word's own item is its clause."""
    text = sentence.simple
    marks = _list_punctuation()
    cuts = [i for i in range(*clause) if text[i] in marks]
    begin = max((i + 1 for i in cuts if i < cue.begin), default=clause[0])
    end = min((i for i in cuts if i >= cue.end), default=clause[1])
    others = [
        c
        for c in sentence.cues
        if c.kind in MEETING_KINDS and clause[0] <= c.begin < clause[1] and not begin <= c.begin < end
    ]
    return (begin, end) if others else clause


def _both_sides(
    sentence: Sentence, cue: CueHit, bounds: tuple[int, int], participants: tuple[Participant, ...]
) -> bool:
    """Someone of each side met, and the counterpart is not a third party."""
    sides = {p.side for p in participants}
    return sides == {"US", "CN"} and partner_is_a_side(sentence, cue, bounds[0])


# Offices change hands rarely: an event within this many days of the dateline has the dateline's holders.
_SAME_HOLDERS = timedelta(days=31)


def _another_time(span: DateSpan, base: date | None) -> bool:
    return span.start is not None and base is not None and abs(span.start - base) > _SAME_HOLDERS


def _planned(sentence: Sentence, cue: CueHit, begin: int) -> bool:
    """A plan, expectation or 将 before the meeting word in its statement; a marker in an earlier
    clause yields to a perfective meeting clause ("…计划…，周五，X会见了Y")."""
    text = sentence.simple
    own = clause_start(text, cue.begin, 1)
    if _governed(sentence, cue, ("planned",), own) or tense.future_marked(text, own, cue.begin):
        return True
    if tense.perfective(text, own, clause_end(text, cue.end)):
        return False
    return _governed(sentence, cue, ("planned",)) or tense.future_marked(text, begin, cue.begin)


def _recalled(sentence: Sentence, cue: CueHit, begin: int, dated: bool) -> bool:
    """Spoken about (谈到…的通话时), a time reference (在…之前, 继…之后), or an earlier contact with no
    date of its own (此前, 曾; 某官员表示，双方已…)."""
    text = sentence.simple
    if tense.spoken_about(text, cue.begin) or tense.framed(text, cue.begin, cue.end):
        return True
    if tense.is_caption(text):
        return True
    if dated:
        return False
    earlier = _governed(sentence, cue, ("past",)) or tense.past_marked(text, begin, cue.begin)
    return earlier or tense.recalled_in_speech(text, begin, cue.begin)
