"""The build report: an account of every input file, and the documents that sit beside the table."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from data_prep.model import BuildResult, FileResult, Meeting, MeetingMention, Participant, TableChanges

Document = dict[str, Any]
_NUMBER = re.compile(r"\d[\d.:/-]*")


def build_report(result: BuildResult) -> Document:
    """Account for every input file: the meetings it supports, none, or why it was skipped."""
    supports = _meetings_by_source(result.meetings)
    files = {item.path: _file_entry(item, supports.get(item.path, [])) for item in result.files}
    statuses = Counter(entry["status"] for entry in files.values())
    undated = [m for m in result.meetings if m.span.precision == "unknown"]
    counts = {
        "files": len(files),
        "read": len(files) - statuses["skipped"],
        "skipped": statuses["skipped"],
        "with_mentions": sum(1 for item in result.files if item.mentions),  # before merging drops any
        "with_meetings": statuses["meetings"],
        "without_meetings": statuses["none"],
        "screened_out": statuses["screened_out"],
        "duplicates": statuses["duplicate"],
        "meetings": len(result.meetings),
        "undated_meetings": len(undated),
        "notes": dict(sorted(Counter(_note_kind(n) for item in result.files for n in item.notes).items())),
    }
    recalled = _recalled_alone(result)
    counts["recalled_meetings"] = len(recalled)
    unknown = find_unknown_officials(result.files)
    counts["unknown_officials"] = len(unknown)
    report = {
        "articles_dir": result.articles_dir,
        "counts": counts,
        "changes": _changes_entry(result.changes),
        # The rows a reader following the news has not seen: the dashboard may mark them.
        "new_since_last_build": list(result.changes.added) if result.changes else [],
        "undated_meetings": [_undated_entry(meeting) for meeting in undated],
        "recalled_meetings": recalled,
        "unknown_officials": unknown,
    }
    if result.corrections is not None:
        from data_prep.correct.report import build_corrections_report  # only a build with corrections

        counts["extracted_meetings"] = counts["meetings"]
        counts["meetings"] = len(result.rows)
        report["corrections"] = build_corrections_report(result.corrections)
    report["files"] = files
    return report


def _joined(mention: MeetingMention, meetings: Sequence[Meeting]) -> bool:
    """Whether a row lists the mention's article and shares someone of each side with it."""
    for meeting in meetings:
        if mention.path not in {source.path for source in meeting.sources}:
            continue
        names = {(p.side, p.name_en) for p in meeting.participants}
        if all(
            any((side, p.name_en) in names for p in mention.participants if p.side == side)
            for side in ("US", "CN")
        ):
            return True
    return False


def _recalled_alone(result: BuildResult) -> list[Document]:
    """Meetings an article recalls (spoken about, a time reference, an earlier contact) that no row of
    the table holds: they make no row of their own, and are listed here."""
    found = []
    for item in result.files:
        for mention in item.mentions:
            if mention.recalled and not _joined(mention, result.meetings):
                found.append(
                    {
                        "path": mention.path,
                        "status": mention.status,
                        "start_date": mention.span.start.isoformat() if mention.span.start else None,
                        "end_date": mention.span.end.isoformat() if mention.span.end else None,
                        "participants": [p.name_en for p in mention.participants],
                        "sentence": mention.excerpts[0].text if mention.excerpts else None,
                    }
                )
    return found


def find_unknown_officials(files: Sequence[FileResult]) -> list[Document]:
    """Every official of a meeting report whom the dictionary does not know, most often seen first.

    Each: key, English and Chinese names, side, the titles written before the name, how many
    reports name them, the dates of those reports and a sample sentence.
    """
    found: dict[str, Document] = {}
    for item in files:
        for mention in item.mentions:
            for person in mention.participants:
                if not person.is_known:
                    _count(found.setdefault(person.key, _new_entry(person, mention)), person, mention)
    entries = sorted(found.values(), key=lambda e: (-e["mentions"], e["key"]))
    for entry in entries:
        entry["name_zh"] = sorted(entry["name_zh"])
        entry["titles_zh"] = sorted(entry["titles_zh"])
        entry["dates"] = sorted(entry["dates"])
    return entries


def _new_entry(person: Participant, mention: MeetingMention) -> Document:
    sample = mention.excerpts[0] if mention.excerpts else None
    return {
        "key": person.key,
        "name_en": person.name_en,
        "name_zh": set(),
        "side": person.side,
        "title": person.title,
        "titles_zh": set(),
        "rank": person.rank,
        "mentions": 0,
        "dates": set(),
        "sample": {"path": sample.path, "sentence": sample.text} if sample else None,
    }


def _count(entry: Document, person: Participant, mention: MeetingMention) -> None:
    entry["mentions"] += 1
    if person.name_zh:
        entry["name_zh"].add(person.name_zh)
    if person.title_zh:
        entry["titles_zh"].add(person.title_zh)
    seen = mention.span.start or _published_day(mention.source.published)
    if seen is not None:
        entry["dates"].add(str(seen))


def _published_day(published: str | None) -> str | None:
    return published[:10] if published else None


def build_articles_document(files: Sequence[FileResult], meetings: Sequence[Meeting]) -> Document:
    """Collect the cleaned text of every article that is a source of a meeting, by path."""
    sources = {source.path for meeting in meetings for source in meeting.sources}
    document: Document = {}
    for item in files:
        if item.path in sources and item.article is not None:
            view = item.article
            document[item.path] = {
                "title": view.title,
                "url": view.url,
                "outlet": view.outlet,
                "published": view.published,
                "paragraphs": list(view.paragraphs),
            }
    return document


def format_summary(report: Document, *, limit: int = 10) -> str:
    """Summarise a report in a few lines: counts, then the first skipped files with their reasons."""
    counts = report["counts"]
    lines = [
        f"files: {counts['files']}  read: {counts['read']}  skipped: {counts['skipped']}",
        f"screened out before parsing: {counts['screened_out']}  duplicates of an earlier file: "
        f"{counts['duplicates']}",
        f"articles with meetings: {counts['with_meetings']}",
        f"meetings: {counts['meetings']}  undated: {counts['undated_meetings']}",
    ]
    if counts.get("unknown_officials"):
        lines.append(
            f"officials not in the dictionary: {counts['unknown_officials']} "
            "(python -m data_prep officials --unknown OUT_DIR)"
        )
    lines += [f"note: {kind} ({number})" for kind, number in counts["notes"].items()]
    lines.append(_format_changes(report["changes"]))
    if "corrections" in report:
        from data_prep.correct.report import format_corrections_summary

        lines += format_corrections_summary(report["corrections"], limit=limit)
    skipped = [
        (path, entry["reason"]) for path, entry in report["files"].items() if entry["status"] == "skipped"
    ]
    if skipped:
        lines.append(f"skipped files ({len(skipped)}):")
        lines += [f"  {path}: {reason}" for path, reason in skipped[:limit]]
        if len(skipped) > limit:
            lines.append(f"  ... and {len(skipped) - limit} more (see report.json)")
    return "\n".join(lines)


def _format_changes(changes: Document | None) -> str:
    if changes is None:
        return "since the previous table: no previous table"
    added, changed, removed = changes["added"], changes["changed"], changes["removed"]
    line = f"since the previous table: {len(added)} added, {len(changed)} changed, {len(removed)} removed"
    fields = sorted({field for names in changed.values() for field in names})
    return line + (f" (fields: {', '.join(fields)})" if fields else "")


def _file_entry(item: FileResult, meeting_ids: list[str]) -> Document:
    entry: Document
    if item.skip_reason is not None:
        entry = {"status": "skipped", "reason": item.skip_reason}
    elif item.duplicate_of is not None:
        entry = {"status": "duplicate", "of": item.duplicate_of}
    elif item.screened_out:
        entry = {"status": "screened_out"}  # no meeting word with both sides anywhere in its text
    elif meeting_ids:
        entry = {"status": "meetings", "meetings": meeting_ids}
    else:
        entry = {"status": "none"}
    if item.mentions:
        entry["mentions"] = len(item.mentions)
    if item.notes:
        entry["notes"] = list(item.notes)
    return entry


def _changes_entry(changes: TableChanges | None) -> Document | None:
    if changes is None:
        return None
    return {
        "added": list(changes.added),
        "changed": {key: list(fields) for key, fields in changes.changed},
        "removed": list(changes.removed),
    }


def _meetings_by_source(meetings: Sequence[Meeting]) -> dict[str, list[str]]:
    supports: defaultdict[str, list[str]] = defaultdict(list)
    for meeting in meetings:
        for path in sorted({source.path for source in meeting.sources}):
            supports[path].append(meeting.id)
    return supports


def _undated_entry(meeting: Meeting) -> Document:
    return {
        "id": meeting.id,
        "participants": [participant.name_en for participant in meeting.participants],
        "sources": sorted(source.path for source in meeting.sources),
    }


def _note_kind(note: str) -> str:
    """Group notes by their words: what precedes a colon, with dates and numbers as '#'."""
    return _NUMBER.sub("#", note.split(":", 1)[0]).strip()
