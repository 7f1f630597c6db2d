"""Tests for dashboard/export.py: titled PNG, defused CSV, JSON, the export-png command."""

from __future__ import annotations

import csv
import io
import json
import struct
import zlib
from argparse import Namespace
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard import export
from dashboard.filtering import Filters

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "dashboard"


def _meeting(**overrides: object) -> dict[str, object]:
    """Return one invented meeting in the contract's shape, with fields replaced."""
    meeting: dict[str, object] = {
        "id": "m-2023-06-18-blinken-qin",
        "start_date": "2023-06-18",
        "end_date": "2023-06-18",
        "date_precision": "day",
        "status": "held",
        "meeting_type": "in_person",
        "location": "北京",
        "participants": [
            {"name_en": "Antony Blinken", "name_zh": "布林肯", "side": "US", "title": "Secretary of State"},
            {"name_en": "Qin Gang", "name_zh": "秦刚", "side": "CN", "title": "Foreign Minister"},
        ],
        "topics": ["taiwan", "fentanyl"],
        "sources": [
            {"path": "a.md", "url": "https://example.org/a", "outlet": "新华网", "title": "秦刚同布林肯会谈"},
            {"path": "b.md", "url": None, "outlet": "人民网", "title": "中美会谈"},
        ],
        "excerpts": [{"path": "a.md", "text": "国务委员兼外长秦刚在北京同美国国务卿布林肯举行会谈。"}],
    }
    meeting.update(overrides)
    return meeting


def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def _png(width: int, height: int) -> bytes:
    """Return a tiny valid PNG header + IHDR of the given size."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return export.PNG_SIGNATURE + chunk


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', id="equals"),
        pytest.param("+1+1", "'+1+1", id="plus"),
        pytest.param("-2+3", "'-2+3", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\t=1", "'\t=1", id="tab"),
        pytest.param("\r=1", "'\r=1", id="carriage-return"),
        pytest.param("秦刚=外长", "秦刚=外长", id="formula-char-inside-is-kept"),
        pytest.param("2023-06-18", "2023-06-18", id="date"),
        pytest.param("", "", id="empty"),
    ],
)
def test_escape_cell(cell: str, expected: str) -> None:
    assert export.escape_cell(cell) == expected


def test_meetings_csv_one_row_per_meeting_with_joined_lists() -> None:
    rows = _csv_rows(export.meetings_csv([_meeting(), _meeting(id="m-2")]))
    assert [row["id"] for row in rows] == ["m-2023-06-18-blinken-qin", "m-2"]
    first = rows[0]
    assert first["participants"] == (
        "Antony Blinken 布林肯 (US, Secretary of State); Qin Gang 秦刚 (CN, Foreign Minister)"
    )
    assert first["topics"] == "taiwan; fentanyl"
    assert first["outlets"] == "新华网; 人民网"
    assert first["source_urls"] == "https://example.org/a"
    assert first["source_paths"] == "a.md b.md"
    assert first["excerpts"] == "国务委员兼外长秦刚在北京同美国国务卿布林肯举行会谈。"
    assert list(first) == list(export.CSV_COLUMNS)


def test_meetings_csv_defuses_formulas_from_articles() -> None:
    hostile = _meeting(
        location="=cmd|' /C calc'!A0",
        excerpts=[{"path": "a.md", "text": "+SUM(1,2)"}],
        sources=[{"path": "a.md", "url": None, "outlet": "@evil", "title": "-1"}],
    )
    row = _csv_rows(export.meetings_csv([hostile]))[0]
    assert row["location"] == "'=cmd|' /C calc'!A0"
    assert row["excerpts"] == "'+SUM(1,2)"
    assert row["outlets"] == "'@evil"
    assert row["source_titles"] == "'-1"


def test_meetings_csv_reads_record_column_of_a_dataframe() -> None:
    import pandas as pd

    df = pd.DataFrame({"id": ["ignored"], "record": [_meeting()]})
    assert _csv_rows(export.meetings_csv(df))[0]["id"] == "m-2023-06-18-blinken-qin"


def test_meetings_csv_of_no_meetings_is_the_header() -> None:
    assert export.meetings_csv([]) == "\ufeff" + ",".join(export.CSV_COLUMNS) + "\r\n"


def test_meetings_json_round_trips_the_contract_shape() -> None:
    meetings = [_meeting(), _meeting(id="m-2", location=None)]
    assert json.loads(export.meetings_json(meetings)) == {"meetings": meetings}


def test_meetings_json_keeps_chinese_readable() -> None:
    assert "布林肯" in export.meetings_json([_meeting()])


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param({"count": 19}, "US–China official meetings (19) · all meetings", id="no-filter"),
        pytest.param(
            {"count": 3, "topics": ["taiwan"], "officials": ["Wang Yi"]},
            "US–China official meetings (3) · topic: taiwan · official: Wang Yi",
            id="topic-and-official",
        ),
        pytest.param(
            {"count": 1, "start": "2023-06-01", "end": None},
            "US–China official meetings (1) · 2023-06-01 – …",
            id="open-date-range",
        ),
    ],
)
def test_build_title(kwargs: dict[str, object], expected: str) -> None:
    assert export.build_title(**kwargs) == expected  # type: ignore[arg-type]


def test_build_footer_names_outlets_by_frequency() -> None:
    meetings = [_meeting(), _meeting(sources=[{"path": "c.md", "outlet": "人民网"}])]
    assert export.build_footer(meetings) == "Sources: 3 articles; outlets: 人民网, 新华网"


@pytest.mark.parametrize(
    ("data", "size"),
    [pytest.param(_png(1600, 900), (1600, 900), id="1600x900"), pytest.param(_png(1, 2), (1, 2), id="1x2")],
)
def test_png_size(data: bytes, size: tuple[int, int]) -> None:
    assert export.png_size(data) == size


@pytest.mark.parametrize(
    "data",
    [pytest.param(b"GIF89a" + b"\0" * 30, id="gif"), pytest.param(export.PNG_SIGNATURE, id="truncated")],
)
def test_png_size_refuses_non_png(data: bytes) -> None:
    with pytest.raises(export.ExportError):
        export.png_size(data)


def test_build_export_figure_sets_title_footer_size_and_cjk_font() -> None:
    fig = go.Figure(go.Scatter(x=["2023-06-18"], y=[1]))
    out = export.build_export_figure(
        fig, title="台湾 · Wang Yi", footer="Sources: 新华网", width=1200, height=700
    )
    assert out.layout.title.text == "台湾 · Wang Yi"
    assert out.layout.width == 1200 and out.layout.height == 700
    assert out.layout.font.family.startswith("Noto Sans CJK SC")
    assert [a.text for a in out.layout.annotations] == ["Sources: 新华网"]
    assert fig.layout.title.text is None, "the on-screen figure must not change"


def test_figure_to_png_has_the_requested_size() -> None:
    fig = export.build_export_figure(
        go.Figure(go.Scatter(x=["2023-06-18", "2023-07-08"], y=[1, 2], mode="markers")),
        title="布林肯访华 · 台湾",
        footer="Sources: 新华网",
        width=640,
        height=360,
    )
    data = export.figure_to_png(fig, 640, 360)
    assert export.png_size(data) == (640, 360)


def test_figure_to_png_scale_multiplies_pixels() -> None:
    data = export.figure_to_png(go.Figure(), 300, 200, scale=2)
    assert export.png_size(data) == (600, 400)


def _export_args(out: Path, **overrides: object) -> Namespace:
    values: dict[str, object] = {
        "out": out, "data": FIXTURE_DIR, "topic": [], "official": [], "type": [], "status": [], "outlet": [],
        "side": None, "start": None, "end": None, "width": 480, "height": 270,
    }  # fmt: skip
    values.update(overrides)
    return Namespace(**values)


def test_run_export_png_writes_a_png_of_the_asked_size(tmp_path: Path) -> None:
    out = tmp_path / "taiwan.png"
    assert export.run_export_png(_export_args(out, topic=["taiwan"], official=["Wang Yi"])) == 0
    assert export.png_size(out.read_bytes()) == (480, 270)


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        pytest.param({"topic": ["taiwan,nuclear"]}, "--topic 'nuclear'", id="unknown-topic"),
        pytest.param({"official": ["Wang Yiy"]}, "--official 'Wang Yiy'", id="misspelt-official"),
    ],
)
def test_run_export_png_refuses_unknown_filter_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], overrides: dict[str, object], named: str
) -> None:
    out = tmp_path / "x.png"
    assert export.run_export_png(_export_args(out, **overrides)) == 2
    assert named in capsys.readouterr().err
    assert not out.exists()


def test_run_export_png_names_the_missing_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export.run_export_png(_export_args(tmp_path / "x.png", data=tmp_path / "nowhere")) == 2
    assert "nowhere" in capsys.readouterr().err


def test_title_for_names_the_filters() -> None:
    filters = Filters(topics=("taiwan",), officials=("Wang Yi",), start=date(2023, 6, 1))
    assert export.title_for(filters, 4) == (
        "US–China official meetings (4) · topic: Taiwan · official: Wang Yi · 2023-06-01 – …"
    )
