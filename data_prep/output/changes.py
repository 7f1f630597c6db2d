"""What changed since the previous table: the rows added, changed (which fields) and removed, by id.

A row's id depends only on what the meeting is (its date and its people), so a meeting whose other
fields moved (a new source, a topic, its place) keeps its id and is "changed"; one whose date or
people changed is a new row, and the old one is removed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from data_prep.model import TableChanges
from data_prep.output.table import Record


def find_changes(previous: Sequence[Record] | None, current: Sequence[Record]) -> TableChanges | None:
    """Compare two tables' rows by id; None when there is no previous table."""
    if previous is None:
        return None
    before = {row.get("id"): row for row in previous if isinstance(row, dict)}
    after = {row["id"]: row for row in json.loads(json.dumps(list(current), default=str))}  # as read back
    changed = []
    for key, row in after.items():
        old = before.get(key)
        if old is not None and old != row:
            fields = sorted(name for name in row.keys() | old.keys() if row.get(name) != old.get(name))
            changed.append((key, tuple(fields)))
    return TableChanges(
        added=tuple(key for key in after if key not in before),
        changed=tuple(changed),
        removed=tuple(str(key) for key in before if key not in after),
    )
