"""`explain` walks one invented article through the build and says what became of each meeting sentence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from data_prep.__main__ import main
from data_prep.explain import explain_article, format_explanation
from data_prep.model import Article

ARTICLE = """---
title: 王毅与布林肯通电话
date: 2024-03-05T10:00:00+08:00
---
外交部长王毅5日应约同美国国务卿布林肯通电话，双方就台湾问题交换意见。

王毅表示，要落实两国元首旧金山会晤共识。

日本外相与王毅举行会谈。

王毅上周曾计划与布林肯会面，但未能成行。
"""


def _article(body: str, title: str, published_on: date = date(2024, 3, 5)) -> Article:
    return Article("a.md", title, None, "Test", None, published_on, body, "markdown")


def _decisions(article: Article) -> list[tuple[str, str]]:
    found = explain_article(article)
    return [(d.outcome, d.reason) for report in found.sentences for d in report.decisions]


@pytest.mark.parametrize(
    ("body", "title", "outcome", "reason"),
    [
        pytest.param(
            "王毅5日同布林肯通电话。",
            "王毅同布林肯通话",
            "meeting",
            "reports a meeting",
            id="dated-call-kept",
        ),
        pytest.param(
            "王毅5日同布林肯通电话。日本外相与王毅举行会谈。",
            "王毅同布林肯通话",
            "dropped",
            "no US official",
            id="one-side-only",
        ),
        pytest.param(
            "王毅表示，要落实两国元首旧金山会晤共识。",
            "王毅谈中美关系",
            "dropped",
            "builds on the meeting",
            id="summit-built-upon",
        ),
        pytest.param(
            "王毅表示，两国元首去年11月在旧金山举行会晤。",
            "王毅谈中美关系",
            "meeting",
            "sf-summit-2023",
            id="summit-recalled",
        ),
    ],
)
def test_each_meeting_sentence_gets_a_decision_and_a_reason(
    body: str, title: str, outcome: str, reason: str
) -> None:
    decisions = _decisions(_article(body, title))
    assert any(o == outcome and reason in r for o, r in decisions), decisions


def test_a_meeting_says_how_it_was_dated_and_what_set_its_status() -> None:
    found = explain_article(_article("布林肯将于8日与王毅会面。", "布林肯将与王毅会面"))
    body = [r for r in found.sentences if r.paragraph >= 0]
    decision = next(d for r in body for d in r.decisions if d.outcome == "meeting")
    assert (decision.status, decision.dated_by, decision.span) == ("planned", "relative", "2024-03-08 (day)")
    assert decision.status_marker == "its date is after the dateline"


def test_an_undated_sentence_below_the_lead_is_recalled_with_its_reason() -> None:
    body = "天气晴朗。\n\n天气晴朗。\n\n天气晴朗。\n\n王毅同布林肯通电话。"
    decisions = _decisions(_article(body, "中国新闻"))
    assert any(o == "recalled" and "makes none" in r for o, r in decisions), decisions


def test_the_row_is_found_by_the_sentence_in_its_excerpts() -> None:
    body = "王毅5日同布林肯通电话。"
    rows = [{"id": "m-1", "start_date": "2024-03-05", "end_date": "2024-03-05", "participants": [],
             "excerpts": [{"path": "a.md", "text": body}]}]  # fmt: skip
    found = explain_article(_article(body, "王毅同布林肯通话"), rows)
    assert {d.row for r in found.sentences for d in r.decisions if d.outcome == "meeting"} == {"m-1"}


def test_the_command_prints_the_decisions_and_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()
    (articles / "call.md").write_text(ARTICLE, encoding="utf-8")
    assert main(["build", str(articles), "--out", str(out), "--quiet", "--no-cache"]) == 0
    capsys.readouterr()
    assert main(["explain", str(articles / "call.md"), "--table", str(out)]) == 0
    text = capsys.readouterr().out
    row_id = json.loads((out / "meetings.json").read_text(encoding="utf-8"))["meetings"][0]["id"]
    assert f"row: {row_id}" in text
    assert "dated_by=text" in text or "dated_by=relative" in text
    assert "builds on the meeting" in text
    assert "no US official" in text


def test_the_command_names_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(tmp_path / "nothing.md")]) == 2
    assert "nothing.md" in capsys.readouterr().err


def test_format_says_when_the_screen_let_nothing_through() -> None:
    text = format_explanation(explain_article(_article("天气晴朗。", "天气")))
    assert "screened out" in text
