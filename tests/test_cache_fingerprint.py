"""The build cache's fingerprint: any change to the code or to a packaged vocabulary makes it stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_prep import cache


@pytest.mark.parametrize("changed", ["stage.py", "vocab/words.yaml", "vocab/table.tsv"])
def test_the_fingerprint_follows_the_code_and_every_vocabulary_file(
    changed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "vocab").mkdir()
    for name in ("stage.py", "vocab/words.yaml", "vocab/table.tsv"):
        (tmp_path / name).write_text("one\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", tmp_path)
    before = cache.build_fingerprint("extract")
    (tmp_path / changed).write_text("two\n", encoding="utf-8")
    assert cache.build_fingerprint("extract") != before
