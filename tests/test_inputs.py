"""Inputs: folders, archives streamed member by member, globs, and how their articles are named."""

from __future__ import annotations

import io
import os
import pickle
import random
import tarfile
import threading
import zipfile
from pathlib import Path

import pytest

from data_prep.errors import FolderError
from data_prep.read.files import Skip
from data_prep.read.inputs import InputFile, find_input_files, read_file, resolve_inputs

FILES = {"_posts/2024-01-09-a.html": b"<p>a</p>", "_posts/sub/b.md": "正文".encode(),
         "_posts/README.md": b"x", "_posts/photo.jpg": b"\xff\xd8", "_posts/.hidden.md": b"x",
         ".git/config": b"x"}  # fmt: skip


def write_tar(path: Path, files: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1_700_000_000
            archive.addfile(info, io.BytesIO(data))
    return path


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def write_folder(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def listing(found: list[InputFile | Skip]) -> list[tuple[str, bytes | str]]:
    return sorted((item.path, item.reason) if isinstance(item, Skip) else (item.name, item.read_stamped()[0])
                  for item in found)  # fmt: skip


EXPECTED = [
    ("{}_posts/.hidden.md", "hidden file"),
    ("{}_posts/2024-01-09-a.html", b"<p>a</p>"),
    ("{}_posts/README.md", "not an article (README file)"),
    ("{}_posts/photo.jpg", "not an article (image)"),
    ("{}_posts/sub/b.md", "正文".encode()),
]


@pytest.mark.parametrize(
    ("name", "write"),
    [
        pytest.param("corpus.tar.gz", write_tar, id="tar.gz"),
        pytest.param("corpus.tgz", write_tar, id="tgz"),
        pytest.param("corpus.tar", lambda path, files: write_tar(path, files, "w"), id="tar"),
        pytest.param("corpus.zip", write_zip, id="zip"),
    ],
)
def test_an_archive_lists_like_a_folder_with_its_name_in_front(
    tmp_path: Path, name: str, write: object
) -> None:
    archive = write(tmp_path / name, FILES)  # type: ignore[operator]
    folder = write_folder(tmp_path / "corpus", FILES)
    from_archive, from_folder = resolve_inputs([archive, folder])
    assert listing(list(find_input_files(from_archive))) == [(p.format(f"{name}:"), v) for p, v in EXPECTED]
    assert listing(list(find_input_files(from_folder))) == [(p.format("corpus:"), v) for p, v in EXPECTED]


def test_a_lone_folder_names_articles_by_their_path_in_it(tmp_path: Path) -> None:
    (source,) = resolve_inputs([write_folder(tmp_path / "corpus", FILES)])
    assert listing(list(find_input_files(source))) == [(p.format(""), v) for p, v in EXPECTED]


def test_inputs_of_the_same_name_are_told_apart_by_their_order(tmp_path: Path) -> None:
    first = write_tar(tmp_path / "a" / "corpus.tar.gz", FILES) if (tmp_path / "a").mkdir() is None else None
    second = write_tar(tmp_path / "b" / "corpus.tar.gz", FILES) if (tmp_path / "b").mkdir() is None else None
    assert [source.label for source in resolve_inputs([second, first])] == [
        "corpus.tar.gz",
        "corpus.tar.gz~2",
    ]


def test_a_glob_expands_in_sorted_order(tmp_path: Path) -> None:
    for month in ("2401", "2203"):
        write_tar(tmp_path / f"corpus-{month}.tar.gz", FILES)
    labels = [source.label for source in resolve_inputs([str(tmp_path / "corpus-*.tar.gz")])]
    assert labels == ["corpus-2203.tar.gz", "corpus-2401.tar.gz"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda tmp: tmp / "missing", "articles folder not found", id="missing"),
        pytest.param(lambda tmp: str(tmp / "nothing-*.zip"), "no file or folder matches", id="empty-glob"),
        pytest.param(
            lambda tmp: write_folder(tmp, {"notes.txt": b"x"}) / "notes.txt", "not a folder", id="file"
        ),
    ],
)
def test_an_input_that_cannot_be_used_is_named(tmp_path: Path, make: object, message: str) -> None:
    with pytest.raises(FolderError, match=message):
        resolve_inputs([make(tmp_path)])  # type: ignore[operator]


def test_a_truncated_archive_keeps_what_was_read_and_says_where_it_broke(tmp_path: Path) -> None:
    noise = random.Random(1)
    big = {f"_posts/{n:03}.md": noise.randbytes(50_000) for n in range(20)}
    whole = write_tar(tmp_path / "whole.tar.gz", big).read_bytes()
    (tmp_path / "cut.tar.gz").write_bytes(whole[: len(whole) // 2])
    (source,) = resolve_inputs([tmp_path / "cut.tar.gz"])
    found = list(find_input_files(source))
    assert isinstance(found[-1], Skip) and found[-1].path == "cut.tar.gz"
    assert "unreadable" in found[-1].reason
    assert all(isinstance(item, InputFile) for item in found[:-1])


def test_an_archive_member_over_the_size_limit_is_skipped_unread(tmp_path: Path) -> None:
    archive = tmp_path / "big.tar"
    with tarfile.open(archive, "w") as tar:
        info = tarfile.TarInfo("_posts/huge.md")
        info.size = 21 * 1024 * 1024
        tar.addfile(info, io.BytesIO(b"x" * info.size))
    (source,) = resolve_inputs([archive])
    assert listing(list(find_input_files(source))) == [
        ("big.tar:_posts/huge.md", "file is 21 MB, over the 20 MB limit")
    ]


def test_a_folder_file_is_read_with_the_stamp_os_stat_gives(tmp_path: Path) -> None:
    path = write_folder(tmp_path, {"a.md": random.Random(2).randbytes(70_000)}) / "a.md"
    os.utime(path, ns=(1_700_000_000_123_456_789, 1_700_000_000_123_456_789))
    status = os.stat(path)
    assert read_file(path) == (path.read_bytes(), status.st_size, status.st_mtime_ns)
    item = InputFile("a.md", (0, "a.md"), path=str(path))
    assert item.read_stamped() == (path.read_bytes(), status.st_size, status.st_mtime_ns)


def test_a_file_longer_than_its_size_says_is_read_to_its_end(tmp_path: Path) -> None:
    """A pipe says size 0, as a file that grows says less than it holds: reads go on until the end."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    data = random.Random(3).randbytes(300_000)
    writer = threading.Thread(target=pipe.write_bytes, args=(data,))
    writer.start()
    raw, size, _ = read_file(pipe)
    writer.join()
    assert (raw, size) == (data, 0)


def test_a_file_sent_to_a_worker_arrives_whole() -> None:
    member = InputFile("a.tar:x.md", (1, "x.md"), None, b"<p>x</p>", 8, 1_700_000_000_000_000_001, 0.5)
    folder_file = InputFile("y.md", (0, "y.md"), path="/posts/y.md")
    for item in (member, folder_file):
        assert pickle.loads(pickle.dumps(item, pickle.HIGHEST_PROTOCOL)) == item
