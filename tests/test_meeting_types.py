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
