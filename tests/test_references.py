"""A sentence naming a known summit reports it only when it says the leaders met, not when it builds on it."""

from __future__ import annotations

from datetime import date

import pytest

from data_prep.annotate.sentences import build_sentence
from data_prep.extract.references import why_not_reported

BASE = date(2024, 3, 5)


def _reason(text: str, base: date = BASE) -> str | None:
    sentence = build_sentence(0, 0, text, base)
    (hit,) = [h for h in sentence.references if h.event.meeting_type]
    return why_not_reported(sentence, hit, base)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("两国元首去年11月在旧金山举行会晤，同意恢复两军沟通。", id="recalled-with-its-month"),
        pytest.param("去年11月，拜登与习近平在旧金山会晤。", id="leaders-named"),
        pytest.param("兩國元首前年在峇里島會晤。", id="traditional"),
        pytest.param("拜登总统去年在伍德赛德会见习近平主席。", id="venue-then-meeting-verb"),
    ],
)
def test_a_sentence_that_says_the_leaders_met_reports_the_summit(text: str) -> None:
    assert _reason(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("双方同意落实两国元首旧金山会晤共识。", "builds on", id="carry-out-the-consensus"),
        pytest.param("贺信说，自旧金山会晤以来两国关系企稳。", "builds on", id="since-the-summit"),
        pytest.param("部长在致辞中回顾了两国元首旧金山会晤的成果。", "builds on", id="results-of-the-summit"),
        pytest.param(
            "双方表示要把旧金山愿景变为实景。", "without a meeting word", id="vision-is-not-a-meeting"
        ),
        pytest.param("根据两国元首旧金山会晤的共识恢复磋商。", "builds on", id="according-to-consensus"),
    ],
)
def test_background_naming_a_summit_is_not_a_report(text: str, reason: str) -> None:
    found = _reason(text)
    assert found is not None and reason in found


def test_a_summit_after_the_dateline_is_not_known_to_the_article() -> None:
    found = _reason("外交部表示，两国元首将在利马举行会晤。", base=date(2024, 11, 1))
    assert found is not None and "had not taken place" in found
