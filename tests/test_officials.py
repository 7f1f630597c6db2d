"""Officials in sentences: names and titles resolved on a date, people and their roles."""

from __future__ import annotations

from datetime import date

import pytest

from data_prep.annotate import officials
from data_prep.annotate.officials import find_officials
from data_prep.vocab import officials as officials_vocab
from data_prep.vocab.script import to_simplified


def _found(sentence: str, on: date | None) -> list[tuple[str, str | None]]:
    return [(m.key, m.title) for m in find_officials(sentence, on)]


def _keys(sentence: str, on: date | None) -> list[str]:
    return [m.key for m in find_officials(sentence, on)]


JUNE_18 = date(2023, 6, 18)
JAN_2024 = date(2024, 1, 12)


@pytest.mark.parametrize(
    ("sentence", "on", "keys"),
    [
        pytest.param(
            "蘇利文與王毅在曼谷會談",
            date(2024, 1, 26),
            ["jake-sullivan", "wang-yi"],
            id="traditional-sullivan",
        ),
        pytest.param(
            "苏利文与王毅在曼谷会谈",
            date(2024, 1, 26),
            ["jake-sullivan", "wang-yi"],
            id="taiwan-sullivan-simplified",
        ),
        pytest.param(
            "沙利文与王毅会谈", date(2024, 1, 26), ["jake-sullivan", "wang-yi"], id="mainland-sullivan"
        ),
        pytest.param(
            "美國氣候特使凱瑞與解振華舉行視訊會議",
            JAN_2024,
            ["john-kerry", "xie-zhenhua"],
            id="hk-kerry-凱瑞",
        ),
        pytest.param(
            "美国气候特使凯瑞与解振华举行视频会议",
            JAN_2024,
            ["john-kerry", "xie-zhenhua"],
            id="kerry-凯瑞-simplified",
        ),
        pytest.param(
            "克里与解振华讨论气候合作",
            date(2023, 7, 17),
            ["john-kerry", "xie-zhenhua"],
            id="kerry-with-context",
        ),
        pytest.param("普京称克里米亚是俄罗斯领土", JAN_2024, [], id="crimea-is-not-kerry"),
        pytest.param("克里姆林宫发言人佩斯科夫表示", JAN_2024, [], id="kremlin-is-not-kerry"),
        pytest.param(
            "国务院亚太助卿康達出席", date(2023, 6, 5), ["daniel-kritenbrink"], id="cna-kritenbrink"
        ),
        pytest.param(
            "克里滕布林克抵达北京", date(2023, 6, 5), ["daniel-kritenbrink"], id="long-kritenbrink-not-kerry"
        ),
        pytest.param(
            "美国副国务卿雪蔓与谢锋会谈", date(2023, 6, 27), ["wendy-sherman", "xie-feng"], id="sherman-雪蔓"
        ),
        pytest.param("謝爾曼會晤謝鋒", date(2023, 6, 27), ["wendy-sherman", "xie-feng"], id="sherman-謝爾曼"),
        pytest.param(
            "白宫副国家安全顾问范納会见刘建超", JAN_2024, ["jon-finer", "liu-jianchao"], id="finer-范納"
        ),
        pytest.param("費納與劉建超會面", JAN_2024, ["jon-finer", "liu-jianchao"], id="finer-費納"),
        pytest.param("葉倫與何立峰通話", date(2023, 6, 20), ["janet-yellen", "he-lifeng"], id="yellen-葉倫"),
        pytest.param("安东尼·布林肯抵达北京", JUNE_18, ["antony-blinken"], id="full-form-middle-dot"),
        pytest.param("安東尼‧布林肯抵達北京", JUNE_18, ["antony-blinken"], id="full-form-cna-dot"),
        pytest.param(
            "中国人民银行副行长宣昌能和奈莉．梁会谈",
            date(2024, 1, 18),
            ["xuan-changneng", "nellie-liang"],
            id="full-form-fullwidth-stop",
        ),
        pytest.param(
            "谢峰会见古普塔，讨论芬太尼问题",
            date(2024, 1, 22),
            ["xie-feng", "rahul-gupta"],
            id="gupta-with-drug-context",
        ),
        pytest.param("印度富商古普塔家族再陷丑闻", date(2024, 1, 22), [], id="gupta-without-context"),
        pytest.param(
            "美国农业部副部长泰勒会见唐仁健",
            date(2024, 1, 18),
            ["alexis-taylor", "tang-renjian"],
            id="taylor-with-title",
        ),
        pytest.param("泰勒丝的演唱会门票售罄", date(2024, 1, 18), [], id="taylor-swift-is-not-taylor"),
        pytest.param("赖清德与萧美琴当选", date(2024, 1, 13), [], id="taiwan-official-ignored"),
        pytest.param(
            "蔡英文会见美国国会议员",
            date(2023, 6, 1),
            ["inst:us-congress"],
            id="taiwan-president-not-matched",
        ),
        pytest.param("李家超出席活动", date(2023, 6, 1), [], id="hong-kong-official-ignored"),
        pytest.param(
            "刘建超会见民主共和两党联邦参众议员",
            date(2024, 1, 8),
            ["liu-jianchao", "inst:us-congress"],
            id="congress-unnamed",
        ),
        pytest.param(
            "习主席会见拜登总统", date(2022, 11, 14), ["xi-jinping", "joe-biden"], id="xi-主席-alias"
        ),
        pytest.param("李克强会见外宾", date(2022, 6, 1), ["li-keqiang"], id="li-keqiang-not-li-qiang"),
        pytest.param("北韩正试图发射卫星", JAN_2024, [], id="north-korea-is-not-han-zheng"),
        pytest.param("以色列国防部长加兰特表示", JAN_2024, [], id="gallant-is-not-garland"),
        pytest.param("蜡笔小新的玩具康达姆机器人", JAN_2024, [], id="gundam-is-not-kritenbrink"),
        pytest.param("科纳克里碳氢燃油库大爆炸", JAN_2024, [], id="conakry-is-not-kerry"),
        pytest.param("中非专家科布斯·范斯塔登说", JAN_2024, [], id="van-staden-is-not-vance"),
        pytest.param("政治分析人士让-皮埃尔·佩兰认为", JAN_2024, [], id="french-jean-pierre"),
        pytest.param("以色列国安部长本·格维尔", JAN_2024, [], id="israeli-security-minister"),
        pytest.param("台湾正副总统选举", JAN_2024, [], id="taiwan-vice-president-title"),
        pytest.param("担心美国会退步", JAN_2024, [], id="美国会-is-not-congress"),
        pytest.param("向公安部门报告", JAN_2024, [], id="police-departments-are-not-mps"),
        pytest.param("自从特朗普当选美国总统起", JAN_2024, [], id="elected-president-is-not-biden"),
    ],
)
def test_names_in_sentences(sentence: str, on: date, keys: list[str]) -> None:
    assert _keys(sentence, on) == keys


@pytest.mark.parametrize(
    ("sentence", "on", "expected"),
    [
        pytest.param(
            "中国外长表示",
            date(2023, 6, 18),
            [("qin-gang", "State Councilor and Foreign Minister")],
            id="title-resolves-by-date-qin",
        ),
        pytest.param(
            "中国外长表示",
            date(2023, 10, 26),
            [
                (
                    "wang-yi",
                    "Director of the Office of the Central Foreign Affairs Commission and Foreign Minister",
                )
            ],
            id="title-resolves-by-date-wang-yi",
        ),
        pytest.param(
            "中国外长表示",
            date(2023, 7, 25),
            [
                (
                    "wang-yi",
                    "Director of the Office of the Central Foreign Affairs Commission and Foreign Minister",
                )
            ],
            id="handover-day-goes-to-newcomer",
        ),
        pytest.param(
            "中国国防部长出席",
            date(2023, 6, 3),
            [("li-shangfu", "State Councilor and Minister of National Defense")],
            id="defense-minister-li-shangfu",
        ),
        pytest.param(
            "中国国防部长出席",
            date(2024, 1, 30),
            [("dong-jun", "Minister of National Defense")],
            id="defense-minister-dong-jun",
        ),
        pytest.param("中国国防部长出席", date(2023, 11, 15), [], id="defense-minister-vacant"),
        pytest.param(
            "美国国务卿表示",
            date(2023, 6, 18),
            [("antony-blinken", "Secretary of State")],
            id="bare-secretary-of-state",
        ),
        pytest.param("美国国务卿表示", None, [], id="bare-title-without-date-is-ambiguous"),
        pytest.param("中美经贸中方牵头人表示", None, [], id="lead-negotiator-two-holders-no-date"),
        pytest.param(
            "美国驻华大使表示",
            date(2023, 6, 5),
            [("nicholas-burns", "Ambassador to China")],
            id="bare-ambassador",
        ),
        pytest.param("美国副国务卿表示", date(2023, 6, 5), [], id="two-deputy-secretaries-stay-unresolved"),
        pytest.param(
            "美国总统表示", date(2025, 3, 1), [("donald-trump", "President")], id="trump-second-term"
        ),
    ],
)
def test_bare_titles(sentence: str, on: date | None, expected: list[tuple[str, str]]) -> None:
    assert _found(sentence, on) == expected


@pytest.mark.parametrize(
    ("sentence", "on", "key", "span"),
    [
        pytest.param(
            "美国国务卿布林肯抵达", JUNE_18, "antony-blinken", (0, 8), id="title-plus-name-is-one-mention"
        ),
        pytest.param("中国外长秦刚会见", JUNE_18, "qin-gang", (0, 6), id="cn-title-plus-name"),
        pytest.param(
            "美国国务院亚太事务助理国务卿康达会见马朝旭",
            date(2023, 6, 5),
            "daniel-kritenbrink",
            (0, 16),
            id="institution-title-name-is-one-mention",
        ),
        pytest.param(
            "美国主管亚太事务的助理国务卿康达也将参与",
            JAN_2024,
            "daniel-kritenbrink",
            (0, 16),
            id="title-with-的-plus-name",
        ),
        pytest.param(
            "美国国防部副助理部长蔡斯会见宋延超",
            date(2024, 1, 8),
            "michael-chase",
            (0, 12),
            id="institution-and-untitled-words-plus-name",
        ),
    ],
)
def test_title_and_name_make_one_mention(sentence: str, on: date, key: str, span: tuple[int, int]) -> None:
    mention = find_officials(sentence, on)[0]
    assert (mention.key, mention.begin, mention.end) == (key, *span)


def test_title_plus_name_keeps_one_person_and_its_role() -> None:
    mentions = find_officials("中国外长秦刚会见美国国务卿布林肯", JUNE_18)
    assert [(m.key, m.title_zh, m.rank) for m in mentions] == [
        ("qin-gang", "国务委员兼外交部长", 70),
        ("antony-blinken", "国务卿", 80),
    ]


def test_different_side_title_does_not_swallow_name() -> None:
    assert _keys("中国外交部批评布林肯", JUNE_18) == ["inst:cn-mfa", "antony-blinken"]


@pytest.mark.parametrize(
    ("sentence", "on", "keys"),
    [
        pytest.param("前国务卿蓬佩奥表示", date(2023, 6, 1), [], id="former-secretary-excluded"),
        pytest.param("时任国务卿蓬佩奥访华", date(2023, 6, 1), [], id="out-of-office-excluded"),
        pytest.param(
            "美国前国务卿基辛格访华会见习近平", date(2023, 7, 20), ["xi-jinping"], id="kissinger-2023"
        ),
        pytest.param("美国前总统特朗普说", date(2023, 6, 1), [], id="trump-2023-excluded"),
        pytest.param("美国前总统特朗普说", date(2025, 3, 1), [], id="former-title-before-trump-2025"),
        pytest.param("特朗普表示", date(2025, 3, 1), ["donald-trump"], id="trump-2025-president"),
        pytest.param("特朗普表示", date(2023, 3, 1), [], id="trump-2023-not-in-office"),
        pytest.param("前国务卿表示", date(2023, 6, 1), [], id="former-bare-title-excluded"),
        pytest.param("日前布林肯表示", date(2023, 6, 1), ["antony-blinken"], id="日前-is-not-former"),
        pytest.param(
            "访华前美国国务卿布林肯表示", date(2023, 6, 1), ["antony-blinken"], id="访华前-is-not-former"
        ),
        pytest.param(
            "美国前国务卿布林肯表示", date(2024, 6, 1), [], id="former-title-of-current-role-excluded"
        ),
        pytest.param(
            "原外交部副部长刘振民接任",
            date(2024, 1, 12),
            ["liu-zhenmin"],
            id="原-past-office-of-current-envoy",
        ),
        pytest.param(
            "任命前海军司令董军为国防部长", date(2024, 1, 15), ["dong-jun"], id="前-past-office-of-minister"
        ),
        pytest.param("时任美国驻联合国大使表示", date(2023, 6, 1), [], id="时任-bare-title-excluded"),
        pytest.param("接任美国国务卿", date(2023, 6, 1), [], id="接任-names-the-office"),
        pytest.param(
            "美国常驻联合国代表克拉夫特与蔡英文视讯", date(2023, 6, 1), [], id="title-of-unknown-name"
        ),
        pytest.param("一度官至联合参谋部参谋长的房峰辉", date(2024, 1, 15), [], id="官至-names-the-office"),
    ],
)
def test_former_officials(sentence: str, on: date, keys: list[str]) -> None:
    assert _keys(sentence, on) == keys


@pytest.mark.parametrize(
    ("sentence", "on", "keys"),
    [
        pytest.param(
            "美国国防部与中央军委国际军事合作办公室举行会晤",
            date(2024, 1, 8),
            ["inst:us-dod", "inst:cn-cmc-oimc"],
            id="institution-from-unnamed-working-level",
        ),
        pytest.param(
            "中央军委国际军事合作办公室与美助理防长帮办共同主持",
            date(2024, 1, 8),
            ["inst:cn-cmc-oimc", "inst:us-dod"],
            id="assistant-defense-deputy-is-dod",
        ),
        pytest.param(
            "美国禁毒联合代表团与公安部会谈",
            date(2024, 1, 30),
            ["inst:us-counternarcotics-delegation", "inst:cn-mps"],
            id="counternarcotics-delegation",
        ),
        pytest.param(
            "公安部部长王小洪会见", date(2024, 1, 30), ["wang-xiaohong"], id="institution-absorbed-by-name"
        ),
        pytest.param("五角大楼表示", date(2024, 1, 8), ["inst:us-dod"], id="pentagon"),
    ],
)
def test_institutions(sentence: str, on: date, keys: list[str]) -> None:
    mentions = find_officials(sentence, on)
    assert [m.key for m in mentions] == keys
    assert all(m.is_institution == m.key.startswith("inst:") for m in mentions)


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        pytest.param("中情局局长伯恩斯秘密访华", "william-burns", id="burns-cia-by-title"),
        pytest.param("美国中央情报局局长伯恩斯5月访问北京", "william-burns", id="burns-cia-by-long-title"),
        pytest.param("美国驻华大使伯恩斯出席", "nicholas-burns", id="burns-ambassador-by-title"),
        pytest.param("伯恩斯表示，美方希望保持沟通", "nicholas-burns", id="burns-default-is-ambassador"),
        pytest.param("据报道，中情局派伯恩斯秘密访华", "william-burns", id="burns-cia-by-nearby-word"),
        pytest.param("勃恩斯大使在一场活动上说", "nicholas-burns", id="burns-ambassador-word-after"),
    ],
)
def test_burns_disambiguation(sentence: str, key: str) -> None:
    assert _keys(sentence, date(2023, 6, 2)) == [key]


def test_no_date_keeps_people_with_their_best_role() -> None:
    (mention,) = find_officials("王毅表示", None)
    assert mention.key == "wang-yi"
    assert mention.rank == 75


def test_find_person_and_role_on() -> None:
    qin = officials_vocab.find_person("qin-gang")
    assert qin is not None and qin.name_zh == "秦刚" and qin.side == "CN"
    role = officials.role_on(qin, date(2022, 1, 1))
    assert role is not None and role.title_en == "Ambassador to the United States"
    assert officials.role_on(qin, date(2024, 1, 1)) is None
    assert officials_vocab.find_person("inst:us-dod") is not None
    assert officials_vocab.find_person("nobody") is None


def test_dictionary_size_and_balance() -> None:
    people = list(officials_vocab.iter_people())
    sides = [p.side for p in people]
    assert len(people) >= 150
    assert sides.count("US") >= 60 and sides.count("CN") >= 60
    assert all(not p.is_institution for p in people)


def test_surface_forms_cover_aliases_cues_and_both_scripts() -> None:
    forms = dict(officials_vocab.surface_forms())
    assert forms["布林肯"] == "US" and forms["中国外长"] == "CN"
    assert forms["蘇利文"] == "US" and forms["苏利文"] == "US"
    assert forms["美国国防部"] == "US"
    assert "赖清德" not in forms


# ---------------------------------------------------------------------------- outside the dictionary

_DAY = date(2024, 3, 5)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "美国副助理国务卿道森（Mark Dawson）与外交部北美大洋洲司司长周启明会谈。",
            [("new:dao-sen", "Mark Dawson", "US"), ("new:zhou-qi-ming", "Zhou Qiming", "CN")],
            id="written-names-win-over-titles-by-date",
        ),
        pytest.param(
            "外交部北美大洋洲司司长周启明会见美国国务院中国事务协调员马克·道森。",
            [("new:zhou-qi-ming", "Zhou Qiming", "CN"), ("new:ma-ke-dao-sen", "马克·道森", "US")],
            id="no-english-name-keeps-transliteration",
        ),
        pytest.param(
            "國防部國際軍事合作辦公室副主任陳志華少將與美國國防部副助理部長道森會談。",
            [("new:chen-zhi-hua", "Chen Zhihua", "CN"), ("new:dao-sen", "道森", "US")],
            id="traditional-both-sides",
        ),
        pytest.param(
            "美国印太司令部司令罗伯特·黑尔上将与中国国防部长董军通电话。",
            [("new:luo-bo-te-hei-er", "罗伯特·黑尔", "US"), ("dong-jun", "Dong Jun", "CN")],
            id="commander-and-known-minister",
        ),
    ],
)
def test_officials_outside_the_dictionary(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    found = find_officials(to_simplified(sentence), _DAY)
    assert [(m.key, m.name_en, m.side) for m in found] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("美国副助理国务卿表示，双方沟通坦率。", id="deputy-assistant-is-not-the-secretary"),
        pytest.param("美国副助理国务卿與中方會談。", id="traditional-longest-title"),
    ],
)
def test_longest_title_wins(sentence: str) -> None:
    assert "antony-blinken" not in [m.key for m in find_officials(to_simplified(sentence), _DAY)]


def test_unknown_official_keeps_title_and_institution() -> None:
    (mention,) = find_officials("国务院台湾事务办公室主任宋立新表示反对。", _DAY)
    assert (mention.title, mention.title_zh, mention.rank) == ("Director", "国务院台湾事务办公室主任", 40)


def test_third_country_official_is_no_side() -> None:
    assert find_officials("乌拉圭外交部司长加西亚表示欢迎。", _DAY) == []


@pytest.mark.parametrize(
    ("sentence", "present"),
    [
        pytest.param("宋某与蔡斯举行会谈。", False, id="surname-alone-needs-context"),
        pytest.param("国防部副助理部长蔡斯与宋某会谈。", True, id="any-title-before-it"),
        pytest.param("迈克尔·蔡斯抵达北京。蔡斯随后与宋某会谈。", True, id="full-name-in-the-sentence"),
    ],
)
def test_short_alias_needs_a_title_or_the_full_name(sentence: str, present: bool) -> None:
    keys = [m.key for m in find_officials(sentence, date(2023, 1, 10))]
    assert ("michael-chase" in keys) is present
