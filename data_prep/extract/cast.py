"""Who met: the people of each side that a meeting word governs in its sentence."""

from __future__ import annotations

from data_prep.annotate.sentences import Sentence
from data_prep.model import Participant
from data_prep.text.clauses import clause_end, clause_start
from data_prep.vocab.cues import CueHit
from data_prep.vocab.participants import load_participant_words

# "与/同/和 X 会谈": X is the counterpart, and it must be someone of a side, not 埃及总统塞西.
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


def subjectless(sentence: Sentence, cue: CueHit) -> bool:
    """Whether the meeting word's clause names no one before its 与/同 or its meeting word.

    "布林肯将于12日上午，与刘建超举行会晤": the subject, and the tense, are in the clause before.
    """
    text = sentence.simple
    start = clause_start(text, cue.begin, 1)
    joins = _partner_joins(sentence, start, cue.begin)
    end = joins[0] if joins else cue.begin
    if any(start <= m.begin < end for m in sentence.officials):
        return False
    lead = text[start:end].strip()
    # A subject the dictionary does not know (日本防卫大臣滨田靖一也与…) takes more than a few characters;
    # a continuation (并于10日在华盛顿会见…) carries the subject over from the clause before.
    return len(lead) <= _SUBJECTLESS_LEAD or lead.startswith(_CONTINUATIONS)


def find_participants(sentence: Sentence, begin: int, end: int) -> tuple[Participant, ...]:
    """The people and offices of either side named between begin and end."""
    people: dict[str, Participant] = {}
    text = sentence.simple
    for m in sentence.officials:
        if begin <= m.begin < end and not (m.is_institution and _is_venue(text, m.begin)):
            people.setdefault(
                m.key, Participant(m.name_en, m.name_zh, m.side, m.title, m.key, m.rank, m.title_zh)
            )
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
    return named_first(tuple(people.values()))


def _is_venue(text: str, begin: int) -> bool:
    """ "在白宫的会谈中": an office after 在/于 is where it happened, not who took part."""
    return begin > 0 and text[begin - 1] in "在于"


def named_first(people: tuple[Participant, ...]) -> tuple[Participant, ...]:
    """An office stands for a side only where no person of it is named (美国国务院亚太事务助理国务卿康达)."""
    named = {p.side for p in people if not p.is_office}
    return tuple(p for p in people if not p.is_office or p.side not in named)


def partner_is_a_side(sentence: Sentence, cue: CueHit, begin: int) -> bool:
    """Whether the meeting word's counterpart is of a side and its subject is not a third party.

    After the last 与/同/和 before the meeting word comes the counterpart; a 与 inside a topic
    ("就经贸与科技问题") joins two nouns and is skipped. "某国外长先后会见了美国国务卿和中国外长":
    a subject of neither side met each side in turn, not the two sides each other.
    """
    text = sentence.simple
    if _meets_each_side(sentence, cue):
        return False
    start = max(begin, cue.begin - _PARTNER_REACH)
    joins = [i for i in _partner_joins(sentence, start, cue.begin) if text[i - 1 : i] != "参"]
    if not joins:
        return True
    join = joins[-1]
    named = [m for m in sentence.officials if join < m.begin < cue.begin]
    parties = [c for c in sentence.cues if c.counterpart is not None and join < c.begin < cue.begin]
    return bool(named or parties) or _mentions_a_side(text[join : cue.begin])


def _partner_joins(sentence: Sentence, start: int, end: int) -> list[int]:
    """The 与/同/和/跟 between start and end that introduce a counterpart, not those inside a topic or
    a name."""
    words = load_participant_words()
    text = sentence.simple
    found = []
    for i in range(start, end):
        if text[i] not in words.partner_words or any(m.begin <= i < m.end for m in sentence.officials):
            continue  # 魏凤和, 孙和平: a character of a name is no partner word
        opened = max((text.rfind(p, start, i) for p in words.topic_prepositions), default=-1)
        if opened >= 0 and not any(opened < m.begin < i for m in sentence.officials):
            continue
        found.append(i)
    return found


def _meets_each_side(sentence: Sentence, cue: CueHit) -> bool:
    """ "X会见A和B" with A and B of the two sides and X of neither: X met each of them."""
    words = load_participant_words()
    if cue.word not in words.transitive_meeting_words:
        return False
    text = sentence.simple
    start, end = clause_start(text, cue.begin, 1), clause_end(text, cue.end)
    if any(start <= m.begin < cue.begin for m in sentence.officials):
        return False
    lead = text[start : cue.begin].strip()
    if not lead or lead.startswith(_CONTINUATIONS + _PRONOUNS):
        return False
    guests = {m.side for m in sentence.officials if cue.end <= m.begin < end}
    return guests == {"US", "CN"}


def split_in_turn(
    sentence: Sentence, cue: CueHit, people: tuple[Participant, ...]
) -> list[tuple[Participant, ...]]:
    """ "刘某分别与布林肯、芬纳会见": one meeting with each of the people listed after 分别/相继/先后.

    Those named before the marker are the hosts of every meeting; each one listed after it is
    the guest of one ("A、B相继与X会面": the list before the marker, X the host). Without a
    marker, or with no list of two, the meeting is one.
    """
    text = sentence.simple
    start = clause_start(text, cue.begin, 1)
    marks = [text.rfind(w, start, cue.begin) for w in load_participant_words().in_turn]
    at = max(marks, default=-1)
    if at < 0:
        return [people]
    listed = {m.key for m in sentence.officials if at < m.begin < cue.begin}
    listed |= {
        "cp:" + c.counterpart.name_en for c in sentence.cues if c.counterpart and at < c.begin < cue.begin
    }
    after = tuple(p for p in people if p.key in listed)
    before = tuple(p for p in people if p.key not in listed)
    # "A、B相继与X会面": the list may stand before the marker, X after it.
    hosts, guests = (before, after) if len(after) >= 2 else (after, before)
    if len(guests) < 2 or not hosts:
        return [people]
    casts = [hosts + (guest,) for guest in guests]
    return [cast for cast in casts if {p.side for p in cast} == {"US", "CN"}]


def _mentions_a_side(text: str) -> bool:
    """ "与美方会谈", "同中国官员会面": the counterpart is a side even when unnamed."""
    return any(word in text for word in load_participant_words().side_words)


def with_antecedent(
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
    return people + (Participant(m.name_en, m.name_zh, m.side, m.title, m.key, m.rank, m.title_zh),)
