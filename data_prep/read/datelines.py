"""Datelines: the local calendar date an article's 今天/12日/周三 refer to."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from data_prep.read.timestamps import parse_timestamp
from data_prep.vocab.outlets import load_outlets

# A URL date older than the metadata date by more than this is a feed re-dating an old item.
REPOST_GAP = timedelta(days=3)
# A timestamp in the text older than the metadata by more than this is an old item re-sent.
STALE_TEXT_GAP = timedelta(days=30)
# A dateline's day number must fall this close to the timestamp's local date to be trusted.
_DAY_WINDOW = (0, -1, 1, -2, 2)

# RFI: <div>18/06/2023 - 23:50</div>, in Paris time.
_RFI_DATELINE = re.compile(r"\s*<div>\s*(\d{1,2})/(\d{1,2})/(\d{4}) - \d{1,2}:\d{2}\s*</div>")
# DW: <div><i>  author<br>2024-01-01T12:01:58.265Z</i></div>, in UTC.
_DW_TIMESTAMP = re.compile(
    r"<i>[^<]{0,80}(?:<br\s*/?>)?\s*(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\s*</i>"
)
# CNA's closing code 1130111 (ROC year, month, day) right before a </p>, not inside a longer number.
_ROC_CODE = re.compile(r"(1\d\d)(0[1-9]|1[0-2])([0-3]\d)")
_DIGIT = re.compile(r"\d")
_URL_DATES = (
    re.compile(r"/(20\d\d|19\d\d)/(\d{1,2})/(\d{1,2})(?=/|$)"),  # aljazeera /2022/6/10/
    re.compile(r"(?:^|[/_-]|story)(20\d\d)(\d\d)(\d\d)(?:\d{4})?(?=[-_./]|$)"),  # rfi, rthk, cna, zaobao
)


def resolve_published_on(
    body: str, stamp: datetime | None, zone: ZoneInfo | None, url: str | None
) -> tuple[date | None, tuple[str, ...]]:
    """Return the dateline's local date and notes, from the body, the timestamp and the link."""
    local = _local_date(stamp, zone)
    in_text = _body_dateline(body, local, zone)
    if in_text is not None and local is not None and in_text < local - REPOST_GAP:
        if in_text < local - STALE_TEXT_GAP:
            return in_text, (f"re-dated repost: text dated {in_text.isoformat()}",)
        # DW stamps an article when first written and keeps the stamp through later updates
        # (a debt-ceiling story stamped 29 May reports the 1 June vote), so a gap of days is not
        # proof of a repost.
        return local, (f"text timestamp {in_text.isoformat()} is older than the metadata date",)
    found = in_text or local
    link_date = find_url_date(url)
    if link_date is None:
        return found, () if found else ("no publication date",)
    if found is None:
        return link_date, ("date taken from the link",)
    if link_date < found - REPOST_GAP:
        return link_date, (f"re-dated repost: link dated {link_date.isoformat()}",)
    return found, ()


def find_url_date(url: str | None) -> date | None:
    """Find a calendar date written in a link's path (/2022/6/10/, /20230618-, -20240111.htm)."""
    if not url:
        return None
    path = url.split("://", 1)[-1].partition("/")[2].partition("?")[0]
    for pattern in _URL_DATES:
        for match in pattern.finditer("/" + path):
            found = _make_date(*match.groups()[:3])
            if found is not None:
                return found
    return None


def _local_date(stamp: datetime | None, zone: ZoneInfo | None) -> date | None:
    if stamp is None:
        return None
    if stamp.tzinfo is not None and zone is not None:
        return stamp.astimezone(zone).date()
    return stamp.date()


def _body_dateline(body: str, local: date | None, zone: ZoneInfo | None) -> date | None:
    """Find a dateline in the body: explicit dates first, then a day number near the timestamp."""
    rfi = _RFI_DATELINE.match(body)
    if rfi:
        return _make_date(rfi.group(3), rfi.group(2), rfi.group(1))
    head = body[:400]
    if "Z</i>" in head and (dw := _DW_TIMESTAMP.search(head)):
        stamp = parse_timestamp(dw.group(1))
        return _local_date(stamp, zone or ZoneInfo("UTC"))
    if local is None:
        return None
    if found := _agency_dateline(body, local):
        return found
    if roc := _find_roc_code(body):
        code_date = _make_date(str(int(roc.group(1)) + 1911), roc.group(2), roc.group(3))
        if code_date is not None and code_date in set(_around(local)):
            return code_date
    return None


def _agency_dateline(body: str, local: date) -> date | None:
    """The date near the timestamp that a wire-service dateline names by its day (or month and day)."""
    for dateline in load_outlets().agency_datelines:
        start = body.find(dateline.opening)
        if start >= 0 and (match := dateline.pattern.match(body, start)):
            named = tuple(int(number) for number in match.groups())
            if found := next((d for d in _around(local) if (d.month, d.day)[-len(named) :] == named), None):
                return found
    return None


def _find_roc_code(body: str) -> re.Match[str] | None:
    """The first code right before a </p> (spaces between allowed); found from the </p>, not by a scan."""
    closing = body.find("</p>")
    while closing >= 0:
        end = closing
        while end > 0 and body[end - 1].isspace():
            end -= 1
        code = _ROC_CODE.fullmatch(body, end - 7, end) if end >= 7 else None
        if code is not None and not (end > 7 and _DIGIT.match(body, end - 8)):
            return code
        closing = body.find("</p>", closing + 1)
    return None


def _around(local: date) -> Iterable[date]:
    return (local + timedelta(days=offset) for offset in _DAY_WINDOW)


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
