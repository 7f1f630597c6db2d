"""Officials the dictionary does not know: the title + name grammar of Chinese news.

News writes an official as [institution] [的-modifier] TITLE [rank] NAME [rank] [（English Name）]:
"外交部某司司长周某", "美国国务院负责某事务的副助理国务卿马克·道森（Mark Dawson）", "某司令部司令某某上将".
The title fixes where the name starts; the name ends at a middle-dot run, a bracket, the run of
transliteration characters (US side) or a Chinese surname and one or two given characters (PRC side),
cut at the words that follow names (与, 会见, 表示 ...). The institution before the title gives the side.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from data_prep.annotate.pinyin import find_pinyin
from data_prep.model import Side
from data_prep.vocab.cues import load_cues
from data_prep.vocab.names import NameWords, Title, load_name_words

_CJK = r"\u4e00-\u9fff"
_HAN = re.compile(f"[{_CJK}]")
# An English name in full-width or ASCII brackets right after a Chinese name.
_ENGLISH = r"[\uff08(]([A-Za-z][A-Za-z .'-]*[A-Za-z.])[\uff09)]"
_ENGLISH_AFTER = re.compile(_ENGLISH)
_PHRASE_REACH = 30
_THIRD = "third"
_NEUTRAL = "none"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A dotted transliteration ("马克·道森") and a short name before an English one in brackets."""
    dots = re.escape(load_name_words().name_dots)
    dotted = re.compile(f"[{_CJK}]{{1,8}}(?:[{dots}][{_CJK}]{{1,8}})+")
    return dotted, re.compile(f"([{_CJK}]{{2,4}})" + _ENGLISH)


@dataclass(frozen=True, slots=True)
class TitledName:
    """A title and the name it introduces, with the institution phrase before the title."""

    begin: int  # where the institution phrase (or the title) starts
    title_begin: int
    name_begin: int
    name_end: int
    end: int  # after a rank or an English name in brackets
    institution: str
    title: Title
    name: str  # as written in the simplified sentence
    english: str | None
    side: Side | None  # None: no side named, or a third country's official
    third_country: bool

    @property
    def title_zh(self) -> str:
        """The institution and the title, as the article writes them."""
        return self.institution + self.title.zh


def find_titles(text: str) -> list[tuple[int, int, Title]]:
    """Every title word of a simplified sentence, the longest at each position."""
    words = load_name_words()
    return [
        (m.start(), m.end(), words.titles[m.group()])
        for m in words.title_pattern.finditer(text)
        if text[max(0, m.start() - 1) : m.start() + 1] not in words.not_a_title_after
    ]


def find_titled_names(text: str, titles: list[tuple[int, int, Title]] | None = None) -> list[TitledName]:
    """Every title followed by a name in a simplified sentence (`titles`: its find_titles, if found)."""
    words = load_name_words()
    found: list[TitledName] = []
    floor = 0  # a phrase starts after the name before it
    for begin, end, title in find_titles(text) if titles is None else titles:
        if begin < floor:
            continue
        at = end
        while text.startswith(words.ranks_after, at) and at - end < 4:
            at += next(len(r) for r in words.ranks_after if text.startswith(r, at))
        phrase_begin = max(floor, _phrase_start(text, begin, words))
        if any(w in text[phrase_begin:begin] for w in words.not_government):
            continue
        side, third = _side_of(text[phrase_begin:begin], words)
        side = side or (None if third else title.side)
        name = _name_at(text, at, side, words)
        if name is None or words.title_pattern.search(text, at, name[0]):
            continue  # a name holds no title: "参谋长联席会议主席某某" is a title, then a name
        name_end, english = name
        stop = name_end + _rank_length(text, name_end, words)
        floor = name_end
        after = _ENGLISH_AFTER.match(text, stop)
        if english is None and after is not None:
            english, stop = after.group(1).strip(), after.end()
        found.append(
            TitledName(
                phrase_begin,
                begin,
                at,
                name_end,
                stop,
                text[phrase_begin:begin],
                title,
                text[at:name_end],
                english,
                side,
                third,
            )  # fmt: skip
        )
    return found


def _rank_length(text: str, at: int, words: NameWords) -> int:
    return next((len(r) for r in words.ranks_after if text.startswith(r, at)), 0)


def _phrase_start(text: str, title_begin: int, words: NameWords) -> int:
    """Where the institution phrase before a title begins: back to a clause mark, verb or partner word.

    A partner word inside a 的-modifier belongs to the phrase ("负责中国和台湾事务的副助理国务卿").
    """
    k = title_begin
    limit = max(0, title_begin - _PHRASE_REACH)
    while k > limit and text[k - 1] not in words.phrase_breaks:
        if text.endswith(words.phrase_stops, 0, k):  # one test in C first: most places end no stop word
            stop = next(w for w in words.phrase_stops if text.endswith(w, 0, k))
            if not (stop in words.phrase_partners and words.modifier_mark in text[k:title_begin]):
                break
        k -= 1
    return k


@functools.cache
def _markers() -> dict[str, tuple[tuple[str, str], ...]]:
    """Side, third-country and neutral words by their first character, the longest first."""
    words = load_name_words()
    pairs: list[tuple[str, str]] = list(words.side_markers)
    countries = set(words.third_countries) | {c for c in load_cues().foreign_countries if len(c) > 1}
    pairs += [(c, _THIRD) for c in countries]
    pairs += [(w, _NEUTRAL) for w in words.not_a_side]
    table: dict[str, list[tuple[str, str]]] = {}
    for word, value in pairs:
        table.setdefault(word[0], []).append((word, value))
    return {k: tuple(sorted(v, key=lambda p: len(p[0]), reverse=True)) for k, v in table.items()}


def side_in(phrase: str) -> tuple[Side | None, bool]:
    """The side the first side or country word of a phrase names, and whether it is a third country."""
    return _side_of(phrase, load_name_words())


def _side_of(phrase: str, words: NameWords) -> tuple[Side | None, bool]:
    table = _markers()
    i = 0
    while i < len(phrase):
        match = next((p for p in table.get(phrase[i], ()) if phrase.startswith(p[0], i)), None)
        if match is None:
            i += 1
        elif match[1] == _NEUTRAL:
            i += len(match[0])
        elif match[1] == _THIRD:
            return None, True
        else:
            return ("US" if match[1] == "US" else "CN"), False
    return None, False


def _name_at(text: str, at: int, side: Side | None, words: NameWords) -> tuple[int, str | None] | None:
    """The end of the name that starts at `at`, and the English name in brackets, if any."""
    if at >= len(text) or _stops_name(text, at, words):
        return None
    dotted_pattern, bracketed_pattern = _patterns()
    bracketed = bracketed_pattern.match(text, at)
    if bracketed is not None:
        return bracketed.end(1), bracketed.group(2).strip()
    dotted = dotted_pattern.match(text, at)
    if dotted is not None:
        last = max(dotted.group().rfind(d) for d in words.name_dots) + at + 1
        return _cut(text, last + 1, dotted.end(), words), None
    if side == "US":
        end = _transliteration_end(text, at, words)
        return (end, None) if end is not None else None
    end = _chinese_name_end(text, at, words)
    if end is None and side is None:
        alt = _transliteration_end(text, at, words)
        return (alt, None) if alt is not None else None
    return (end, None) if end is not None else None


def _stops_name(text: str, at: int, words: NameWords) -> bool:
    """Whether a word that follows names starts at `at`; a surname such as 周 or 向 may start a name."""
    if not text.startswith(words.name_stops, at):
        return False
    stop = next(w for w in words.name_stops if text.startswith(w, at))
    return not (len(stop) == 1 and stop in words.surnames)


def _cut(text: str, lo: int, hi: int, words: NameWords) -> int:
    """The first position from lo to hi where a stop word starts, else hi."""
    return next((k for k in range(lo, hi) if text.startswith(words.name_stops, k)), hi)


def _transliteration_end(text: str, at: int, words: NameWords) -> int | None:
    k = at
    while k < len(text) and k - at < 6 and text[k] in words.transliteration:
        if k > at and text.startswith(words.name_stops, k):
            break
        k += 1
    return k if k - at >= 2 else None


def _chinese_name_end(text: str, at: int, words: NameWords) -> int | None:
    """A surname (two characters for 欧阳, 司马 ...) and one or two given characters."""
    compound = next((s for s in words.compound_surnames if text.startswith(s, at)), None)
    if compound is None and text[at] not in words.surnames:
        return None
    given = at + (len(compound) if compound else 1)
    k = given
    while k < len(text) and k - given < 2 and _HAN.match(text[k]):
        if text.startswith(words.name_stops, k):
            break
        k += 1
    return k if k > given else None


def romanize(name: str, side: Side) -> str:
    """The English form of an unknown PRC name: pinyin, surname first ("周启明" → "Zhou Qiming")."""
    words = load_name_words()
    compound = next((s for s in words.compound_surnames if name.startswith(s)), None)
    surname = compound or name[:1]
    reading = words.surname_pinyin.get(surname) or "".join(find_pinyin(surname))
    given = "".join(find_pinyin(name[len(surname) :]))
    return f"{reading.capitalize()} {given.capitalize()}".strip()


def name_key(name: str) -> str:
    """A stable key for an unknown person: the pinyin of the name without separators."""
    plain = "".join(c for c in name if c not in load_name_words().name_dots)
    syllables = [s.lower() for s in find_pinyin(plain) if s.strip()]
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(syllables)).strip("-")
    return "new:" + (slug or "unnamed")
