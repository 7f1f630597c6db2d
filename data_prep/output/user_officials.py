"""The officials a build found outside the dictionary, written as a user's officials file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

HEADER = """\
# Officials found in {articles} that the dictionary does not know, as entries of a user's
# officials file. Check each one (name forms, side, title, rank, the date the role began), then
# build with it beside the packaged dictionary:
#   python -m data_prep build ARTICLES_DIR --out OUT_DIR --officials THIS_FILE
# The format is that of data_prep/vocab/officials.yaml; traditional spellings are derived on load.
people:
"""


def build_user_officials(report: dict[str, Any]) -> str:
    """The unknown officials of a build report as the YAML text of a user's officials file."""
    entries = report.get("unknown_officials") or []
    text = HEADER.format(articles=report.get("articles_dir", "the articles"))
    return text + "".join(_entry(e) for e in entries) if entries else text + "  []\n"


def _entry(entry: dict[str, Any]) -> str:
    forms: Sequence[str] = entry["name_zh"] or [entry["name_en"]]
    titles: Sequence[str] = entry["titles_zh"] or [entry["title"] or "official"]
    dates: Sequence[str] = entry["dates"]
    role = {
        "title_en": entry["title"] or "Official",
        "title_zh": titles[0],
        "from": dates[0] if dates else "1900-01-01",
        "to": None,
        "rank": entry["rank"],
    }
    lines = [
        f"- key: {entry['key'].removeprefix('new:')}",
        f"  name_en: {_scalar(entry['name_en'])}",
        f"  name_zh: {_scalar(forms[0])}",
        f"  side: {entry['side']}",
        f"  zh: [{', '.join(_scalar(f) for f in forms)}]",
        f"  # seen {entry['mentions']} times, on {', '.join(dates) or 'unknown dates'}",
        f"  # titles seen: {'; '.join(titles)}",
    ]
    if entry.get("sample"):
        lines.append(f"  # e.g. {entry['sample']['path']}: {entry['sample']['sentence'][:120]}")
    lines += ["  roles:", "  - " + _flow(role)]
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    """A YAML scalar: JSON's quoting is valid YAML and safe for any text."""
    return json.dumps(value, ensure_ascii=False)


def _flow(mapping: dict[str, Any]) -> str:
    parts = []
    for key, value in mapping.items():
        shown = "null" if value is None else str(value) if isinstance(value, int) else _scalar(value)
        if key in ("from", "to") and value is not None:
            shown = value
        parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"
