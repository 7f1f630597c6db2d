"""Edit mode in real chromium: reject a row, edit a date, add a meeting, undo; the file checked after each.

The corrections file starts with the user's comments; every step appends (or takes back) one entry and
leaves those comments as they were. A write without the token is refused with 403.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from dashboard import edit_ids as eid
from dashboard.edit_callbacks import COOKIE
from dashboard.edit_server import EditApp
from dashboard.editing import EditSession
from dashboard.ids import DETAIL
from data_prep.build import build
from data_prep.correct import parse_corrections

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ROW_LINKS = "#meeting-list a.row-link"
USER_COMMENTS = "# Desk corrections: keep the oldest first.\n# Ask before removing an entry.\n"


@dataclass
class Editing:
    url: str
    token: str
    file: Path
    rows: list[dict[str, Any]]
    server: BaseWSGIServer


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editing]:
    data = tmp_path_factory.mktemp("table")
    build(ROOT / "seeds", data, workers=1, use_cache=False)
    rows = json.loads((data / "meetings.json").read_text(encoding="utf-8"))["meetings"]
    file = data / "corrections.yaml"
    file.write_text(USER_COMMENTS, encoding="utf-8")
    session = EditSession(data, file, "ana", today=lambda: date(2024, 5, 1))
    server = make_server("127.0.0.1", 0, EditApp(session), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    _wait_until_up(url)
    yield Editing(url, session.token, file, rows, server)
    server.shutdown()


def _wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url + "/_dash-layout", timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _entries(editing: Editing) -> list[Any]:
    text = editing.file.read_text(encoding="utf-8")
    assert text.startswith(USER_COMMENTS), "the user's comments must stay as they were"
    entries, problems = parse_corrections(text, str(editing.file))
    assert problems == []
    return entries


def _row_id(editing: Editing, day: str, us: str) -> str:
    return next(
        r["id"] for r in editing.rows if r["start_date"] == day and r["participants"][0]["name_en"] == us
    )


def _open(page: Any, editing: Editing, query: str) -> None:
    page.goto(f"{editing.url}/{query}")
    page.wait_for_load_state("networkidle")


def _act(page: Any, button: str) -> None:
    """Click an action and wait for the page to reload with the new table."""
    with page.expect_navigation():
        page.click(f"#{button}")
    page.wait_for_load_state("networkidle")


def test_reject_edit_add_and_undo_write_the_file(page, console, editing):
    finer = _row_id(editing, "2024-01-10", "Jon Finer")
    recalled = _row_id(editing, "2022-07-09", "Antony Blinken")

    # The start URL's token unlocks editing in this browser.
    _open(page, editing, f"?token={editing.token}&m={recalled}")
    page.wait_for_selector(f"#{eid.PANEL}:not(.hidden)")
    page.fill(f"#{eid.REJECT_REASON}", "recalled in a later statement")
    _act(page, eid.REJECT)
    (reject,) = _entries(editing)
    assert (reject.action, reject.ids, reject.reason) == (
        "reject",
        (recalled,),
        "recalled in a later statement",
    )
    assert (reject.by, reject.at) == ("ana", date(2024, 5, 1))

    # Edit a date: the row moves a day, its precision is a day, and it carries a badge with the note.
    _open(page, editing, f"?m={finer}")
    page.wait_for_selector(f"#{eid.PANEL}:not(.hidden)")
    page.fill(f"#{eid.START}", "2024-01-11")
    page.fill(f"#{eid.END}", "2024-01-11")
    page.fill(f"#{eid.NOTE}", "the readout is dated the 11th")
    _act(page, eid.SAVE)
    edit = _entries(editing)[1]
    assert edit.action == "edit" and edit.ids == (finer,)
    assert dict(edit.changes) == {"start_date": date(2024, 1, 11), "end_date": date(2024, 1, 11)}
    assert edit.note == "the readout is dated the 11th"
    page.wait_for_selector(".corrected-badge")
    assert "2024-01-11" in page.inner_text(f"#{DETAIL}")
    assert "the readout is dated the 11th" in page.inner_text(".corrected")

    # Add a meeting; the page then shows it.
    page.click(".edit-add summary")
    page.fill(f"#{eid.NEW_START}", "2024-03-05")
    page.click(f"#{eid.NEW_TYPE} input[value='phone']")
    page.fill(f"#{eid.NEW_PEOPLE}", "Antony Blinken; 王毅")
    page.click(f"#{eid.NEW_TOPICS} input[value='taiwan']")
    page.fill(f"#{eid.NEW_URL}", "https://example.org/readout")
    page.fill(f"#{eid.NEW_TITLE}", "Readout")
    _act(page, eid.ADD)
    add = _entries(editing)[2]
    assert add.action == "add" and add.changes["start_date"] == date(2024, 3, 5)
    assert add.changes["meeting_type"] == "phone" and add.changes["topics"] == ("taiwan",)
    assert "m=a-" in page.url
    page.wait_for_selector(".corrected-badge")
    assert "Wang Yi" in page.inner_text(f"#{DETAIL}")

    # Undo takes back the added meeting only.
    _act(page, eid.UNDO)
    assert [e.action for e in _entries(editing)] == ["reject", "edit"]
    assert not [m for m in console.messages if "403" not in m], console.messages


def test_a_write_without_the_token_is_refused(page, editing):
    before = editing.file.read_bytes()
    body = json.dumps(
        {
            "output": f"..{eid.STATUS}.children...{eid.RELOAD}.href..",
            "outputs": [{"id": eid.STATUS, "property": "children"}, {"id": eid.RELOAD, "property": "href"}],
            "inputs": [{"id": eid.UNDO, "property": "n_clicks", "value": 1}],
            "changedPropIds": [f"{eid.UNDO}.n_clicks"],
            "state": [],
        }
    ).encode()
    request = urllib.request.Request(
        editing.url + "/_dash-update-component", data=body, headers={"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    refused.value.close()  # the error holds the response's socket
    wrong = urllib.request.Request(
        editing.url + "/_dash-update-component",
        data=body,
        headers={"Content-Type": "application/json", "Cookie": f"{COOKIE}=not-the-token"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused_again:
        urllib.request.urlopen(wrong, timeout=10)
    assert refused_again.value.code == 403
    refused_again.value.close()
    assert editing.file.read_bytes() == before


def test_without_the_token_the_page_says_it_is_read_only(browser, editing):
    context = browser.new_context()
    page = context.new_page()
    page.goto(editing.url + "/")
    page.wait_for_selector(f"#{eid.NOTICES} >> text=Read-only here")
    context.close()


def test_the_controls_work_from_the_keyboard_on_a_phone(browser, editing):
    """A phone-sized page: the panel fits the screen, its buttons are big enough, Tab and Enter act."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    target = _row_id(editing, "2023-06-18", "Antony Blinken")
    before = len(_entries(editing))
    _open(page, editing, f"?token={editing.token}&m={target}")
    page.wait_for_selector(f"#{eid.PANEL}:not(.hidden)")
    box = page.locator(".edit-card").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.locator(f"#{eid.REJECT}").bounding_box()["height"] >= 40
    page.focus(f"#{eid.REJECT_REASON}")
    page.keyboard.type("a toast at a banquet, not talks")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == eid.REJECT
    with page.expect_navigation():
        page.keyboard.press("Enter")
    entries = _entries(editing)
    assert len(entries) == before + 1 and entries[-1].reason == "a toast at a banquet, not talks"
    context.close()


def test_corrected_rows_only_is_in_the_url_and_the_panel_speaks_chinese(page, editing):
    edited = {i for e in _entries(editing) if e.action == "edit" for i in e.ids}
    assert edited, "an earlier test edited a row"
    _open(page, editing, f"?token={editing.token}&lang=zh&m={next(iter(edited))}")
    page.wait_for_selector(f"#{eid.PANEL}:not(.hidden)")
    assert page.inner_text(f"#{eid.REJECT}") == "标为非会晤"
    assert "理由" in page.inner_text(f"#{eid.PANEL}") and "Reason" not in page.inner_text(f"#{eid.PANEL}")
    assert page.inner_text(f"#{eid.TYPE} label >> nth=0") == "面对面"
    assert page.inner_text(".corrected-badge") == "已更正"
    all_rows = page.locator(ROW_LINKS).count()

    with page.expect_navigation():
        page.click(f"#{eid.CORRECTED_ONLY}")
    page.wait_for_load_state("networkidle")
    assert "corrected=1" in page.url and "lang=zh" in page.url
    page.wait_for_function(
        f"() => document.querySelectorAll('{ROW_LINKS}').length < {all_rows}", timeout=30_000
    )
    shown = page.locator(ROW_LINKS).evaluate_all("els => els.map(e => e.href)")
    assert shown and all(any(f"m={i}" in href for i in edited) for href in shown)
    assert page.inner_text(f"#{eid.CORRECTED_ONLY}") == "显示全部会晤"

    # A link with the filter is the same view for anyone; the toggle takes it out again.
    with page.expect_navigation():
        page.click(f"#{eid.CORRECTED_ONLY}")
    page.wait_for_load_state("networkidle")
    assert "corrected=1" not in page.url
    page.wait_for_function(
        f"() => document.querySelectorAll('{ROW_LINKS}').length == {all_rows}", timeout=30_000
    )
