from __future__ import annotations

from datetime import date

import pytest

from data_prep.annotate import refevents
from data_prep.annotate.refevents import find_reference_events, infer_published_on
from data_prep.model import DateSpan


def _day(iso: str, end: str | None = None) -> DateSpan:
    return DateSpan(date.fromisoformat(iso), date.fromisoformat(end or iso), "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "围绕落实中美元首峇厘岛会晤共识",
            [("bali-summit-2022", _day("2022-11-14"))],
            id="bali-zaobao-spelling",
        ),
        pytest.param(
            "落实拜登习近平在巴厘岛会晤达成的共识", [("bali-summit-2022", _day("2022-11-14"))], id="bali-gap"
        ),
        pytest.param(
            "兩國元首去年11月峇里島會晤共識",
            [("bali-summit-2022", _day("2022-11-14"))],
            id="bali-traditional",
        ),
        pytest.param("布林肯与王毅在印尼峇厘岛举行会谈", [], id="ministers-at-bali-not-the-summit"),
        pytest.param(
            "把两国元首旧金山会晤重要共识落到实处", [("sf-summit-2023", _day("2023-11-15"))], id="sf-summit"
        ),
        pytest.param("拜登去年在伍德赛德会见习近平", [("sf-summit-2023", _day("2023-11-15"))], id="woodside"),
        pytest.param(
            "此次会面安排在台湾地区领导人选举投票日前一天",
            [("taiwan-election-2024", _day("2024-01-12"))],
            id="day-before-the-vote",
        ),
        pytest.param("沙利文与王毅在曼谷举行会谈", [], id="working-level-talks-are-not-reference-events"),
        pytest.param("泰国总理在曼谷举行会谈", [], id="bangkok-without-principals"),
        pytest.param("拜习会将在下月举行", [], id="biden-xi-meeting-without-place"),
        pytest.param(
            "佩洛西于2022年8月“窜台”", [("pelosi-taiwan-2022", _day("2022-08-02", "2022-08-03"))], id="pelosi"
        ),
    ],
)
def test_find_reference_events(text: str, expected: list[tuple[str, DateSpan]]) -> None:
    assert [(hit.key, hit.span) for hit in find_reference_events(text)] == expected


def test_hit_offsets_and_relation() -> None:
    text = "会面安排在台湾地区领导人选举投票日前一天。"
    (hit,) = find_reference_events(text)
    assert text[hit.begin : hit.end] == "台湾地区领导人选举投票日前一天"
    assert hit.relation == "前一天"
    assert hit.event.start == date(2024, 1, 13)


SEED_LIKE = (
    "美国务卿布林肯将于当地时间12日上午与刘建超举行会晤。"
    "此次会面安排在台湾地区领导人选举投票日前一天，意义十分重大。"
    "今年是中美建立外交关系45周年。"
    "去年11月，中美元首在旧金山会晤，双方同意恢复磋商。"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            SEED_LIKE, DateSpan(date(2024, 1, 1), date(2024, 1, 31), "month"), id="undated-seed-month"
        ),
        pytest.param("（中央社华盛顿12日电）" + SEED_LIKE, _day("2024-01-12"), id="dateline-pins-day"),
        pytest.param(
            "今年是中美建交45周年。",
            DateSpan(date(2024, 1, 1), date(2024, 12, 31), "year"),
            id="anniversary-this-year",
        ),
        pytest.param(
            "明年是中美建交四十五周年。",
            DateSpan(date(2023, 1, 1), date(2023, 12, 31), "year"),
            id="anniversary-next-year",
        ),
        pytest.param(
            "去年11月，中美元首在旧金山会晤。",
            DateSpan(date(2024, 1, 1), date(2024, 12, 31), "year"),
            id="last-year-names-event",
        ),
        pytest.param(
            "这是两国元首去年11月在峇里岛会晤后，再次举行会谈。",
            DateSpan(date(2023, 1, 1), date(2023, 12, 31), "year"),
            id="summit-last-year",
        ),
        pytest.param("中朝两国建交75周年。", None, id="other-countries-anniversary"),
        pytest.param("今年是中美建交45周年。去年11月，中美元首在巴厘岛会晤。", None, id="conflicting-years"),
        pytest.param("12日，布林肯会见刘建超。", None, id="no-evidence"),
        pytest.param("中美元首旧金山会晤后，双方恢复对话。", None, id="event-without-year-word"),
    ],
)
def test_infer_published_on(text: str, expected: DateSpan | None) -> None:
    assert infer_published_on(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("两国元首去年在旧金山举行会晤", ["sf-summit-2023"], id="both-leaders-in-one-word"),
        pytest.param("总统与习近平去年在旧金山会谈", [], id="one-side-named-only"),
        pytest.param("拜登去年在伍德赛德会见习近平", ["sf-summit-2023"], id="place-alias-with-both-sides"),
        pytest.param("伍德赛德峰会后两国恢复对话", ["sf-summit-2023"], id="place-alias-with-event-noun"),
        pytest.param("澳大利亚伍德赛德公司与买家举行会谈", [], id="company-named-like-the-venue"),
        pytest.param(
            "拜登周五在旧金山一场募款晚宴上谈到习近平", [], id="leader-in-the-city-without-a-meeting"
        ),
        pytest.param("日本首相去年11月与习近平在旧金山会晤", [], id="third-country-leader-at-the-summit"),
        pytest.param("加拿大总理与习近平在巴厘岛举行会晤", [], id="third-country-leader-at-bali"),
        pytest.param("意大利总理与习近平在峇里島G20峰會期間會談", [], id="third-country-traditional"),
        pytest.param("澳洲總理去年在舊金山會晤習近平", [], id="third-country-before-the-place"),
    ],
)
def test_a_summit_cue_needs_the_two_sides_meeting(text: str, expected: list[str]) -> None:
    assert [hit.key for hit in find_reference_events(text)] == expected


def test_matching_converts_no_script_once_the_vocabulary_is_indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index holds every word in both scripts: no article loads the converter (0.05 s a process)."""
    find_reference_events("")  # builds the index, or reads it with the kept vocabularies

    def no_conversion(text: str) -> str:
        raise AssertionError(f"{text} converted while matching")

    monkeypatch.setattr(refevents, "to_traditional", no_conversion)
    for text, keys in [
        ("拜登去年在伍德赛德会见习近平", ["sf-summit-2023"]),
        ("澳洲總理去年在舊金山會晤習近平", []),
        ("兩國元首去年11月峇里島會晤共識", ["bali-summit-2022"]),
    ]:
        assert [hit.key for hit in find_reference_events(text)] == keys, text
