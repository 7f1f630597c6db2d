"""One sentence → the meeting between a US and a PRC side it reports: tables of sentences."""

from __future__ import annotations

from datetime import date

import pytest

from data_prep.annotate.sentences import build_sentence
from data_prep.extract.anchors import Anchor, find_anchor

BASE = date(2024, 1, 20)


def _anchor(text: str, base: date | None = BASE, dateline_known: bool = True) -> Anchor | None:
    return find_anchor(build_sentence(0, 0, text, base), base, dateline_known)


def _keys(anchor: Anchor) -> list[str]:
    return sorted(p.key for p in anchor.participants)


NOT_A_MEETING = [
    pytest.param("王毅同韩国外长朴振视频通话。", id="third-country-call-has-one-side"),
    pytest.param("王毅会见日本驻华大使。", id="japanese-ambassador-is-not-the-us-one"),
    pytest.param("王毅会见日本驻华大使垂秀夫。", id="named-foreign-ambassador"),
    pytest.param("王毅会见日本众议院议长。", id="japanese-speaker-is-not-the-us-one"),
    pytest.param("布林肯抵达北京，王毅与埃及总统塞西会谈。", id="partner-after-yu-is-not-a-side"),
    pytest.param("布林肯未能与王毅会谈。", id="negated-weineng"),
    pytest.param("王毅拒绝与布林肯会面。", id="negated-refused"),
    pytest.param("王毅不与布林肯会面。", id="negated-buyu"),
    pytest.param("王毅是否会与布林肯会面？", id="hypothetical-whether"),
    pytest.param("如果王毅与布林肯会面，双方将讨论台湾问题。", id="hypothetical-if"),
    pytest.param("外界希望王毅与布林肯会面。", id="hypothetical-hope"),
    pytest.param("布林肯本来预计上月在北京会见王毅。", id="plan-of-the-past-not-carried-out-benlai"),
    pytest.param("按原计划，布林肯访华期间将与王毅会晤。", id="plan-of-the-past-not-carried-out-yuanjihua"),
    pytest.param("布林肯原定本月与王毅通话。", id="plan-of-the-past-not-carried-out-yuanding"),
    pytest.param("拜登与习近平在晚宴上握手寒暄。", id="handshake-only"),
    pytest.param("双方同意落实拜登与习近平会晤共识。", id="reference-implementing-consensus"),
    pytest.param("拜登称与习近平会晤成果丰硕。", id="tail-results-of-the-meeting"),
    pytest.param("这是拜登与习近平会面以来首次。", id="tail-since-the-meeting"),
    pytest.param("习近平接受拜登会晤的邀请。", id="tail-invitation-to-meet"),
    pytest.param(
        "王毅與埃及外長舒克里會談後共同會見記者時表示，紅海水域是重要的國際貨物和能源貿易通道。",
        id="real-2401-cairo-talks-are-third-country",
    ),
]


@pytest.mark.parametrize("text", NOT_A_MEETING)
def test_not_a_meeting(text):
    assert _anchor(text) is None


MEETINGS = [
    pytest.param("布林肯与王毅会谈。", id="bare-talks"),
    pytest.param("布林肯抵达北京，与王毅会谈。", id="partner-after-yu-is-a-side"),
    pytest.param("王毅会见美国驻华大使。", id="us-ambassador-by-bare-title"),
    pytest.param("王毅会见众议院议长。", id="speaker-by-bare-title"),
    pytest.param("拜登与习近平在晚宴上会晤。", id="dinner-meeting-without-handshake"),
    pytest.param("拜登称与习近平会晤取得进展。", id="meeting-word-without-a-tail"),
    pytest.param("拜登曾于去年11月14日与习近平会晤。", id="past-ceng-with-its-own-date"),
]


@pytest.mark.parametrize("text", MEETINGS)
def test_meeting(text):
    """The sentences above without what rules them out: each reports a meeting of both sides."""
    anchor = _anchor(text)
    assert anchor is not None
    assert {p.side for p in anchor.participants} == {"US", "CN"}


KINDS = [
    pytest.param("王毅与布林肯视频通话。", "video", id="video-call-beats-call"),
    pytest.param("拜登与习近平举行视频会晤。", "video", id="video-summit-beats-summit"),
    pytest.param("王毅与布林肯通电话。", "phone", id="phone-call"),
    pytest.param("王毅与布林肯举行会谈。", "in_person", id="talks-in-person"),
    pytest.param(
        "國務委員、公安部部長王小洪應約同美國國土安全部部長馬約卡斯視象通話。",
        "video",
        id="hong-kong-shixiang-is-video",
    ),
    pytest.param(
        "中国国务委员兼外长秦刚应约跟美国国务卿布林肯通电话时说得很明确。",
        "phone",
        id="real-2306-qin-blinken-call",
    ),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_meeting_type(text, kind):
    anchor = _anchor(text, date(2023, 6, 15))
    assert anchor is not None
    assert anchor.meeting_type == kind


STATUS = [
    pytest.param("拜登将于15日与习近平会晤。", date(2023, 11, 14), True, "planned", id="jiangyu-with-date"),
    pytest.param("拜登计划与习近平会晤。", date(2023, 11, 14), True, "planned", id="plan-to-meet"),
    pytest.param("拜登将与习近平会晤。", date(2023, 11, 14), True, "planned", id="jiangyu-partner"),
    pytest.param("布林肯与王毅将通话。", date(2023, 11, 14), True, "planned", id="jiang-right-before-call"),
    pytest.param("拜登16日与习近平会晤。", date(2023, 11, 14), True, "planned", id="date-after-dateline"),
    pytest.param("拜登16日与习近平会晤。", date(2023, 11, 16), True, "held", id="date-on-dateline"),
    pytest.param(
        "拜登16日与习近平会晤。", date(2023, 11, 14), False, "held", id="no-dateline-nothing-is-after-it"
    ),
    pytest.param("拜登13日与习近平会晤。", date(2023, 11, 14), True, "held", id="date-before-dateline"),
    pytest.param(
        "从公开的议程看，没有任何重要的与中共高官会谈的安排，但此间媒体分析，布林肯有可能与中国国家主席习近平会面。",
        date(2023, 6, 17),
        True,
        "planned",
        id="real-2306-may-meet-xi",
    ),
    pytest.param(
        "（德国之声中文网）美国国务院公布的官方日程显示，布林肯将于周五（1月12日）在华盛顿会见中共中央对外联络部部长刘建超。",
        date(2024, 1, 11),
        True,
        "planned",
        id="real-2401-blinken-will-meet-liu",
    ),
]


@pytest.mark.parametrize(("text", "base", "known", "status"), STATUS)
def test_status(text, base, known, status):
    anchor = _anchor(text, base, known)
    assert anchor is not None
    assert anchor.status == status


DATES = [
    pytest.param(
        "拜登曾于去年11月14日与习近平会晤。", date(2023, 11, 14), "2022-11-14", id="past-ceng-with-date"
    ),
    pytest.param("布林肯与王毅1月12日曾在华盛顿会谈。", BASE, "2024-01-12", id="date-before-ceng"),
    pytest.param(
        "王毅9日抵达华盛顿，10日与布林肯会谈。", BASE, "2024-01-10", id="date-nearest-the-meeting-word"
    ),
    pytest.param("CNN今天报道，王毅与布林肯9日通电话。", BASE, "2024-01-09", id="not-the-date-of-the-report"),
    pytest.param(
        "外交部10日宣布，王毅与布林肯9日通电话。", BASE, "2024-01-09", id="not-the-date-of-the-announcement"
    ),
    pytest.param("CNN今天报道，王毅与布林肯通电话。", BASE, None, id="report-date-alone-leaves-it-undated"),
    pytest.param("王毅与布林肯会面。", BASE, None, id="undated-sentence"),
    pytest.param("北京时间11日晚，王毅与布林肯会谈。", BASE, "2024-01-11", id="beijing-time-date"),
    pytest.param("布林肯将于12日与王毅会谈。", BASE, "2024-02-12", id="planned-day-reads-forward"),
    pytest.param("布林肯12日与王毅会谈。", BASE, "2024-01-12", id="held-day-reads-back"),
    pytest.param(
        "美国国务卿安东尼-布林肯19日下午在北京与中国国家主席习近平举行了会谈，背景是中美之间的紧张关系。",
        date(2023, 6, 19),
        "2023-06-19",
        id="real-2306-blinken-xi",
    ),
    pytest.param(
        "（中央社台北13日電）中共中央對外聯絡部消息，當地時間12日，中聯部部長劉建超在美國華盛頓與美國國務卿布林肯會見。",
        date(2024, 1, 13),
        "2024-01-12",
        id="real-2401-dateline-in-text-is-not-the-meeting",
    ),
]


@pytest.mark.parametrize(("text", "base", "start"), DATES)
def test_date(text, base, start):
    anchor = _anchor(text, base)
    assert anchor is not None
    assert (str(anchor.span.start) if anchor.dated_by != "unknown" else None) == start
    assert (anchor.dated_by != "unknown") == (anchor.span.start is not None)


def test_date_range():
    anchor = _anchor(
        "中国外交部副部长谢锋于12月11日至12日与美国国务院亚太事务助理国务卿康达举行会谈。", date(2022, 12, 13)
    )
    assert anchor is not None
    assert (anchor.span.start, anchor.span.end) == (date(2022, 12, 11), date(2022, 12, 12))


LOCATIONS = [
    pytest.param("北京时间11日晚，王毅与布林肯会谈。", None, id="beijing-time-is-not-a-place"),
    pytest.param("北京时间11日，王毅在华盛顿与布林肯会谈。", "Washington", id="beijing-time-then-venue"),
    pytest.param("王毅在北京与布林肯会谈。", "Beijing", id="venue-after-zai"),
    pytest.param(
        "王毅结束纽约之行后，在华盛顿与布林肯会谈。", "Washington", id="nearest-place-before-the-meeting"
    ),
    pytest.param("王毅在华盛顿与布林肯会谈后前往纽约。", "Washington", id="next-stop-after-is-not-the-venue"),
    pytest.param("王毅与布林肯会谈，地点在华盛顿。", "Washington", id="only-place-after-the-meeting"),
    pytest.param("王毅在北京与布林肯通电话。", None, id="a-call-has-no-venue"),
    pytest.param(
        "中国国务委员兼公安部长王小洪30日在北京会见美国禁毒联合代表团时宣布，“中美禁毒合作工作组”正式启动。",
        "Beijing",
        id="real-2401-counternarcotics-delegation",
    ),
]


@pytest.mark.parametrize(("text", "location"), LOCATIONS)
def test_location(text, location):
    anchor = _anchor(text)
    assert anchor is not None
    assert anchor.location == location


PARTICIPANTS = [
    pytest.param(
        "布林肯与王毅会晤时，双方一致认为“拜登总统和习主席应该对话”。",
        ["antony-blinken", "wang-yi"],
        id="people-quoted-after-are-not-at-the-table",
    ),
    pytest.param(
        "布林肯与王毅会谈，拜登表示欢迎。",
        ["antony-blinken", "wang-yi"],
        id="clause-after-is-not-at-the-table",
    ),
    pytest.param(
        "美国国务院亚太事务助理国务卿康达与中国外交部副部长谢锋会谈。",
        ["daniel-kritenbrink", "xie-feng"],
        id="office-dropped-when-a-person-of-its-side-is-named",
    ),
    pytest.param(
        "中国外交部副部长马朝旭与美方代表团会谈。",
        ["cp:US delegation", "ma-zhaoxu"],
        id="delegation-stands-for-an-unnamed-side",
    ),
    pytest.param(
        "中国外交部与美国国务院官员会谈。", ["inst:cn-mfa", "inst:us-state"], id="offices-of-both-sides"
    ),
    pytest.param(
        "布林肯在中国外交部与中方代表团会谈。",
        ["antony-blinken", "cp:PRC delegation"],
        id="office-after-zai-is-a-venue",
    ),
    pytest.param(
        "美国总统国家安全事务首席副助理芬纳与中国外交部副部长马朝旭会谈。",
        ["jon-finer", "ma-zhaoxu"],
        id="title-prefix-is-finer-not-biden",
    ),
    pytest.param("王毅会见美国驻华大使。", ["nicholas-burns", "wang-yi"], id="us-ambassador-by-title"),
    pytest.param(
        "美国首席副国家安全顾问乔恩·费纳（Jon Finer）与中共中央对外联络部部长刘建超在华盛顿DC举行会谈。",
        ["jon-finer", "liu-jianchao"],
        id="real-2401-finer-liu",
    ),
]


@pytest.mark.parametrize(("text", "keys"), PARTICIPANTS)
def test_participants(text, keys):
    anchor = _anchor(text)
    assert anchor is not None
    assert _keys(anchor) == keys


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "美国方面曾在5月摸索奥斯汀与李尚福举行首次会谈，但中方已经拒绝。", id="sought-then-refused"
        ),
        pytest.param("奥斯汀3日试图与李尚福会谈，不过遭到北京方面回绝。", id="tried-but-rebuffed"),
    ],
)
def test_a_meeting_sought_and_refused_is_none(text):
    assert find_anchor(build_sentence(0, 0, text, date(2023, 6, 3)), date(2023, 6, 3)) is None


def test_a_refusal_in_what_was_said_does_not_undo_the_meeting():
    text = "王毅3日会见布林肯时表示，中方拒绝美方的无理要求。"
    assert find_anchor(build_sentence(0, 0, text, date(2023, 6, 3)), date(2023, 6, 3)) is not None


def test_a_pronoun_subject_is_the_person_the_sentence_before_names():
    base = date(2024, 4, 27)
    before = build_sentence(0, 0, "美国国务卿布林肯26日结束访华行程。", base)
    own = build_sentence(1, 0, "他在北京会见了国家主席习近平。", base)
    anchor = find_anchor(own, base, True, before)
    assert anchor is not None
    assert sorted(p.name_en for p in anchor.participants) == ["Antony Blinken", "Xi Jinping"]
    assert find_anchor(own, base, True, None) is None
    two = build_sentence(0, 0, "布林肯和沙利文26日结束访华行程。", base)
    assert find_anchor(own, base, True, two) is None  # no single antecedent


def _casts(text: str, base: date = date(2024, 4, 27)) -> list[list[str]]:
    from data_prep.extract.anchors import find_anchors

    return [
        sorted(p.name_en for p in a.participants)
        for a in find_anchors(build_sentence(0, 0, text, base), base)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "布林肯在北京会见了国家主席习近平，并与外长王毅举行会谈。",
            [["Antony Blinken", "Xi Jinping"], ["Antony Blinken", "Wang Yi"]],
            id="one-guest-two-hosts",
        ),
        pytest.param(
            "蔡斯与宋延超8至9日在五角大楼举行会谈，芬纳与刘建超的会见是继蔡斯与宋延超会谈后又一次对话。",
            [["Michael Chase", "Song Yanchao"], ["Jon Finer", "Liu Jianchao"]],
            id="two-meetings-named-together",
        ),
        pytest.param(
            "布林肯与王毅举行会谈。", [["Antony Blinken", "Wang Yi"]], id="overlapping-cue-words-one-meeting"
        ),
    ],
)
def test_a_sentence_may_report_several_meetings(text, expected):
    assert _casts(text) == expected


HOLDERS_THEN = [
    pytest.param(
        "上一次美国国务卿访华并会晤习近平要追溯到2018年6月。",
        date(2023, 6, 22),
        ["mike-pompeo", "xi-jinping"],
        id="bare-title-of-a-meeting-years-back-is-its-holder-then",
    ),
    pytest.param(
        "美国国务卿2018年6月在北京会见了中国国家主席。",
        date(2023, 6, 22),
        ["mike-pompeo", "xi-jinping"],
        id="both-bare-titles-years-back",
    ),
    pytest.param(
        "美国国务卿上周在北京会见了中国国家主席。",
        date(2023, 6, 22),
        ["antony-blinken", "xi-jinping"],
        id="bare-title-of-a-recent-meeting-is-the-holder-now",
    ),
    pytest.param(
        "布林肯2021年3月在安克雷奇与杨洁篪会谈。",
        date(2023, 6, 22),
        ["antony-blinken", "yang-jiechi"],
        id="written-names-keep-their-people-whatever-the-date",
    ),
]


@pytest.mark.parametrize(("text", "base", "keys"), HOLDERS_THEN)
def test_a_title_names_whoever_held_it_on_the_meetings_date(text, base, keys):
    anchor = _anchor(text, base)
    assert anchor is not None
    assert _keys(anchor) == keys


def test_a_partner_word_inside_a_name_is_part_of_the_name():
    anchor = _anchor("美国国防部长奥斯汀将与魏凤和举行会晤。", date(2022, 6, 8))
    assert anchor is not None
    assert _keys(anchor) == ["lloyd-austin", "wei-fenghe"]
