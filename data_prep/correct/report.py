"""The corrections' part of report.json and of the build's summary: what each entry did, what failed."""

from __future__ import annotations

from typing import Any

from data_prep.correct.stage import CorrectionsOutcome

Document = dict[str, Any]


def build_corrections_report(outcome: CorrectionsOutcome) -> Document:
    """Account for every entry: applied (and how), rejected rows with notes, orphans, problems."""
    result = outcome.result
    return {
        "file": outcome.path,
        "file_problem": outcome.file_problem,
        "applied": [
            {"entry": e.index, "action": e.action, "ids": list(e.ids), "summary": e.summary}
            for e in result.effects
        ]
        if result
        else [],
        "rejected": list(result.rejected) if result else [],
        "orphans": [
            {
                "entry": o.index,
                "action": o.action,
                "id": o.id,
                "reason": o.reason,
                "candidates": list(o.candidates),
            }
            for o in (result.orphans if result else ())
        ],
        "fallback": [
            {"entry": e.index, "named": named, "matched": matched}
            for e in (result.effects if result else ())
            for named, matched in e.fallback
        ],
        "aliases": dict(sorted(result.aliases.items())) if result else {},
        "problems": [{"entry": p.index, "problem": p.problem} for p in outcome.problems],
    }


def format_corrections_summary(report: Document, *, limit: int = 10) -> list[str]:
    """Summarise the corrections section in a few lines: counts, then every orphan and problem."""
    if report.get("file_problem"):
        return [f"corrections: {report['file']}: {report['file_problem']} (none applied)"]
    lines = [
        f"corrections: {len(report['applied'])} applied (rows rejected: {len(report['rejected'])}), "
        f"{len(report['orphans'])} orphaned, {len(report['problems'])} malformed"
        + (f", {len(report['fallback'])} found by the fallback key" if report["fallback"] else "")
    ]
    for orphan in report["orphans"][:limit]:
        near = f" (candidates: {', '.join(orphan['candidates'])})" if orphan["candidates"] else ""
        lines.append(
            f"  orphan: {report['file']}: entry {orphan['entry']} ({orphan['action']} "
            f"{orphan['id']}): {orphan['reason']}{near}"
        )
    for problem in report["problems"][:limit]:
        lines.append(f"  malformed: {report['file']}: entry {problem['entry']}: {problem['problem']}")
    return lines
