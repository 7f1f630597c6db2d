"""Which sentences of an article speak of one of its meetings, and so lend it their topics."""

from __future__ import annotations

from data_prep.annotate.sentences import TITLE_PARAGRAPH, Sentence
from data_prep.extract.anchors import Anchor
from data_prep.extract.context import LEAD_PARAGRAPHS
from data_prep.model import Excerpt

# In a later paragraph, a sentence speaks of the meeting only if it names it or its people.
# Words said at a press conference, in an interview or a speech are not what was discussed at the meeting.
_ELSEWHERE = (
    "记者会",
    "发布会",
    "受访",
    "采访",
    "演讲",
    "专访",
    "社交媒体",
    "推特",
    "听证会",
    "分析",
    "观察人士",
    "学者认为",
    "专家认为",
    "学者指出",
    "专家指出",
    "学者表示",
    "专家表示",
)
# A headline like these marks commentary about a meeting: only the sentence reporting it counts.
_COMMENTARY = _ELSEWHERE + ("学者", "专家", "评论", "观点", "社评", "专栏", "解读", "解说", "客座")
_CONDITIONAL = ("如果", "假如", "假若", "倘若", "是否", "可能会", "一旦")
_VISIT = ("访问", "访华", "访美", "之旅", "此行", "之行", "行程")
_EXPLICIT_REFERENCE = (
    "会谈中",
    "会晤中",
    "通话中",
    "会见时",
    "会谈时",
    "会晤时",
    "通话时",
    "会上",
    "会议上",
    "双方",
)


def _belongs(anchor: Anchor, sentence: Sentence) -> bool:
    """Whether a sentence after a meeting's own still speaks of that meeting.

    Not when it carries another date, or reports words said elsewhere
    (a press conference, an interview). In the meeting's paragraph, naming its people or a word of
    discussion (双方, 强调) is enough; later, it must name the talks themselves (会谈中, 双方) or name
    their people together with a word of discussion.
    """
    kinds = {c.kind for c in sentence.cues}
    if any(word in sentence.simple for word in _ELSEWHERE + _CONDITIONAL):
        return False
    if anchor.meeting_type in ("phone", "video") and any(word in sentence.simple for word in _VISIT):
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
    explicit = any(word in sentence.simple for word in _EXPLICIT_REFERENCE)
    return explicit or (names and "discuss" in kinds)


def find_topic_excerpts(
    anchor: Anchor, preamble: list[Sentence], following: list[Sentence], path: str
) -> list[Excerpt]:
    excerpts = []
    for sentence in preamble + [anchor.sentence] + following:
        if sentence in following and not _belongs(anchor, sentence):
            continue
        found = tuple(sorted(sentence.topics))
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
    if any(word in sentences[0].simple for word in _COMMENTARY) and sentences[0].paragraph == TITLE_PARAGRAPH:
        return []  # a press conference or an interview about the meeting: only its own sentence counts
    return [
        s
        for s in sentences
        if anchor.sentence.index < s.index < stop
        and s.paragraph != TITLE_PARAGRAPH
        and (in_lead or s.paragraph == anchor.sentence.paragraph)
    ]
