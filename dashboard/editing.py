"""Edit mode's state: the extracted table, the user's corrections file, and the table they make together.

An `EditSession` turns the dashboard's form values into corrections entries, checks each one with the
same parser and the same `apply_corrections` the build uses, appends it to the file (atomically, under
a lock, keeping the user's comments), and rebuilds the table shown, without a re-build of the articles.
Undo takes back the last entry this server wrote. The dashboard imports data_prep's correct stage and
officials vocabulary here only, never the extraction.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dashboard.data import (
    Table,
    TableError,
    build_meetings_frame,
    build_officials_frame,
    read_articles_json,
    read_new_ids,
)
from dashboard.data import read_meetings_json as read_checked_meetings
from dashboard.lanes import read_lane_rules
from data_prep.correct import (
    CorrectionResult,
    CorrectionsFileError,
    append_correction,
    apply_corrections,
    read_corrections_file,
    remember_keys,
    remove_correction,
    row_key,
)
from data_prep.correct.entries import parse_entry
from data_prep.correct.stage import KEYS_FILE, load_officials_index, read_keys

EXTRACTED_JSON = "meetings.extracted.json"
_SIDE_SUFFIX = re.compile(r"^(?P<name>.+?)\s*[(（]\s*(?P<side>US|CN)\s*[)）]$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[;；\n]+")


class EditError(ValueError):
    """An edit that cannot be written: the message says why, for the page."""


@dataclass
class EditSession:
    """The state of one editing server: paths, the extracted rows, what this server wrote."""

    data_dir: Path
    corrections: Path
    editor: str
    today: Callable[[], date] = date.today
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    written: list[dict[str, Any]] = field(default_factory=list)
    result: CorrectionResult | None = None
    file_problem: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.extracted = _read_extracted(self.data_dir)
        self.articles = read_articles_json(self.data_dir / "articles.json")
        self.new_ids = read_new_ids(self.data_dir / "report.json")
        self.officials = load_officials_index()
        self.refresh()

    # ------------------------------------------------------------------ the table

    def refresh(self) -> None:
        """Re-read the corrections file and re-apply it to the extracted rows."""
        try:
            entries, problems = read_corrections_file(self.corrections)
        except CorrectionsFileError as error:
            entries, problems = [], []
            self.file_problem = None if error.problem == "file not found" else str(error)
        else:
            self.file_problem = None
        keys = remember_keys(
            [i for e in entries for i in e.ids], self.extracted, read_keys(self.data_dir / KEYS_FILE)
        )
        result = apply_corrections(
            self.extracted, entries, self.officials, keys=keys, path=str(self.corrections)
        )
        self.result = result
        self.parse_problems = problems

    @property
    def rows(self) -> dict[str, dict[str, Any]]:
        assert self.result is not None
        return {row["id"]: row for row in self.result.rows}

    def table(self) -> Table:
        """The table the dashboard shows: the corrected one (corrected rows only is a filter of the URL)."""
        assert self.result is not None
        rows = list(self.result.rows)
        outlets = sorted({str(s["outlet"]) for r in rows for s in r.get("sources", []) if s.get("outlet")})
        frame = build_meetings_frame(rows, read_lane_rules(), self.new_ids)
        return Table(frame, build_officials_frame(rows), tuple(outlets), self.articles, self.data_dir)

    def notices(self) -> list[str]:
        """Orphaned and malformed corrections, and a file that cannot be read: shown on every page."""
        assert self.result is not None
        lines = [self.file_problem] if self.file_problem else []
        for orphan in self.result.orphans:
            near = f" (candidates: {', '.join(orphan.candidates)})" if orphan.candidates else ""
            lines.append(
                f"orphaned: entry {orphan.index} ({orphan.action} {orphan.id}): {orphan.reason}{near}"
            )
        for problem in [*self.parse_problems, *self.result.problems]:
            lines.append(f"malformed: entry {problem.index}: {problem.problem}")
        return lines

    # ------------------------------------------------------------------ writing

    def write(self, entry: dict[str, Any]) -> str | None:
        """Check an entry as the build would, append it, re-apply; return the id of the row it touched."""
        with self._lock:
            entry = {**entry, "by": self.editor, "at": self.today()}
            self._check(entry)
            try:
                append_correction(self.corrections, entry)
            except CorrectionsFileError as error:
                raise EditError(str(error)) from error
            self.written.append(entry)
            self.refresh()
            effect = self.result.effects[-1] if self.result and self.result.effects else None
            return effect.ids[0] if effect and entry.get("reject") is None else None

    def undo(self) -> bool:
        """Take back the last entry this server wrote; False when there is none (or it is gone)."""
        with self._lock:
            while self.written:
                entry = self.written.pop()
                if remove_correction(self.corrections, entry) is not None:
                    self.refresh()
                    return True
            return False

    def _check(self, entry: dict[str, Any]) -> None:
        """Refuse an entry the build would call malformed or orphaned, before it reaches the file."""
        try:
            correction = parse_entry(entry, 0)
        except ValueError as error:
            raise EditError(str(error)) from error
        rows = list(self.rows.values())
        trial = apply_corrections(rows, [correction], self.officials)
        if trial.problems:
            raise EditError(trial.problems[0].problem)
        if trial.orphans:
            raise EditError(f"{trial.orphans[0].id}: {trial.orphans[0].reason}")

    # ------------------------------------------------------------------ entries from the form

    def match_of(self, row_id: str) -> dict[str, Any]:
        """The fallback key written with an entry, so that it finds its row after an id changes."""
        key = row_key(self.rows[row_id])
        return {"start_date": key.start_date, "principals": list(key.principals)}

    def reject_entry(self, row_id: str, reason: str | None) -> dict[str, Any]:
        return {
            "id": row_id,
            "reject": (reason or "").strip() or "not a meeting",
            "match": self.match_of(row_id),
        }

    def merge_entry(self, row_id: str, other: str, note: str | None) -> dict[str, Any]:
        if not other or other == row_id:
            raise EditError("choose another meeting to merge with")
        return {"merge": [row_id, other], "note": (note or "").strip() or None}

    def edit_entry(self, row_id: str, form: Mapping[str, Any]) -> dict[str, Any]:
        """Compare the form with the row and write only what changed."""
        row = self.rows[row_id]
        settings: dict[str, Any] = {}
        for key in ("start_date", "end_date"):
            value = parse_day(form.get(key), key)
            if value is not None and value.isoformat() != row.get(key):
                settings[key] = value
        for key in ("meeting_type", "status"):
            if form.get(key) and form[key] != row.get(key):
                settings[key] = form[key]
        place = (form.get("location") or "").strip() or None
        if place != (row.get("location") or None):
            settings["location"] = place
        entry: dict[str, Any] = {"id": row_id, "set": settings or None}
        entry["add_participants"] = parse_people(form.get("add_participants")) or None
        entry["remove_participants"] = list(form.get("remove_participants") or []) or None
        topics = set(form.get("topics") or [])
        entry["add_topics"] = sorted(topics - set(row["topics"])) or None
        entry["remove_topics"] = sorted(set(row["topics"]) - topics) or None
        if not any(
            entry[k]
            for k in ("set", "add_participants", "remove_participants", "add_topics", "remove_topics")
        ):
            raise EditError("nothing changed")
        entry["note"] = (form.get("note") or "").strip() or None
        entry["match"] = self.match_of(row_id)
        return {k: v for k, v in entry.items() if v is not None}

    def add_entry(self, form: Mapping[str, Any]) -> dict[str, Any]:
        start = parse_day(form.get("start_date"), "start date")
        url = (form.get("url") or "").strip()
        if not url:
            raise EditError("an added meeting needs a source: its URL")
        row: dict[str, Any] = {
            "start_date": start,
            "end_date": parse_day(form.get("end_date"), "end date") or start,
            "meeting_type": form.get("meeting_type") or "unknown",
            "status": form.get("status") or "held",
            "location": (form.get("location") or "").strip() or None,
            "participants": parse_people(form.get("participants")),
            "topics": sorted(form.get("topics") or []) or None,
            "sources": [{"url": url, "title": (form.get("title") or "").strip() or None}],
        }
        entry: dict[str, Any] = {"add": {k: v for k, v in row.items() if v is not None}}
        entry["note"] = (form.get("note") or "").strip() or None
        return {k: v for k, v in entry.items() if v is not None}


def parse_day(value: object, what: str) -> date | None:
    """A date from a form field (YYYY-MM-DD), or None when empty."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise EditError(f"{what}: write the date as YYYY-MM-DD") from None


def parse_people(text: object) -> list[Any]:
    """Names separated by ';' or new lines; 'Jane Roe (US)' gives a side to someone the vocabulary lacks."""
    people: list[Any] = []
    for part in _SEPARATORS.split(str(text or "")):
        name = part.strip()
        if not name:
            continue
        sided = _SIDE_SUFFIX.match(name)
        if sided:
            people.append({"name_en": sided["name"].strip(), "side": sided["side"].upper()})
        else:
            people.append(name)
    return people


def _read_extracted(data_dir: Path) -> list[dict[str, Any]]:
    """The table before corrections: meetings.extracted.json (or meetings.json of an older build)."""
    path = data_dir / EXTRACTED_JSON
    if not path.exists():
        path = data_dir / "meetings.json"
    rows = read_checked_meetings(path)
    if any(row.get("corrections") for row in rows):
        raise TableError(path, "already corrected: rebuild with this version to get meetings.extracted.json")
    return [json.loads(json.dumps(row)) for row in rows]


def describe_history(row: Mapping[str, Any]) -> Sequence[str]:
    """Every correction of a row, one line each: action, note, who and when."""
    lines = []
    for entry in row.get("corrections") or []:
        who = " · ".join(str(v) for v in (entry.get("by"), entry.get("at")) if v)
        note = f": {entry['note']}" if entry.get("note") else ""
        found = (
            f" (found by date and principals; was {entry['matched_from']})"
            if entry.get("matched_from")
            else ""
        )
        lines.append(f"{entry['action']}{note}{f' — {who}' if who else ''}{found}")
    return lines
