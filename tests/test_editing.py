"""Edit mode's decisions without a browser: form values → entries, what is refused, who may serve it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dashboard.__main__ import main
from dashboard.edit_server import is_loopback
from dashboard.editing import EditError, EditSession, parse_people
from dashboard.filtering import Filters, filter_meetings
from data_prep.build import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("table")
    build(ROOT / "seeds", out, workers=1, use_cache=False)
    return out


@pytest.fixture
def session(table: Path, tmp_path: Path) -> EditSession:
    return EditSession(table, tmp_path / "corrections.yaml", "ana", today=lambda: date(2024, 5, 1))


def _finer(session: EditSession) -> dict:
    return next(r for r in session.rows.values() if r["participants"][0]["name_en"] == "Jon Finer")


@pytest.mark.parametrize(
    ("text", "people"),
    [
        pytest.param("Antony Blinken; 王毅", ["Antony Blinken", "王毅"], id="names"),
        pytest.param("Jane Roe (US)\n李四（CN）", [{"name_en": "Jane Roe", "side": "US"},
                                                   {"name_en": "李四", "side": "CN"}], id="sides"),
        pytest.param(" ; ", [], id="empty"),
    ],
)  # fmt: skip
def test_parse_people(text, people):
    assert parse_people(text) == people


def test_an_edit_writes_only_what_changed(session):
    row = _finer(session)
    form = {"start_date": "2024-01-11", "end_date": row["end_date"], "meeting_type": row["meeting_type"],
            "status": row["status"], "location": row["location"], "topics": [*row["topics"], "chips"],
            "add_participants": "", "remove_participants": [], "note": "readout"}  # fmt: skip
    entry = session.edit_entry(row["id"], form)
    assert entry["set"] == {"start_date": date(2024, 1, 11)}
    assert entry["add_topics"] == ["chips"] and "remove_topics" not in entry
    assert entry["match"] == {"start_date": date(2024, 1, 10), "principals": ["Jon Finer", "Liu Jianchao"]}
    unchanged = {**form, "start_date": row["start_date"], "topics": row["topics"]}
    with pytest.raises(EditError, match="nothing changed"):
        session.edit_entry(row["id"], unchanged)


def test_a_write_lands_in_the_file_and_in_the_table_and_undo_takes_it_back(session):
    row = _finer(session)
    session.write(session.reject_entry(row["id"], "not a meeting after all"))
    assert row["id"] not in session.rows
    text = session.corrections.read_text(encoding="utf-8")
    assert "reject: not a meeting after all" in text and "by: ana" in text and "at: 2024-05-01" in text
    assert session.undo() and row["id"] in session.rows
    assert "reject:" not in session.corrections.read_text(encoding="utf-8")
    assert not session.undo()


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        pytest.param({"start_date": "2024-03-05", "participants": "Antony Blinken; 王毅"}, "needs a source",
                     id="no-source"),
        pytest.param({"start_date": "5 March", "participants": "Antony Blinken; 王毅", "url": "https://x.org"},
                     "YYYY-MM-DD", id="bad-date"),
        pytest.param({"start_date": "2024-03-05", "participants": "Antony Blinken; Jane Roe", "url": "https://x.org"},
                     "give it a side", id="unknown-person"),
        pytest.param({"start_date": "2024-03-05", "participants": "Antony Blinken", "url": "https://x.org"},
                     "no CN participant", id="one-side"),
    ],
)  # fmt: skip
def test_an_add_the_build_would_refuse_is_not_written(session, form, problem):
    with pytest.raises(EditError, match=problem):
        session.write(session.add_entry(form))
    assert not session.corrections.exists()


def test_corrected_rows_only(session):
    session.write(session.reject_entry(next(iter(session.rows)), "no"))
    session.write(session.add_entry({"start_date": "2024-03-05", "participants": "Antony Blinken; 王毅",
                                     "url": "https://example.org/readout"}))  # fmt: skip
    shown = filter_meetings(session.table().meetings, Filters(corrected=True))
    assert list(shown["origin"]) == ["analyst"]


def test_edit_mode_marks_the_rows_the_last_build_added(table: Path, tmp_path: Path) -> None:
    added = next(iter(EditSession(table, tmp_path / "c.yaml", "ana").rows))
    report = json.loads((table / "report.json").read_text("utf-8"))
    marked = tmp_path / "marked"
    marked.mkdir()
    for name in ("meetings.json", "meetings.extracted.json", "articles.json"):
        (marked / name).write_bytes((table / name).read_bytes())
    (marked / "report.json").write_text(json.dumps({**report, "new_since_last_build": [added]}), "utf-8")
    meetings = EditSession(marked, tmp_path / "c.yaml", "ana").table().meetings
    assert list(meetings.loc[meetings["new"], "id"]) == [added]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False)],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        pytest.param(["--editable", "--host", "0.0.0.0"], "loopback only", id="public-host"),
        pytest.param(["--editable"], "needs --corrections", id="no-file"),
    ],
)
def test_edit_mode_refuses_to_start_unsafely(table, tmp_path, capsys, extra, problem):
    corrections = [] if extra == ["--editable"] else ["--corrections", str(tmp_path / "c.yaml")]
    assert main(["--data", str(table), *corrections, *extra]) == 2
    assert problem in capsys.readouterr().err


def test_the_extracted_table_is_what_edit_mode_starts_from(table, tmp_path):
    rows = json.loads((table / "meetings.extracted.json").read_text(encoding="utf-8"))["meetings"]
    session = EditSession(table, tmp_path / "c.yaml", "ana")
    assert sorted(session.rows) == sorted(r["id"] for r in rows)


def test_the_gunicorn_entry_point_is_read_only(table):
    from dashboard.wsgi import build_server

    layout = build_server(str(table)).test_client().get("/_dash-layout").get_data(as_text=True)
    assert "edit-panel" not in layout and "edit-reject" not in layout


def test_corrections_without_edit_mode_show_each_rows_history_read_only(table, tmp_path):
    from dashboard.edit_server import build_read_only

    session = EditSession(table, tmp_path / "c.yaml", "ana", today=lambda: date(2024, 5, 1))
    finer = _finer(session)
    session.write({"id": finer["id"], "add_topics": ["chips"], "note": "the readout lists chips"})
    client = build_read_only(session).server.test_client()
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "edit-history" in layout and "edit-reject" not in layout
    body = {
        "output": "..edit-notices.children...edit-history.children..",
        "outputs": [
            {"id": "edit-notices", "property": "children"},
            {"id": "edit-history", "property": "children"},
        ],
        "inputs": [{"id": "url", "property": "search", "value": f"?m={finer['id']}"}],
        "changedPropIds": ["url.search"],
        "state": [],
    }
    answer = client.post("/_dash-update-component", json=body).get_data(as_text=True)
    assert "the readout lists chips" in answer and "Corrected" in answer
