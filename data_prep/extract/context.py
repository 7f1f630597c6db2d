"""An anchor in its article: the date, kind and place that the sentences around it give it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from data_prep.annotate.sentences import TITLE_PARAGRAPH, Sentence
from data_prep.extract import tense
from data_prep.extract.anchors import Anchor
from data_prep.model import DatedBy, DateSpan, MeetingType
from data_prep.text.clauses import clause_end
from data_prep.vocab.cues import strongest_type

# A meeting dated only by the article's dateline is the article's own news only near its top.
LEAD_PARAGRAPHS = 2
_EVENT_KINDS = ("in_person", "phone", "video", "body")


def _event_before(anchor: Anchor, sentences: list[Sentence]) -> Sentence | None:
    """The nearest earlier sentence of the same or the previous paragraph that speaks of this meeting.

    It speaks of this meeting when it names someone of it, or no one at all.

    "中美金融工作组第三次会议18至19日在北京召开。会议由宣昌能和尼曼共同主持。": the first dates the second.
    """
    here = anchor.sentence
    for sentence in reversed(sentences[: here.index]):
        if sentence.paragraph == TITLE_PARAGRAPH or sentence.paragraph < here.paragraph - 1:
            break
        if tense.is_caption(sentence.simple):
            continue  # a photo caption shows an earlier meeting
        keys = {m.key for m in sentence.officials if not m.is_institution}
        shares = not keys or keys & {p.key for p in anchor.participants}
        if shares and any(cue.kind in _EVENT_KINDS for cue in sentence.cues):
            return sentence
    return None


def _context_type(anchor: Anchor, context: Sentence | None) -> MeetingType:
    if anchor.meeting_type != "unknown":
        return anchor.meeting_type
    found = strongest_type([c.kind for c in context.cues]) if context else "unknown"
    return found if found != "unknown" else "in_person"


def _context_place(anchor: Anchor, context: Sentence | None, meeting_type: MeetingType) -> str | None:
    if meeting_type != "in_person":
        return None
    if anchor.location or context is None or not context.places:
        return anchor.location
    return context.places[-1].name_en


def _title_names(anchor: Anchor, sentences: list[Sentence]) -> bool:
    """Whether the headline names someone of this meeting, or is itself the meeting's report."""
    if anchor.sentence.paragraph == TITLE_PARAGRAPH:
        return True
    titles = [s for s in sentences if s.paragraph == TITLE_PARAGRAPH]
    keys = {p.key for p in anchor.participants}
    return any(m.key in keys for s in titles for m in s.officials)


_UNDATED = DateSpan(None, None, "unknown")


def _undated_span(
    anchor: Anchor, context: Sentence | None, sentences: list[Sentence], base: date | None, known: bool
) -> tuple[DateSpan, DatedBy] | None:
    """The date of a meeting its own sentence does not date; None when the article cannot date it.

    The dateline dates it only when it is the article's own news: in the headline or the lead, and
    neither spoken about nor an earlier contact (those are recalled).
    """
    # A date before a speech verb in its clause dates what was said, not the meeting.
    text = context.simple if context else ""
    days = [
        d
        for d in (context.dates if context else ())
        if d.span.precision == "day" and not tense.speech_between(text, d.end, clause_end(text, d.end))
    ]
    if days and not anchor.recalled:
        return days[-1].span, "relative" if days[-1].relative else "text"
    if not known or anchor.recalled:
        return _UNDATED, "unknown"
    near_top = anchor.sentence.paragraph < LEAD_PARAGRAPHS
    if base is not None and near_top and _title_names(anchor, sentences):
        if anchor.status == "planned":  # expected within a window from the dateline (未来数月内)
            ahead = timedelta(days=tense.planned_window(anchor.sentence.simple))
            return DateSpan(base, base + ahead, "unknown"), "dateline"
        return DateSpan(base, base, "day"), "dateline"
    return None  # not the article's news: recalled


def _in_round_up(sentences: list[Sentence]) -> bool:
    return any(tense.is_round_up(s.simple) for s in sentences if s.paragraph == TITLE_PARAGRAPH)


def _as_retold(anchor: Anchor) -> Anchor:
    """An item of a round-up: recalled, and undated unless it writes its own calendar date."""
    if anchor.dated_by == "relative":
        return replace(anchor, recalled=True, span=_UNDATED, dated_by="unknown")
    return replace(anchor, recalled=True)


def place_in_article(anchor: Anchor, sentences: list[Sentence], base: date | None, known: bool) -> Anchor:
    """Complete an anchor from its article (date, kind, place); one the article does not date as its
    own news is recalled."""
    if _in_round_up(sentences):
        anchor = _as_retold(anchor)
    context = _event_before(anchor, sentences)
    meeting_type = _context_type(anchor, context)
    location = _context_place(anchor, context, meeting_type)
    span, dated_by, recalled = anchor.span, anchor.dated_by, anchor.recalled
    if dated_by == "unknown":
        found = _undated_span(anchor, context, sentences, base, known)
        span, dated_by = found or (_UNDATED, "unknown")
        recalled = recalled or found is None
    status = anchor.status
    if known and base is not None and span.start is not None and span.start > base:
        status = "planned"
    return replace(
        anchor,
        meeting_type=meeting_type,
        location=location,
        span=span,
        status=status,
        dated_by=dated_by,
        recalled=recalled,
    )
