"""One article's sentences → the US–PRC meetings it reports (`MeetingMention`s): a pure function."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from data_prep.annotate import refevents
from data_prep.annotate.sentences import (
    TITLE_PARAGRAPH,
    Sentence,
    build_sentences,
    look_at,
    sentence_texts,
)
from data_prep.extract.anchors import Anchor, find_anchors
from data_prep.extract.attribution import find_preamble, find_segment, find_topic_excerpts
from data_prep.extract.context import place_in_article
from data_prep.extract.references import why_not_reported
from data_prep.model import (
    Article,
    DateSpan,
    Excerpt,
    MeetingMention,
    Participant,
    Source,
    Status,
)
from data_prep.screen.prefilter import could_report_meeting
from data_prep.vocab import officials
from data_prep.vocab.cues import MEETING_KINDS, strongest_type

# A meeting of defence people of both sides is a defence channel in itself (the "military" topic).
_DEFENCE_WORDS = re.compile(
    r"\b(defen[cs]e|military|army|navy|air force|joint chiefs|pla|cmc|"
    r"indo-pacific command|indopacom|marines?)\b"
)


def _source(article: Article) -> Source:
    return Source(article.path, article.url, article.outlet, article.title, article.published)


def _is_defence(participant: Participant) -> bool:
    return _DEFENCE_WORDS.search(f"{participant.title or ''} {participant.name_en}".lower()) is not None


def _defence_channel(participants: tuple[Participant, ...]) -> bool:
    return {p.side for p in participants if _is_defence(p)} == {"US", "CN"}


def _mention(anchor: Anchor, article: Article, excerpts: list[Excerpt]) -> MeetingMention:
    # Every topic rests on a sentence: the meeting's own sentence carries its topics, and "military"
    # when it reports a meeting of the two defence establishments.
    text = anchor.sentence.original
    own = {t for e in excerpts if e.text == text for t in e.topics}
    if _defence_channel(anchor.participants):
        own.add("military")
    lead = Excerpt(article.path, text, tuple(sorted(own)))
    topics = sorted(own | {t for e in excerpts for t in e.topics})
    in_title = anchor.sentence.paragraph == TITLE_PARAGRAPH
    by_text = anchor.dated_by in ("text", "relative")
    precise = by_text and anchor.span.precision == "day"
    confidence = (1.0 if in_title or anchor.sentence.paragraph == 0 else 0.8) * (
        1.0 if precise else 0.55 if by_text else 0.6
    )
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
        dated_by=anchor.dated_by,
        recalled=anchor.recalled,
        evidence=anchor.evidence,
    )


def _another_meeting(anchor: Anchor, other: Anchor) -> bool:
    """Another meeting reported in the same sentence, in a clause of its own."""
    return other.sentence is anchor.sentence and other.clause != anchor.clause


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
                role.title_zh if role else None,
            )
        )
    return tuple(people)


# An article dated within days after a known meeting is news of it: the table's date is exact and beats
# the dateline. Later, a phrase naming the meeting is background.
_NEWS_OF_THE_EVENT = timedelta(days=3)


def _reference_confidence(event: refevents.ReferenceEvent, base: date | None) -> float:
    if base is not None and event.start <= base <= event.end + _NEWS_OF_THE_EVENT:
        return 0.9
    return 0.3


def _reference_mention(
    hit: refevents.RefEventHit, sentence: Sentence, article: Article, base: date | None
) -> MeetingMention | None:
    """A meeting named by a known phrase (中美元首峇厘岛会晤), dated from the reference table."""
    event = hit.event
    if event.meeting_type is None or why_not_reported(sentence, hit, base) is not None:
        return None
    participants = _reference_participants(event)
    sizes = [sum(p.side == side for p in participants) for side in ("US", "CN")]
    # A visit where one guest met several hosts is several meetings: the phrase names none of them.
    if 0 in sizes or sizes[0] != sizes[1]:
        return None
    return MeetingMention(
        path=article.path,
        span=DateSpan(event.start, event.end, "day"),
        status="held",  # a meeting still to come is not named by a known phrase (why_not_reported)
        meeting_type=event.meeting_type,
        location=event.place,
        participants=participants,
        topics=(),
        excerpts=(Excerpt(article.path, sentence.original, ()),),
        source=_source(article),
        confidence=_reference_confidence(event, base),
        dated_by="reference_event",
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
    texts = sentence_texts(article)
    # Most articles that pass the prefilter name the two sides and a meeting word only apart: a cheap
    # look at each sentence spares them dates, places, topics and context. What it finds in the
    # sentences up to the first that could anchor is not looked for again when they are annotated.
    looks = []
    for _, text in texts:
        looks.append(look_at(text, base, MEETING_KINDS))
        if looks[-1].could_anchor:
            break
    else:
        return []
    sentences = build_sentences(article, base, texts, looks)
    known = article.published_on is not None
    before = [None, *sentences[:-1]]
    found = [a for s, p in zip(sentences, before, strict=True) for a in find_anchors(s, base, known, p)]
    placed = [place_in_article(a, sentences, base, known) for a in found]
    # "今年与拜登会面" pins no meeting down: a year is background, not a report.
    anchors = [a for a in placed if a.span.precision != "year"]
    mentions = []
    for position, anchor in enumerate(anchors):
        preamble, following = find_preamble(anchor, sentences), find_segment(anchors, position, sentences)
        alone = not any(_another_meeting(anchor, other) for other in anchors)
        excerpts = find_topic_excerpts(anchor, preamble, following, article.path, alone)
        mentions.append(_mention(anchor, article, excerpts))
    mentions.extend(_reference_mentions(sentences, article, base))
    return combine_within_article(mentions)


# A meeting dated only by its article's dateline may have taken place in the days before it.
_DATELINE_REACH = 7


def _compatible(a: MeetingMention, b: MeetingMention) -> bool:
    """Two mentions in one article name the same meeting: shared people on both sides, times that fit.

    A recalled mention folds only into a held one of the article's news whose time it fits.
    """
    shared = {p.key for p in a.participants} & {p.key for p in b.participants}
    sides = {p.side for p in a.participants + b.participants if p.key in shared}
    if sides != {"US", "CN"} or a.reference != b.reference:
        return False
    if a.recalled != b.recalled and (b if a.recalled else a).status != "held":
        return False
    if a.span.start is None or b.span.start is None:
        return True
    reach = 1 if a.pinned_to_a_day and b.pinned_to_a_day else _DATELINE_REACH
    return a.span.overlaps(b.span, tolerance_days=reach)


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
    return max((a, b), key=lambda m: (m.pinned_to_a_day, order[m.span.precision], m.confidence))


def _status(mentions: tuple[MeetingMention, ...]) -> Status:
    """Held when a mention reports the meeting as having taken place; planned when one announces it."""
    if any(m.status == "held" and m.evidence for m in mentions):
        return "held"
    return "planned" if any(m.status == "planned" for m in mentions) else "held"


def fold_mentions(a: MeetingMention, b: MeetingMention) -> MeetingMention:
    """Combine two mentions of the same meeting, keeping every person, topic and excerpt once.

    A recalled mention folded into the article's news adds its sentence, not its date or people.
    """
    texts = {e.text: e for e in b.excerpts} | {e.text: e for e in a.excerpts}
    if a.recalled != b.recalled:
        news = b if a.recalled else a
        return replace(news, excerpts=tuple(texts.values()))
    best = _best(a, b)
    people = {p.key: p for p in b.participants} | {p.key: p for p in a.participants}
    meeting_type = strongest_type([a.meeting_type, b.meeting_type])
    return replace(
        best,
        participants=tuple(people.values()),
        excerpts=tuple(texts.values()),
        topics=tuple(sorted(set(a.topics) | set(b.topics))),
        meeting_type=meeting_type,
        status=_status((a, b)),
        evidence=any(m.evidence for m in (a, b) if m.status == "held") or "held" not in (a.status, b.status),
        location=a.location or b.location,
        confidence=max(a.confidence, b.confidence),
    )
