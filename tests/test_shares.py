"""Archives streamed by the workers, each claiming chunks: the same table and report as one reader."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest

from data_prep.build import build
from data_prep.engines import shares

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MEETING = (
    "---\ntitle: 王毅会见布林肯\ndate: 2024-01-10 09:00:00 +0800\n---\n"
    "新华社北京1月10日电 中共中央政治局委员、外交部长王毅10日在北京会见美国国务卿布林肯。"
    "双方就台湾问题交换了意见。\n"
)


def write_tar(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members:
            member = tarfile.TarInfo(name)
            member.size, member.mtime = len(data), 1_700_000_000
            archive.addfile(member, io.BytesIO(data))
    return path


def month(*extra: tuple[str, bytes]) -> list[tuple[str, bytes]]:
    """The seeds, a repeated path, a duplicate, files that are not articles, and an empty file."""
    seeds = [(f"_posts/{path.name}", path.read_bytes()) for path in sorted(SEEDS.iterdir())]
    return [
        ("_posts/README.md", b"not an article"),
        *seeds[:3],
        ("_posts/a.md", MEETING.encode()),
        ("_posts/a.md", (MEETING + "双方同意保持沟通。\n").encode()),  # `tar -r`: a.md~2
        ("_posts/logo.png", b"\x89PNG"),
        ("_posts/copy.md", MEETING.encode("gb18030")),  # a duplicate of a.md
        ("_posts/empty.md", b""),
        *seeds[3:],
        *extra,
    ]


def outputs(out: Path) -> dict[str, Any]:
    return {name: json.loads((out / name).read_bytes()) for name in ("meetings.json", "report.json")}


@pytest.fixture
def in_chunks_of_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every tar archive read by the workers, two members a claim (many claims for a small archive)."""
    monkeypatch.setattr(shares, "MIN_BYTES", 0)
    monkeypatch.setattr(shares, "CHUNK", 2)


@pytest.mark.usefixtures("in_chunks_of_two")
def test_archives_read_by_two_workers_give_the_table_and_report_of_one_reader(tmp_path: Path) -> None:
    first = write_tar(tmp_path / "first.tar.gz", month())
    second = write_tar(tmp_path / "second.tar.gz", month(("_posts/z.md", MEETING.encode())))
    seen: list[tuple[int, int]] = []
    shared = build([first, second, SEEDS], tmp_path / "shared", workers=2, progress=lambda *p: seen.append(p))
    alone = build([first, second, SEEDS], tmp_path / "alone", workers=1)
    assert outputs(tmp_path / "shared") == outputs(tmp_path / "alone")
    assert shared.files == alone.files
    report = outputs(tmp_path / "shared")["report.json"]
    assert report["files"]["first.tar.gz:_posts/a.md~2"]["status"] == "meetings"
    assert report["files"]["first.tar.gz:_posts/copy.md"] == {
        "status": "duplicate",
        "of": "first.tar.gz:_posts/a.md",
    }
    total = 2 * len(month()) + 1 + len(list(SEEDS.iterdir()))
    assert seen[-1] == (total, total) and all(done <= count for done, count in seen)


@pytest.mark.usefixtures("in_chunks_of_two")
def test_a_rebuild_opens_no_archive_and_a_changed_one_reuses_its_unchanged_members(tmp_path: Path) -> None:
    archive = write_tar(tmp_path / "month.tar.gz", month())
    out = tmp_path / "out"
    build(archive, out, workers=2)
    first = outputs(out)
    assert build(archive, out, workers=2).reused == len(month())
    assert outputs(out)["report.json"]["files"] == first["report.json"]["files"]
    write_tar(archive, month(("_posts/z.md", (MEETING + "又及。\n").encode())))
    changed = build(archive, out, workers=2)
    articles = len(month()) - 2  # the README and the image are not cached as articles...
    assert changed.reused == articles  # ...but every article read before is reused by its hash
    assert outputs(out)["report.json"]["files"]["month.tar.gz:_posts/z.md"]["status"] == "meetings"


@pytest.mark.usefixtures("in_chunks_of_two")
def test_a_damaged_archive_reports_what_one_reader_reports(tmp_path: Path) -> None:
    whole = write_tar(tmp_path / "whole.tar.gz", month()).read_bytes()
    damaged = tmp_path / "month.tar.gz"
    damaged.write_bytes(whole[: len(whole) * 2 // 3])
    build(damaged, tmp_path / "shared", workers=2, use_cache=False)
    build(damaged, tmp_path / "alone", workers=1, use_cache=False)
    assert outputs(tmp_path / "shared") == outputs(tmp_path / "alone")
    files = outputs(tmp_path / "shared")["report.json"]["files"]
    assert files["month.tar.gz"]["status"] == "skipped"
