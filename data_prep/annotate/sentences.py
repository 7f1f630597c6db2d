"""An article's sentences, each annotated with the officials, dates, cues, topics and places in it."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from data_prep.annotate import dates, names, officials, places, refevents, topics
from data_prep.model import Article, DateSpan, OfficialMention
from data_prep.text.clauses import clause_end, clause_start
from data_prep.text.clean import build_paragraphs, split_sentences
from data_prep.vocab.cues import CueHit, load_cues
from data_prep.vocab.names import load_name_words
from data_prep.vocab.participants import load_participant_words
from data_prep.vocab.script import to_simplified

TITLE_PARAGRAPH = -1
# A name followed by one of these speaks of an administration or an era, not of the person in a room.
_NOT_A_PERSON_AFTER = (
    "政府",
    "当局",
    "政权",
    "任内",
    "时期",
    "时代",
    "执政",
    "上台",
    "团队",
    "阵营",
    "家族",
    "馆",
)


@functools.cache
def _paired_title() -> re.Pattern[str]:
    """Two countries' names then one office ("中美外长"): group 1 is the office."""
    cues = load_cues()
    prefixes = "|".join(map(re.escape, cues.paired_office_prefixes))
    return re.compile(f"(?:{prefixes})(" + "|".join(map(re.escape, cues.paired_offices)) + ")")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    paragraph: int
    original: str
    simple: str
    officials: tuple[OfficialMention, ...]
    dates: tuple[dates.DateMatch, ...]
    cues: tuple[CueHit, ...]
    topics: dict[str, tuple[tuple[int, int], ...]]
    places: tuple[places.PlaceMatch, ...]
    references: tuple[refevents.RefEventHit, ...]


def _inside(begin: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(b <= begin and end <= e for b, e in spans)


def _overlaps(begin: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(begin < e and b < end for b, e in spans)


# Between two people of one side, these mean two people; without them the first is the second's title.
_SEPARATORS = set("、，,和与及同跟对向并；;：:。（(）)")
_TITLE_GAP = 14


def _drop_title_prefixes(sentence: str, mentions: list[OfficialMention]) -> list[OfficialMention]:
    """Drop a bare title that only starts a longer one (美国总统国家安全事务首席副助理芬纳)."""
    kept = []
    for mention in mentions:
        swallowed = any(
            other is not mention
            and other.side == mention.side
            and not other.is_institution
            and 0 <= other.begin - mention.end <= _TITLE_GAP
            and not _SEPARATORS & set(sentence[mention.end : other.begin])
            for other in mentions
        )
        if not swallowed:
            kept.append(mention)
    return kept


def _drop_possessors(sentence: str, mentions: list[OfficialMention]) -> list[OfficialMention]:
    """Drop a possessor: "拜登的国家安全顾问沙利文", "布林肯的副手、副国务卿某某" name the one possessed.

    A name is a possessor when 的 follows it and then, before a clause or list mark, a title, a noun
    for a person (副手, 特使), or another official; "习近平同拜登的会谈" keeps 拜登.
    """
    words = load_participant_words()
    return [m for m in mentions if not _possesses(sentence, m, mentions, words.possessive)]


def _possesses(
    sentence: str, mention: OfficialMention, mentions: list[OfficialMention], possessive: tuple[str, ...]
) -> bool:
    if mention.is_institution or not sentence.startswith(possessive, mention.end):
        return False
    start = mention.end + 1
    stop = next((i for i in range(start, len(sentence)) if sentence[i] in _SEPARATORS), len(sentence))
    head = sentence[start : min(stop, start + _TITLE_GAP)]
    # "芬纳与刘建超的会见是继…": what is possessed is a meeting, and what follows it is another matter.
    meeting = min((i for i in (head.find(w) for w in load_cues().meeting_words()) if i >= 0), default=-1)
    head = head[:meeting] if meeting >= 0 else head
    if head.startswith(load_participant_words().possessed_persons) or names.find_titles(head):
        return True
    return any(start <= other.begin <= start + len(head) for other in mentions if other is not mention)


def _is_person_here(sentence: str, mention: OfficialMention) -> bool:
    """Tell a person taking part from a name used for an administration or a spokesperson quoted."""
    if not mention.is_institution and mention.title and "spokes" in mention.title.lower():
        return False
    return not sentence.startswith(_NOT_A_PERSON_AFTER, mention.end)


def _paired_titles(simple: str, on: date | None) -> list[OfficialMention]:
    """Resolve "中美外长" into the two holders of that office on the date."""
    found: list[OfficialMention] = []
    for match in _paired_title().finditer(simple):
        office = match.group(1)
        for country in load_cues().paired_office_countries:
            for mention in officials.find_officials(country + office, on):
                if not mention.is_institution:
                    found.append(replace(mention, begin=match.start(), end=match.end()))
    return found


def _foreign_title(sentence: str, mention: OfficialMention) -> bool:
    """A title with no name that belongs to a third country's government.

    "日本驻华大使": right after the country; "乌拉圭总统、众议院议长及外长": in a list the country
    governs; "访问乌拉圭，分别同总统、议长会面": in a sentence about a visit to that country.
    """
    if mention.is_institution or (
        mention.name_zh and mention.name_zh in sentence[mention.begin : mention.end]
    ):
        return False
    if names.side_in(sentence[mention.begin : mention.end])[0] is not None:
        return False
    if sentence[max(0, mention.begin - 8) : mention.begin].endswith(load_cues().foreign_countries):
        return True
    return _in_foreign_list(sentence, mention.begin) or _visit_abroad(sentence)


def _in_foreign_list(sentence: str, begin: int) -> bool:
    """ "乌拉圭总统、众议院议长及外长": a country word governs every title of its 、-list."""
    words = load_name_words()
    start = clause_start(sentence, begin, 1)
    for country in words.third_countries + load_cues().foreign_countries:
        at = sentence.rfind(country, start, begin)
        if at >= 0 and len(country) > 1:
            gap = sentence[at + len(country) : begin]
            in_list = any(mark in gap for mark in words.list_marks)
            if in_list and not any(w in gap for w in words.list_breaks):
                return True
    return False


def _visit_abroad(sentence: str) -> bool:
    """Whether the sentence is about a visit to a third country ("访问乌拉圭")."""
    words = load_name_words()
    countries = words.third_countries + tuple(c for c in load_cues().foreign_countries if len(c) > 1)
    # A country the sentence does not name is not visited: most sentences name none, and skip the verbs.
    return any(
        country in sentence and any(verb + country in sentence for verb in words.visit_verbs)
        for country in countries
    )


def _find_people(
    simple: str,
    on: date | None,
    blocked: list[tuple[int, int]],
    named: tuple[OfficialMention, ...] | None = None,
) -> tuple[OfficialMention, ...]:
    """`named`: the dictionary's find_officials of the sentence on the date, if already looked up."""
    mentions = [
        m
        for m in (officials.find_officials(simple, on) if named is None else named)
        if not _overlaps(m.begin, m.end, blocked)
        and _is_person_here(simple, m)
        and not _foreign_title(simple, m)
    ]
    mentions = _drop_possessors(simple, _drop_title_prefixes(simple, mentions))
    taken = {m.key for m in mentions}
    for mention in _paired_titles(simple, on):
        if mention.key not in taken and not _overlaps(mention.begin, mention.end, blocked):
            mentions.append(mention)
            taken.add(mention.key)
    return tuple(mentions)


def _reference_dates(references: tuple[refevents.RefEventHit, ...]) -> list[dates.DateMatch]:
    """ "台湾大选前一天" dates the sentence like an explicit date does."""
    return [dates.DateMatch(h.begin, h.end, "", h.span) for h in references if h.relation]


def _claimed(simple: str, mention: OfficialMention, references: tuple[refevents.RefEventHit, ...]) -> bool:
    """Whether a person belongs to a known meeting the sentence names, in that phrase's own clause.

    "拜登去年11月在旧金山与习近平会面以来，苏利文与王毅首次会面": Biden and Xi are the summit's.
    "习近平2日同拜登通电话，双方围绕落实旧金山会晤共识交换意见": the call is their own, in another clause.
    """
    for hit in references:
        if hit.event.meeting_type and mention.key in hit.event.participants:
            if clause_start(simple, hit.begin, 1) <= mention.begin < clause_end(simple, hit.end):
                return True
    return False


def _dates(
    simple: str,
    base: date | None,
    anchor: DateSpan | None,
    references: tuple[refevents.RefEventHit, ...],
    blocked: list[tuple[int, int]],
    people: tuple[OfficialMention, ...],
) -> tuple[dates.DateMatch, ...]:
    after_people = frozenset(m.end for m in people if not m.is_institution)
    found = [
        m
        for m in dates.find_date_spans(simple, base, anchor=anchor, after_people=after_people)
        if not _overlaps(m.begin, m.end, blocked)
    ]
    return tuple(sorted(found + _reference_dates(references), key=lambda m: m.begin))


def officials_on(sentence: Sentence, on: date) -> tuple[OfficialMention, ...]:
    """The sentence's officials as of another day: a bare title names whoever held it then."""
    blocked = [(hit.begin, hit.end) for hit in sentence.references]
    return _unclaimed_people(sentence.simple, on, sentence.references, blocked)


def _unclaimed_people(
    simple: str,
    on: date | None,
    references: tuple[refevents.RefEventHit, ...],
    blocked: list[tuple[int, int]],
    named: tuple[OfficialMention, ...] | None = None,
) -> tuple[OfficialMention, ...]:
    """The officials a sentence names as of a day, but those a reference event's name claims."""
    people = _find_people(simple, on, blocked, named)
    return tuple(m for m in people if not _claimed(simple, m, references))


def build_sentence(
    index: int,
    paragraph: int,
    original: str,
    base: date | None,
    anchor: DateSpan | None = None,
    look: Look | None = None,
) -> Sentence:
    """Annotate one sentence; the reference events it names are kept out of its participants.

    `anchor` is the last date the article gave before this sentence, for 当天/同日/次日; `look` is
    what look_at found in it on the same date, if it was looked at.
    """
    simple = to_simplified(original)
    if look is not None and look.references is not None:
        references = look.references
    else:
        references = tuple(refevents.find_reference_events(simple))
    blocked = [(hit.begin, hit.end) for hit in references]
    people = _unclaimed_people(simple, base, references, blocked, look.officials if look else None)
    return Sentence(
        index=index,
        paragraph=paragraph,
        original=original,
        simple=simple,
        officials=people,
        dates=_dates(simple, base, anchor, references, blocked, people),
        cues=look.cues if look else tuple(load_cues().find(simple)),
        topics=topics.find_topics(simple),
        places=tuple(p for p in places.find_places(simple) if not _inside(p.begin, p.end, blocked)),
        references=references,
    )


# A sentence longer than this is read in pieces cut after a clause mark: the clause logic costs time
# with the square of a sentence's names and cue words, and no real sentence comes near it.
MAX_SENTENCE = 600
_PIECE_BREAKS = re.compile(r"(?<=[，,；;：:、])")


def _pieces(text: str) -> list[str]:
    """A sentence, or an overlong one cut into verbatim pieces of at most MAX_SENTENCE characters."""
    if len(text) <= MAX_SENTENCE:
        return [text]
    pieces: list[str] = []
    current = ""
    for part in _PIECE_BREAKS.split(text):
        while len(current) + len(part) > MAX_SENTENCE:
            room = MAX_SENTENCE - len(current)
            if current and len(part) <= MAX_SENTENCE:
                pieces.append(current)
                current = ""
                continue
            pieces.append(current + part[:room])
            current, part = "", part[room:]
        current += part
    return [p for p in pieces + [current] if p]


def sentence_texts(article: Article) -> list[tuple[int, str]]:
    """The article's sentences as (paragraph, original text), the title first."""
    title = (article.title or "").strip()
    found = [(TITLE_PARAGRAPH, piece) for piece in _pieces(title)] if title else []
    for number, paragraph in enumerate(build_paragraphs(article)):
        for text in split_sentences(paragraph):
            if text.strip() and text.strip() != title:
                found.extend((number, piece) for piece in _pieces(text))
    return found


@dataclass(frozen=True, slots=True)
class Look:
    """What the cheap look found in one sentence on a date, kept so that annotating it finds it once."""

    could_anchor: bool
    cues: tuple[CueHit, ...]
    officials: tuple[OfficialMention, ...] | None  # looked up beside a meeting word only
    references: tuple[refevents.RefEventHit, ...] | None  # looked up unless the rest could anchor


def look_at(text: str, on: date | None, meeting_kinds: tuple[str, ...]) -> Look:
    """A cheap look at one sentence: a meeting word and someone of each side, or a known meeting named."""
    simple = to_simplified(text)
    cues = tuple(load_cues().find(simple))
    named = None
    if any(c.kind in meeting_kinds for c in cues):
        named = tuple(officials.find_officials(simple, on))
        sides = {m.side for m in named} | {c.counterpart.side for c in cues if c.counterpart is not None}
        if sides == {"US", "CN"} or _paired_title().search(simple):
            return Look(True, cues, named, None)
    references = tuple(refevents.find_reference_events(simple))
    return Look(any(hit.event.meeting_type for hit in references), cues, named, references)


def build_sentences(
    article: Article,
    base: date | None,
    texts: list[tuple[int, str]] | None = None,
    looks: Sequence[Look] = (),
) -> list[Sentence]:
    """Annotate an article's sentences, the title first (texts: its sentence_texts, if already split).

    `looks`: look_at of the first sentences on `base`, if they were looked at.
    """
    found: list[Sentence] = []
    anchor: DateSpan | None = None
    for paragraph, text in texts if texts is not None else sentence_texts(article):
        look = looks[len(found)] if len(found) < len(looks) else None
        sentence = build_sentence(len(found), paragraph, text, base, anchor, look)
        found.append(sentence)
        days = [d.span for d in sentence.dates if d.span.precision == "day"]
        anchor = days[-1] if days else anchor
    return found
