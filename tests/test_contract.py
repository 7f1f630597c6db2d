"""dashboard/contract.py agrees with the JSON contract (tests/fixtures/meetings.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dashboard import contract

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "meetings.schema.json").read_text(encoding="utf-8"))
MEETING: dict[str, Any] = SCHEMA["properties"]["meetings"]["items"]
FIELDS: dict[str, Any] = MEETING["properties"]


@pytest.mark.parametrize(
    ("field", "values"),
    [
        pytest.param("date_precision", contract.PRECISIONS, id="precision"),
        pytest.param("status", contract.STATUSES, id="status"),
        pytest.param("meeting_type", contract.MEETING_TYPES, id="meeting-type"),
    ],
)
def test_enums_are_the_contracts(field: str, values: tuple[str, ...]) -> None:
    assert set(values) == set(FIELDS[field]["enum"])


def test_topics_are_the_contracts() -> None:
    assert set(contract.TOPICS) == set(FIELDS["topics"]["items"]["enum"])
    assert len(contract.TOPICS) == len(set(contract.TOPICS))


def test_sides_are_the_contracts() -> None:
    side = FIELDS["participants"]["items"]["properties"]["side"]
    assert set(contract.SIDES) == set(side["enum"])


def test_columns_are_the_contracts_fields() -> None:
    assert set(contract.COLUMNS) <= set(FIELDS)
    assert set(MEETING["required"]) <= set(contract.COLUMNS)
    assert set(contract.REQUIRED) <= set(MEETING["required"])


def test_optional_fields_are_never_required() -> None:
    assert not set(contract.OPTIONAL_COLUMNS) & set(MEETING["required"])


def test_optional_fields_are_documented_in_the_contract() -> None:
    assert set(contract.OPTIONAL_COLUMNS) <= set(FIELDS)


def test_dated_by_matches_the_contract_once_it_is_there() -> None:
    dated_by = FIELDS.get("dated_by", {"enum": list(contract.DATED_BY)})  # older copies lack it
    assert set(dated_by.get("enum", contract.DATED_BY)) - {None} == set(contract.DATED_BY)
