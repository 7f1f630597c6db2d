"""A user's own vocabulary: unknown officials in report.json, `officials --unknown`, `build --officials`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data_prep import __main__ as cli
from data_prep.screen.prefilter import forget_vocabulary
from data_prep.vocab.officials import register_user_officials

# Invented officials of both sides, outside the dictionary, in an invented article.
ARTICLE = """---
layout: post
title: "中美禁毒合作工作组举行会议"
date: 2025-03-10T12:00:00.000Z
from: https://example.com/news/1
categories: [ 示例新闻 ]
---
<p>公安部禁毒局局长周启明10日在北京会见美国国务院负责禁毒事务的副助理国务卿马克·道森（Mark Dawson），
双方就禁毒合作交换意见。</p>
"""


@pytest.fixture(autouse=True)
def _packaged_only() -> object:
    yield
    if register_user_officials(None):
        forget_vocabulary()  # the screen's automaton holds the user's names too


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "2025-03-10-EX-禁毒会见.html").write_text(ARTICLE, "utf-8")
    return folder


def test_report_lists_unknown_officials_and_the_file_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out = _folder(tmp_path), tmp_path / "out"
    assert cli.main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    report = json.loads((out / "report.json").read_text("utf-8"))
    unknown = {e["key"]: e for e in report["unknown_officials"]}
    assert set(unknown) == {"new:zhou-qi-ming", "new:ma-ke-dao-sen"}
    assert unknown["new:ma-ke-dao-sen"]["name_en"] == "Mark Dawson"
    assert unknown["new:zhou-qi-ming"]["titles_zh"] == ["公安部禁毒局局长"]
    assert unknown["new:zhou-qi-ming"]["dates"] == ["2025-03-10"]
    assert "周启明" in unknown["new:zhou-qi-ming"]["sample"]["sentence"]

    capsys.readouterr()
    assert cli.main(["officials", "--unknown", str(out)]) == 0
    user_file = tmp_path / "my_officials.yaml"
    user_file.write_text(capsys.readouterr().out, "utf-8")
    again = tmp_path / "again"
    assert (
        cli.main(["build", str(folder), "--out", str(again), "--quiet", "--officials", str(user_file)]) == 0
    )
    rebuilt = json.loads((again / "report.json").read_text("utf-8"))
    assert rebuilt["unknown_officials"] == []
    meetings = json.loads((again / "meetings.json").read_text("utf-8"))["meetings"]
    assert {p["name_en"] for p in meetings[0]["participants"]} == {"Zhou Qiming", "Mark Dawson"}


@pytest.mark.parametrize(
    ("text", "entry", "reason"),
    [
        pytest.param("people:\n- key: Not A Key\n  side: US\n", "Not A Key", "lowercase", id="bad-key"),
        pytest.param("people: 3\n", "file", "people", id="no-people-list"),
        pytest.param(
            "people:\n- {key: wang-yi, name_en: W, name_zh: 王, side: CN, zh: [王],"
            " roles: [{title_en: a, title_zh: b, from: 2020-01-01, rank: 10}]}\n",
            "wang-yi",
            "packaged",
            id="key-of-the-packaged-dictionary",
        ),
        pytest.param("people: [\n", "file", "YAML", id="not-yaml"),
    ],
)
def test_malformed_user_file_names_file_entry_and_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, entry: str, reason: str
) -> None:
    user_file = tmp_path / "bad.yaml"
    user_file.write_text(text, "utf-8")
    status = cli.main(
        ["build", str(_folder(tmp_path)), "--out", str(tmp_path / "o"), "--officials", str(user_file)]
    )
    message = capsys.readouterr().err
    assert status == cli.EXIT_USAGE
    assert str(user_file) in message and f": {entry}: " in message and reason in message
