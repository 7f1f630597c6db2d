"""The officials vocabulary: checking the YAML, with errors that name the file and the entry."""

from __future__ import annotations

import pytest

from data_prep.vocab.loader import VocabError
from data_prep.vocab.officials import build_vocabulary


def _entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "key": "antony-blinken",
        "name_en": "Antony Blinken",
        "name_zh": "布林肯",
        "side": "US",
        "zh": ["布林肯"],
        "roles": [
            {
                "title_en": "Secretary of State",
                "title_zh": "国务卿",
                "from": "2021-01-26",
                "to": "2025-01-20",
                "rank": 80,
            }
        ],
    }
    entry.update(changes)
    return entry


def _burns(key: str, **changes: object) -> dict[str, object]:
    return _entry(key=key, zh=["伯恩斯"], **changes)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({"persons": []}, "people", id="no-people-list"),
        pytest.param({"people": [_entry(), _entry()]}, "antony-blinken: key used twice", id="duplicate-key"),
        pytest.param({"people": [_entry(side="TW")]}, "antony-blinken: side", id="bad-side"),
        pytest.param({"people": [_entry(key="Antony Blinken")]}, "lowercase-hyphenated", id="bad-key"),
        pytest.param(
            {"people": [_entry(zh=["布林肯", ""])]},
            "antony-blinken.zh: must be a list of non-empty",
            id="empty-alias",
        ),
        pytest.param({"people": [_entry(zh=[])]}, "zh lists no alias", id="no-alias"),
        pytest.param(
            {"people": [_entry(roles=[{"title_en": "x", "title_zh": "x", "from": "2021-13-01", "rank": 1}])]},
            "is not an ISO date",
            id="bad-date",
        ),
        pytest.param(
            {
                "people": [
                    _entry(
                        roles=[
                            {
                                "title_en": "x",
                                "title_zh": "x",
                                "from": "2022-01-01",
                                "to": "2021-01-01",
                                "rank": 1,
                            }
                        ]
                    )
                ]
            },
            "ends",
            id="from-after-to",
        ),
        pytest.param({"people": [_entry(roles=[])]}, "at least one role", id="no-role"),
        pytest.param(
            {"people": [_entry(guards=[{"aliases": ["白林肯"]}])]}, "not in zh", id="guard-unknown-alias"
        ),
        pytest.param(
            {"people": [_burns("william-burns"), _burns("nicholas-burns")]},
            "william-burns / nicholas-burns: alias 伯恩斯 is shared",
            id="shared-alias-unresolved",
        ),
        pytest.param(
            {"people": [_entry()], "not_officials": ["布林肯"]},
            "not_officials: 布林肯",
            id="blocker-is-alias",
        ),
    ],
)
def test_vocabulary_errors_name_file_and_entry(data: dict[str, object], message: str) -> None:
    with pytest.raises(VocabError, match=message) as caught:
        build_vocabulary(data, "vocab/officials.yaml")
    assert str(caught.value).startswith("vocab/officials.yaml: ")


def test_shared_alias_is_fine_with_a_default_or_without_overlap() -> None:
    default = {"people": [_burns("william-burns"), _burns("nicholas-burns", default_for=["伯恩斯"])]}
    assert set(build_vocabulary(default, "x.yaml").people) == {"william-burns", "nicholas-burns"}
    later = [{"title_en": "x", "title_zh": "x", "from": "2025-02-01", "rank": 1}]
    apart = {"people": [_burns("william-burns"), _burns("nicholas-burns", roles=later)]}
    assert len(build_vocabulary(apart, "x.yaml").people) == 2
