"""Vocabularies kept between builds in the user's cache folder: used only for the same code, vocabularies
and officials file, and never needed for a build to run."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_prep.build import VOCABULARIES_FILE, build
from data_prep.model import BuildResult
from data_prep.screen import prefilter
from data_prep.vocab import kept, officials, script
from data_prep.vocab.officials import load_vocabulary, register_user_officials
from data_prep.vocab.script import converter

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# Invented officials of both sides, outside the dictionary, in an invented article.
ARTICLE = """---
layout: post
title: "中美禁毒合作工作组举行会议"
date: 2025-03-10T12:00:00.000Z
from: https://example.com/news/1
---
<p>公安部禁毒局局长周启明10日在北京会见美国国务院负责禁毒事务的副助理国务卿马克·道森（Mark Dawson），
双方就禁毒合作交换意见。</p>
"""
USER_OFFICIALS = """people:
- key: zhou-qiming
  name_en: Zhou Qiming
  name_zh: 周启明
  side: CN
  zh: [周启明]
  roles: [{title_en: Director, title_zh: 公安部禁毒局局长, from: 2024-01-01, rank: 40}]
- key: mark-dawson
  name_en: Mark Dawson
  name_zh: 马克·道森
  side: US
  zh: [马克·道森, 道森]
  roles: [{title_en: Deputy Assistant Secretary, title_zh: 副助理国务卿, from: 2024-01-01, rank: 40}]
"""


@pytest.fixture
def cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A process that has built no vocabulary yet, whose user cache folder is in tmp_path."""
    _new_process(monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield tmp_path / "cache"
    register_user_officials(None)


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process built, as a new build's process starts without it."""
    monkeypatch.setattr(kept, "_BUILT", {})
    monkeypatch.setattr(kept, "_ON_DISK", [])
    monkeypatch.setattr(kept, "_BUILT_FOR", [])
    monkeypatch.setattr(prefilter, "_MATCHERS", {})


def _meetings(out: Path) -> bytes:
    return (out / "meetings.json").read_bytes()


def test_the_next_build_reads_the_kept_vocabularies_instead_of_their_yaml(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(SEEDS, tmp_path / "first")
    assert (cache_home / "meetings-tracker" / VOCABULARIES_FILE).is_file()
    assert first.meetings
    _new_process(monkeypatch)

    def no_yaml(text: str, path: str) -> object:
        raise AssertionError(f"{path} parsed again")

    def traditional_only(config: str) -> object:
        assert not config.startswith("s2t"), "a vocabulary's words converted to traditional script again"
        return converter(config)

    monkeypatch.setattr(officials, "parse_vocab", no_yaml)
    monkeypatch.setattr(script, "converter", traditional_only)
    build(SEEDS, tmp_path / "second")
    assert _meetings(tmp_path / "second") == _meetings(tmp_path / "first")


def test_vocabularies_kept_for_another_fingerprint_are_not_used(cache_home: Path) -> None:
    path = cache_home / "vocabularies.pickle"
    name = f"{load_vocabulary.__module__}.{load_vocabulary.__qualname__}"
    assert kept.write_pickles(path, "older code", {name: "a stale vocabulary"})

    kept.read_kept_vocabularies(path, "this code")
    assert isinstance(load_vocabulary(), officials.Vocabulary)

    kept.forget(load_vocabulary)
    kept.read_kept_vocabularies(path, "older code")
    assert load_vocabulary() == "a stale vocabulary"  # the same fingerprint: the kept one is used


def test_a_users_officials_file_changes_what_is_found_whatever_was_kept(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "2025-03-10-EX-meeting.html").write_text(ARTICLE, "utf-8")
    user_file = tmp_path / "mine.yaml"
    user_file.write_text(USER_OFFICIALS, "utf-8")

    users = {"zhou-qiming", "mark-dawson"}
    assert _keys(build(folder, tmp_path / "packaged")).isdisjoint(users)  # keeps the packaged vocabularies
    _new_process(monkeypatch)
    assert _keys(build(folder, tmp_path / "with-user", officials=user_file)) == users
    register_user_officials(None)
    _new_process(monkeypatch)
    assert _keys(build(folder, tmp_path / "packaged-again")).isdisjoint(users)  # not the user's, kept last


def _keys(result: BuildResult) -> set[str]:
    return {p.key for meeting in result.meetings for p in meeting.participants}


def test_a_cache_folder_that_cannot_be_written_costs_only_the_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _new_process(monkeypatch)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    build(SEEDS, tmp_path / "blocked")
    _new_process(monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    build(SEEDS, tmp_path / "kept")
    assert _meetings(tmp_path / "blocked") == _meetings(tmp_path / "kept")
    assert json.loads((tmp_path / "blocked" / "report.json").read_bytes())["files"]
    assert sorted(p.name for p in (tmp_path / "cache" / "meetings-tracker").iterdir()) == [
        "screen-matcher.pickle",
        VOCABULARIES_FILE,
    ]


def test_writing_leaves_no_temporary_behind(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "kept.pickle"
    assert kept.write_pickles(path, "fingerprint", {"a": 1})
    assert kept.write_pickles(path, "fingerprint", {"a": 2})
    assert [p.name for p in path.parent.iterdir()] == ["kept.pickle"]


def test_kept_values_read_back_equal_and_sharing_what_they_shared(tmp_path: Path) -> None:
    path = tmp_path / "kept.pickle"
    vocabulary = load_vocabulary()
    person = next(iter(vocabulary.people.values()))
    assert kept.write_pickles(path, "fingerprint", {"people": vocabulary.people, "again": person})
    values = kept.read_pickle(path, "fingerprint")
    assert isinstance(values, dict)
    assert values["people"] == vocabulary.people
    assert values["again"] is values["people"][person.key]


def test_a_vocabulary_built_before_its_source_changed_is_not_kept_for_the_new_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One process, two builds (a notebook, a library): between them a vocabulary's YAML is edited,
    # so the second build's fingerprint differs. What the first built must not be kept under it.
    _new_process(monkeypatch)
    source = ["as first read"]

    @kept.built_once
    def load_words() -> tuple[str, ...]:
        return tuple(source)

    path = tmp_path / "vocabularies.pickle"
    kept.read_kept_vocabularies(path, "before the edit")
    assert load_words() == ("as first read",)
    kept.write_kept_vocabularies(path, "before the edit")

    source[0] = "as edited"
    kept.read_kept_vocabularies(path, "after the edit")
    assert load_words() == ("as edited",)
    kept.write_kept_vocabularies(path, "after the edit")

    _new_process(monkeypatch)  # the next build, in a process of its own
    kept.read_kept_vocabularies(path, "after the edit")
    assert load_words() == ("as edited",)


def test_importing_the_build_builds_no_vocabulary_it_could_read_kept() -> None:
    """A vocabulary built at import, before the build reads the kept ones, would be built every time."""
    script = "from data_prep.vocab import kept\nimport data_prep.build\nprint(sorted(kept._BUILT))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_kept_file_whose_bytes_changed_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "kept.pickle"
    assert kept.write_pickles(path, "fingerprint", {"name": "Antony Blinken"})
    assert kept.read_pickle(path, "fingerprint") == {"name": "Antony Blinken"}
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Antony", b"Antonx"))  # damage that still unpickles, to another value
    assert kept.read_pickle(path, "fingerprint") is None
    path.write_bytes(data[: len(data) // 2])  # cut short
    assert kept.read_pickle(path, "fingerprint") is None


def test_a_file_kept_by_another_python_or_library_build_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kept.pickle"
    assert kept.write_pickles(path, "fingerprint", {"a": 1})
    assert kept.read_pickle(path, "fingerprint") == {"a": 1}
    monkeypatch.setattr(kept, "runtime_stamp", lambda: "another Python, another pyahocorasick")
    assert kept.read_pickle(path, "fingerprint") is None
