"""Explain one article: each sentence that could report a meeting, what the build decided and why.

`python -m data_prep explain FILE [--table OUT_DIR]` is how a user audits a row and how anyone fixes a
miss: it walks the article through the same stages as the build (sentences, anchors, their place in
the article, known events, folding) and says at each step what was found and what was dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from data_prep.annotate.sentences import TITLE_PARAGRAPH, Sentence, build_sentences, sentence_texts
from data_prep.extract.anchors import Anchor, find_anchors
from data_prep.extract.context import place_in_article
from data_prep.extract.mentions import extract_mentions
from data_prep.extract.references import why_not_reported
from data_prep.model import Article, MeetingMention
from data_prep.read.readers import read_article
from data_prep.screen.prefilter import could_report_meeting
from data_prep.vocab.cues import MEETING_KINDS, CueHit

# Marker kinds that, before a meeting word, change what the sentence says of the meeting.
_MARKER_KINDS = {
    "planned": "plan",
    "negation": "negation",
    "hypothetical": "supposition or request",
    "reference": "builds on an earlier meeting",
    "past": "earlier meeting",
}


@dataclass(frozen=True, slots=True)
class Decision:
    """One meeting a sentence could report: what became of it and why."""

    outcome: str  # "meeting", "recalled", "dropped"
    reason: str
    participants: tuple[str, ...] = ()
    status: str | None = None
    status_marker: str | None = None
    span: str | None = None
    dated_by: str | None = None
    row: str | None = None  # id of the table row it joined, when a table is given


@dataclass(frozen=True, slots=True)
class SentenceReport:
    index: int
    paragraph: int  # -1 for the headline
    text: str
    officials: tuple[str, ...]
    meeting_words: tuple[str, ...]
    markers: tuple[str, ...]
    decisions: tuple[Decision, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Explanation:
    path: str
    published_on: date | None
    screened_out: bool
    sentences: tuple[SentenceReport, ...]
    mentions: tuple[MeetingMention, ...]


def explain_article(article: Article, rows: list[dict[str, Any]] | None = None) -> Explanation:
    """Walk one article through the build's stages and record each decision on a meeting sentence."""
    if not could_report_meeting(article):
        return Explanation(article.path, article.published_on, True, (), ())
    base, known = article.published_on, article.published_on is not None
    sentences = build_sentences(article, base, sentence_texts(article))
    mentions = tuple(extract_mentions(article))
    reports = []
    for sentence in sentences:
        if not _could_report(sentence):
            continue
        previous = sentences[sentence.index - 1] if sentence.index > 0 else None
        anchors = find_anchors(sentence, base, known, previous)
        decisions = [_decide(a, sentences, base, known, mentions, rows, article.path) for a in anchors]
        if not anchors:
            decisions.append(Decision("dropped", _why_no_anchor(sentence)))
        decisions += _reference_decisions(sentence, base, mentions, rows, article.path)
        reports.append(_report(sentence, tuple(decisions)))
    return Explanation(article.path, base, False, tuple(reports), mentions)


def _could_report(sentence: Sentence) -> bool:
    meeting = any(c.kind in MEETING_KINDS for c in sentence.cues)
    return meeting or any(h.event.meeting_type for h in sentence.references)


def _report(sentence: Sentence, decisions: tuple[Decision, ...]) -> SentenceReport:
    officials = tuple(
        f"{m.name_en} ({m.side}{', ' + m.title if m.title else ''})" for m in sentence.officials
    )
    words = tuple(f"{c.word} ({c.kind})" for c in sentence.cues if c.kind in MEETING_KINDS)
    markers = tuple(f"{c.word} ({_MARKER_KINDS[c.kind]})" for c in sentence.cues if c.kind in _MARKER_KINDS)
    return SentenceReport(
        sentence.index, sentence.paragraph, sentence.original, officials, words, markers, decisions
    )


def _why_no_anchor(sentence: Sentence) -> str:
    """The likeliest reason a sentence with a meeting word reports no US–PRC meeting."""
    sides = {m.side for m in sentence.officials} | {
        c.counterpart.side for c in sentence.cues if c.counterpart is not None
    }
    if sides != {"US", "CN"}:
        missing = " and ".join(side for side in ("US", "CN") if side not in sides)
        return f"no {missing} official found in the sentence"
    words = [c for c in sentence.cues if c.kind in MEETING_KINDS]
    inside = [c for c in words if any(h.begin <= c.begin and c.end <= h.end for h in sentence.references)]
    if words and len(inside) == len(words):
        return "the meeting word belongs to a known event's phrase (see below)"
    markers = _markers_before(sentence, words)
    if markers:
        return "the meeting word is governed by " + ", ".join(markers)
    return "the people around the meeting word are not one of each side (a third party, a possessor, a list)"


def _markers_before(sentence: Sentence, words: list[CueHit]) -> list[str]:
    first = min((c.begin for c in words), default=0)
    last = max((c.begin for c in words), default=0)
    return [
        f"{c.word} ({_MARKER_KINDS[c.kind]})"
        for c in sentence.cues
        if c.kind in ("negation", "hypothetical", "reference", "past")
        and c.end <= last
        and c.begin < first + 40
    ]


def _decide(
    anchor: Anchor,
    sentences: list[Sentence],
    base: date | None,
    known: bool,
    mentions: tuple[MeetingMention, ...],
    rows: list[dict[str, Any]] | None,
    path: str,
) -> Decision:
    people = tuple(f"{p.name_en} ({p.side})" for p in anchor.participants)
    placed = place_in_article(anchor, sentences, base, known)
    if placed is None:
        reason = "no date of its own, and not the article's own news (headline or lead naming it)"
        return Decision("dropped", reason, people, anchor.status)
    if placed.span.precision == "year":
        return Decision("dropped", "dated only to a year: background, not a report", people, placed.status)
    marker = _status_marker(anchor, base)
    mention = _mention_of(anchor.sentence, mentions, {p.key for p in anchor.participants})
    row = _row_of(mention, anchor.sentence, rows, path) if rows is not None else None
    span = _span_text(placed.span.start, placed.span.end, placed.span.precision)
    if placed.recalled:
        reason = (
            "recalled: spoken about, used to place another event, or an earlier contact;"
            " it joins the latest row of the same people before the report, and makes none"
        )
        return Decision("recalled", reason, people, placed.status, marker, span, placed.dated_by, row)
    reason = "reports a meeting of the two sides" + ("" if mention else "; folded into another mention")
    return Decision("meeting", reason, people, placed.status, marker, span, placed.dated_by, row)


def _status_marker(anchor: Anchor, base: date | None) -> str:
    """The word that set a planned status, or what makes the meeting held."""
    sentence = anchor.sentence
    planned = [c.word for c in sentence.cues if c.kind == "planned"]
    if anchor.status == "held" and not anchor.evidence:
        return "no word reports it as having taken place (a headline without tense, say)"
    if anchor.status == "planned":
        if planned:
            return "plan marker: " + ", ".join(planned)
        if base is not None and anchor.span.start is not None and anchor.span.start > base:
            return "its date is after the dateline"
        return "a plan or expectation governs the meeting word's statement"
    return "no marker of plan, supposition or negation governs the meeting word"


def _mention_of(
    sentence: Sentence, mentions: tuple[MeetingMention, ...], keys: set[str]
) -> MeetingMention | None:
    for mention in mentions:
        texts = {e.text for e in mention.excerpts}
        if sentence.original in texts and keys & {p.key for p in mention.participants}:
            return mention
    return None


def _reference_decisions(
    sentence: Sentence,
    base: date | None,
    mentions: tuple[MeetingMention, ...],
    rows: list[dict[str, Any]] | None,
    path: str,
) -> list[Decision]:
    decisions = []
    for hit in sentence.references:
        if not hit.event.meeting_type:
            continue
        why = why_not_reported(sentence, hit, base)
        people = tuple(hit.event.participants)
        if why is not None:
            decisions.append(Decision("dropped", f"names {hit.event.key} but {why}", people))
            continue
        found = [m for m in mentions if m.reference == hit.event.key]
        row = _row_of(found[0] if found else None, sentence, rows, path) if rows is not None else None
        span = _span_text(hit.span.start, hit.span.end, hit.span.precision)
        reason = f"names the known meeting {hit.event.key} ({hit.event.source})"
        decisions.append(Decision("meeting", reason, people, "held", None, span, "reference_event", row))
    return decisions


def _span_text(start: date | None, end: date | None, precision: str) -> str:
    if start is None:
        return "undated"
    return f"{start}..{end} ({precision})" if end and end != start else f"{start} ({precision})"


def _row_of(mention: MeetingMention | None, sentence: Sentence, rows: list[dict[str, Any]], path: str) -> str:
    """The id of the table row this sentence's meeting joined: by its excerpts, else by date and people."""
    name = Path(path).name
    texts = {sentence.original} | ({e.text for e in mention.excerpts} if mention else set())
    for row in rows:
        for excerpt in row.get("excerpts", []):
            if excerpt.get("text") in texts and Path(excerpt.get("path", "")).name == name:
                return str(row["id"])
    if mention is not None and mention.span.start is not None:
        for row in rows:
            if _same_meeting(mention, row):
                return f"{row['id']} (by date and participants)"
    return "none: the row was not written (outside the table, or merged away)"


def _same_meeting(mention: MeetingMention, row: dict[str, Any]) -> bool:
    people = {p.name_en for p in mention.participants}
    names = {p.get("name_en") for p in row.get("participants", [])}
    start, end = str(mention.span.start), str(mention.span.end or mention.span.start)
    return bool(people & names) and str(row.get("start_date")) <= end and start <= str(row.get("end_date"))


def read_rows(out_dir: Path) -> list[dict[str, Any]]:
    """The rows of a built table (OUT_DIR/meetings.json)."""
    document = json.loads((out_dir / "meetings.json").read_text(encoding="utf-8"))
    return list(document.get("meetings", []))


def explain_file(path: Path, table: Path | None = None) -> Explanation:
    """Read one article file and explain it, against a built table when one is given."""
    article = read_article(path, path.parent)
    return explain_article(article, read_rows(table) if table is not None else None)


def format_explanation(explanation: Explanation) -> str:
    """The explanation as text, one block per sentence."""
    lines = [f"article: {explanation.path} (dateline {explanation.published_on or 'unknown'})"]
    if explanation.screened_out:
        lines.append("  screened out: no sentence has a meeting word with both sides or a known meeting")
        return "\n".join(lines)
    if not explanation.sentences:
        lines.append("  no sentence could report a meeting")
    for report in explanation.sentences:
        where = "headline" if report.paragraph == TITLE_PARAGRAPH else f"paragraph {report.paragraph + 1}"
        lines.append(f"\n[{report.index}] {where}: {report.text}")
        lines.append(f"  officials: {'; '.join(report.officials) or 'none'}")
        lines.append(f"  meeting words: {', '.join(report.meeting_words) or 'none'}")
        if report.markers:
            lines.append(f"  markers: {', '.join(report.markers)}")
        for decision in report.decisions:
            lines.extend(_decision_lines(decision))
    lines.append(f"\nmentions after folding: {len(explanation.mentions)}")
    return "\n".join(lines)


def _decision_lines(decision: Decision) -> list[str]:
    who = " + ".join(decision.participants) or "nobody"
    if decision.outcome == "dropped":
        return [f"  → dropped ({who}): {decision.reason}"]
    lines = [
        f"  → meeting: {who}",
        f"    status: {decision.status} ({decision.status_marker or 'named as having taken place'})",
        f"    date: {decision.span}, dated_by={decision.dated_by}",
        f"    why: {decision.reason}",
    ]
    if decision.row is not None:
        lines.append(f"    row: {decision.row}")
    return lines
