"""Words for readers, built from the data layer's rows: dates at their precision, names, hover text.

Hover text is escaped here because plotly.js renders it as HTML; every other label becomes plain
component children and needs no escaping.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

import pandas as pd

from dashboard.contract import SIDES
from dashboard.i18n import label, t

HOVER_PARTICIPANTS = 6  # titles and the rest are in the detail panel; hover text is most of the payload


def build_date_label(record: Mapping[str, Any]) -> str:
    """Write the meeting's dates at their precision: 2023-10-26 – 10-27, ≈ 2021-10, ≈ 2024, or ''."""
    start, end, precision = record.get("start_date"), record.get("end_date"), record.get("date_precision")
    if not isinstance(start, str) or not start or precision == "unknown":
        return ""
    if precision == "year":
        return f"≈ {start[:4]}"
    if precision == "month":
        return f"≈ {start[:7]}"
    if isinstance(end, str) and end and end != start:
        return f"{start} – {end[5:] if end[:4] == start[:4] else end}"
    return start


def build_participant_label(participant: Mapping[str, Any], lang: str = "en") -> str:
    """Name a participant in both languages, the page's language first: 'Antony Blinken 布林肯'."""
    en, zh = str(participant["name_en"]), participant.get("name_zh")
    if not isinstance(zh, str) or not zh:
        return en
    return f"{zh} {en}" if lang == "zh" else f"{en} {zh}"


def build_short_name(participant: Mapping[str, Any], lang: str) -> str:
    """Name a participant in the page's language only (Chinese when the table has it)."""
    zh = participant.get("name_zh")
    return zh if lang == "zh" and isinstance(zh, str) and zh else str(participant["name_en"])


def build_role(participant: Mapping[str, Any], lang: str) -> str:
    """Say a participant's title in the page's language (the optional title_zh in Chinese, when present)."""
    return _in_language(participant, "title", lang)


def build_who(participants: Sequence[Mapping[str, Any]], lang: str, per_side: int = 2) -> str:
    """Say who met whom in one line: 'Blinken, Sullivan – Wang Yi' with '+N' for the rest."""
    sides = []
    for side in SIDES:
        names = [build_short_name(p, lang) for p in participants if p["side"] == side]
        more = f" +{len(names) - per_side}" if len(names) > per_side else ""
        sides.append(", ".join(names[:per_side]) + more if names else "?")
    return " – ".join(sides)


def build_meeting_label(record: Mapping[str, Any], lang: str) -> str:
    """Name a meeting in one line: date and the two sides' first participants."""
    sides = []
    for side in SIDES:
        names = [p for p in record["participants"] if p["side"] == side]
        sides.append(build_participant_label(names[0], lang) if names else "?")
    date = build_date_label(record) or label("precision", "unknown", lang)
    return f"{date} · {sides[0]} – {sides[1]}"


def build_location(record: Mapping[str, Any], lang: str) -> str:
    """Return the place in the page's language: the optional Chinese field in Chinese, when present."""
    return _in_language(record, "location", lang)


def _in_language(record: Mapping[str, Any], field: str, lang: str) -> str:
    """The field in the page's language: its optional `FIELD_zh` twin in Chinese, when present."""
    zh, value = record.get(f"{field}_zh"), record.get(field)
    chosen = zh if lang == "zh" and isinstance(zh, str) and zh else value
    return chosen if isinstance(chosen, str) else ""


def build_hover(record: Mapping[str, Any], lang: str) -> str:
    """Write the hover text: dates, names in both languages, type, place, topics (escaped: untrusted)."""
    date = build_date_label(record) or label("precision", "unknown", lang)
    lines = [f"<b>{escape(date, quote=False)}</b>"]
    participants = record["participants"]
    for p in participants[:HOVER_PARTICIPANTS]:
        side = label("side", p["side"], lang)
        lines.append(escape(f"{side} · {build_participant_label(p, lang)}", quote=False))
    if len(participants) > HOVER_PARTICIPANTS:
        lines.append(f"+{len(participants) - HOVER_PARTICIPANTS}")
    kind = [label("type", record["meeting_type"], lang)]
    place = build_location(record, lang)
    if place:
        kind.append(place)
    if record["status"] == "planned":
        kind.append(label("status", "planned", lang))
    lines.append(escape(" · ".join(kind), quote=False))
    topics = record.get("topics") or []
    if len(topics):
        lines.append(escape(", ".join(label("topic", x, lang) for x in topics), quote=False))
    count = len(record.get("sources") or [])
    lines.append(escape(t("chart.n_sources", lang, n=count), quote=False))
    return "<br>".join(lines)


def build_hover_texts(meetings: pd.DataFrame, lang: str) -> list[str]:
    """Return every meeting's hover text by table row (sent to the page once per language)."""
    columns = ["start_date", "end_date", "date_precision", "participants", "meeting_type", "location",
               "location_zh", "status", "topics", "sources"]  # fmt: skip
    return [build_hover(record, lang) for record in meetings[columns].to_dict("records")]


def build_official_label(official: Mapping[str, Any], lang: str) -> str:
    """Label an official of the filter: names, side and number of meetings, in the page's language."""
    side = label("side", official["side"], lang)
    return f"{build_participant_label(official, lang)} · {side} · {official['meetings']}"
