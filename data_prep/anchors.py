"""One annotated sentence → the meeting between a US and a PRC side it reports, if any (an `Anchor`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data_prep import dates
from data_prep.clauses import clause_end, clause_start, statement_bounds
from data_prep.meeting_types import CueHit, load_cues, strongest_type
from data_prep.model import DateSpan, MeetingType, Participant, Status
from data_prep.sentences import Sentence

# The cue kinds that can make a sentence report a meeting; the prefilter looks for the same ones.
MEETING_KINDS = ("in_person", "phone", "video", "weak")
_VENUE_LEAD = ("在", "于", "赴", "抵达", "抵", "访问", "到", "来到", "前往")
# "与/同/和 X 会谈": X is the counterpart, and it must be someone of a side, not 埃及总统塞西.
_PARTNER_WORDS = "与同和跟"
_PARTNER_REACH = 30
# Before its 与/同, a clause with no subject holds at most a few words of time or manner (今天, 下午随即).
_SUBJECTLESS_LEAD = 6
_PRONOUNS = ("他", "她")
_CONTINUATIONS = (
    "并",
    "随后",
    "随即",
    "后",
    "再",
    "又",
    "还",
    "同时",
    "此后",
    "之后",
    "接着",
    "其后",
    "当天",
    "当日",
    "次日",
    "上午",
    "下午",
    "晚间",
    "晚上",
    "早上",
    "中午",
    "期间",
)
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
    dated: bool  # the date comes from the text, not from the article's dateline
    location: str | None


def _subjectless(sentence: Sentence, cue: CueHit) -> bool:
    """Whether the meeting word's clause names no one before its 与/同 or its meeting word.

    "布林肯将于12日上午，与刘建超举行会晤": the subject, and the tense, are in the clause before.
    """
    text = sentence.simple
    start = clause_start(text, cue.begin, 1)
    joins = [i for i in range(start, cue.begin) if text[i] in _PARTNER_WORDS]
    end = joins[0] if joins else cue.begin
    if any(start <= m.begin < end for m in sentence.officials):
        return False
    lead = text[start:end].strip()
    # A subject the dictionary does not know (日本防卫大臣滨田靖一也与…) takes more than a few characters;
    # a continuation (并于10日在华盛顿会见…) carries the subject over from the clause before.
    return len(lead) <= _SUBJECTLESS_LEAD or lead.startswith(_CONTINUATIONS)


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


def _participants(sentence: Sentence, begin: int, end: int) -> tuple[Participant, ...]:
    """The people and offices of either side named between begin and end."""
    people: dict[str, Participant] = {}
    text = sentence.simple
    for m in sentence.officials:
        if begin <= m.begin < end and not (m.is_institution and _is_venue(text, m.begin)):
            people.setdefault(m.key, Participant(m.name_en, m.name_zh, m.side, m.title, m.key, m.rank))
    offices = {p.name_en for p in people.values()}
    for cue in sentence.cues:
        c = cue.counterpart
        if (
            c is not None
            and begin <= cue.begin < end
            and c.name_en not in offices
            and not _is_venue(text, cue.begin)
        ):
            people.setdefault(
                "cp:" + c.name_en, Participant(c.name_en, c.name_zh, c.side, None, "cp:" + c.name_en)
            )
    return _named_first(tuple(people.values()))


def _is_venue(text: str, begin: int) -> bool:
    """ "在白宫的会谈中": an office after 在/于 is where it happened, not who took part."""
    return begin > 0 and text[begin - 1] in "在于"


def _named_first(people: tuple[Participant, ...]) -> tuple[Participant, ...]:
    """An office stands for a side only where no person of it is named (美国国务院亚太事务助理国务卿康达)."""
    named = {p.side for p in people if not p.is_office}
    return tuple(p for p in people if not p.is_office or p.side not in named)


def _partner_is_a_side(sentence: Sentence, cue: CueHit, begin: int) -> bool:
    """After the last 与/同/和 before the meeting word comes the counterpart: it must belong to a side."""
    text = sentence.simple
    start = max(begin, cue.begin - _PARTNER_REACH)
    joins = [i for i in range(start, cue.begin) if text[i] in _PARTNER_WORDS and text[i - 1 : i] != "参"]
    if not joins:
        return True
    join = joins[-1]
    named = [m for m in sentence.officials if join < m.begin < cue.begin]
    parties = [c for c in sentence.cues if c.counterpart is not None and join < c.begin < cue.begin]
    return bool(named or parties) or _mentions_a_side(text[join : cue.begin])


def _mentions_a_side(text: str) -> bool:
    """ "与美方会谈", "同中国官员会面": the counterpart is a side even when unnamed."""
    return any(word in text for word in ("美方", "中方", "美国", "中国", "双方", "两国", "中美", "美中"))


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
) -> DateSpan | None:
    """The meeting's date from the sentence itself; 12日 reads forward in a planned sentence."""
    match = _pick_date(sentence, cue, *bounds)
    if match is not None and planned:
        forward = dates.find_date_spans(sentence.simple, base, prefer_future=True)
        match = next((d for d in forward if d.begin == match.begin), match)
    return match.span if match is not None else None


def _antecedent(
    sentence: Sentence, start: int, previous: Sentence | None, people: tuple[Participant, ...]
) -> tuple[Participant, ...]:
    """ "布林肯26日结束访华。他在北京会见了习近平": a pronoun subject is the one person of the missing side
    the sentence before names."""
    if previous is None or not sentence.simple[start:].lstrip("，, ").startswith(_PRONOUNS):
        return people
    missing = {"US", "CN"} - {p.side for p in people}
    if len(missing) != 1:
        return people
    side = missing.pop()
    candidates = {m.key: m for m in previous.officials if m.side == side and not m.is_institution}
    if len(candidates) != 1:
        return people
    m = next(iter(candidates.values()))
    return people + (Participant(m.name_en, m.name_zh, m.side, m.title, m.key, m.rank),)


def find_anchor(
    sentence: Sentence, base: date | None, dateline_known: bool = True, previous: Sentence | None = None
) -> Anchor | None:
    """Read one sentence as the report of a meeting between a US and a PRC side, if it is one.

    A sentence with no date of its own gets an unknown span here; the article around it decides.
    `previous` is the sentence before, for a pronoun subject.
    """
    for cue in _meeting_cues(sentence):
        bounds = statement_bounds(sentence.simple, cue.begin, cue.end)
        clause = (clause_start(sentence.simple, cue.begin, 1), clause_end(sentence.simple, cue.end))
        # Who met stands in the meeting word's clause, or before it when the clause has no subject of
        # its own ("康达等人，今天与马朝旭会谈"; "布林肯18日抵达北京，下午抵达钓鱼台，与秦刚会谈").
        start = bounds[0] if _subjectless(sentence, cue) else clause[0]
        participants = _antecedent(sentence, start, previous, _participants(sentence, start, clause[1]))
        if {p.side for p in participants} != {"US", "CN"} or not _partner_is_a_side(sentence, cue, bounds[0]):
            continue
        meeting_type = strongest_type([c.kind for c in sentence.cues if clause[0] <= c.begin < clause[1]])
        if meeting_type == "unknown":
            meeting_type = strongest_type([c.kind for c in sentence.cues if bounds[0] <= c.begin < bounds[1]])
        planned = _governed(sentence, cue, ("planned",)) or sentence.simple[cue.begin - 1 : cue.begin] == "将"
        span = _date_of(sentence, cue, bounds, base, planned)
        status = _status(planned, span or DateSpan(None, None, "unknown"), base, dateline_known)
        location = _location(sentence, cue, meeting_type, bounds[0])
        return Anchor(
            sentence,
            participants,
            meeting_type,
            status,
            span or DateSpan(None, None, "unknown"),
            span is not None,
            location,
        )
    return None
