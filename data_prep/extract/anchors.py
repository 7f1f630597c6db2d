"""One annotated sentence → the meeting between a US and a PRC side it reports, if any (an `Anchor`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from data_prep.annotate import dates
from data_prep.annotate.sentences import Sentence
from data_prep.extract.cast import (
    find_participants,
    named_first,
    partner_is_a_side,
    split_in_turn,
    subjectless,
    with_antecedent,
)
from data_prep.model import DatedBy, DateSpan, MeetingType, Participant, Status
from data_prep.text.clauses import clause_end, clause_start, statement_bounds
from data_prep.vocab.cues import MEETING_KINDS, CueHit, load_cues, strongest_type

# The cue kinds that can make a sentence report a meeting; the prefilter looks for the same ones.
_VENUE_LEAD = ("在", "于", "赴", "抵达", "抵", "访问", "到", "来到", "前往")
# A date governs a meeting word in its own clause or the two before it.
_DATE_CLAUSES = 3


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


def _scope_start(sentence: Sentence, cue: CueHit) -> int:
    """Where the words governing a meeting word begin: its clause and the one before (寻求…，包括…通话)."""
    return clause_start(sentence.simple, cue.begin, 2)


def _shadowed(hit: CueHit, hits: tuple[CueHit, ...]) -> bool:
    """A marker inside a longer word of another kind is part of that word (未 in 未来, 握手 in 握手后)."""
    return any(
        other.kind != hit.kind
        and other.begin <= hit.begin
        and hit.end <= other.end
        and other.end - other.begin > hit.end - hit.begin
        for other in hits
    )


def _governed(sentence: Sentence, cue: CueHit, kinds: tuple[str, ...]) -> bool:
    """Whether a marker of these kinds stands before the meeting word within the words that govern it."""
    begin = _scope_start(sentence, cue)
    return any(
        c.kind in kinds and begin <= c.begin and c.end <= cue.begin and not _shadowed(c, sentence.cues)
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
        if any(word in sentence.simple[cue.end : clause_end(sentence.simple, cue.end)] for word in requests):
            continue
        if any(hit.begin <= cue.begin and cue.end <= hit.end for hit in sentence.references):
            continue
        if _governed(sentence, cue, ("past",)) and not _dated_before(sentence, cue):
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
    return bool(turns) and any(word in rest[min(turns) :] for word in cues.refusal_after)


def _dated_before(sentence: Sentence, cue: CueHit) -> bool:
    """An earlier meeting (曾, 当时) is reported only with its own date before the meeting word."""
    reach = clause_start(sentence.simple, cue.begin, _DATE_CLAUSES)
    return any(reach <= d.begin and d.end <= cue.begin for d in sentence.dates)


def _pick_date(sentence: Sentence, cue: CueHit, begin: int, end: int) -> dates.DateMatch | None:
    """The date that governs the meeting word: the nearest before it within a few clauses, else after it.

    A date four clauses away ("民进党昨天晚会……，拜登和习近平见面时") belongs to another event.
    """
    reach = max(begin, clause_start(sentence.simple, cue.begin, _DATE_CLAUSES))
    verbs = load_cues().report_verbs
    inside = [
        d
        for d in sentence.dates
        if reach <= d.begin < end
        and d.span.start is not None
        and not sentence.simple[d.end : d.end + 6].lstrip("（）()上午下晚间早").startswith(verbs)
    ]
    before = [d for d in inside if d.end <= cue.end]
    if before:
        return before[-1]
    return inside[0] if inside else None


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
    """The meeting's date from the sentence itself; 12日 reads forward in a planned sentence."""
    match = _pick_date(sentence, cue, *bounds)
    if match is not None and planned:
        forward = dates.find_date_spans(sentence.simple, base, prefer_future=True)
        match = next((d for d in forward if d.begin == match.begin), match)
    return match


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
    clause = (clause_start(sentence.simple, cue.begin, 1), clause_end(sentence.simple, cue.end))
    participants = _who_met(sentence, cue, bounds, clause, previous, taken)
    if {p.side for p in participants} != {"US", "CN"} or not partner_is_a_side(sentence, cue, bounds[0]):
        return None
    meeting_type = strongest_type([c.kind for c in sentence.cues if clause[0] <= c.begin < clause[1]])
    if meeting_type == "unknown":
        meeting_type = strongest_type([c.kind for c in sentence.cues if bounds[0] <= c.begin < bounds[1]])
    planned = _governed(sentence, cue, ("planned",)) or sentence.simple[: cue.begin].endswith(
        load_cues().planned_right_before
    )
    match = _date_of(sentence, cue, (max(bounds[0], floor), bounds[1]), base, planned)
    span = match.span if match is not None else DateSpan(None, None, "unknown")
    status = _status(planned, span, base, dateline_known)
    location = _location(sentence, cue, meeting_type, bounds[0])
    dated_by: DatedBy = "unknown" if match is None else "relative" if match.relative else "text"
    return Anchor(sentence, participants, meeting_type, status, span, dated_by, location)
