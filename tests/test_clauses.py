"""Clause and statement boundaries of a Chinese sentence."""

from __future__ import annotations

import pytest

from data_prep.text.clauses import clause_end, clause_start, is_break, statement_bounds

TEXT = "布林肯18日抵达北京，下午抵达钓鱼台，与秦刚会谈；双方讨论了台湾问题。"


@pytest.mark.parametrize(
    ("clauses", "expected"),
    [
        pytest.param(1, "与秦刚会谈", id="own-clause"),
        pytest.param(2, "下午抵达钓鱼台，与秦刚会谈", id="with-the-clause-before"),
        pytest.param(10, "布林肯18日抵达北京，下午抵达钓鱼台，与秦刚会谈", id="never-past-the-statement"),
    ],
)
def test_clause_start_counts_clauses_back(clauses, expected):
    cue = TEXT.index("会谈")
    start = clause_start(TEXT, cue, clauses)
    assert TEXT[start : TEXT.index("；")] == expected


def test_statement_ends_at_the_semicolon():
    cue = TEXT.index("会谈")
    begin, end = statement_bounds(TEXT, cue, cue + 2)
    assert TEXT[begin:end] == "布林肯18日抵达北京，下午抵达钓鱼台，与秦刚会谈"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("王毅会晤时，双方认为", "王毅会晤时", id="comma"),
        pytest.param("王毅会晤时说“拜登应该对话”", "王毅会晤时说", id="quoted-speech"),
        pytest.param(
            "美财政部副部长会见谢锋 美助理国务卿访华",
            "美财政部副部长会见谢锋",
            id="headlines-joined-by-a-space",
        ),
    ],
)
def test_clause_end(text, expected):
    assert text[: clause_end(text, text.index("会"))] == expected


def test_a_space_between_latin_words_is_not_a_break():
    text = "苏利文（Jake Sullivan）与王毅会谈"
    assert not is_break(text, text.index(" "))
