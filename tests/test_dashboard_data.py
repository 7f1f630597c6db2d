"""Reading the meetings table: the fixture's derived columns, and clear errors for bad files."""

import json
from pathlib import Path

import pytest

from dashboard.data import TOPIC_BITS, TableError, read_new_ids, read_table

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"


def meeting(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": "m1",
        "start_date": "2024-01-10",
        "end_date": "2024-01-10",
        "date_precision": "day",
        "status": "held",
        "meeting_type": "video",
        "location": None,
        "participants": [
            {"name_en": "Alejandro Mayorkas", "name_zh": "马约卡斯", "side": "US", "title": None},
            {"name_en": "Wang Xiaohong", "name_zh": "王小洪", "side": "CN", "title": None},
        ],
        "topics": ["fentanyl"],
        "sources": [{"path": "a.md"}],
        "excerpts": [{"path": "a.md", "text": "视频通话"}],
    }
    row.update(changes)
    return row


def write_table(folder: Path, meetings: object, articles: object = None) -> Path:
    (folder / "meetings.json").write_text(json.dumps(meetings, ensure_ascii=False), encoding="utf-8")
    if articles is not None:
        (folder / "articles.json").write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
    return folder


def test_fixture_reads_with_derived_columns() -> None:
    table = read_table(FIXTURE)
    rows = table.meetings.set_index("id")
    assert len(rows) == 19
    blinken_wang = rows.loc["m-2023-10-26-blinken-wang-yi"]
    assert blinken_wang["lane"] == "diplomacy"
    assert blinken_wang["topic_mask"] == sum(TOPIC_BITS.values())
    assert blinken_wang["us_keys"] == frozenset({"Antony Blinken"})
    assert rows.loc["m-2022-11-14-biden-xi", "n_sources"] == 3
    assert rows.loc["m-undated-qin-visit-washington", "start"] is not None
    assert table.meetings["start"].isna().sum() == 2
    assert "香港電台" in table.outlets
    assert table.officials.iloc[0]["key"] == "Antony Blinken"
    assert len(table.articles) == 7


@pytest.mark.parametrize(
    ("meeting_id", "lane"),
    [
        pytest.param("m-2022-11-14-biden-xi", "leaders", id="both-presidents"),
        pytest.param("m-2023-06-19-blinken-xi", "diplomacy", id="secretary-received-by-president"),
        pytest.param("m-2024-01-08-defense-policy-talks", "defense", id="unnamed-defense-institutions"),
        pytest.param("m-2024-01-10-mayorkas-wang-xiaohong", "law_enforcement", id="homeland-public-security"),
        pytest.param("m-2024-01-11-raimondo-wang-wentao", "economy", id="commerce-ministers"),
        pytest.param("m-2023-06-02-shambaugh-xie", "economy", id="treasury-meets-ambassador"),
        pytest.param("m-2024-01-08-track-1-5-new-york", "diplomacy", id="no-us-title-falls-to-cn-title"),
        pytest.param("m-2024-mmca", "defense", id="planned-institutions"),
    ],
)
def test_fixture_lanes(meeting_id: str, lane: str) -> None:
    rows = read_table(FIXTURE).meetings.set_index("id")
    assert rows.loc[meeting_id, "lane"] == lane


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(None, "file not found", id="missing"),
        pytest.param("{not json", "not valid JSON (line 1, column 2", id="invalid-json"),
        pytest.param(
            json.dumps({"rows": []}), 'expected an object with a "meetings" list', id="no-meetings-key"
        ),
        pytest.param(
            json.dumps({"meetings": [{"id": "x"}]}), "meetings[0]: missing start_date", id="missing-field"
        ),
        pytest.param(
            json.dumps({"meetings": [meeting(meeting_type="zoom")]}), "meeting_type 'zoom'", id="bad-enum"
        ),
        pytest.param(
            json.dumps({"meetings": [meeting(participants=[{"name_en": "X", "side": "TW"}])]}),
            "every participant needs a side",
            id="bad-side",
        ),
        pytest.param(
            json.dumps({"meetings": [meeting(), "row"]}), "meetings[1]: not an object", id="row-not-object"
        ),
    ],
)
def test_bad_meetings_json_names_file_and_problem(tmp_path: Path, content: str | None, problem: str) -> None:
    if content is not None:
        (tmp_path / "meetings.json").write_text(content, encoding="utf-8")
    with pytest.raises(TableError) as caught:
        read_table(tmp_path)
    assert caught.value.path == tmp_path / "meetings.json"
    assert str(tmp_path / "meetings.json") in str(caught.value)
    assert problem in caught.value.problem


def test_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "meetings.json").write_bytes(b'{"meetings": ["\xff"]}')
    with pytest.raises(TableError, match="not UTF-8"):
        read_table(tmp_path)


@pytest.mark.parametrize(
    "articles",
    [
        pytest.param({"articles": []}, id="list-not-mapping"),
        pytest.param({"a.md": "text"}, id="article-not-object"),
        pytest.param({"articles": {"a.md": {"paragraphs": "text"}}}, id="paragraphs-not-list"),
    ],
)
def test_bad_articles_json_names_file(tmp_path: Path, articles: object) -> None:
    write_table(tmp_path, {"meetings": [meeting()]}, articles)
    with pytest.raises(TableError) as caught:
        read_table(tmp_path)
    assert caught.value.path == tmp_path / "articles.json"


def test_bare_articles_mapping_reads(tmp_path: Path) -> None:
    table = read_table(
        write_table(tmp_path, {"meetings": [meeting()]}, {"a.md": {"paragraphs": ["视频通话。"]}})
    )
    assert table.articles["a.md"]["paragraphs"] == ["视频通话。"]


def test_missing_articles_json_means_no_texts(tmp_path: Path) -> None:
    table = read_table(write_table(tmp_path, {"meetings": [meeting()]}))
    assert table.articles == {}
    assert table.meetings.loc[0, "lane"] == "law_enforcement"  # no titles: the fentanyl topic decides


def test_a_meeting_of_unknown_date_is_never_placed_on_a_day(tmp_path: Path) -> None:
    rows = [
        meeting(id="reported", start_date="2024-01-23", end_date="2024-01-23", date_precision="unknown"),
        meeting(id="null", start_date=None, end_date=None, date_precision="unknown"),
    ]
    table = read_table(write_table(tmp_path, {"meetings": rows}))
    assert table.meetings["start"].isna().all() and (table.meetings["month"] == "").all()


def test_a_month_precision_meeting_spans_its_month_and_is_not_a_visit(tmp_path: Path) -> None:
    row = meeting(start_date="2023-07-01", end_date="2023-07-31", date_precision="month")
    frame = read_table(write_table(tmp_path, {"meetings": [row]})).meetings
    assert frame.loc[0, "approx"] and not frame.loc[0, "multi_day"]
    assert str(frame.loc[0, "end"].date()) == "2023-07-31"


def test_optional_fields_are_kept_when_present(tmp_path: Path) -> None:
    rows = [meeting(dated_by="reference_event", fulfilled_by="m2"), meeting(id="m2")]
    frame = read_table(write_table(tmp_path, {"schema_version": 2, "meetings": rows})).meetings.set_index(
        "id"
    )
    assert frame.loc["m1", "dated_by"] == "reference_event" and frame.loc["m1", "fulfilled_by"] == "m2"
    assert frame.loc["m2", "dated_by"] is None


@pytest.mark.parametrize(
    "report",
    [
        pytest.param(
            '{\n "counts": {},\n "new_since_last_build": ["m2"],\n "files": {\n  "a.md": {}\n }\n}\n',
            id="as-the-build-writes-it",
        ),
        pytest.param(json.dumps({"files": {}, "new_since_last_build": ["m2"]}, indent=2), id="any-layout"),
    ],
)
def test_the_rows_the_last_build_added_are_marked_new(tmp_path: Path, report: str) -> None:
    write_table(tmp_path, {"meetings": [meeting(), meeting(id="m2")]})
    (tmp_path / "report.json").write_text(report, encoding="utf-8")
    assert read_new_ids(tmp_path / "report.json") == {"m2"}
    frame = read_table(tmp_path).meetings
    assert dict(zip(frame["id"], frame["new"], strict=True)) == {"m1": False, "m2": True}


@pytest.mark.parametrize("report", [None, "not json", '{"new_since_last_build": "m2"}'])
def test_without_a_readable_report_nothing_is_new(tmp_path: Path, report: str | None) -> None:
    write_table(tmp_path, {"meetings": [meeting()]})
    if report is not None:
        (tmp_path / "report.json").write_text(report, encoding="utf-8")
    assert read_new_ids(tmp_path / "report.json") == frozenset()
    assert not read_table(tmp_path).meetings["new"].any()
