"""What changed since the previous table: rows added, changed (which fields) and removed, by id."""

from __future__ import annotations

from typing import Any

import pytest

from data_prep.model import TableChanges
from data_prep.output.changes import find_changes


def row(key: str, **fields: Any) -> dict[str, Any]:
    return {"id": key, "start_date": "2024-01-09", "topics": ["taiwan"], "location": None, **fields}


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        pytest.param(None, [row("m-1")], None, id="no-previous-table"),
        pytest.param([row("m-1")], [row("m-1")], TableChanges(), id="nothing-changed"),
        pytest.param([row("m-1")], [row("m-1"), row("m-2")], TableChanges(added=("m-2",)), id="added"),
        pytest.param([row("m-1"), row("m-2")], [row("m-2")], TableChanges(removed=("m-1",)), id="removed"),
        pytest.param(
            [row("m-1")],
            [row("m-1", topics=["taiwan", "chips"], location="Beijing")],
            TableChanges(changed=(("m-1", ("location", "topics")),)),
            id="changed-fields-named",
        ),
        pytest.param(
            [row("m-1")],
            [row("m-1", dated_by="text")],
            TableChanges(changed=(("m-1", ("dated_by",)),)),
            id="a-new-field",
        ),  # fmt: skip
    ],
)
def test_find_changes(previous: Any, current: Any, expected: TableChanges | None) -> None:
    assert find_changes(previous, current) == expected


def test_rows_compare_as_read_back_from_json() -> None:
    """Tuples in the rows just built equal the lists of the table read back: no false change."""
    assert find_changes([row("m-1", topics=["a", "b"])], [row("m-1", topics=("a", "b"))]) == TableChanges()
