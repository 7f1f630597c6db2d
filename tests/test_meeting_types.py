"""The cue vocabulary (vocab/meeting_types.yaml): it loads, each word has its kind, bad data fails."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from data_prep.vocab.cues import (
    VOCAB_FILE,
    _entries,
    _read_counterparts,
    _require_list,
    load_cues,
    strongest_type,
)
from data_prep.vocab.loader import VocabError
from data_prep.vocab.script import to_simplified

# Each section of the file and the kind its words carry once loaded.
SECTIONS = {
    "weak_cues": "weak",
    "neutral_words": "neutral",
    "bilateral_bodies": "body",
    "planned_markers": "planned",
    "negation_markers": "negation",
    "hypothetical_markers": "hypothetical",
    "reference_markers": "reference",
    "past_markers": "past",
    "attendance_cues": "attend",
    "discussion_cues": "discuss",
}
PLAIN_LISTS = (
    "foreign_countries",
    "reference_tails",
    "request_tails",
    "refusal_after",
    "contrast_words",
)


def _raw() -> dict:
    text = resources.files("data_prep.vocab").joinpath(VOCAB_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _all_words(data: dict) -> list[str]:
    words = [w for kind in ("in_person", "phone", "video") for w in data["meeting_cues"][kind]]
    words += [w for key in (*SECTIONS, *PLAIN_LISTS) for w in data[key]]
    words += [e["cue"] for entries in data["counterparts"].values() for e in entries]
    return words


def test_every_list_is_non_empty():
    data = _raw()
    lists = [data["meeting_cues"][kind] for kind in ("in_person", "phone", "video")]
    lists += [data[key] for key in (*SECTIONS, *PLAIN_LISTS)]
    lists += list(data["counterparts"].values())
    assert all(isinstance(words, list) and words for words in lists)


def test_every_cue_is_simplified():
    """Sentences are matched after conversion to simplified script, so a traditional cue never matches."""
    assert [w for w in _all_words(_raw()) if to_simplified(w) != w] == []


@pytest.mark.parametrize(
    ("section", "kind"),
    [pytest.param(k, k, id=k) for k in ("in_person", "phone", "video")]
    + [pytest.param(section, kind, id=section) for section, kind in SECTIONS.items()],
)
def test_every_word_is_found_as_its_kind(section, kind):
    data = _raw()
    words = data["meeting_cues"][section] if section in ("in_person", "phone", "video") else data[section]
    cues = load_cues()
    missing = [w for w in words if not any(h.word == w and h.kind == kind for h in cues.find(w))]
    assert missing == []


def test_counterparts_are_found_with_their_side():
    data = _raw()
    cues = load_cues()
    for side, entries in data["counterparts"].items():
        for entry in entries:
            hits = [h for h in cues.find(entry["cue"]) if h.kind == "counterpart" and h.word == entry["cue"]]
            assert [(h.counterpart.side, h.counterpart.name_en) for h in hits] == [(side, entry["name_en"])]


def test_loaded_lists_match_the_file():
    data, cues = _raw(), load_cues()
    assert sorted(cues.reference_tails) == sorted(data["reference_tails"])
    assert sorted(cues.foreign_countries) == sorted(data["foreign_countries"])
    assert set(cues.meeting_words()) == {
        w for kind in ("in_person", "phone", "video") for w in data["meeting_cues"][kind]
    }


def test_foreign_countries_longest_first():
    """日本 before 日, 俄罗斯 before 俄: the longest country name decides what a title follows."""
    lengths = [len(w) for w in load_cues().foreign_countries]
    assert lengths == sorted(lengths, reverse=True)


FIND = [
    pytest.param(
        "王毅与布林肯视频通话", [("视频通话", "video"), ("通话", "phone")], id="overlapping-cues-all-found"
    ),
    pytest.param("王毅与布林肯通电话", [("通电话", "phone")], id="phone-call"),
    pytest.param("拜登未能与习近平会晤", [("未", "negation"), ("未能", "negation")], id="negation-prefix"),
    pytest.param("天气晴朗", [], id="no-cue"),
]


@pytest.mark.parametrize(("sentence", "expected"), FIND)
def test_find(sentence, expected):
    found = {(h.word, h.kind) for h in load_cues().find(sentence)}
    assert set(expected) <= found
    assert bool(found) == bool(expected)


def test_find_offsets():
    [hit] = [h for h in load_cues().find("王毅与布林肯通电话。") if h.kind == "phone"]
    assert (hit.begin, hit.end, hit.word) == (6, 9, "通电话")


STRONGEST = [
    pytest.param(["in_person", "phone", "video"], "video", id="video-beats-all"),
    pytest.param(["phone", "in_person"], "phone", id="phone-beats-in-person"),
    pytest.param(["in_person", "discuss"], "in_person", id="in-person"),
    pytest.param(["weak", "body", "planned"], "unknown", id="no-kind-is-unknown"),
    pytest.param([], "unknown", id="nothing-is-unknown"),
]


@pytest.mark.parametrize(("kinds", "expected"), STRONGEST)
def test_strongest_type(kinds, expected):
    assert strongest_type(kinds) == expected


GOOD_TYPES = {"in_person": ["会谈"], "phone": ["通话"], "video": ["视频通话"]}
GOOD_SECTIONS = {key: ["词"] for key in SECTIONS}

BAD = [
    pytest.param(lambda: _require_list({}, "report_verbs"), "report_verbs: ", id="missing-list"),
    pytest.param(
        lambda: _require_list({"report_verbs": []}, "report_verbs"), "report_verbs: ", id="empty-list"
    ),
    pytest.param(
        lambda: _require_list({"report_verbs": "说"}, "report_verbs"), "report_verbs: ", id="not-a-list"
    ),
    pytest.param(
        lambda: _require_list({"report_verbs": ["说", ""]}, "report_verbs"), "report_verbs: ", id="empty-word"
    ),
    pytest.param(
        lambda: _require_list({"report_verbs": ["说", 3]}, "report_verbs"), "report_verbs: ", id="number-word"
    ),
    pytest.param(
        lambda: _read_counterparts({"counterparts": {"UK": []}}),
        "counterparts.UK: side",
        id="counterpart-side-not-us-or-cn",
    ),
    pytest.param(
        lambda: _read_counterparts({"counterparts": {"US": [{"cue": "美方"}]}}),
        "'name_en'",
        id="counterpart-lacks-a-field",
    ),
    pytest.param(
        lambda: _entries({"meeting_cues": {"in_person": ["会谈"], "phone": ["通话"]}, **GOOD_SECTIONS}, ()),
        "video: must be",
        id="meeting-type-missing",
    ),
    pytest.param(
        lambda: _entries({"meeting_cues": GOOD_TYPES, **{**GOOD_SECTIONS, "past_markers": []}}, ()),
        "past_markers: must not be empty",
        id="section-empty",
    ),
]


@pytest.mark.parametrize(("check", "named"), BAD)
def test_malformed_vocabulary_names_the_file(check, named):
    with pytest.raises(VocabError) as error:
        check()
    assert str(error.value).startswith(VOCAB_FILE + ": ")
    assert named in str(error.value)


def test_well_formed_sections_pass_the_checks():
    """The good dictionaries the malformed cases start from are accepted."""
    entries = _entries({"meeting_cues": GOOD_TYPES, **GOOD_SECTIONS}, ())
    assert entries["视频通话"] == [("视频通话", "video", None)]
    assert sorted(kind for _, kind, _ in entries["词"]) == sorted(SECTIONS.values())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "两国代表当天举行了海洋事务工作组第二次会议。", "举行了海洋事务工作组第二次会议", id="body"
        ),
        pytest.param("双方共同主持召开联委会第五次会议。", "共同主持召开联委会第五次会议", id="co-chaired"),
        pytest.param(
            "周启明与道森在华盛顿进行新一轮副部级战略对话。", "进行新一轮副部级战略对话", id="new-round"
        ),
        pytest.param("两国官员举行第三轮战略沟通。", "举行第三轮战略沟通", id="third-round-of-communication"),
        pytest.param(
            "会议由陈志华和美国副助理部长道森共同主持。",
            "会议由陈志华和美国副助理部长道森共同主持",
            id="chaired-by",
        ),
        pytest.param("中方愿与美方保持沟通。", None, id="keeping-in-touch-is-no-meeting"),
        pytest.param("双方进行了深入沟通。", None, id="communication-without-a-round"),
        pytest.param("双方举行了会谈。", None, id="listed-word-covers-the-compound"),
    ],
)
def test_meeting_predicates_are_found_by_grammar(sentence: str, expected: str | None) -> None:
    compounds = [h.word for h in load_cues().find(sentence) if h.kind == "weak" and len(h.word) > 4]
    assert compounds == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "副部长会见美国农业贸易代表团。", [("US", "美国农业贸易代表团")], id="us-delegation-by-purpose"
        ),
        pytest.param("美方代表团与中方举行会谈。", [("US", "美方代表团")], id="listed-delegation"),
        pytest.param("中国海关代表团抵达华盛顿。", [("CN", "中国海关代表团")], id="cn-delegation-by-purpose"),
        pytest.param("他会见了访美代表团。", [], id="visiting-the-us-is-not-american"),
        pytest.param("王小洪会见美国禁毒联合代表团。", [], id="a-dictionary-institution-is-found-there"),
    ],
)
def test_delegations_are_found_by_grammar(sentence: str, expected: list[tuple[str, str]]) -> None:
    hits = [h.counterpart for h in load_cues().find(sentence) if h.counterpart is not None]
    assert [(c.side, c.name_zh) for c in hits] == expected
