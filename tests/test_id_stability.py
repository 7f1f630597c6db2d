"""Ids that stay put: adding articles changes no id of a meeting they do not change.

The seeds are built, then the seeds plus a few invented articles (tests/fixtures/extra_articles/): one
reports a new meeting, one reports a seeds meeting again and names one more participant at it, one
reports nothing. Every seeds row keeps its id; the one that gained a source and a participant too.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from data_prep.build import build

ROOT = Path(__file__).resolve().parent.parent
EXTRA = Path(__file__).resolve().parent / "fixtures" / "extra_articles"


def _rows(articles: Path, out: Path) -> dict[str, dict]:
    build(articles, out, workers=1, use_cache=False)
    return {r["id"]: r for r in json.loads((out / "meetings.json").read_text("utf-8"))["meetings"]}


def test_adding_articles_keeps_every_id(tmp_path: Path):
    before = _rows(ROOT / "seeds", tmp_path / "before")
    grown = tmp_path / "grown"
    shutil.copytree(ROOT / "seeds", grown)
    for article in EXTRA.iterdir():
        shutil.copy(article, grown / article.name)
    after = _rows(grown, tmp_path / "after")

    assert set(before) <= set(after)
    (new,) = set(after) - set(before)
    assert [p["name_en"] for p in after[new]["participants"]] == ["Janet Yellen", "He Lifeng"]
    changed = [i for i in before if before[i]["sources"] != after[i]["sources"]]
    assert len(changed) == 1, changed
    joined = after[changed[0]]
    assert [p["name_en"] for p in joined["participants"]] == [
        "Antony Blinken",
        "Daniel Kritenbrink",
        "Qin Gang",
    ]
    assert "102_blinken_qin_again.md" in {s["path"] for s in joined["sources"]}
    assert [p["name_en"] for p in before[changed[0]]["participants"]] == ["Antony Blinken", "Qin Gang"]


def test_removing_those_articles_gives_the_seeds_ids_back(tmp_path: Path):
    grown = tmp_path / "grown"
    shutil.copytree(ROOT / "seeds", grown)
    for article in EXTRA.iterdir():
        shutil.copy(article, grown / article.name)
    out = tmp_path / "out"
    with_extra = _rows(grown, out)
    for article in EXTRA.iterdir():
        (grown / article.name).unlink()
    assert set(_rows(grown, out)) == set(with_extra) - {
        i
        for i, r in with_extra.items()
        if {s["path"] for s in r["sources"]} <= {a.name for a in EXTRA.iterdir()}
    }
