"""The outlets vocabulary: lookups, agency datelines, and errors that name the file and the entry."""

from __future__ import annotations

import pytest

from data_prep.vocab.loader import VocabError
from data_prep.vocab.outlets import load_outlets, parse_outlets


def test_outlets_load_with_their_datelines() -> None:
    outlets = load_outlets()
    assert outlets.by_key["中央社"].name == "CNA"
    assert outlets.by_host["cna.com.tw"].name == "CNA"
    cna, kyodo = outlets.agency_datelines
    assert cna.pattern.match("（中央社華盛頓5日專電）")[1] == "5"  # type: ignore[index]
    assert kyodo.pattern.match("【共同社北京1月11日电】").groups() == ("1", "11")  # type: ignore[union-attr]


_CNA = {"name": "CNA", "keys": ["cna"]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({}, "file: needs a top-level 'outlets' list", id="no-outlets"),
        pytest.param({"outlets": [{"name": "CNA"}]}, "needs a name and keys", id="no-keys"),
        pytest.param(
            {"outlets": [_CNA, {"name": "Other", "keys": ["CNA"]}]}, "Other: key 'CNA' names two", id="shared"
        ),
        pytest.param({"outlets": [{**_CNA, "zone": "Mars/Base"}]}, "CNA: zone 'Mars/Base'", id="bad-zone"),
        pytest.param(
            {"outlets": [_CNA], "agency_datelines": [{"opening": "（中央社", "pattern": "（中央社(\\d"}]},
            "not a regular expression",
            id="bad-pattern",
        ),
        pytest.param(
            {"outlets": [_CNA], "agency_datelines": [{"opening": "（中央社", "pattern": "\\d+日"}]},
            "must start with the opening",
            id="pattern-without-opening",
        ),
    ],
)
def test_parse_outlets_rejects(data: dict[str, object], message: str) -> None:
    with pytest.raises(VocabError, match=message) as caught:
        parse_outlets(data, "outlets.yaml")
    assert str(caught.value).startswith("outlets.yaml: ")
