"""Place names of vocab/places.yaml: which cities and venues a simplified sentence names."""

from __future__ import annotations

import copy

import opencc
import pytest

from data_prep.annotate.places import PlaceMatch, build_place_automaton, find_places, find_places_with
from data_prep.vocab.loader import VocabError
from data_prep.vocab.places import parse_place_vocab, read_chinese_place_names, read_place_vocab
from data_prep.vocab.refevents import load_vocabulary

NAME_CASES = [
    # Washington
    pytest.param("布林肯在华盛顿会见王毅", [("华盛顿", "Washington", "city")], id="washington"),
    pytest.param("范纳今天在华府会见刘建超", [("华府", "Washington", "city")], id="washington-tw-huafu"),
    pytest.param(
        "双方在华盛顿特区举行为期两天的会谈", [("华盛顿特区", "Washington", "city")], id="washington-dc"
    ),
    pytest.param("拜登在白宫会见到访的客人", [("白宫", "Washington", "venue")], id="white-house-venue"),
    pytest.param("双方在五角大楼举行会谈", [("五角大楼", "Washington", "venue")], id="pentagon-venue"),
    # Beijing
    pytest.param("王毅在北京会见布林肯", [("北京", "Beijing", "city")], id="beijing"),
    pytest.param("秦刚在钓鱼台国宾馆迎接布林肯", [("钓鱼台国宾馆", "Beijing", "venue")], id="diaoyutai"),
    pytest.param("习近平在人民大会堂会见布林肯", [("人民大会堂", "Beijing", "venue")], id="great-hall"),
    pytest.param(
        "王毅与沙利文在怀柔雁栖湖会谈",
        [("怀柔", "Beijing", "venue"), ("雁栖湖", "Beijing", "venue")],
        id="yanqi-lake",
    ),
    # San Francisco
    pytest.param("两国元首旧金山会晤", [("旧金山", "San Francisco", "city")], id="san-francisco"),
    pytest.param("两国元首三藩市会晤重要共识", [("三藩市", "San Francisco", "city")], id="san-francisco-hk"),
    pytest.param("拜登总统和习主席在伍德赛德峰会", [("伍德赛德", "San Francisco", "venue")], id="woodside"),
    pytest.param("会晤地选在斐洛里庄园", [("斐洛里庄园", "San Francisco", "venue")], id="filoli"),
    pytest.param("两人在费罗丽庄园散步", [("费罗丽庄园", "San Francisco", "venue")], id="filoli-variant"),
    # Bali
    pytest.param("中美元首巴厘岛会晤", [("巴厘岛", "Bali", "city")], id="bali"),
    pytest.param("中美元首峇厘岛会晤", [("峇厘岛", "Bali", "city")], id="bali-hk"),
    pytest.param("两国元首峇里岛会晤", [("峇里岛", "Bali", "city")], id="bali-tw"),
    # Elsewhere
    pytest.param("苏利文与王毅在泰国曼谷会谈", [("曼谷", "Bangkok", "city")], id="bangkok"),
    pytest.param("刘建超8日在纽约出席座谈会", [("纽约", "New York", "city")], id="new-york"),
    pytest.param("沙利文在维也纳会见王毅", [("维也纳", "Vienna", "city")], id="vienna"),
    pytest.param("沙利文与王毅在马耳他会谈", [("马耳他", "Malta", "city")], id="malta"),
    pytest.param("苏利文与王毅在马尔他会谈", [("马尔他", "Malta", "city")], id="malta-tw"),
    pytest.param(
        "奥斯汀出席新加坡香格里拉对话",
        [("新加坡", "Singapore", "city"), ("香格里拉对话", "Singapore", "venue")],
        id="singapore",
    ),
    pytest.param("布林肯在雅加达会见王毅", [("雅加达", "Jakarta", "city")], id="jakarta"),
    pytest.param("拜登在利马会见习近平", [("利马", "Lima", "city")], id="lima"),
    pytest.param("去年10月在罗马会面", [("罗马", "Rome", "city")], id="rome"),
    pytest.param("中美高层战略对话在安克雷奇举行", [("安克雷奇", "Anchorage", "city")], id="anchorage"),
    pytest.param("美中在安克拉治会谈", [("安克拉治", "Anchorage", "city")], id="anchorage-tw"),
    pytest.param("去年的阿拉斯加会谈", [("阿拉斯加", "Anchorage", "venue")], id="alaska-talks"),
    pytest.param("杨洁篪与沙利文在苏黎世会晤", [("苏黎世", "Zurich", "city")], id="zurich"),
    pytest.param("布林肯在万象会见王毅", [("万象", "Vientiane", "city")], id="vientiane"),
    pytest.param("布林肯在永珍会见王毅", [("永珍", "Vientiane", "city")], id="vientiane-tw"),
    pytest.param("双方在坎培拉会谈", [("坎培拉", "Canberra", "city")], id="canberra-tw"),
    pytest.param("何立峰与贝森特在日内瓦会谈", [("日内瓦", "Geneva", "city")], id="geneva"),
    pytest.param("会谈在里约热内卢举行", [("里约热内卢", "Rio de Janeiro", "city")], id="rio"),
    pytest.param("特朗普在海湖庄园会见习近平", [("海湖庄园", "Palm Beach", "venue")], id="mar-a-lago"),
    pytest.param(
        "双方明天在曼谷再谈，然后赴北京",
        [("曼谷", "Bangkok", "city"), ("北京", "Beijing", "city")],
        id="two-places-in-order",
    ),
    pytest.param("双方同意继续保持沟通", [], id="no-place"),
    pytest.param("", [], id="empty"),
]

GUARD_CASES = [
    pytest.param("当地时间12日上午10时，即北京时间12日晚11时", [], id="guard-beijing-time"),
    pytest.param("北京方面对此表示不满", [], id="guard-beijing-government"),
    pytest.param("北京当局拒绝会面", [], id="guard-beijing-authorities"),
    pytest.param("美国《华盛顿邮报》专栏作家罗金", [], id="guard-washington-post"),
    pytest.param("据纽约时报报道", [], id="guard-new-york-times"),
    pytest.param("据美国之音报道，中华人民共和国外交部表示", [], id="guard-voa-prc"),
    pytest.param("罗马尼亚总统访华", [], id="guard-romania"),
    pytest.param("双方重申落实巴黎协定", [], id="guard-paris-agreement"),
    pytest.param("白宫表示，双方进行了坦诚的讨论", [], id="guard-white-house-statement"),
    pytest.param("五角大楼发言人称", [], id="guard-pentagon-statement"),
    pytest.param("双方同意共同落实旧金山愿景", [], id="guard-san-francisco-vision"),
    pytest.param("中方主张对钓鱼台列屿拥有主权", [], id="guard-diaoyu-islands"),
    pytest.param("中南海高层对此不满", [], id="guard-zhongnanhai-leadership"),
    pytest.param("中方不承认海牙仲裁结果", [], id="guard-hague-arbitration"),
    pytest.param("上海合作组织峰会", [], id="guard-sco"),
    pytest.param("维护中美三个联合公报，包括上海公报", [], id="guard-shanghai-communique"),
    pytest.param("违反维也纳公约", [], id="guard-vienna-convention"),
    pytest.param("华盛顿州州长访华", [], id="guard-washington-state"),
    pytest.param("他们顺利马上完成了任务", [], id="guard-lima-at-once"),
    pytest.param("这份报告包罗万象", [], id="guard-vientiane-idiom"),
    pytest.param("两地相距约3公里约需步行", [], id="guard-rio-distance"),
    pytest.param("对华采取怀柔政策", [], id="guard-huairou-conciliation"),
    pytest.param("印尼英文媒体《雅加达邮报》报道", [], id="guard-jakarta-post"),
    pytest.param("罗马天主教教宗", [], id="guard-roman-catholic"),
    # Guards of every name.
    pytest.param("美国驻北京大使伯恩斯表示", [], id="every-post-of-an-envoy"),
    pytest.param("（中央社记者江今叶华盛顿5日专电）", [], id="every-dateline-cna"),
    pytest.param("（中央社北京18日综合外电报导）", [], id="every-dateline-roundup"),
    pytest.param("新华社北京1月10日电", [], id="every-dateline-xinhua"),
    pytest.param("中央社记者陈韵聿伦敦传真", [], id="every-photo-credit"),
    pytest.param("中央社记者侯姿莹新加坡摄", [], id="every-photo-credit-shot"),
    pytest.param(
        "会谈在北京12日举行", [("北京", "Beijing", "city")], id="every-date-after-place-is-not-dateline"
    ),
]

REAL_CASES = [
    pytest.param(
        "（中央社记者江今叶华盛顿9日专电）在台湾即将举行大选前夕，美国和中国的国防高层官员在华府举行为期2天会谈。",
        [("华府", "Washington", "city")],
        id="real-cna-dateline-and-venue",
    ),
    pytest.param(
        "美国务院官网公布，当地时间12日上午10时，即北京时间12日晚11时，布林肯将与中联部部长刘建超举行会晤。",
        [],
        id="real-seed-beijing-time",
    ),
    pytest.param(
        "中国外交部部长助理华春莹在推特上传秦刚和布林肯握手照片，发文还写：期望此次会面能推动中美关系重回两国元首去年在峇里岛会晤时达成的共识。",
        [("峇里岛", "Bali", "city")],
        id="real-cna-bali",
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), NAME_CASES + GUARD_CASES + REAL_CASES)
def test_find_places(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    found = find_places(sentence)
    assert [(sentence[m.begin : m.end], m.name_en, m.kind) for m in found] == expected


def test_place_match_offsets() -> None:
    assert find_places("在北京会见") == [PlaceMatch(begin=1, end=3, name_en="Beijing", kind="city")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("两人在钓鱼台国宾馆会谈", ["钓鱼台国宾馆"], id="guesthouse"),
        pytest.param("两人在钓鱼台会谈", ["钓鱼台"], id="short-name"),
        pytest.param("日本称钓鱼台岛为尖阁诸岛", [], id="islands"),
    ],
)
def test_longest_name_wins(sentence: str, expected: list[str]) -> None:
    assert [sentence[m.begin : m.end] for m in find_places(sentence)] == expected


def test_names_are_simplified() -> None:
    """Sentences are converted with t2s, so a name that t2s would change could never match."""
    converter = opencc.OpenCC("t2s")
    changed = [name.zh for name in read_place_vocab() if converter.convert(name.zh) != name.zh]
    assert changed == []


def _valid() -> dict:
    return {"places": [{"en": "Beijing", "kind": "city", "zh": ["北京"], "not_followed_by": ["时间"]}]}


def _bad_kind(data: dict) -> dict:
    data["places"][0]["kind"] = "country"
    return data


def _no_names(data: dict) -> dict:
    data["places"][0]["zh"] = []
    return data


def _duplicate_name(data: dict) -> dict:
    data["places"].append({"en": "Peking", "kind": "city", "zh": ["北京"]})
    return data


def _unknown_key(data: dict) -> dict:
    data["places"][0]["not_followed"] = ["时间"]
    return data


def _bad_pattern(data: dict) -> dict:
    data["every_place"] = {"not_followed_by_pattern": "(日"}
    return data


def _unknown_shared_guard(data: dict) -> dict:
    data["every_place"] = {"preceded_by": ["在"]}
    return data


def _guard_not_list(data: dict) -> dict:
    data["places"][0]["not_followed_by"] = "时间"
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        pytest.param(_bad_kind, "kind 'country'", id="bad-kind"),
        pytest.param(_no_names, "zh (Beijing): must not be empty", id="no-names"),
        pytest.param(_duplicate_name, "'北京' is listed for both Beijing and Peking", id="duplicate-name"),
        pytest.param(_unknown_key, "unknown keys ['not_followed']", id="unknown-key"),
        pytest.param(_guard_not_list, "not_followed_by (Beijing): must be a list", id="guard-not-a-list"),
        pytest.param(lambda data: {"places": []}, "non-empty 'places' list", id="empty-places"),
        pytest.param(_bad_pattern, "not_followed_by_pattern: is not a regular expression", id="bad-pattern"),
        pytest.param(
            _unknown_shared_guard, "every_place: must be a mapping with keys", id="shared-preceded-by"
        ),
    ],
)
def test_parse_place_vocab_rejects(mutate, message: str) -> None:
    with pytest.raises(VocabError) as caught:
        parse_place_vocab(mutate(copy.deepcopy(_valid())), "vocab/bad_places.yaml")
    assert str(caught.value).startswith("vocab/bad_places.yaml: ")
    assert message in str(caught.value)


def test_every_place_guards_join_each_entry() -> None:
    data = _valid()
    data["every_place"] = {"not_preceded_by": ["驻"], "not_followed_by_pattern": r"\d+日电"}
    automaton = build_place_automaton(parse_place_vocab(data, "small.yaml"))
    assert find_places_with(automaton, "驻北京记者") == []
    assert find_places_with(automaton, "北京时间") == []
    assert find_places_with(automaton, "新华社北京3日电") == []
    assert find_places_with(automaton, "在北京") == [PlaceMatch(1, 3, "Beijing", "city")]


def test_automaton_from_a_small_vocab() -> None:
    data = _valid()
    data["places"].append({"en": "Washington", "kind": "venue", "zh": ["白宫"], "preceded_by": ["在"]})
    automaton = build_place_automaton(parse_place_vocab(data, "small.yaml"))
    assert find_places_with(automaton, "北京时间，白宫表示") == []
    found = find_places_with(automaton, "在白宫，北京")
    assert [(m.name_en, m.kind) for m in found] == [("Washington", "venue"), ("Beijing", "city")]


def test_every_place_the_extraction_can_write_has_a_chinese_name() -> None:
    places = {p.name_en for p in read_place_vocab()} | {e.place for e in load_vocabulary().events if e.place}
    assert places - set(read_chinese_place_names()) == set()
