"""The meetings table: Meeting records ↔ contract dicts ↔ DataFrame ↔ JSON and Parquet files.

The JSON form is the contract (`meetings.schema.json`). The Parquet form holds the same columns:
dates as `date32`, and `participants`, `topics`, `sources`, `excerpts` as lists (of structs), so
`pandas.read_parquet` gives plain columns plus object columns of arrays of dicts; `read_meetings_frame`
turns those into Python lists and the dates into `datetime64`, the shape the dashboard filters on.
"""

from __future__ import annotations

import functools
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from data_prep.model import DateSpan, Excerpt, Meeting, Participant, Source

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

Record = dict[str, Any]

COLUMNS: tuple[str, ...] = (
    "id", "start_date", "end_date", "date_precision", "dated_by", "status", "meeting_type", "location",
    "location_zh", "participants", "topics", "sources", "excerpts", "planned_in", "fulfilled_by",
)  # fmt: skip
# The contract's version: 1.1 adds the optional dated_by field and this number itself; 1.2 the
# optional planned_in / fulfilled_by links between a planned row and the held row that fulfils it;
# 1.3 the optional Chinese names readers see: location_zh, and each participant's title_zh.
SCHEMA_VERSION = "1.3"
_LINKS = ("planned_in", "fulfilled_by")
_NESTED: tuple[str, ...] = ("participants", "topics", "sources", "excerpts")
_PARTICIPANT_FIELDS = ("name_en", "name_zh", "side", "title", "title_zh")
_SOURCE_FIELDS = ("path", "url", "outlet", "title", "published")


def meeting_to_record(meeting: Meeting) -> Record:
    """Turn a Meeting into the contract's dict, sources by path and excerpts in source order."""
    sources = sorted(meeting.sources, key=lambda source: source.path)
    rank = {source.path: index for index, source in enumerate(sources)}
    excerpts = sorted(meeting.excerpts, key=lambda excerpt: rank.get(excerpt.path, len(rank)))
    return {
        "id": meeting.id,
        "start_date": _iso(meeting.span.start),
        "end_date": _iso(meeting.span.end),
        "date_precision": meeting.span.precision,
        "dated_by": meeting.dated_by,
        "status": meeting.status,
        "meeting_type": meeting.meeting_type,
        "location": meeting.location,
        "location_zh": find_location_zh(meeting.location),
        "participants": [
            {name: getattr(p, name) for name in _PARTICIPANT_FIELDS} for p in meeting.participants
        ],
        "topics": list(meeting.topics),
        "sources": [{name: getattr(s, name) for name in _SOURCE_FIELDS} for s in sources],
        "excerpts": [{"path": e.path, "text": e.text, "topics": list(e.topics)} for e in excerpts],
        "planned_in": meeting.planned_in,
        "fulfilled_by": meeting.fulfilled_by,
    }


def record_to_meeting(record: Record) -> Meeting:
    """Turn a contract dict back into a Meeting (participant keys and mention counts are not in it)."""
    span = DateSpan(_date(record["start_date"]), _date(record["end_date"]), record["date_precision"])
    return Meeting(
        id=record["id"],
        span=span,
        status=record["status"],
        meeting_type=record["meeting_type"],
        location=record.get("location"),
        dated_by=record.get("dated_by") or "unknown",
        participants=tuple(
            Participant(p["name_en"], p.get("name_zh"), p["side"], p.get("title"), title_zh=p.get("title_zh"))
            for p in record["participants"]
        ),
        topics=tuple(record["topics"]),
        sources=tuple(Source(**{name: s.get(name) for name in _SOURCE_FIELDS}) for s in record["sources"]),
        excerpts=tuple(Excerpt(e["path"], e["text"], tuple(e.get("topics", ()))) for e in record["excerpts"]),
        planned_in=record.get("planned_in"),
        fulfilled_by=record.get("fulfilled_by"),
    )


def find_location_zh(location: str | None) -> str | None:
    """Name the table's place in Chinese, from the places vocabulary (None when it has no name for it)."""
    # Imported here: the Parquet formatter's process (parquet_process.py) imports this module and has no
    # use for the vocabularies, whose loader and YAML parser cost it 0.02 s of CPU to import.
    from data_prep.vocab.places import read_chinese_place_names

    return None if location is None else read_chinese_place_names().get(location)


def sort_meetings(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Put meetings in table order: by start date (undated last), then id."""
    return sorted(meetings, key=lambda m: (m.span.start is None, m.span.start or date.min, m.id))


def build_records(meetings: Iterable[Meeting]) -> list[Record]:
    """Turn meetings into contract dicts in table order."""
    return [meeting_to_record(meeting) for meeting in sort_meetings(meetings)]


def format_meetings_json(records: Sequence[Record], articles_dir: str) -> bytes:
    """Encode the contract's JSON document, one meeting a line; same records give the same bytes."""
    document = {"schema_version": SCHEMA_VERSION, "articles_dir": articles_dir, "meetings": list(records)}
    return format_json(document, expand="meetings")


def write_meetings_json(path: Path, records: Sequence[Record], articles_dir: str) -> None:
    """Write the contract's JSON document atomically."""
    write_bytes_atomic(path, format_meetings_json(records, articles_dir))


def read_meetings_json(path: Path) -> list[Record]:
    """Read the meetings of a meetings.json file."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    meetings: list[Record] = document["meetings"]
    return meetings


def import_parquet_writer() -> None:
    """Import what writing Parquet needs (a few tenths of a second): the formatter process does, first."""
    import pyarrow.json  # noqa: F401
    import pyarrow.parquet  # noqa: F401


def format_meetings_parquet(records: Sequence[Record]) -> bytes:
    """Encode the records as a Parquet file."""
    import pyarrow.parquet as pq  # pyarrow costs ~0.2 s to import: only the Parquet functions need it

    buffer = io.BytesIO()
    pq.write_table(_records_to_arrow(records), buffer)
    return buffer.getvalue()


def write_meetings_parquet(path: Path, records: Sequence[Record]) -> None:
    """Write the records as a Parquet table atomically."""
    write_bytes_atomic(path, format_meetings_parquet(records))


def read_meetings_frame(path: Path) -> pd.DataFrame:
    """Read a meetings.parquet file as a DataFrame with list columns and datetime64 dates."""
    import pyarrow.parquet as pq

    return _arrow_to_frame(pq.read_table(path))


def records_to_frame(records: Sequence[Record]) -> pd.DataFrame:
    """Build the same DataFrame that read_meetings_frame gives, straight from records."""
    return _arrow_to_frame(_records_to_arrow(records))


def frame_to_records(frame: pd.DataFrame) -> list[Record]:
    """Turn a meetings DataFrame back into contract dicts."""
    records = []
    for row in frame.to_dict(orient="records"):
        record = {column: row.get(column) for column in COLUMNS}
        for column in ("start_date", "end_date"):
            record[column] = None if _is_missing(row[column]) else row[column].date().isoformat()
        for column in ("location", "location_zh", *_LINKS):
            record[column] = None if _is_missing(record[column]) else record[column]
        records.append(record)
    return records


def format_json(document: dict[str, Any], *, expand: str | None = None) -> bytes:
    """Encode a JSON object one top-level key a line, and one item of the `expand` key a line.

    Line-wise layout keeps the files readable and diffable while every value is encoded by json's
    C encoder (`indent=` would switch to the pure-Python one, 20x slower on a month's report).
    """
    lines = []
    for key, value in document.items():
        head = f" {_dumps(key)}: "
        if key == expand and isinstance(value, dict) and value:
            items = ",\n".join(f"  {_dumps(name)}: {_dumps(item)}" for name, item in value.items())
            lines.append(f"{head}{{\n{items}\n }}")
        elif key == expand and isinstance(value, list) and value:
            items = ",\n".join(f"  {_dumps(item)}" for item in value)
            lines.append(f"{head}[\n{items}\n ]")
        else:
            lines.append(head + _dumps(value))
    text = "{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n"
    return text.encode("utf-8")


# Unescaped UTF-8 keeps Chinese text readable in the files. One encoder for every value: json.dumps
# with an option builds a new one per call, which costs more than encoding a report's file entry; so
# does JSONEncoder.encode, which makes its C encoder anew at each call (0.11 s against 0.07 s for the
# 46,000 file entries of the four shared months). The C encoder made once writes the same bytes.
_ENCODER = json.JSONEncoder(ensure_ascii=False)
_MAKE_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)  # None without json's C accelerator
_C_ENCODER = (  # (markers, default, encode string, indent, separators, sort_keys, skipkeys, allow_nan)
    None
    if _MAKE_C_ENCODER is None
    else _MAKE_C_ENCODER(
        None, _ENCODER.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )
)


def _dumps(value: object) -> str:
    if _C_ENCODER is None or isinstance(value, str):
        return _ENCODER.encode(value)
    return "".join(_C_ENCODER(value, 0))


def write_bytes_if_changed(path: Path, data: bytes) -> bool:
    """Write a file atomically unless it already holds these bytes; say whether it was written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass  # missing or unreadable: write it
    write_bytes_atomic(path, data)
    return True


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a reader, or a crash at any point, sees either the old or the new bytes."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, _file_mode())  # mkstemp makes 0600 files; outputs are ordinary files
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


@functools.cache
def _file_mode() -> int:
    """The mode open() would give a new file: 0666 less the process umask (read once)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable across a power cut, not only across a killed process."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _arrow_schema(records: Sequence[Record] = ()) -> pa.Schema:
    """The table's Arrow schema; the optional columns of a corrected table only when its rows have them."""
    import pyarrow as pa

    text = pa.string()
    history = pa.struct([("action", text), ("note", text), ("by", text), ("at", text),
                         ("entry", pa.int64()), ("matched_from", text)])  # fmt: skip
    optional = [("origin", text), ("corrections", pa.list_(history)), ("aliases", pa.list_(text))]
    present = {key for record in records for key in record}
    participant = pa.struct([(name, text) for name in _PARTICIPANT_FIELDS])
    source = pa.struct([(name, text) for name in _SOURCE_FIELDS])
    excerpt = pa.struct([("path", text), ("text", text), ("topics", pa.list_(text))])
    return pa.schema(
        [("id", text), ("start_date", pa.date32()), ("end_date", pa.date32())]
        + [(name, text) for name in ("date_precision", "dated_by", "status", "meeting_type", "location")]
        + [("location_zh", text)]
        + [("participants", pa.list_(participant)), ("topics", pa.list_(text))]
        + [("sources", pa.list_(source)), ("excerpts", pa.list_(excerpt))]
        + [(name, text) for name in _LINKS]
        + [(name, kind) for name, kind in optional if name in present]
    )


def _records_to_arrow(records: Sequence[Record]) -> pa.Table:
    """Build the Arrow table through Arrow's JSON reader: pa.array would import pandas (0.5 s)."""
    import pyarrow as pa
    import pyarrow.json as pa_json

    schema = _arrow_schema(records)
    if not records:
        return schema.empty_table()
    lines = "\n".join(_dumps(_with_day_numbers(record)) for record in records).encode("utf-8")
    as_read = pa.schema([f.with_type(pa.int32()) if f.name in _DATES else f for f in schema])
    table = pa_json.read_json(
        io.BytesIO(lines),
        read_options=pa_json.ReadOptions(use_threads=False, block_size=len(lines) + 1),
        parse_options=pa_json.ParseOptions(explicit_schema=as_read, unexpected_field_behavior="error"),
    )
    for name in _DATES:
        days = table.column(name)
        dates = pa.chunked_array([chunk.view(pa.date32()) for chunk in days.chunks], pa.date32())
        table = table.set_column(table.schema.get_field_index(name), schema.field(name), dates)
    return table


# The JSON reader turns no string into a date32, and a cast would import pyarrow.compute (0.05 s): the
# dates are read as their day numbers since 1970 (int32), which is what a date32 holds, and viewed so.
_DATES = ("start_date", "end_date")
_DAY_ZERO = date(1970, 1, 1).toordinal()


def _with_day_numbers(record: Record) -> Record:
    """The record with its dates as day numbers since 1970 (None stays None)."""
    days = {name: None if record[name] is None else date.fromisoformat(record[name]).toordinal() - _DAY_ZERO
            for name in _DATES}  # fmt: skip
    return {**record, **days}


def _arrow_to_frame(table: pa.Table) -> pd.DataFrame:
    import pandas as pd

    frame = table.to_pandas()
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column])
    for column in (*_NESTED, "corrections", "aliases"):
        if column in frame.columns:
            frame[column] = [_to_python(value) for value in frame[column]]
    return frame


def _to_python(value: Any) -> Any:
    """Turn the numpy arrays pyarrow gives for list columns into plain (nested) lists."""
    if hasattr(value, "tolist") and not isinstance(value, str):
        return [_to_python(item) for item in value.tolist()]
    if isinstance(value, list):
        return [_to_python(item) for item in value]
    if isinstance(value, dict):
        return {key: _to_python(item) for key, item in value.items()}
    return value


def _is_missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
