"""Read the meetings table (meetings.json, articles.json) into a DataFrame with per-meeting columns.

This is the data layer: it checks the table and derives what filters and figures compute on (dates as
windows, topic bit masks, lanes, officials). Words for people (labels, hover text) live in labels.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.contract import COLUMNS, ENUMS, OPTIONAL_COLUMNS, REQUIRED, SIDES, TOPICS
from dashboard.lanes import LaneRules, read_lane_rules, resolve_lane

TOPIC_BITS: dict[str, int] = {topic: 1 << i for i, topic in enumerate(TOPICS)}
NO_TOPIC = "none"
# Only these precisions place a meeting on the timeline; "unknown" is listed as undated whatever its date.
PLACED_PRECISIONS = ("day", "month", "year")


class TableError(Exception):
    """The meetings table is missing or malformed; names the file and the problem."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True, slots=True, eq=False)
class Table:
    """The meetings (one row each, with precomputed columns), the officials, outlets and article texts."""

    meetings: pd.DataFrame
    officials: pd.DataFrame  # key, name_en, name_zh, side, meetings
    outlets: tuple[str, ...]
    articles: Mapping[str, Mapping[str, Any]]
    folder: Path


def read_table(folder: Path) -> Table:
    """Read OUT_DIR/meetings.json, articles.json and report.json (both optional) into a Table."""
    records = read_meetings_json(folder / "meetings.json")
    articles = read_articles_json(folder / "articles.json")
    meetings = build_meetings_frame(records, read_lane_rules(), read_new_ids(folder / "report.json"))
    return Table(meetings, build_officials_frame(records), _outlets(records), articles, folder)


def read_meetings_json(path: Path) -> list[dict[str, Any]]:
    """Read and check meetings.json; raise TableError naming the file and the first problem."""
    data = _read_json(path)
    rows = data.get("meetings") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise TableError(path, 'expected an object with a "meetings" list')
    for index, row in enumerate(rows):
        problem = find_row_problem(row)
        if problem:
            raise TableError(path, f"meetings[{index}]: {problem}")
    return rows


def read_articles_json(path: Path) -> dict[str, dict[str, Any]]:
    """Read articles.json ({"articles": {path: {...}}} or the bare mapping); missing means no texts."""
    if not path.exists():
        return {}
    data = _read_json(path)
    articles = data.get("articles", data) if isinstance(data, dict) else None
    if not isinstance(articles, dict) or not all(isinstance(a, dict) for a in articles.values()):
        raise TableError(
            path, "expected a mapping of article path to {title, url, outlet, published, paragraphs}"
        )
    for key, article in articles.items():
        paragraphs = article.get("paragraphs", [])
        if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
            raise TableError(path, f"articles[{key!r}].paragraphs must be a list of strings")
    return articles


def read_new_ids(path: Path) -> frozenset[str]:
    """The ids of the rows the last build added (report.json's `new_since_last_build`); none without a report.

    The build writes one top-level key a line with the files' list last, so the line is found without
    parsing the account of every file (megabytes for a few months); any other layout is parsed whole.
    """
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(_NEW_LINE):
                    return _ids(json.loads(line.removeprefix(_NEW_LINE).rstrip().removesuffix(",")))
                if line.startswith(' "files": '):
                    return frozenset()
        data = _read_json(path)
    except (OSError, UnicodeDecodeError, ValueError, TableError):
        return frozenset()  # the report only adds a mark: without a readable one, nothing is marked
    return _ids(data.get("new_since_last_build") if isinstance(data, dict) else None)


_NEW_LINE = ' "new_since_last_build": '


def _ids(value: object) -> frozenset[str]:
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()


def find_row_problem(row: object) -> str | None:
    """Return what is wrong with one meeting record, or None when it fits the contract's core."""
    if not isinstance(row, dict):
        return "not an object"
    missing = [key for key in REQUIRED if key not in row]
    if missing:
        return f"missing {', '.join(missing)}"
    for key, allowed in ENUMS.items():
        if row[key] not in allowed:
            return f"{key} {row[key]!r} is not one of {', '.join(allowed)}"
    for key in ("participants", "topics", "sources", "excerpts"):
        if not isinstance(row.get(key, []), list):
            return f"{key} must be a list"
    if any(not isinstance(p, dict) or p.get("side") not in SIDES for p in row["participants"]):
        return "every participant needs a side, US or CN"
    if any(not isinstance(p.get("name_en"), str) for p in row["participants"]):
        return "every participant needs a name_en"
    return None


def build_meetings_frame(
    records: Sequence[Mapping[str, Any]], rules: LaneRules, new_ids: frozenset[str] = frozenset()
) -> pd.DataFrame:
    """Return one row per meeting: the contract's columns and the columns filters and figures use.

    `new_ids` are the rows the last build added: their `new` column is true.
    """
    rows = [_derive(record, rules) for record in records]
    frame = pd.DataFrame(rows, columns=[*COLUMNS, *OPTIONAL_COLUMNS, *DERIVED_COLUMNS])
    frame["new"] = frame["id"].isin(new_ids).astype(bool)
    placed = frame["date_precision"].isin(PLACED_PRECISIONS)
    frame["start"] = pd.to_datetime(frame["start_date"].where(placed), errors="coerce")
    frame["end"] = pd.to_datetime(frame["end_date"].where(placed), errors="coerce").fillna(frame["start"])
    frame["month"] = frame["start"].dt.strftime("%Y-%m").fillna("")
    frame["x_ms"] = frame["start"].to_numpy(dtype="datetime64[ms]").astype("int64").astype("float64")
    # A window ends at the end of its last day: a month-precision meeting covers the whole month.
    end_ms = frame["end"].to_numpy(dtype="datetime64[ms]").astype("int64").astype("float64")
    frame["x_end_ms"] = end_ms
    frame["planned"] = frame["status"] == "planned"
    frame["approx"] = frame["date_precision"].isin(("month", "year")).to_numpy()
    frame["multi_day"] = ((frame["end"] > frame["start"]) & ~frame["approx"]).fillna(False)
    lane_rows = {lane: i for i, lane in enumerate(rules.display)}
    frame["lane_row"] = frame["lane"].map(lane_rows).astype("int64")
    # One timeline trace per lane, type and status: a categorical key groups 5,000 rows in well under 1 ms.
    frame["group"] = pd.Categorical(frame["lane"] + "/" + frame["meeting_type"] + "/" + frame["status"])
    frame["topic_mask"] = frame["topic_mask"].astype("int64")
    # Plain object columns: Arrow-backed strings (pandas 3's default) are slow to iterate and to list.
    text = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) and frame[c].dtype != object]
    frame[text] = frame[text].astype(object)
    optional = frame[list(OPTIONAL_COLUMNS)].astype(object)
    frame[list(OPTIONAL_COLUMNS)] = optional.where(optional.notna(), None)  # absent is None, never NaN
    return frame.sort_values(["start", "id"], na_position="last").reset_index(drop=True)


DERIVED_COLUMNS = (
    "lane", "topic_mask", "official_keys", "us_keys", "cn_keys", "outlet_set", "n_sources", "pairs",
)  # fmt: skip


def _derive(record: Mapping[str, Any], rules: LaneRules) -> dict[str, Any]:
    participants = record["participants"]
    topics = sorted((t for t in set(record.get("topics", [])) if t in TOPIC_BITS), key=TOPICS.index)
    sources = record.get("sources", [])
    row = {key: record.get(key) for key in (*COLUMNS, *OPTIONAL_COLUMNS)}
    row.update(
        topics=topics,
        sources=sources,
        excerpts=record.get("excerpts", []),
        lane=resolve_lane(participants, topics, rules),
        topic_mask=sum(TOPIC_BITS[t] for t in topics),
        official_keys=frozenset(p["name_en"] for p in participants),
        us_keys=frozenset(p["name_en"] for p in participants if p["side"] == "US"),
        cn_keys=frozenset(p["name_en"] for p in participants if p["side"] == "CN"),
        outlet_set=frozenset(s["outlet"] for s in sources if isinstance(s, dict) and s.get("outlet")),
        n_sources=max(1, len(sources)),
        pairs=tuple(
            (us["name_en"], cn["name_en"])
            for us in participants
            if us["side"] == "US"
            for cn in participants
            if cn["side"] == "CN"
        ),
    )
    return row


def build_officials_frame(records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Return every participant once: key (English name), names, side, meeting count."""
    seen: dict[str, dict[str, Any]] = {}
    for record in records:
        for p in record["participants"]:
            entry = seen.setdefault(
                p["name_en"], {"key": p["name_en"], "name_en": p["name_en"], "name_zh": p.get("name_zh"),
                               "side": p["side"], "meetings": 0},
            )  # fmt: skip
            entry["meetings"] += 1
    columns = ["key", "name_en", "name_zh", "side", "meetings"]
    frame = pd.DataFrame(list(seen.values()), columns=columns)
    return frame.sort_values(["meetings", "key"], ascending=[False, True]).reset_index(drop=True)


def _outlets(records: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    names = {s.get("outlet") for r in records for s in r.get("sources", []) if isinstance(s, dict)}
    return tuple(sorted(str(n) for n in names if n))


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError as error:
        raise TableError(path, "file not found") from error
    except UnicodeDecodeError as error:
        raise TableError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise TableError(
            path, f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
