"""Files: the walk of an articles folder, and what it passes over."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from data_prep.read.files import Skip, find_article_files
from data_prep.read.inputs import read_file, unreadable_reason


def test_find_article_files(tmp_path: Path) -> None:
    for name in ["b/2.html", "a.md", "b/c/3.txt", ".git/config", "b/photo.JPG", "README.md", "doc.pdf",
                 ".DS_Store", "z.zip"]:  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    os.symlink(tmp_path / "b", tmp_path / "b" / "c" / "loop")
    os.symlink(tmp_path / "nowhere.html", tmp_path / "broken.html")
    files, skips = find_article_files(tmp_path)
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.md", "b/2.html", "b/c/3.txt"]
    assert skips == [
        Skip(".DS_Store", "hidden file"),
        Skip("README.md", "not an article (README file)"),
        Skip("b/c/loop", "symlink to a folder already read (loop)"),
        Skip("b/photo.JPG", "not an article (image)"),
        Skip("broken.html", "broken or looping symlink"),
        Skip("doc.pdf", "not an article (PDF)"),
        Skip("z.zip", "not an article (archive)"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_listed_and_found_unreadable_when_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("x")
    secret.chmod(0)
    try:
        assert find_article_files(tmp_path) == ([secret], [])  # the walk goes by names alone
        with pytest.raises(PermissionError) as caught:
            read_file(secret)
        assert unreadable_reason(caught.value) == "unreadable: permission denied"
    finally:
        secret.chmod(0o644)
