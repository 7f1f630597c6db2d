"""Timestamps: metadata timestamps (ISO 8601, epoch, odd formats) → datetime."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

# "2024-01-11 09:44:00.000000000 +00:00", "2022-12-13T05:58:00.000Z", "2024-01-11", "2024/1/11 9:44"
_TIMESTAMP = re.compile(
    r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*",
    re.IGNORECASE,
)
_EPOCH = re.compile(r"\s*(\d{10}|\d{13})\s*")


def parse_timestamp(value: str) -> datetime | None:
    """Parse a metadata timestamp; aware when an offset is given, naive otherwise, None for garbage."""
    if not value or not value.strip():
        return None
    match = _TIMESTAMP.fullmatch(value)
    if match:
        return _build_timestamp(match)
    match = _EPOCH.fullmatch(value)
    if match:
        digits = match.group(1)
        seconds = int(digits) / 1000 if len(digits) == 13 else int(digits)
        return datetime.fromtimestamp(seconds, tz=UTC)
    return _parse_timestamp_fallback(value)


def _build_timestamp(match: re.Match[str]) -> datetime | None:
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            micro,
            tzinfo=_parse_offset(offset),
        )
    except ValueError:
        return None


def _parse_offset(offset: str | None) -> timezone | None:
    if offset is None:
        return None
    if offset.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(sign * delta)


def _parse_timestamp_fallback(value: str) -> datetime | None:
    """Hand odd formats ("Jan 11, 2024 9:44 AM", "2024年1月11日") to dateparser, clock-free."""
    import dateparser  # slow to import; only odd formats need it

    settings = {"RELATIVE_BASE": datetime(2000, 1, 1), "PREFER_DAY_OF_MONTH": "first"}
    try:
        parsed = dateparser.parse(value.strip(), languages=["en", "zh"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if not isinstance(parsed, datetime) or not _is_absolute(value):
        return None
    return parsed


def _is_absolute(value: str) -> bool:
    """A fallback result counts only if the text names a four-digit year (no 'yesterday')."""
    return re.search(r"(?<!\d)(1[89]|20)\d{2}(?!\d)", value) is not None
