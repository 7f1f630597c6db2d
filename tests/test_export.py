"""Exports: one titled figure (PNG, SVG) in the page's language, defused CSV, JSON, the export-png command."""

from __future__ import annotations

import csv
import io
import json
import struct
import zlib
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard import __main__ as cli
from dashboard import export
from dashboard.data import read_table
from dashboard.filtering import Filters

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "dashboard"
TABLE = read_table(FIXTURE_DIR)


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


def test_meetings_csv_carries_the_tables_chinese_place_and_titles() -> None:
    people = [
        {"name_en": "Antony Blinken", "name_zh": "布林肯", "side": "US", "title": "Secretary of State",
         "title_zh": "国务卿"},
        {"name_en": "Qin Gang", "name_zh": "秦刚", "side": "CN", "title": None, "title_zh": None},
    ]  # fmt: skip
    [row] = _csv_rows(
        export.meetings_csv([_meeting(location="Beijing", location_zh="北京", participants=people)])
    )
    assert (row["location"], row["location_zh"]) == ("Beijing", "北京")
    assert row["participants"] == "Antony Blinken 布林肯 (US, Secretary of State, 国务卿); Qin Gang 秦刚 (CN)"


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


def test_meetings_csv_of_no_meetings_is_the_header() -> None:
    assert export.meetings_csv([]) == "\ufeff" + ",".join(export.CSV_COLUMNS) + "\r\n"


def test_meetings_json_round_trips_the_contract_shape() -> None:
    meetings = [_meeting(), _meeting(id="m-2", location=None)]
    assert json.loads(export.meetings_json(meetings)) == {"meetings": meetings}


def test_meetings_json_keeps_chinese_readable() -> None:
    assert "布林肯" in export.meetings_json([_meeting()])


@pytest.mark.parametrize(
    ("filters", "lang", "expected"),
    [
        pytest.param(Filters(), "en", "US–China official meetings (19) · all meetings", id="no-filter"),
        pytest.param(
            Filters(topics=("taiwan",), officials=("Wang Yi",)),
            "en",
            "US–China official meetings (19) · topic: Taiwan · official: Wang Yi",
            id="topic-and-official",
        ),
        pytest.param(
            Filters(topics=("taiwan",), officials=("Wang Yi",)),
            "zh",
            "中美官员会晤（19 次） · 议题：台湾 · 官员：王毅",
            id="chinese",
        ),
        pytest.param(
            Filters(start=date(2023, 6, 1)),
            "en",
            "US–China official meetings (19) · dates: 2023-06-01 – …",
            id="open-date-range",
        ),
        pytest.param(
            Filters(corrected=True), "zh", "中美官员会晤（19 次） · 仅已更正的会晤", id="corrected-rows-only"
        ),
    ],
)
def test_build_title(filters: Filters, lang: str, expected: str) -> None:
    assert export.build_title(filters, 19, lang, {"Wang Yi": "王毅"} if lang == "zh" else {}) == expected


@pytest.mark.parametrize(
    ("meetings", "lang", "expected"),
    [
        pytest.param(
            [_meeting(), _meeting(sources=[{"path": "c.md", "outlet": "人民网"}])],
            "en",
            "Timeline 2023-01-01 – 2023-12-31 · 3 source articles · outlets: 人民网, 新华网",
            id="outlets-by-frequency",
        ),
        pytest.param(
            [_meeting(sources=[{"path": "c.md"}])],
            "en",
            "Timeline 2023-01-01 – 2023-12-31 · 1 source article · outlets not named",
            id="one-article-no-outlet",
        ),
        pytest.param(
            [_meeting(sources=[{"path": "c.md", "outlet": "人民网"}])],
            "zh",
            "时间线 2023-01-01 至 2023-12-31 · 1 篇来源报道 · 媒体：人民网",
            id="chinese",
        ),
    ],
)
def test_build_footer(meetings: list[dict[str, object]], lang: str, expected: str) -> None:
    assert export.build_footer(meetings, lang, ["2023-01-01", "2023-12-31"]) == expected


def test_the_export_figure_is_titled_in_the_pages_language_without_controls() -> None:
    request = export.ExportRequest(
        Filters(topics=("taiwan",), officials=("Wang Yi",)), "zh", width=1200, height=700
    )
    fig = export.build_export_figure(TABLE, request)
    assert fig.layout.title.text.startswith("中美官员会晤（") and "王毅" in fig.layout.title.text
    assert "颜色" in fig.layout.title.text, "the title says which colour rule is in force"
    assert fig.layout.width == 1200 and fig.layout.height == 700
    assert fig.layout.font.family.startswith("Noto Sans CJK SC")
    assert not fig.layout.xaxis.rangeslider.visible and fig.layout.annotations[-1].text.startswith("时间线")
    texts = [x for trace in fig.data for x in (trace.text or ()) if isinstance(x, str)]
    assert any("王毅" in x for x in texts), "few points: each is labelled with its participants"


def test_the_export_draws_the_pages_zoom() -> None:
    zoom = (1685577600000.0, 1688169600000.0)  # June 2023
    fig = export.build_export_figure(TABLE, export.ExportRequest(zoom=zoom))
    assert [str(v)[:10] for v in fig.layout.xaxis.range] == ["2023-06-01", "2023-07-01"]
    assert "2023-06-01 – 2023-07-01" in fig.layout.annotations[-1].text


def test_render_png_has_the_requested_size() -> None:
    data = export.render_figure(go.Figure(go.Scatter(x=["2023-06-18"], y=[1])), "png", 640, 360)
    assert export.png_size(data) == (640, 360)


def test_render_scale_multiplies_pixels() -> None:
    assert export.png_size(export.render_figure(go.Figure(), "png", 300, 200, scale=2)) == (600, 400)


class _PageNotReady(Exception):
    """Stands in for kaleido's JavascriptError, whose message carries the browser's ReferenceError."""


def _failing_first(failures: list[Exception]) -> object:
    calls: list[int] = []

    def to_image(fig: go.Figure, **kwargs: object) -> bytes:
        calls.append(1)
        if failures:
            raise failures.pop(0)
        return b"svg"

    to_image.calls = calls  # type: ignore[attr-defined]
    return to_image


def test_render_tries_again_when_kaleidos_page_was_not_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    not_ready = _PageNotReady("{'description': 'ReferenceError: kaleido_scopes is not defined'}")
    to_image = _failing_first([not_ready, not_ready])
    monkeypatch.setattr(export.pio, "to_image", to_image)
    assert export.render_figure(go.Figure(), "svg", 300, 200) == b"svg"
    assert len(to_image.calls) == 3  # type: ignore[attr-defined]


def test_render_gives_up_after_its_tries_and_raises_other_errors_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    not_ready = _PageNotReady("ReferenceError: kaleido_scopes is not defined")
    monkeypatch.setattr(export.pio, "to_image", _failing_first([not_ready] * export.RENDER_TRIES))
    with pytest.raises(_PageNotReady):
        export.render_figure(go.Figure(), "svg", 300, 200)
    other = _failing_first([ValueError("bad figure"), not_ready])
    monkeypatch.setattr(export.pio, "to_image", other)
    with pytest.raises(ValueError, match="bad figure"):
        export.render_figure(go.Figure(), "svg", 300, 200)
    assert len(other.calls) == 1  # type: ignore[attr-defined]


def run_cli(*args: str) -> int:
    return cli.main(["export-png", *args])


def test_the_readme_command_with_chinese_names_writes_a_chinese_svg(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    code = run_cli(
        str(out), "--data", str(FIXTURE_DIR), "--topic", "Taiwan", "--official", "王毅", "--lang", "zh"
    )
    svg = out.read_text(encoding="utf-8")
    assert code == 0 and svg.startswith("<svg") and "中美官员会晤" in svg and "议题：台湾" in svg


def test_the_export_command_writes_a_png_of_the_asked_size(tmp_path: Path) -> None:
    out = tmp_path / "taiwan.png"
    options = ["--topic", "TAIWAN,fentanyl", "--official", "wang yi", "--width", "480", "--height", "270"]
    assert run_cli(str(out), "--data", str(FIXTURE_DIR), *options) == 0
    assert export.png_size(out.read_bytes()) == (480, 270)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        pytest.param(["--topic", "taiwan,nuclear"], "--topic 'nuclear'", id="unknown-topic"),
        pytest.param(["--official", "Wang Yiy"], "--official 'Wang Yiy'", id="misspelt-official"),
        pytest.param(["--start", "2024-13-45"], "--start '2024-13-45' is not a date", id="bad-date"),
        pytest.param(["--start", "2024-02-01", "--end", "2024-01-01"], "is after --end", id="dates-swapped"),
    ],
)
def test_the_export_command_refuses_bad_values_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], named: str
) -> None:
    out = tmp_path / "x.png"
    assert run_cli(str(out), "--data", str(FIXTURE_DIR), *args) == 2
    assert named in capsys.readouterr().err
    assert not out.exists()


def test_the_export_command_names_the_missing_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(str(tmp_path / "x.png"), "--data", str(tmp_path / "nowhere")) == 2
    assert "nowhere" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        pytest.param("蘇利文", "Jake Sullivan", id="taiwan-transliteration"),
        pytest.param("苏利文", "Jake Sullivan", id="simplified-variant"),
        pytest.param("叶伦", "Janet Yellen", id="yellen-variant"),
        pytest.param("jake sullivan", "Jake Sullivan", id="english-any-case"),
    ],
)
def test_every_spelling_of_the_vocabulary_names_the_official(typed: str, key: str) -> None:
    spellings = {k: cli.find_spellings(k) for k in ("Jake Sullivan", "Janet Yellen")}
    assert cli.resolve_choices([typed], cli.build_name_index(spellings, spellings), "--official") == (key,)


def test_the_footer_counts_the_meetings_outside_the_zoom() -> None:
    zoom = (1685577600000.0, 1688169600000.0)  # June 2023
    fig = export.build_export_figure(TABLE, export.ExportRequest(zoom=zoom))
    assert "meetings in play lie outside this range" in fig.layout.annotations[-1].text


def test_the_command_draws_every_meeting_in_play(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[go.Figure] = []
    monkeypatch.setattr(export, "render_figure", lambda fig, *args, **kwargs: drawn.append(fig) or b"")
    assert run_cli(str(tmp_path / "x.png"), "--data", str(FIXTURE_DIR), "--official", "Wang Yi") == 0
    first, last = (str(v)[:10] for v in drawn[0].layout.xaxis.range)
    assert first < "2022-07-09" and last > "2023-10-27"
    assert "outside" not in drawn[0].layout.annotations[-1].text


def test_exports_carry_the_origin_and_the_analysts_notes() -> None:
    from dashboard.export import meetings_csv, meetings_json

    row = {
        "id": "m-1", "start_date": "2024-03-05", "end_date": "2024-03-05", "date_precision": "day",
        "status": "held", "meeting_type": "phone", "location": None, "participants": [], "topics": [],
        "sources": [], "excerpts": [], "origin": "analyst",
        "corrections": [{"action": "add", "note": "readout", "by": "desk", "at": "2024-03-06"}],
    }  # fmt: skip
    lines = meetings_csv([row]).splitlines()
    assert lines[0].endswith("origin,correction_notes")
    assert lines[1].endswith('analyst,"add: readout (desk, 2024-03-06)"')
    assert '"origin": "analyst"' in meetings_json([row])
    extracted = {**row, "origin": None, "corrections": None}
    assert meetings_csv([extracted]).splitlines()[1].endswith("extracted,")
