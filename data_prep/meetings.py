"""One article's sentences → the US–PRC meetings it reports (`MeetingMention`s): a pure function."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from data_prep import dates, officials, refevents
from data_prep.meeting_types import CueHit, strongest_type
from data_prep.model import (
    Article,
    DateSpan,
    Excerpt,
    MeetingMention,
    MeetingType,
    Participant,
    Source,
    Status,
)
from data_prep.prefilter import could_report_meeting
from data_prep.sentences import TITLE_PARAGRAPH, Sentence, build_sentences

_CLAUSE_BREAKS = "，,；;：:。！？"
# How far back from a meeting word a "将于"/"没有" still governs it.
_MARKER_WINDOW = 14
_MEETING_KINDS = ("in_person", "phone", "video")
_VENUE_LEAD = ("在", "于", "赴", "抵达", "抵", "访问", "到", "来到", "前往")
# A meeting of defence people of both sides is a defence channel in itself (the "military" topic).
_DEFENCE_WORDS = re.compile(
    r"\b(defen[cs]e|military|army|navy|air force|joint chiefs|pla|cmc|"
    r"indo-pacific command|indopacom|marines?)\b"
)


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


def _clause_before(sentence: str, cue: CueHit) -> tuple[int, int]:
    start = max(0, cue.begin - _MARKER_WINDOW)
    for position in range(cue.begin - 1, start - 1, -1):
        if sentence[position] in _CLAUSE_BREAKS:
            return position + 1, cue.begin
    return start, cue.begin


def _governed(sentence: Sentence, cue: CueHit, kind: str) -> bool:
    begin, end = _clause_before(sentence.simple, cue)
    return any(c.kind == kind and begin <= c.begin and c.end <= end for c in sentence.cues)


def _meeting_cues(sentence: Sentence) -> list[CueHit]:
    """The meeting words of a sentence that are neither negated nor about an undated earlier meeting."""
    found = []
    for cue in sentence.cues:
        if cue.kind not in _MEETING_KINDS or _governed(sentence, cue, "negation"):
            continue
        if _governed(sentence, cue, "past") and not sentence.dates:
            continue
        found.append(cue)
    return found


def _participants(sentence: Sentence) -> tuple[Participant, ...]:
    people: dict[str, Participant] = {}
    for mention in sentence.officials:
        people.setdefault(
            mention.key,
            Participant(
                mention.name_en, mention.name_zh, mention.side, mention.title, mention.key, mention.rank
            ),
        )
    offices = {p.name_en for p in people.values()}
    for cue in sentence.cues:
        if cue.counterpart is not None and cue.counterpart.name_en not in offices:
            c = cue.counterpart
            key = "cp:" + c.name_en
            people.setdefault(key, Participant(c.name_en, c.name_zh, c.side, None, key))
    return _named_first(tuple(people.values()))


def _is_office(participant: Participant) -> bool:
    return participant.key.startswith(("inst:", "cp:"))


def _named_first(people: tuple[Participant, ...]) -> tuple[Participant, ...]:
    """An office stands for a side only where no person of that side is named (美国国务院亚太事务助理国务卿康达)."""
    named = {p.side for p in people if not _is_office(p)}
    return tuple(p for p in people if not _is_office(p) or p.side not in named)


def _sides(participants: tuple[Participant, ...]) -> set[str]:
    return {p.side for p in participants}


def _pick_date(sentence: Sentence, cue: CueHit) -> dates.DateMatch | None:
    """The date expression that governs the meeting word: the nearest before it, else the first after."""
    before = [d for d in sentence.dates if d.end <= cue.end and d.span.start is not None]
    if before:
        return before[-1]
    after = [d for d in sentence.dates if d.span.start is not None]
    return after[0] if after else None


def _location(sentence: Sentence, cue: CueHit, meeting_type: MeetingType) -> str | None:
    """The venue: the place nearest before the meeting word, preferring one after 在/于/赴/抵达.

    北京/华府 alone often mean a government, and a sentence may name an earlier stop of the trip.
    """
    if meeting_type in ("phone", "video") or not sentence.places:
        return None
    before = [p for p in sentence.places if p.end <= cue.begin]
    led = [p for p in before if sentence.simple[max(0, p.begin - 2) : p.begin].endswith(_VENUE_LEAD)]
    if led or before:
        return (led or before)[-1].name_en
    return sentence.places[0].name_en


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
    sentence: Sentence, cue: CueHit, base: date | None, planned_words: bool, dateline_known: bool
) -> tuple[DateSpan, bool]:
    """The meeting's date from the sentence, else the dateline; 12日 reads forward in a planned sentence."""
    match = _pick_date(sentence, cue)
    if match is not None and planned_words:
        forward = dates.find_date_spans(sentence.simple, base, prefer_future=True)
        match = next((d for d in forward if d.begin == match.begin), match)
    if match is not None:
        return match.span, True
    if base is not None and dateline_known:
        return DateSpan(base, base, "day"), False
    return DateSpan(None, None, "unknown"), False


def find_anchor(sentence: Sentence, base: date | None, dateline_known: bool = True) -> Anchor | None:
    """Read one sentence as the report of a meeting between a US and a PRC side, if it is one."""
    cues = _meeting_cues(sentence)
    if not cues:
        return None
    participants = _participants(sentence)
    if _sides(participants) != {"US", "CN"}:
        return None
    cue = cues[0]
    meeting_type = strongest_type([c.kind for c in cues])
    planned_words = _governed(sentence, cue, "planned")
    span, dated = _date_of(sentence, cue, base, planned_words, dateline_known)
    status = _status(planned_words, span, base, dateline_known)
    return Anchor(
        sentence, participants, meeting_type, status, span, dated, _location(sentence, cue, meeting_type)
    )


def _belongs(anchor: Anchor, sentence: Sentence) -> bool:
    """Whether a sentence after a meeting's own still speaks of that meeting."""
    keys = {p.key for p in anchor.participants}
    if any(m.key in keys for m in sentence.officials):
        return True
    if any(
        d.span.start and anchor.span.start and abs((d.span.start - anchor.span.start).days) > 1
        for d in sentence.dates
    ):
        return False
    return any(c.kind == "discuss" for c in sentence.cues)


def _topic_excerpts(anchor: Anchor, following: list[Sentence], path: str) -> list[Excerpt]:
    excerpts = []
    candidates = [anchor.sentence] + following
    for sentence in candidates:
        if sentence is not anchor.sentence and not _belongs(anchor, sentence):
            continue
        found = tuple(sorted(sentence.topics))
        if found:
            excerpts.append(Excerpt(path, sentence.original, found))
    return excerpts


def _segment(anchors: list[Anchor], position: int, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences after an anchor up to the next anchor of a different meeting."""
    anchor = anchors[position]
    keys = {p.key for p in anchor.participants}
    later = [
        a
        for a in anchors[position + 1 :]
        if a.sentence.index > anchor.sentence.index and not keys & {p.key for p in a.participants}
    ]
    stop = later[0].sentence.index if later else len(sentences)
    return [s for s in sentences if anchor.sentence.index < s.index < stop and s.paragraph != TITLE_PARAGRAPH]


def _source(article: Article) -> Source:
    return Source(article.path, article.url, article.outlet, article.title, article.published)


def _is_defence(participant: Participant) -> bool:
    return _DEFENCE_WORDS.search(f"{participant.title or ''} {participant.name_en}".lower()) is not None


def _defence_channel(participants: tuple[Participant, ...]) -> bool:
    return {p.side for p in participants if _is_defence(p)} == {"US", "CN"}


def _mention(anchor: Anchor, article: Article, excerpts: list[Excerpt]) -> MeetingMention:
    topics = sorted(
        {t for e in excerpts for t in e.topics}
        | ({"military"} if _defence_channel(anchor.participants) else set())
    )
    lead = Excerpt(article.path, anchor.sentence.original, ())
    in_title = anchor.sentence.paragraph == TITLE_PARAGRAPH
    confidence = (1.0 if in_title or anchor.sentence.paragraph == 0 else 0.8) * (1.0 if anchor.dated else 0.6)
    return MeetingMention(
        path=article.path,
        span=anchor.span,
        status=anchor.status,
        meeting_type=anchor.meeting_type,
        location=anchor.location,
        participants=anchor.participants,
        topics=tuple(topics),
        excerpts=tuple([lead] + [e for e in excerpts if e.text != lead.text]),
        source=_source(article),
        confidence=confidence,
    )


def _reference_participants(event: refevents.ReferenceEvent) -> tuple[Participant, ...]:
    people = []
    for key in event.participants:
        person = officials.find_person(key)
        if person is None:
            continue
        role = officials.role_on(person, event.start)
        people.append(
            Participant(
                person.name_en,
                person.name_zh,
                person.side,
                role.title_en if role else None,
                person.key,
                role.rank if role else 0,
            )
        )
    return tuple(people)


def _reference_mention(
    hit: refevents.RefEventHit, sentence: Sentence, article: Article, base: date | None
) -> MeetingMention | None:
    """A meeting named by a known phrase (中美元首峇厘岛会晤), dated from the reference table."""
    event = hit.event
    if event.meeting_type is None or hit.relation is not None:
        return None
    participants = _reference_participants(event)
    if {p.side for p in participants} != {"US", "CN"}:
        return None
    planned = base is not None and event.start > base
    return MeetingMention(
        path=article.path,
        span=DateSpan(event.start, event.end, "day"),
        status="planned" if planned else "held",
        meeting_type=event.meeting_type,
        location=event.place,
        participants=participants,
        topics=(),
        excerpts=(Excerpt(article.path, sentence.original, ()),),
        source=_source(article),
        confidence=0.3,
        reference=event.key,
    )


def _reference_mentions(
    sentences: list[Sentence], article: Article, base: date | None
) -> list[MeetingMention]:
    found = []
    for sentence in sentences:
        for hit in sentence.references:
            mention = _reference_mention(hit, sentence, article, base)
            if mention is not None:
                found.append(mention)
    return found


def _inferred_dateline(article: Article) -> date | None:
    """The dateline of an undated article, when its content pins it down.

    Within an inferred month, the latest day the article's known events pin down stands in for the
    dateline, so that 12日 resolves inside that month.
    """
    text = (article.title or "") + "\n" + article.body
    span = refevents.infer_published_on(text)
    if span is None or span.start is None or span.precision not in ("day", "month"):
        return None
    if span.precision == "day":
        return span.start
    days = [
        hit.span.end
        for hit in refevents.find_reference_events(text)
        if hit.span.end and span.start <= hit.span.end <= (span.end or span.start)
    ]
    return max(days) if days else span.start + (((span.end or span.start) - span.start) / 2)


def extract_mentions(article: Article) -> list[MeetingMention]:
    """Find every US–PRC meeting one article reports, each with its evidence."""
    if not could_report_meeting(article):
        return []
    base = article.published_on or _inferred_dateline(article)
    sentences = build_sentences(article, base)
    known = article.published_on is not None
    anchors = [a for a in (find_anchor(s, base, known) for s in sentences) if a is not None]
    mentions = []
    for position, anchor in enumerate(anchors):
        following = _segment(anchors, position, sentences)
        mentions.append(_mention(anchor, article, _topic_excerpts(anchor, following, article.path)))
    mentions.extend(_reference_mentions(sentences, article, base))
    return combine_within_article(mentions)


def _compatible(a: MeetingMention, b: MeetingMention) -> bool:
    """Two mentions in one article name the same meeting: shared people on both sides, dates that fit."""
    shared = {p.key for p in a.participants} & {p.key for p in b.participants}
    sides = {p.side for p in a.participants + b.participants if p.key in shared}
    if sides != {"US", "CN"} or a.reference != b.reference:
        return False
    if a.span.start is None or b.span.start is None:
        return True
    if a.confidence < 0.7 or b.confidence < 0.7:  # one of them was dated only by the dateline
        return True
    return a.span.overlaps(b.span, tolerance_days=1)


def combine_within_article(mentions: list[MeetingMention]) -> list[MeetingMention]:
    """Fold the several sentences of one article about one meeting into one mention."""
    combined: list[MeetingMention] = []
    for mention in mentions:
        for i, existing in enumerate(combined):
            if _compatible(existing, mention):
                combined[i] = fold_mentions(existing, mention)
                break
        else:
            combined.append(mention)
    return combined


def _best(a: MeetingMention, b: MeetingMention) -> MeetingMention:
    """The mention whose date to trust: dated by the text over dated by the dateline, then precise first."""
    order = {"day": 3, "month": 2, "year": 1, "unknown": 0}
    return max((a, b), key=lambda m: (m.confidence >= 0.7, order[m.span.precision], m.confidence))


def fold_mentions(a: MeetingMention, b: MeetingMention) -> MeetingMention:
    """Combine two mentions of the same meeting, keeping every person, topic and excerpt once."""
    best = _best(a, b)
    people = {p.key: p for p in b.participants} | {p.key: p for p in a.participants}
    texts = {e.text: e for e in b.excerpts} | {e.text: e for e in a.excerpts}
    strength = {"unknown": 0, "in_person": 1, "phone": 2, "video": 3}
    meeting_type = max((a.meeting_type, b.meeting_type), key=strength.__getitem__)
    status: Status = "held" if "held" in (a.status, b.status) else "planned"
    return replace(
        best,
        participants=tuple(people.values()),
        excerpts=tuple(texts.values()),
        topics=tuple(sorted(set(a.topics) | set(b.topics))),
        meeting_type=meeting_type,
        status=status,
        location=a.location or b.location,
        confidence=max(a.confidence, b.confidence),
    )
