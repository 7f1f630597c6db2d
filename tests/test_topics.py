"""Topic cues of vocab/topics.yaml: which topics a simplified sentence names, and where."""

from __future__ import annotations

import copy

import opencc
import pytest

from data_prep.annotate.topics import build_topic_automaton, find_topics, find_topics_with
from data_prep.model import TOPICS
from data_prep.vocab.loader import VocabError
from data_prep.vocab.topics import parse_topic_vocab, read_topic_vocab, topic_cues, topic_labels

CUE_CASES = [
    # taiwan
    pytest.param("秦刚就台湾问题等中方核心关切阐明了严正立场", {"taiwan"}, id="taiwan-question"),
    pytest.param("国务卿强调维护台海和平稳定的重要性", {"taiwan"}, id="taiwan-strait-short"),
    pytest.param("双方就双边关系、两岸议题交换意见", {"taiwan"}, id="taiwan-cross-strait"),
    pytest.param("不要向台独势力发出任何错误信号", {"taiwan"}, id="taiwan-independence"),
    pytest.param("美方坚持一个中国政策", {"taiwan"}, id="taiwan-one-china"),
    pytest.param("要求美方停止武装台湾", {"taiwan"}, id="taiwan-arming"),
    pytest.param("王毅强调台湾地区选举改变不了基本事实", {"taiwan"}, id="taiwan-election"),
    pytest.param("要求美方停止对台军售", {"taiwan"}, id="taiwan-arms-sales"),
    pytest.param("维护国家统一永远是中国核心利益中的核心", {"taiwan"}, id="taiwan-reunification"),
    # chips
    pytest.param("双方讨论了芯片出口问题", {"chips"}, id="chips-chip"),
    pytest.param("中方对成熟制程晶片调查表达关切", {"chips"}, id="chips-tw-chip"),
    pytest.param("美国对华半导体管制或进一步升级", {"chips"}, id="chips-semiconductor"),
    pytest.param("王文涛就美国限制第三方对华出口光刻机表达严正关切", {"chips"}, id="chips-lithography"),
    pytest.param("中方对限制曝光机出口表关切", {"chips"}, id="chips-tw-lithography"),
    pytest.param("美方将出口管制问题工具化、武器化", {"chips"}, id="chips-export-controls"),
    pytest.param("要求美方将中国企业移出实体清单", {"chips"}, id="chips-entity-list"),
    pytest.param("王毅要求美方放弃对中国科技发展打压", {"chips"}, id="chips-tech-suppression"),
    pytest.param("美国在科技领域构筑小院高墙", {"chips"}, id="chips-small-yard"),
    pytest.param(
        "王文涛对美国限制第三方向中国出口光刻设备表示严重关切", {"chips"}, id="chips-lithography-tools"
    ),
    pytest.param("规避先进晶片的出口禁令", {"chips"}, id="chips-export-ban"),
    # fentanyl
    pytest.param("布林肯促请中方遏制芬太尼原料的生产和出口", {"fentanyl"}, id="fentanyl-fentanyl"),
    pytest.param("双方同意成立中美禁毒合作工作组", {"fentanyl"}, id="fentanyl-counternarcotics"),
    pytest.param("阻止全球合成毒品及其前体化学品流入美国", {"fentanyl"}, id="fentanyl-precursors"),
    pytest.param("合作打击洗钱和贩毒", {"fentanyl"}, id="fentanyl-drug-money"),
    pytest.param("打击非法药品制造与贩运的沟通与合作", {"fentanyl"}, id="fentanyl-illicit-drugs"),
    # military
    pytest.param("蔡斯强调维持军事沟通管道畅通的重要性", {"military"}, id="military-channels-tw"),
    pytest.param("愿与美方发展健康稳定的两军关系", {"military"}, id="military-two-militaries"),
    pytest.param("双方讨论恢复军方之间的沟通", {"military"}, id="military-between-militaries"),
    pytest.param("第17次美中国防政策协调会谈在五角大厦举行", {"military"}, id="military-policy-talks"),
    pytest.param("双方同意恢复海上军事安全磋商机制会议", {"military"}, id="military-mmca"),
    pytest.param("美方应充分认清海空安全问题根源", {"military"}, id="military-air-sea-safety"),
    pytest.param("官员提出近期在空中和海上的危险拦截", {"military"}, id="military-intercepts"),
    pytest.param("包括建立战区指挥官之间的交流", {"military"}, id="military-theater-commanders"),
    pytest.param("共机挑衅且不专业的行为", {"military"}, id="military-unprofessional"),
    pytest.param("在军事安全等领域达成了20多项共识", {"military"}, id="military-security-field"),
    # trade
    pytest.param("要求美国尽快取消对华加征的关税", {"trade"}, id="trade-tariffs"),
    pytest.param("就各自关心的经贸问题进行了深入、务实的沟通", {"trade"}, id="trade-economic-trade"),
    pytest.param("就全球宏观经济和金融议题密切沟通", {"trade"}, id="trade-macro-finance"),
    pytest.param("双方同意进一步讨论国家安全和经济活动之间的边界", {"trade"}, id="trade-security-boundary"),
    pytest.param("双方还就中美经贸领域国家安全边界问题进行了讨论", {"trade"}, id="trade-mofcom-boundary"),
    pytest.param("威萨克主持贸易便利化议题", {"trade"}, id="trade-facilitation"),
    # climate
    pytest.param("双方在气候变化、公共卫生等领域加强合作", {"climate"}, id="climate-change"),
    pytest.param("听取关于银行业气候压力测试的汇报", {"climate"}, id="climate-stress-tests"),
    pytest.param("双方讨论了甲烷减排", {"climate"}, id="climate-methane"),
    # ukraine
    pytest.param("两人也对俄乌战争交换意见", {"ukraine"}, id="ukraine-war"),
    pytest.param("双方讨论了俄罗斯对乌克兰的战争", {"ukraine"}, id="ukraine-full"),
    # north_korea
    pytest.param("蔡斯表达对北韩近来挑衅行为的担忧", {"north_korea"}, id="north-korea-tw"),
    pytest.param("双方还讨论了朝鲜半岛问题", {"north_korea"}, id="north-korea-peninsula"),
    # south_china_sea
    pytest.param("中方也就南海问题阐明严正立场", {"south_china_sea"}, id="scs-south-sea"),
    pytest.param("阻碍菲律宾前往仁爱礁执行补给任务", {"south_china_sea"}, id="scs-second-thomas"),
    # human_rights
    pytest.param(
        "布林肯对中国在新疆、西藏和香港的侵犯人权行为表示关切", {"human_rights"}, id="human-rights-regions"
    ),
    # people_exchange
    pytest.param("双方同意鼓励扩大两国人文和教育交流", {"people_exchange"}, id="people-humanities"),
    pytest.param("就增加中美之间客运航班进行积极探讨", {"people_exchange"}, id="people-flights"),
    pytest.param("双方欢迎更多学生、学者到彼此国家互访", {"people_exchange"}, id="people-students"),
    pytest.param("双方就记者签证问题交换意见", {"people_exchange"}, id="people-journalists"),
    pytest.param("相互为双方外交领事人员履职创造更好条件", {"people_exchange"}, id="people-consular"),
    pytest.param("双方同意重开休斯敦总领事馆", {"people_exchange"}, id="people-consulate"),
    # detained_citizens
    pytest.param("强调解决美国公民在中国遭到错误拘留的重要性", {"detained_citizens"}, id="detained-wrongful"),
    pytest.param("解决被禁止出境案件", {"detained_citizens"}, id="detained-exit-ban"),
    pytest.param("讨论了在华不当被扣美国公民的处境", {"detained_citizens"}, id="detained-held"),
    # middle_east
    pytest.param("明确谴责哈马斯的恐怖袭击", {"middle_east"}, id="middle-east-hamas"),
    pytest.param("双方讨论加萨局势", {"middle_east"}, id="middle-east-tw-gaza"),
    pytest.param("敦促中国利用对伊朗的影响力阻止红海上的袭击", {"middle_east"}, id="middle-east-red-sea"),
    pytest.param("也门胡塞武装袭击商船", {"middle_east"}, id="middle-east-houthis"),
    pytest.param("也门青年运动袭击商船", {"middle_east"}, id="middle-east-prc-houthis"),
    # none
    pytest.param("双方同意继续保持沟通", set(), id="none-framing-only"),
    pytest.param("", set(), id="none-empty"),
]

GUARD_CASES = [
    pytest.param("白宫国安会中国与台湾事务资深主任柏兰同行", set(), id="guard-taiwan-office-title"),
    pytest.param("主管中国、台湾与蒙古事务的蔡斯", set(), id="guard-taiwan-mongolia-title"),
    pytest.param("这是太平洋两岸的两个大国", set(), id="guard-pacific-both-shores"),
    pytest.param("美国设于台湾积体电路的新厂", {"chips"}, id="guard-tsmc-not-taiwan"),
    pytest.param("习近平在中南海会见", set(), id="guard-zhongnanhai-not-scs"),
    pytest.param("美国贸易代表办公室首席农业谈判代表麦卡利普", set(), id="guard-ustr-title"),
    pytest.param("会前唐仁健会见美中贸易全国委员会会长", set(), id="guard-business-council"),
    pytest.param("据英国金融时报报导", set(), id="guard-financial-times"),
    pytest.param("中美经贸中方牵头人何立峰在北京会见代表团", set(), id="guard-trade-lead-title"),
    pytest.param("打击芬太尼等合成药物的非法贸易", {"fentanyl"}, id="guard-illicit-trade"),
    pytest.param("韩国部署导弹拦截系统", set(), id="guard-missile-intercept"),
    pytest.param("两国政治气候不佳", set(), id="guard-political-climate"),
    pytest.param("他参加过朝鲜战争", set(), id="guard-korean-war"),
    pytest.param("据香港《南华早报》报道", set(), id="guard-hk-outlet"),
    pytest.param("中国驻旧金山总领事张建敏出席", set(), id="guard-consul-general-title"),
    pytest.param("他出席了青年运动会开幕式", set(), id="guard-youth-games"),
]

REAL_CASES = [
    pytest.param(
        "双方也讨论全球与区域安全问题，包括中东挑战、俄罗斯对乌克兰战争，以及台海议题。",
        {"middle_east", "ukraine", "taiwan"},
        id="real-finer-liu",
    ),
    pytest.param(
        "王文涛重点就美国限制第三方对华出口光刻机、成熟制程芯片供应链调查、制裁打压中国企业等表达严正关切。",
        {"chips", "trade"},
        id="real-wang-raimondo",
    ),
    pytest.param(
        "苏利文与王毅针对恢复双边军事沟通的后续进展、美中将在春季举行人工智慧对话、打击毒品合作，"
        "包括1月30日成立美中反毒工作小组等交换意见。",
        {"military", "fentanyl"},
        id="real-bangkok-ai-left-out",
    ),
    pytest.param(
        "双方就两国货币与金融稳定、金融监管、金融市场、跨境支付与数据、可持续金融、反洗钱与反恐怖融资、"
        "全球金融治理等议题进行专业、务实、坦诚及建设性沟通。",
        {"trade"},
        id="real-financial-working-group",
    ),
    pytest.param(
        "路透社称，此次会面安排在极有可能对中美关系产生变数的台湾地区领导人选举投票日前一天，意义十分重大。",
        {"taiwan"},
        id="real-taiwan-election-eve",
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CUE_CASES + GUARD_CASES + REAL_CASES)
def test_find_topics(sentence: str, expected: set[str]) -> None:
    assert set(find_topics(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "topic", "spans"),
    [
        pytest.param("台海和平，台湾问题", "taiwan", ((0, 2), (5, 7)), id="two-cues"),
        pytest.param("维护台湾海峡和平", "taiwan", ((2, 4),), id="one-cue-once"),
        pytest.param("出口管制芯片", "chips", ((0, 4), (4, 6)), id="adjacent-cues"),
        pytest.param("禁毒合作工作组", "fentanyl", ((0, 2),), id="span-of-cue"),
        pytest.param("落实海上军事安全磋商", "military", ((2, 8),), id="longest-cue-only"),
    ],
)
def test_find_topics_spans(sentence: str, topic: str, spans: tuple[tuple[int, int], ...]) -> None:
    assert find_topics(sentence)[topic] == spans


def test_find_topics_keeps_table_order() -> None:
    found = find_topics("南海、中东、乌克兰、台湾")
    assert list(found) == ["taiwan", "ukraine", "south_china_sea", "middle_east"]


def test_guard_cancels_only_the_cue_inside_it() -> None:
    sentence = "主管中国、台湾与蒙古事务的蔡斯强调台海和平稳定"
    begin = sentence.index("台海")
    assert find_topics(sentence) == {"taiwan": ((begin, begin + 2),)}


def test_guard_of_one_topic_leaves_other_topics() -> None:
    vocab = read_topic_vocab()
    assert "中南海" in vocab.not_when["south_china_sea"]
    assert set(find_topics("中南海消息人士谈南海")) == {"south_china_sea"}


def test_vocab_has_every_topic_with_labels() -> None:
    labels = topic_labels()
    assert tuple(labels) == TOPICS
    assert labels["taiwan"] == ("Taiwan", "台湾")
    assert labels["military"] == ("Military channels", "军事沟通")


def test_topic_cues() -> None:
    assert "晶片" in topic_cues("chips")
    assert "人工智能" not in sum((topic_cues(t) for t in TOPICS), ())
    with pytest.raises(KeyError):
        topic_cues("ai")


def test_cues_are_simplified() -> None:
    """Sentences are converted with t2s, so a cue that t2s would change could never match."""
    converter = opencc.OpenCC("t2s")
    vocab = read_topic_vocab()
    words = [w for t in TOPICS for w in vocab.cues[t] + vocab.not_when[t]]
    assert [w for w in words if converter.convert(w) != w] == []


def _valid() -> dict:
    topics = {t: {"en": t, "zh": t, "cues": [f"{t}词"]} for t in TOPICS}
    return {"topics": topics}


def _without_taiwan(data: dict) -> dict:
    del data["topics"]["taiwan"]
    return data


def _with_extra(data: dict) -> dict:
    data["topics"]["ai"] = {"en": "AI", "zh": "人工智能", "cues": ["人工智能"]}
    return data


def _empty_cues(data: dict) -> dict:
    data["topics"]["chips"]["cues"] = []
    return data


def _repeated_cue(data: dict) -> dict:
    data["topics"]["chips"]["cues"] = ["芯片", "芯片"]
    return data


def _idle_guard(data: dict) -> dict:
    data["topics"]["chips"]["not_when"] = ["天气"]
    return data


def _no_label(data: dict) -> dict:
    del data["topics"]["chips"]["zh"]
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        pytest.param(_without_taiwan, "missing ['taiwan']", id="missing-topic"),
        pytest.param(_with_extra, "extra ['ai']", id="extra-topic"),
        pytest.param(_empty_cues, "chips.cues: must not be empty", id="empty-cues"),
        pytest.param(_repeated_cue, "chips.cues: repeats ['芯片']", id="repeated-cue"),
        pytest.param(_idle_guard, "holds none of the topic's cues", id="guard-without-cue"),
        pytest.param(_no_label, "'zh' label", id="missing-label"),
        pytest.param(lambda data: [], "'topics' mapping", id="not-a-mapping"),
    ],
)
def test_parse_topic_vocab_rejects(mutate, message: str) -> None:
    with pytest.raises(VocabError) as caught:
        parse_topic_vocab(mutate(copy.deepcopy(_valid())), "vocab/bad_topics.yaml")
    assert str(caught.value).startswith("vocab/bad_topics.yaml: ")
    assert message in str(caught.value)


def test_automaton_from_a_small_vocab() -> None:
    data = _valid()
    data["topics"]["chips"] = {"en": "Chips", "zh": "芯片", "cues": ["芯片"], "not_when": ["芯片股"]}
    automaton = build_topic_automaton(parse_topic_vocab(data, "small.yaml"))
    assert find_topics_with(automaton, "芯片股大涨") == {}
    assert find_topics_with(automaton, "芯片管制") == {"chips": ((0, 2),)}
