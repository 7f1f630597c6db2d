"""Extraction of meeting mentions from one article: a table of invented minimal articles."""

from __future__ import annotations

from datetime import date

import pytest

from data_prep.extract.mentions import extract_mentions
from data_prep.model import Article


def _article(
    body: str,
    *,
    title: str = "",
    published_on: date | None = date(2024, 1, 11),
    body_format: str = "markdown",
) -> Article:
    return Article(
        path="a.md",
        title=title or None,
        url="https://example.org/a",
        outlet="Test",
        published=f"{published_on}T12:00:00+08:00" if published_on else None,
        published_on=published_on,
        body=body,
        body_format=body_format,
    )  # type: ignore[arg-type]


def _names(mention, side):
    return sorted(p.name_en for p in mention.participants if p.side == side)


CASES = [
    pytest.param(
        "中国商务部长王文涛与美国商务部长雷蒙多11日通话，王文涛就美国出口管制表达严正关切。",
        date(2024, 1, 11),
        [("phone", "2024-01-11", ["Gina Raimondo"], ["Wang Wentao"], "held")],
        id="phone-call-dated-in-text",
    ),
    pytest.param(
        "國務委員、公安部部長王小洪應約同美國國土安全部部長馬約卡斯視象通話。",
        date(2024, 1, 11),
        [("video", "2024-01-11", ["Alejandro Mayorkas"], ["Wang Xiaohong"], "held")],
        id="traditional-video-call-dated-by-dateline",
    ),
    pytest.param(
        "美国国务卿布林肯将于当地时间12日上午与中联部部长刘建超举行会晤。",
        date(2024, 1, 11),
        [("in_person", "2024-01-12", ["Antony Blinken"], ["Liu Jianchao"], "planned")],
        id="planned-meeting",
    ),
    pytest.param(
        "美国防长奥斯汀在香格里拉对话期间未能与中国防长李尚福会谈。",
        date(2023, 6, 3),
        [],
        id="negated-meeting-is-none",
    ),
    pytest.param(
        "王毅同韩国外长朴振视频通话，双方就半导体供应链交换意见。",
        date(2022, 12, 12),
        [],
        id="third-country-is-none",
    ),
    pytest.param(
        "中国外交部副部长谢锋于12月11日至12日与美国国务院亚太事务助理国务卿康达举行会谈。",
        date(2022, 12, 13),
        [("in_person", "2022-12-11", ["Daniel Kritenbrink"], ["Xie Feng"], "held")],
        id="range-with-vice-minister",
    ),
]


@pytest.mark.parametrize(("body", "published_on", "expected"), CASES)
def test_extract_mentions(body, published_on, expected):
    article = _article(body, title=body[:30], published_on=published_on)
    mentions = [m for m in extract_mentions(article) if m.reference is None]
    found = [
        (m.meeting_type, str(m.span.start), _names(m, "US"), _names(m, "CN"), m.status) for m in mentions
    ]
    assert found == expected, [m.excerpts[0].text for m in mentions]


def test_topic_only_when_tied_to_the_meeting():
    body = (
        "中国外交部副部长谢锋于12月11日至12日与美国国务院亚太事务助理国务卿康达举行会谈。\n\n"
        "双方就台湾问题进行了深入沟通。\n\n"
        "不过，中国同日（12日）将美国对华芯片等产品的出口管制措施诉诸世贸组织争端解决机制。"
    )
    [mention] = [
        m for m in extract_mentions(_article(body, published_on=date(2022, 12, 13))) if not m.reference
    ]
    assert "taiwan" in mention.topics
    assert "chips" not in mention.topics
    assert any("台湾" in e.text and "taiwan" in e.topics for e in mention.excerpts)


def test_title_and_body_of_one_article_are_one_mention():
    body = "美国国务卿布林肯18日在北京与中国外长秦刚举行会谈，双方讨论了台湾问题。"
    mentions = extract_mentions(_article(body, title="布林肯晤秦刚 讨论台湾", published_on=date(2023, 6, 19)))
    held = [m for m in mentions if m.reference is None]
    assert len(held) == 1
    assert str(held[0].span.start) == "2023-06-18"
    assert held[0].location == "Beijing"


def test_a_summit_built_upon_is_not_a_mention_of_it():
    body = "中国外交部副部长谢锋与美国助理国务卿康达会谈，围绕落实中美元首峇厘岛会晤共识进行沟通。"
    mentions = extract_mentions(_article(body, title="谢锋与康达会谈", published_on=date(2022, 12, 13)))
    assert [m for m in mentions if m.reference] == []
    assert [_names(m, "CN") for m in mentions] == [["Xie Feng"]]


def test_reference_phrase_that_recalls_the_summit_names_it():
    body = "谢锋表示，两国元首上月在峇厘岛举行会晤，为两国关系指明了方向。"
    mentions = extract_mentions(_article(body, title="谢锋谈中美关系", published_on=date(2022, 12, 13)))
    references = [m for m in mentions if m.reference]
    assert [str(m.span.start) for m in references] == ["2022-11-14"]
    assert _names(references[0], "US") == ["Joe Biden"]


def test_a_summit_still_to_come_is_not_named_from_the_vocabulary():
    body = "外交部表示，两国元首将在利马举行会晤。"
    mentions = extract_mentions(_article(body, title="两国元首将会晤", published_on=date(2024, 11, 1)))
    assert [m for m in mentions if m.reference] == []


def test_undated_meeting_deep_in_an_article_is_recalled():
    body = "\n\n".join(["北京今天天气晴朗。"] * 3 + ["商务部长王文涛也和美国商务部长雷蒙多通电话。"])
    found = [m for m in extract_mentions(_article(body, title="中国经济新闻")) if not m.reference]
    assert [(m.recalled, m.span.start) for m in found] == [(True, None)]


def test_undated_meeting_in_the_lead_takes_the_dateline_when_the_headline_names_it():
    body = "商务部长王文涛和美国商务部长雷蒙多通电话。"
    [mention] = extract_mentions(_article(body, title="王文涛与雷蒙多通话", published_on=date(2024, 1, 11)))
    assert (str(mention.span.start), mention.meeting_type) == ("2024-01-11", "phone")


def test_a_meeting_built_upon_is_not_reported():
    body = "王毅表示，要落实中美元首三藩市会晤共识，布林肯对此表示欢迎。"
    assert [m for m in extract_mentions(_article(body, title="王毅谈布林肯")) if not m.reference] == []


def test_article_without_meeting_words_is_skipped_cheaply():
    assert extract_mentions(_article("拜登与习近平都没有出现在这篇文章的会议里。" * 0 + "天气晴朗。")) == []


@pytest.mark.parametrize(
    ("body", "title"),
    [
        pytest.param(
            "王毅5日同布林肯通电话，双方就台湾问题交换意见。",
            "王毅同布林肯通话",
            id="topic-in-the-own-sentence",
        ),
        pytest.param(
            "美国国防部长与中国国防部长5日举行视频通话。双方讨论了海上安全。",
            "两国防长通话",
            id="defence-channel",
        ),
        pytest.param(
            "王毅5日同布林肯通电话。双方就芬太尼问题交换意见。",
            "王毅同布林肯通话",
            id="topic-in-a-later-sentence",
        ),
    ],
)
def test_every_topic_of_a_mention_rests_on_one_of_its_excerpts(body: str, title: str) -> None:
    mentions = extract_mentions(_article(body, title=title, published_on=date(2024, 3, 5)))
    assert mentions and all(m.topics for m in mentions)
    for mention in mentions:
        assert set(mention.topics) == {t for e in mention.excerpts for t in e.topics}
