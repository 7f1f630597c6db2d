"""Metadata timestamps: ISO 8601, epoch and odd formats → datetime, aware only with an offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from data_prep.read.timestamps import parse_timestamp

CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "2024-01-11 09:44:00.000000000 +00:00",
            datetime(2024, 1, 11, 9, 44, tzinfo=UTC),
            id="nanoseconds-utc",
        ),
        pytest.param(
            "2024-01-11 19:54:28.000000000 +08:00",
            datetime(2024, 1, 11, 19, 54, 28, tzinfo=CST),
            id="nanoseconds-cst",
        ),
        pytest.param("2022-12-13T05:58:00.000Z", datetime(2022, 12, 13, 5, 58, tzinfo=UTC), id="iso-z"),
        pytest.param(
            "2023-10-28T18:35:06.220Z", datetime(2023, 10, 28, 18, 35, 6, 220000, tzinfo=UTC), id="iso-millis"
        ),
        pytest.param(
            "2024-01-11T19:54:28+0800", datetime(2024, 1, 11, 19, 54, 28, tzinfo=CST), id="offset-no-colon"
        ),
        pytest.param("2024-01-11", datetime(2024, 1, 11), id="plain-date-naive"),
        pytest.param("2024/1/11 9:44", datetime(2024, 1, 11, 9, 44), id="slashes-naive"),
        pytest.param("1704966240000", datetime(2024, 1, 11, 9, 44, tzinfo=UTC), id="epoch-millis"),
        pytest.param("1704966240", datetime(2024, 1, 11, 9, 44, tzinfo=UTC), id="epoch-seconds"),
        pytest.param("Jan 11, 2024 9:44 AM", datetime(2024, 1, 11, 9, 44), id="fallback-english"),
        pytest.param(
            "Thu, 11 Jan 2024 09:44:00 +0800", datetime(2024, 1, 11, 9, 44, tzinfo=CST), id="fallback-rfc2822"
        ),
        pytest.param("2024年1月11日", datetime(2024, 1, 11), id="fallback-chinese"),
        pytest.param("garbage", None, id="garbage"),
        pytest.param("", None, id="empty"),
        pytest.param("2024-13-45", None, id="impossible-date"),
        pytest.param("yesterday", None, id="relative-refused"),
    ],
)
def test_parse_timestamp(value: str, expected: datetime | None) -> None:
    parsed = parse_timestamp(value)
    assert parsed == expected
    if expected is not None:
        assert (parsed.tzinfo is None) == (expected.tzinfo is None)  # type: ignore[union-attr]
