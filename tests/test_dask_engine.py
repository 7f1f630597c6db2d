"""The Dask engine writes byte for byte the default engine's meetings.json, on a LocalCluster."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from data_prep.build import build
from data_prep.engines.dask_cluster import _with_bytes
from data_prep.read.inputs import InputFile
from data_prep.vocab.officials import register_user_officials

pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")

ROOT = Path(__file__).resolve().parents[1]
MONTH = ROOT.parent / "shared" / "corpora" / "corpus-2203.tar.gz"  # the smallest of the shared months
FIXTURE_MONTH = ROOT / "tests" / "fixtures" / "months" / "2203.tar.xz"


def _same_table(inputs: Path, tmp_path: Path) -> None:
    build(inputs, tmp_path / "default", use_cache=False)
    build(inputs, tmp_path / "dask", use_cache=False, engine="dask", workers=2)
    default, dask = ((tmp_path / name / "meetings.json").read_bytes() for name in ("default", "dask"))
    assert dask == default
    assert (tmp_path / "dask" / "report.json").read_bytes() == (
        tmp_path / "default" / "report.json"
    ).read_bytes()


def test_dask_engine_writes_the_default_table_on_the_seeds(tmp_path: Path) -> None:
    _same_table(ROOT / "seeds", tmp_path)


@pytest.mark.skipif(not MONTH.exists(), reason="the shared corpora are not beside the checkout")
def test_dask_engine_writes_the_default_table_on_a_month_archive(tmp_path: Path) -> None:
    _same_table(MONTH, tmp_path)


def test_dask_engine_writes_the_default_table_on_a_months_reports_as_an_archive(tmp_path: Path) -> None:
    # Without the shared corpora too: the articles behind March 2022's rows (tests/fixtures/months),
    # repacked as a .tar.gz so that the client streams them out of an archive.
    archive = tmp_path / "corpus-2203.tar.gz"
    with tarfile.open(FIXTURE_MONTH) as fixture, tarfile.open(archive, "w:gz") as packed:
        members = [m for m in fixture.getmembers() if m.isfile()]
        assert len(members) > 100
        for member in members:
            packed.addfile(member, fixture.extractfile(member))
    _same_table(archive, tmp_path)
    table = json.loads((tmp_path / "default" / "meetings.json").read_text(encoding="utf-8"))
    assert len(table["meetings"]) >= 3


# An invented article of two officials outside the dictionary, and a user's file that names them.
ARTICLE = """---
title: "中美禁毒合作工作组举行会议"
date: 2025-03-10T12:00:00.000Z
---
<p>公安部禁毒局局长周启明10日在北京会见美国国务院负责禁毒事务的副助理国务卿马克·道森（Mark Dawson），
双方就禁毒合作交换意见。</p>
"""
OFFICIALS = """people:
- key: zhou-qi-ming
  name_en: Zhou Qiming
  name_zh: 周启明
  side: CN
  zh: [周启明]
  roles:
  - {title_en: Narcotics Control Bureau Director, title_zh: 公安部禁毒局局长, from: 2020-01-01, rank: 40}
"""


def test_dask_engine_reads_the_users_officials_file_like_the_default(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "2025-03-10-meeting.html").write_text(ARTICLE, "utf-8")
    officials = tmp_path / "my_officials.yaml"
    officials.write_text(OFFICIALS, "utf-8")
    try:
        for name, engine in (("default", "local"), ("dask", "dask")):
            build(folder, tmp_path / name, use_cache=False, engine=engine, workers=1, officials=officials)
    finally:
        register_user_officials(None)
    default, dask = ((tmp_path / name / "meetings.json").read_bytes() for name in ("default", "dask"))
    assert dask == default
    (row,) = json.loads(default)["meetings"]
    assert {"Zhou Qiming": "Narcotics Control Bureau Director"}.items() <= {
        p["name_en"]: p["title"] for p in row["participants"]
    }.items()


def test_the_client_sends_the_bytes_so_workers_need_no_access_to_the_inputs(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("正文".encode())
    sent = _with_bytes(InputFile("a.md", (0, "a.md"), path=path))
    assert (sent.path, sent.raw) == (None, "正文".encode())
    status = path.stat()  # and the stamp the cache records, which the walk did not take
    assert (sent.size, sent.mtime_ns) == (status.st_size, status.st_mtime_ns)
