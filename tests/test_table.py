"""The meetings table: Meeting ↔ contract dict ↔ DataFrame ↔ JSON and Parquet, and the contract itself."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from jsonschema import Draft202012Validator

from data_prep.model import DateSpan, Excerpt, Meeting, Participant, Source
from data_prep.output.table import (
    build_records,
    find_location_zh,
    frame_to_records,
    meeting_to_record,
    read_meetings_frame,
    read_meetings_json,
    record_to_meeting,
    records_to_frame,
    write_bytes_atomic,
    write_meetings_json,
    write_meetings_parquet,
)

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "meetings.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)

BLINKEN = Participant("Antony Blinken", "布林肯", "US", "Secretary of State")
QIN = Participant("Qin Gang", "秦刚", "CN", "Minister of Foreign Affairs", title_zh="外交部长")
DOD = Participant("US Department of Defense", None, "US", None)


JUNE_18_19 = DateSpan(date(2023, 6, 18), date(2023, 6, 19), "day")


def make_meeting(
    meeting_id: str = "2023-06-18-blinken-qin",
    span: DateSpan = JUNE_18_19,
    paths: tuple[str, ...] = ("b.html", "a.md"),
) -> Meeting:
    sources = tuple(
        Source(p, f"https://example.com/{p}", "联合早报", f"标题 {p}", "2023-06-19T08:00:00+08:00")
        for p in paths
    )
    excerpts = tuple(Excerpt(p, f"布林肯在北京会见秦刚。（{p}）", ("taiwan",)) for p in paths)
    return Meeting(
        id=meeting_id,
        span=span,
        status="held",
        meeting_type="in_person",
        location="Beijing",
        participants=(BLINKEN, QIN),
        topics=("taiwan", "fentanyl"),
        sources=sources,
        excerpts=excerpts,
    )


MEETINGS = [
    make_meeting(),
    make_meeting("undated-call", DateSpan(None, None, "unknown"), ("c.html",)),
    make_meeting("2023-06-01-dod", DateSpan(date(2023, 6, 1), date(2023, 6, 30), "month"), ("d.html",)),
]


def test_records_follow_the_contract() -> None:
    document = {"articles_dir": "/news", "meetings": build_records(MEETINGS)}
    assert list(VALIDATOR.iter_errors(document)) == []


def test_records_are_in_table_order_with_sources_by_path() -> None:
    records = build_records(MEETINGS)
    assert [r["id"] for r in records] == ["2023-06-01-dod", "2023-06-18-blinken-qin", "undated-call"]
    assert [s["path"] for s in records[1]["sources"]] == ["a.md", "b.html"]
    assert [e["path"] for e in records[1]["excerpts"]] == ["a.md", "b.html"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("meeting_type", "call", id="meeting-type-not-in-enum"),
        pytest.param("start_date", "18 June 2023", id="date-not-iso"),
        pytest.param("date_precision", "week", id="precision-not-in-enum"),
        pytest.param("sources", [], id="no-sources"),
        pytest.param("excerpts", [{"path": "a.md"}], id="excerpt-without-text"),
        pytest.param("participants", [{"name_en": "Qin Gang", "side": "PRC"}], id="side-not-us-or-cn"),
        pytest.param("topics", ["taiwan", "weather"], id="unknown-topic"),
        pytest.param("id", None, id="id-missing"),
    ],
)
def test_contract_rejects_a_wrong_field(field: str, value: object) -> None:
    record = copy.deepcopy(build_records(MEETINGS)[0])
    if value is None:
        del record[field]
    else:
        record[field] = value
    assert list(VALIDATOR.iter_errors({"meetings": [record]})) != []


@pytest.mark.parametrize("meeting", [pytest.param(m, id=m.id) for m in MEETINGS])
def test_meeting_survives_the_contract_dict(meeting: Meeting) -> None:
    back = record_to_meeting(meeting_to_record(meeting))
    assert meeting_to_record(back) == meeting_to_record(meeting)
    assert back.span == meeting.span and back.participants == meeting.participants


@pytest.mark.parametrize(
    ("location", "chinese"),
    [
        pytest.param("Washington", "华盛顿", id="first-city-name"),
        pytest.param("Woodside", "伍德赛德", id="reference-event-place"),
        pytest.param("Atlantis", None, id="not-in-the-vocabulary"),
        pytest.param(None, None, id="no-place"),
    ],
)
def test_the_place_is_named_in_chinese_from_the_vocabulary(location: str | None, chinese: str | None) -> None:
    assert find_location_zh(location) == chinese


def test_json_file_round_trip_is_byte_stable(tmp_path: Path) -> None:
    records = build_records(MEETINGS)
    write_meetings_json(tmp_path / "one.json", records, "/news")
    write_meetings_json(tmp_path / "two.json", read_meetings_json(tmp_path / "one.json"), "/news")
    assert read_meetings_json(tmp_path / "one.json") == records
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()
    assert "布林肯" in (tmp_path / "one.json").read_text("utf-8")  # readable, not \\u-escaped


def test_parquet_reads_back_as_the_same_frame_and_records(tmp_path: Path) -> None:
    records = build_records(MEETINGS)
    write_meetings_parquet(tmp_path / "meetings.parquet", records)
    frame = read_meetings_frame(tmp_path / "meetings.parquet")
    pd.testing.assert_frame_equal(frame, records_to_frame(records))
    assert frame_to_records(frame) == records


@pytest.mark.parametrize("day", ["1969-12-31", "1970-01-01", "2024-02-29", "2100-12-31"])
def test_parquet_dates_are_date32_of_the_records_dates(day: str, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{**build_records(MEETINGS)[0], "start_date": day, "end_date": None}]
    write_meetings_parquet(tmp_path / "meetings.parquet", records)
    table = pq.read_table(tmp_path / "meetings.parquet")
    assert table.schema.field("start_date").type == pa.date32()
    assert table.column("start_date").to_pylist() == [date.fromisoformat(day)]
    assert table.column("end_date").to_pylist() == [None]


def test_frame_has_datetime_dates_and_list_columns() -> None:
    frame = records_to_frame(build_records(MEETINGS))
    assert pd.api.types.is_datetime64_any_dtype(frame["start_date"])
    assert frame["start_date"].isna().tolist() == [False, False, True]
    assert frame.loc[1, "participants"][1] == {
        "name_en": "Qin Gang", "name_zh": "秦刚", "side": "CN", "title": "Minister of Foreign Affairs",
        "title_zh": "外交部长",
    }  # fmt: skip
    assert frame["location_zh"].tolist() == ["北京"] * 3
    assert frame.loc[1, "topics"] == ["taiwan", "fentanyl"]


def test_pandas_reads_the_parquet_file_directly(tmp_path: Path) -> None:
    write_meetings_parquet(tmp_path / "meetings.parquet", build_records(MEETINGS))
    frame = pd.read_parquet(tmp_path / "meetings.parquet")
    assert frame["id"].tolist() == ["2023-06-01-dod", "2023-06-18-blinken-qin", "undated-call"]
    assert [p["name_en"] for p in frame.loc[1, "participants"]] == ["Antony Blinken", "Qin Gang"]


def test_empty_table_round_trips(tmp_path: Path) -> None:
    write_meetings_parquet(tmp_path / "meetings.parquet", [])
    assert frame_to_records(read_meetings_frame(tmp_path / "meetings.parquet")) == []
    assert list(VALIDATOR.iter_errors({"meetings": []})) == []


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "table.json"
    target.write_text("old")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.json"]


def test_atomic_write_that_fails_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "table.json"
    target.write_text("old")

    def refuse(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("data_prep.output.table.os.replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_bytes_atomic(target, b"new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.json"]


def test_writing_parquet_does_not_import_pandas_nor_pyarrow_compute() -> None:
    # pandas costs half a second to import, pyarrow.compute 0.05 s: the build writes Parquet without them.
    script = (
        "import sys, json; from data_prep.output.table import format_meetings_parquet;"
        "format_meetings_parquet(json.load(sys.stdin));"
        "print('pandas' in sys.modules, 'pyarrow.compute' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(build_records(MEETINGS)),
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    )
    assert done.stdout.split() == ["False", "False"]
