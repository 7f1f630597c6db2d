"""Officials in sentences: who a sentence names, with the role each held on the date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from data_prep.annotate import names
from data_prep.model import OfficialMention
from data_prep.vocab.names import Title
from data_prep.vocab.officials import SIDES, Person, Role, Surface, Vocabulary, load_vocabulary, role_on

INSTITUTION_RANK = 10
# A title and the name it introduces are separated by nothing, or by words without punctuation,
# conjunctions or verbs of speech and meeting ("美国国务院亚太事务助理国务卿康达").
_BREAK_CHARS = (
    "，。、；：！？,.;:!?（）()「」“”《》\"'和与同及跟在对向会见晤谈表示说称将已于并也还就被由把是了等\n"
)
_BREAKERS = frozenset(_BREAK_CHARS)
_MAX_GAP = 10
# 前/原/卸任 right before a title or name marks a former official ("美国前总统特朗普", "前国务卿蓬佩奥");
# after a time word it does not ("日前布林肯", "访华前美国国务卿"), so only these may precede it.
_TITLE_GAP = r"(?P<title>(?:美国|中国|美|中|中共)?[^" + re.escape(_BREAK_CHARS) + r"\s]{0,10})$"
_FORMER = re.compile(
    r"(?:^|[，。、；：\s（(“「和与及同的位名由故该这]|美国|中国|美|中)(?:前任|前|原|卸任|退休|时任|曾任)"
    + _TITLE_GAP
)
# A bare title after these names an office, not its holder today ("接任美国国务卿", "官至参谋长").
_OFFICE_ONLY = re.compile(r"(?:担任|出任|接任|继任|调任|升任|官至|竞选|当选)" + _TITLE_GAP)
# Two transliteration characters right after a bare title start a name the dictionary does not know
# ("美国常驻联合国代表克拉夫特"): the title is that person's, not the holder's.
_TRANSLITERATION = frozenset(
    "阿埃艾安奥巴柏贝比波伯布达戴德迪蒂杜多厄恩法菲费芬弗福盖格古哈海汉赫胡霍基吉加杰卡凯坎康柯科克库拉莱"
    "赖兰蓝劳勒雷里利林卢鲁伦罗洛马麦曼梅门蒙米莫姆穆纳奈尼纽诺欧帕潘佩蓬皮普奇乔切萨塞桑森沙舍施史斯"
    "苏索塔泰坦特图托瓦万威维温沃乌西希谢辛休雅亚扬伊英尤约詹兹佐尔"
)


@dataclass(frozen=True, slots=True)
class _Hit:
    begin: int
    end: int
    surface: Surface


# ---------------------------------------------------------------------------- looking up


# ---------------------------------------------------------------------------- finding in a sentence


def find_officials(sentence: str, on: date | None) -> list[OfficialMention]:
    """Find the officials and institutions a simplified sentence names, resolved on the date.

    A title right before a name is one mention of that person; a title alone is its holder on
    the date (with no date, only when there was only ever one); former officials are left out.
    """
    vocab = load_vocabulary()
    hits = _find_forms(vocab, sentence)
    titles = names.find_titles(sentence)
    written = [t for t in names.find_titled_names(sentence, titles) if not _known_name(hits, t)]
    hits = _outside_longer_titles(_outside_written_names(hits, written), titles)
    found = [_unknown_mention(t) for t in written if t.side is not None]
    i = 0
    while i < len(hits):
        hit = hits[i]
        if not hit.surface.sides:
            i += 1
        elif hit.surface.people:
            found.extend(_resolve_name(vocab, sentence, [], hit, on))
            i += 1
        else:
            j = _run_end(sentence, hits, i)
            run, sides = hits[i:j], _run_sides(hits[i:j])
            if j < len(hits) and _titles_name(vocab, sentence, run, sides, hits[j]):
                found.extend(_resolve_name(vocab, sentence, run, hits[j], on))
                i = j + 1
            else:
                found.extend(_resolve_run(vocab, sentence, run, on))
                i = j
    return sorted(found, key=lambda m: m.begin)


def _find_forms(vocab: Vocabulary, sentence: str) -> list[_Hit]:
    """The dictionary's written forms in the sentence, the longest first, by character offsets.

    The automaton runs over the sentence's UTF-8 bytes (see Vocabulary); a form's bytes start at a
    character's first byte, and its last byte is turned back into a character offset.
    """
    data = sentence.encode("utf-8", "surrogatepass")
    hits = []
    for last, surface in vocab.automaton.iter_long(data.decode("latin-1")):
        end = len(data[: last + 1].decode("utf-8", "surrogatepass"))
        hits.append(_Hit(end - len(surface.text), end, surface))
    return hits


def _known_name(hits: list[_Hit], titled: names.TitledName) -> bool:
    """Whether the dictionary knows the name the title introduces (then the dictionary reads it)."""
    return any(h.surface.people and h.begin == titled.name_begin for h in hits)


def _outside_written_names(hits: list[_Hit], written: list[names.TitledName]) -> list[_Hit]:
    """A written name wins over the titles and offices around it ("副主任陈某" is not the holder)."""
    return [h for h in hits if not any(t.begin <= h.begin < t.end for t in written)]


def _outside_longer_titles(hits: list[_Hit], titles: list[tuple[int, int, Title]]) -> list[_Hit]:
    """The longest title wins over a title inside it: "副助理国务卿" does not name the Secretary."""
    return [
        h
        for h in hits
        if h.surface.people
        or not h.surface.cues
        or not any(b <= h.begin and h.end <= e and e - b > h.end - h.begin for b, e, _ in titles)
    ]


def _unknown_mention(titled: names.TitledName) -> OfficialMention:
    """An official the dictionary does not know, keyed by the name's reading."""
    side = titled.side
    assert side is not None
    if side == "CN":
        name_en = names.romanize(titled.name, side)
    else:
        name_en = titled.english or titled.name
    return OfficialMention(
        key=names.name_key(titled.name),
        name_en=name_en,
        name_zh=titled.name,
        side=side,
        title=titled.title.en,
        title_zh=titled.title_zh,
        begin=titled.begin,
        end=titled.end,
        rank=titled.title.rank,
    )


def _joins(sentence: str, end: int, begin: int) -> bool:
    return begin - end <= _MAX_GAP and _BREAKERS.isdisjoint(sentence[end:begin])


def _run_sides(run: list[_Hit]) -> frozenset[str]:
    return frozenset.intersection(*(h.surface.sides for h in run))


def _run_end(sentence: str, hits: list[_Hit], i: int) -> int:
    """The end of the run of titles and institutions of one side that starts at hits[i]."""
    j = i + 1
    while j < len(hits) and not hits[j].surface.people and _run_sides(hits[i : j + 1]):
        if not _joins(sentence, hits[j - 1].end, hits[j].begin):
            break
        j += 1
    return j


def _titles_name(
    vocab: Vocabulary, sentence: str, run: list[_Hit], sides: frozenset[str], name: _Hit
) -> bool:
    """Whether a run of titles introduces the name that follows it."""
    if not name.surface.people or not _joins(sentence, run[-1].end, name.begin):
        return False
    return any(vocab.people[k].side in sides for k in name.surface.people)


def _former_title(sentence: str, begin: int) -> str | None:
    """The title after a 前/原 marker that ends at begin ("" right after the marker), else None."""
    match = _FORMER.search(sentence, max(0, begin - 16), begin)
    return match.group("title") if match else None


def _is_former(sentence: str, begin: int, end: int, role: Role) -> bool:
    """Whether a name is called a former holder of the role it holds on the date ("前总统特朗普" in 2025).

    "前海军司令董军" names a past office of today's defence minister, who stays in.
    """
    title = _former_title(sentence, begin)
    if title is None:
        return False
    title += sentence[begin:end]
    return not title or role.title_zh in title or any(cue in title for cue in role.title_cues)


def _names_office_only(sentence: str, begin: int, end: int) -> bool:
    if _former_title(sentence, begin) is not None or _OFFICE_ONLY.search(sentence, max(0, begin - 16), begin):
        return True
    return all(c in _TRANSLITERATION for c in sentence[end : end + 2]) and len(sentence) >= end + 2


def _passes_guards(person: Person, hit: _Hit, sentence: str, titled: bool) -> bool:
    for guard in person.guards:
        if hit.surface.text not in guard.aliases:
            continue
        if sentence.startswith(guard.not_followed_by, hit.end):
            return False
        if guard.not_preceded_by and sentence[: hit.begin].endswith(guard.not_preceded_by):
            return False
        if guard.needs_context and not (
            titled or _after_a_title(sentence, hit.begin) or _full_name_in(person, hit, sentence)
        ):
            if not any(w in sentence for w in guard.needs_context):
                return False
    return True


def _after_a_title(sentence: str, begin: int) -> bool:
    """ "副助理部长蔡斯": any title word right before a short name makes it an official's."""
    window = sentence[max(0, begin - 8) : begin]
    return any(end == len(window) for _, end, _ in names.find_titles(window))


def _full_name_in(person: Person, hit: _Hit, sentence: str) -> bool:
    """ "迈克尔·蔡斯…蔡斯": a short name counts where the person's full name is written too."""
    short = hit.surface.text
    return any(len(alias) > len(short) and short in alias and alias in sentence for alias in person.aliases)


def _resolve_name(
    vocab: Vocabulary, sentence: str, run: list[_Hit], hit: _Hit, on: date | None
) -> list[OfficialMention]:
    """The person a name (with the titles before it) stands for, if in office on the date."""
    begin = run[0].begin if run else hit.begin
    sides = _run_sides(run) if run else frozenset(SIDES)
    candidates = [
        p
        for p in (vocab.people[k] for k in hit.surface.people)
        if p.side in sides and role_on(p, on) is not None and _passes_guards(p, hit, sentence, bool(run))
    ]
    if not candidates:
        return []
    cues = [cue for h in run for cue in h.surface.cues]
    person = _choose(candidates, {k for k, _ in cues}, sentence, hit)
    titled = [
        person.roles[i] for k, i in cues if k == person.key and (on is None or person.roles[i].covers(on))
    ]
    role = max(titled, key=lambda r: r.rank) if titled else role_on(person, on)
    if role is None or _is_former(sentence, begin, hit.begin, role):
        return []
    return [_mention(person, role, begin, hit.end)]


def _choose(candidates: list[Person], titled: set[str], sentence: str, hit: _Hit) -> Person:
    """Pick among people sharing a name: by the title before it, a nearby word, then the default."""
    if len(candidates) == 1:
        return candidates[0]
    by_title = [p for p in candidates if p.key in titled]
    if len(by_title) == 1:
        return by_title[0]
    distances = {p.key: _distance(sentence, hit, p.prefer_with) for p in candidates}
    near = min(distances.values())
    if near < len(sentence):
        return next(p for p in candidates if distances[p.key] == near)
    defaults = [p for p in candidates if hit.surface.text in p.default_for]
    return defaults[0] if defaults else max(candidates, key=lambda p: (role_on(p, None) or p.roles[0]).rank)


def _distance(sentence: str, hit: _Hit, words: tuple[str, ...]) -> int:
    best = len(sentence)
    for word in words:
        at = sentence.find(word)
        while at >= 0:
            best = min(best, hit.begin - (at + len(word)) if at < hit.begin else at - hit.end)
            at = sentence.find(word, at + 1)
    return best


def _resolve_run(vocab: Vocabulary, sentence: str, run: list[_Hit], on: date | None) -> list[OfficialMention]:
    """A run of titles alone: the holder of the last title that has one, else its institutions."""
    begin, end = run[0].begin, run[-1].end
    for hit in reversed(run if not _names_office_only(sentence, begin, end) else []):
        holder = _holder(vocab, hit.surface, on)
        if holder is not None:
            return [_mention(holder[0], holder[1], begin, end)]
    found: dict[str, OfficialMention] = {}
    for hit in run:
        if hit.surface.institution is not None and hit.surface.institution not in found:
            found[hit.surface.institution] = _mention(
                vocab.people[hit.surface.institution], None, hit.begin, hit.end
            )
    return list(found.values())


def _holder(vocab: Vocabulary, surface: Surface, on: date | None) -> tuple[Person, Role] | None:
    """The one person holding a titled role on the date; on a handover day, the newcomer."""
    held = [(vocab.people[k], vocab.people[k].roles[i]) for k, i in surface.cues]
    if on is not None:
        held = [(p, r) for p, r in held if r.covers(on)]
    if not held:
        return None
    newest = max(held, key=lambda pr: (pr[1].start, pr[1].rank))
    others = [r for p, r in held if p.key != newest[0].key]
    if on is None and others:
        return None
    return newest if all(r.end == on for r in others) else None


def _mention(person: Person, role: Role | None, begin: int, end: int) -> OfficialMention:
    return OfficialMention(
        key=person.key,
        name_en=person.name_en,
        name_zh=person.name_zh,
        side=person.side,
        title=role.title_en if role else None,
        title_zh=role.title_zh if role else None,
        begin=begin,
        end=end,
        is_institution=person.is_institution,
        rank=role.rank if role else INSTITUTION_RANK,
    )
