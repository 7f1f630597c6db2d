"""The Dask engine writes byte for byte the default engine's meetings.json, on a LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_prep.build import build
from data_prep.engines.dask_cluster import _with_bytes
from data_prep.read.inputs import InputFile

pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")

ROOT = Path(__file__).resolve().parents[1]
MONTH = ROOT.parent / "shared" / "corpora" / "corpus-2203.tar.gz"  # the smallest of the shared months


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


def test_the_client_sends_the_bytes_so_workers_need_no_access_to_the_inputs(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("正文".encode())
    sent = _with_bytes(InputFile("a.md", (0, "a.md"), path=path))
    assert (sent.path, sent.raw) == (None, "正文".encode())
