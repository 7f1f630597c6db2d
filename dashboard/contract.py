"""The meetings table as the dashboard reads it: the contract's vocabularies, columns and optional fields.

`tests/test_contract.py` checks every tuple here against `tests/fixtures/meetings.schema.json`, so a
change of the contract fails a test instead of silently hiding rows or filter values.
"""

from __future__ import annotations

# Core topics first: the documented colour order of the timeline (Taiwan, chips, fentanyl, military).
TOPICS: tuple[str, ...] = (
    "taiwan", "chips", "fentanyl", "military", "trade", "climate", "ukraine",
    "north_korea", "south_china_sea", "human_rights", "people_exchange",
    "detained_citizens", "middle_east",
)  # fmt: skip
CORE_TOPICS: tuple[str, ...] = TOPICS[:4]
MEETING_TYPES: tuple[str, ...] = ("in_person", "phone", "video", "unknown")
STATUSES: tuple[str, ...] = ("held", "planned")
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "unknown")
SIDES: tuple[str, ...] = ("US", "CN")
# How the extraction obtained a meeting's date (optional field `dated_by`, newer tables only).
DATED_BY: tuple[str, ...] = ("text", "relative", "dateline", "reference_event", "unknown")

COLUMNS: tuple[str, ...] = (
    "id", "start_date", "end_date", "date_precision", "status", "meeting_type", "location",
    "participants", "topics", "sources", "excerpts",
)  # fmt: skip
# Optional fields some tables carry; the dashboard shows them when present and never requires them.
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "dated_by", "location_zh", "planned_in", "fulfilled_by", "origin", "corrections",
)  # fmt: skip
# What a row needs for the dashboard to place it; start_date may be null (a meeting of unknown date).
REQUIRED: tuple[str, ...] = ("id", "start_date", "end_date", "date_precision", "status", "meeting_type",
                             "participants")  # fmt: skip
ENUMS: dict[str, tuple[str, ...]] = {
    "date_precision": PRECISIONS,
    "status": STATUSES,
    "meeting_type": MEETING_TYPES,
}
