"""Every topic tag comes with the sentence that ties it to the meeting; count the tags without one.

A tag without a sentence is a defect of the table (the detail panel says so instead of showing nothing).
Counted on the seeds and on the four shared months, from `tests/fixtures/months/<month>.tar.xz`: the
articles behind each month's rows, cut to the paragraphs that report meetings (`make_fixtures.py` there
says how). Built from them, the months have the rows of up to 114 sources whose topic sentences fell
past the cap on a row's excerpts (seven tags without a sentence before the merge kept them), so the
count can fail. The counts are printed with `pytest -s`.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from dashboard.components import find_unsupported_topics
from data_prep.build import build

REPO = Path(__file__).resolve().parent.parent
MONTHS = Path(__file__).parent / "fixtures" / "months"


def build_table(articles: Path, out: Path) -> list[dict[str, object]]:
    build(articles, out, workers=1, use_cache=False)
    meetings: list[dict[str, object]] = json.loads((out / "meetings.json").read_text("utf-8"))["meetings"]
    return meetings


def find_tags_without_a_sentence(meetings: list[dict[str, object]]) -> list[tuple[str, str]]:
    return [(str(m["id"]), topic) for m in meetings for topic in find_unsupported_topics(m)]


@pytest.mark.parametrize(
    ("meeting", "unsupported"),
    [
        pytest.param(
            {"topics": ["taiwan"], "excerpts": [{"text": "…", "topics": ["taiwan"]}]}, [], id="supported"
        ),
        pytest.param(
            {"topics": ["taiwan", "trade"], "excerpts": [{"text": "…"}]}, ["taiwan", "trade"], id="bare"
        ),
        pytest.param({"topics": [], "excerpts": []}, [], id="no-topics"),
    ],
)
def test_find_unsupported_topics(meeting: dict[str, object], unsupported: list[str]) -> None:
    assert find_unsupported_topics(meeting) == unsupported


def test_seeds_tags_without_a_sentence(tmp_path: Path) -> None:
    meetings = build_table(REPO / "seeds", tmp_path / "seeds")
    missing = find_tags_without_a_sentence(meetings)
    print(f"seeds: {len(missing)} of {sum(len(m['topics']) for m in meetings)} tags have no sentence")  # type: ignore[arg-type]
    assert missing == []


@pytest.mark.parametrize("month", ["2203", "2306", "2401", "2408"])
def test_shared_months_tags_without_a_sentence(month: str, tmp_path: Path) -> None:
    with tarfile.open(MONTHS / f"{month}.tar.xz") as archive:
        archive.extractall(tmp_path, filter="data")
    meetings = build_table(tmp_path / month, tmp_path / "table")
    tags = sum(len(m["topics"]) for m in meetings)  # type: ignore[arg-type]
    missing = find_tags_without_a_sentence(meetings)
    print(f"{month}: {len(missing)} of {tags} topic tags have no supporting sentence")
    assert len(meetings) >= 5 and tags >= 14
    assert missing == []
