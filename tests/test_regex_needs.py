from __future__ import annotations

import re

import pytest

from data_prep.annotate.regex_needs import required_chars


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
