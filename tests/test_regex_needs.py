from __future__ import annotations

import re

import pytest

from data_prep.annotate.dates import _PATTERNS
from data_prep.annotate.regex_needs import build_quick_start, required_chars


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        pytest.param("日", frozenset("日"), id="literal"),
        pytest.param("[日号]", frozenset("日号"), id="class"),
        pytest.param("a+[日号]", frozenset("a"), id="smallest-set-wins"),
        pytest.param("(?:今天|昨日)", frozenset("今昨"), id="branch-unions-first-needs"),
        pytest.param("(?:今天|\\d)", None, id="branch-with-free-alternative"),
        pytest.param("x?", None, id="optional-requires-nothing"),
        pytest.param("(?:ab){2,}", frozenset("a"), id="repeat-at-least-once"),
        pytest.param("[^日]", None, id="negated-class"),
        pytest.param("\\d", None, id="category-class"),
        pytest.param("[\u4e00-\u9fff]", None, id="wide-range"),
        pytest.param("[0-9]", frozenset("0123456789"), id="narrow-range"),
        pytest.param("(?<!a)b", frozenset("b"), id="lookbehind-ignored"),
        pytest.param("(?>ab)", frozenset("a"), id="atomic-group"),
    ],
)
def test_required_chars(pattern: str, expected: frozenset[str] | None) -> None:
    assert required_chars(re.compile(pattern)) == expected


def test_ignorecase_requires_nothing() -> None:
    assert required_chars(re.compile("a", re.IGNORECASE)) is None


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        pytest.param("(?:今天|昨日)", ["今天下午", "昨日", "会谈昨日举行"], id="relative-days"),
        pytest.param("\\d{1,2}[日号]", ["12日", "3号"], id="day"),
    ],
)
def test_every_match_contains_a_required_char(pattern: str, texts: list[str]) -> None:
    compiled = re.compile(pattern)
    needs = required_chars(compiled)
    assert needs is not None
    for text in texts:
        match = compiled.search(text)
        assert match is not None and not needs.isdisjoint(match.group())


@pytest.mark.parametrize(
    ("pattern", "look_ahead"),
    [
        pytest.param("(?<!\\d)\\d+日", "(?=[\\d])", id="look-behind-first"),
        pytest.param("(?:今|昨)?天\\s*", "(?=[今天昨])", id="optional-first"),
        pytest.param("\\s*[上下]周", "(?=[\\s上下])", id="spaces-first"),
        pytest.param("日前", None, id="literal-first-left-to-the-engine"),
        pytest.param("(?:上|下)周", None, id="branch-of-literals-first-left-to-the-engine"),
        pytest.param("(?<!a)b?", None, id="may-be-empty"),
        pytest.param("(?<!a)[^b]c", None, id="negated-class"),
        pytest.param("(?<!a).c", None, id="any-character"),
        pytest.param("(?<!a)(x)\\1", "(?=[x])", id="back-reference-after-the-first-character"),
        pytest.param("(?s)(?<!a)b", None, id="flags-written-at-the-start"),
    ],
)
def test_quick_start_looks_ahead_only_where_it_helps(pattern: str, look_ahead: str | None) -> None:
    quick = build_quick_start(re.compile(pattern))
    if look_ahead is None:
        assert quick.pattern == pattern
    else:
        assert quick.pattern == f"{look_ahead}(?:{pattern})"


@pytest.mark.parametrize(
    "kind_and_pattern", _PATTERNS, ids=[f"{kind}-{i}" for i, (kind, _) in enumerate(_PATTERNS)]
)
def test_quick_start_finds_what_the_date_pattern_finds(kind_and_pattern: tuple[str, re.Pattern[str]]) -> None:
    _, pattern = kind_and_pattern
    texts = [
        "拜登与习近平2023年11月15日在旧金山会晤，次日返回",
        "他上周三 12 日与对方通话；三天前的今天，两人于1月中 见面",
        "本月早些时候、今年年底、十二月初、下下周五晚上8点、昨(12)日",
        "第二十届 3号楼 12日内 日内瓦 1月中国 投票前日 二〇二四年",
    ]
    quick = build_quick_start(pattern)
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in quick.finditer(text)] == [
            (m.span(), m.groupdict()) for m in pattern.finditer(text)
        ]
