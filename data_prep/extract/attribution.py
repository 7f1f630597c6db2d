"""Which sentences of an article speak of one of its meetings, and so lend it their topics."""

from __future__ import annotations

from data_prep.annotate.sentences import TITLE_PARAGRAPH, Sentence
from data_prep.extract.anchors import Anchor
from data_prep.extract.context import LEAD_PARAGRAPHS
from data_prep.model import Excerpt
from data_prep.vocab.cues import load_cues


def _belongs(anchor: Anchor, sentence: Sentence) -> bool:
    """Whether a sentence after a meeting's own still speaks of that meeting.

    Not when it carries another date, or reports words said elsewhere
    (a press conference, an interview). In the meeting's paragraph, naming its people or a word of
    discussion (双方, 强调) is enough; later, it must name the talks themselves (会谈中, 双方) or name
    their people together with a word of discussion.
    """
    kinds = {c.kind for c in sentence.cues}
    words = load_cues()
    if any(word in sentence.simple for word in words.said_elsewhere + words.conditional_words):
        return False
    if anchor.meeting_type in ("phone", "video") and any(
        word in sentence.simple for word in words.visit_words
    ):
        return False  # a call is not the trip the sentence speaks of
    keys = {p.key for p in anchor.participants}
    named = {m.key for m in sentence.officials if not m.is_institution}
    if named and not named & keys:
        return False  # it speaks of other people: another meeting, or none
    talks = any(c.kind in ("in_person", "phone", "video") for c in sentence.cues)
    if talks and named - keys:
        return False  # talks with someone else (沙利文此前与王毅会谈时…): another meeting
    if any(
        d.span.start and anchor.span.start and abs((d.span.start - anchor.span.start).days) > 1
        for d in sentence.dates
    ):
        return False
    names = bool(named & keys)
    if sentence.paragraph == anchor.sentence.paragraph:
        return names or "discuss" in kinds
    explicit = any(word in sentence.simple for word in words.meeting_reference_words)
    return explicit or (names and "discuss" in kinds)


def _own_topics(anchor: Anchor, alone: bool) -> tuple[str, ...]:
    """The topics of the meeting's own sentence; of its own clause when the sentence reports other
    meetings ("甲与乙会面、丙与丁通话，两军恢复军事会谈": the talks' topics are none of the call's)."""
    topics = anchor.sentence.topics
    if alone:
        return tuple(sorted(topics))
    begin, end = anchor.clause
    return tuple(sorted(t for t, spans in topics.items() if any(begin <= b and e <= end for b, e in spans)))


def find_topic_excerpts(
    anchor: Anchor, preamble: list[Sentence], following: list[Sentence], path: str, alone: bool = True
) -> list[Excerpt]:
    """The sentences that lend a meeting their topics; `alone` is false when its own sentence reports
    other meetings too."""
    excerpts = []
    for sentence in preamble + [anchor.sentence] + following:
        if sentence in following and not _belongs(anchor, sentence):
            continue
        found = _own_topics(anchor, alone) if sentence is anchor.sentence else tuple(sorted(sentence.topics))
        if found:
            excerpts.append(Excerpt(path, sentence.original, found))
    return excerpts


def find_preamble(anchor: Anchor, sentences: list[Sentence]) -> list[Sentence]:
    """The sentence just before a meeting's own that speaks of talks without naming anyone else.

    "美方官员利用访问北京与中国官员会谈的机会，表达对拦截的担忧。康达……今天与马朝旭……举行会谈。"
    """
    here = anchor.sentence
    keys = {p.key for p in anchor.participants}
    for sentence in reversed(sentences[: here.index]):
        if sentence.paragraph == TITLE_PARAGRAPH or sentence.paragraph < here.paragraph - 1:
            return []
        named = {m.key for m in sentence.officials if not m.is_institution}
        talks = any(c.kind in ("in_person", "phone", "video") for c in sentence.cues)
        return [sentence] if talks and named <= keys and not sentence.dates else []
    return []


def find_segment(anchors: list[Anchor], position: int, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences after an anchor that may speak of its meeting, up to the next different meeting."""
    anchor = anchors[position]
    keys = {p.key for p in anchor.participants}
    later = [
        a
        for a in anchors[position + 1 :]
        if a.sentence.index > anchor.sentence.index and not keys & {p.key for p in a.participants}
    ]
    stop = later[0].sentence.index if later else len(sentences)
    # An article is about the meeting its headline or lead reports; one it mentions further down
    # in passing owns only its own paragraph.
    in_lead = anchor.sentence.paragraph < LEAD_PARAGRAPHS
    cues = load_cues()
    commentary = cues.said_elsewhere + cues.commentary_headline
    if any(word in sentences[0].simple for word in commentary) and sentences[0].paragraph == TITLE_PARAGRAPH:
        return []  # a press conference or an interview about the meeting: only its own sentence counts
    return [
        s
        for s in sentences
        if anchor.sentence.index < s.index < stop
        and s.paragraph != TITLE_PARAGRAPH
        and (in_lead or s.paragraph == anchor.sentence.paragraph)
    ]
