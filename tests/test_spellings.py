"""Every spelling of an official in the extraction's vocabulary finds them in the dashboard."""

import pytest

from dashboard.spellings import build_spellings, find_spellings


@pytest.mark.parametrize(
    ("official", "spelling"),
    [
        pytest.param("Jake Sullivan", "蘇利文", id="taiwan-transliteration"),
        pytest.param("Jake Sullivan", "苏利文", id="simplified-variant"),
        pytest.param("Jake Sullivan", "沙利文", id="canonical"),
        pytest.param("Janet Yellen", "叶伦", id="yellen-variant"),
        pytest.param("Janet Yellen", "葉倫", id="traditional"),
        pytest.param("Janet Yellen", "Janet Yellen", id="english"),
    ],
)
def test_spellings_of_the_vocabulary(official: str, spelling: str) -> None:
    assert spelling in find_spellings(official)


def test_traditional_forms_and_unseparated_full_names_are_derived() -> None:
    [spellings] = build_spellings(
        [{"name_en": "Jake Sullivan", "name_zh": "沙利文", "zh": ["杰克·沙利文"]}]
    ).values()
    assert "傑克·沙利文" in spellings and "杰克沙利文" in spellings


def test_an_official_the_vocabulary_lacks_keeps_the_tables_names() -> None:
    assert find_spellings("US participants (track 1.5)", "美方人士") == (
        "US participants (track 1.5)",
        "美方人士",
    )
