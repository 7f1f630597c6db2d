"""The charts stay readable with a month's worth of officials: who-met-whom names every column, legibly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from dashboard.figures.matrix import MATRIX_TOP

pytestmark = pytest.mark.browser

NAME_BOXES_JS = f"""() => Array.from(document.querySelectorAll('#{ids.MATRIX} .xtick text'))
  .map(t => t.getBoundingClientRect()).map(r => [r.left, r.right])"""


@pytest.fixture(scope="module")
def busy_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's table with 15 PRC officials met by one US official, as in a busy month."""
    source = Path(__file__).parent.parent / "fixtures" / "dashboard"
    document = json.loads((source / "meetings.json").read_text(encoding="utf-8"))
    template = document["meetings"][0]
    us = next(p for p in template["participants"] if p["side"] == "US")
    for i in range(15):
        cn = {"name_en": f"Official Number {i:02}", "name_zh": None, "side": "CN", "title": None}
        document["meetings"].append({**template, "id": f"m-busy-{i}", "participants": [us, cn]})
    folder = tmp_path_factory.mktemp("busy")
    (folder / "meetings.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return folder


def test_who_met_whom_names_every_column_without_overlap(page: Any, serve: Any, busy_table: Path) -> None:
    served = serve(busy_table)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(served.url + "/")
    page.wait_for_selector(f"#{ids.MEETING_LIST} a.row-link")
    page.wait_for_load_state("networkidle")
    page.evaluate(f"() => document.getElementById('{ids.MATRIX}').scrollIntoView()")  # drawn when near
    page.wait_for_function(f"() => document.querySelectorAll('#{ids.MATRIX} .xtick text').length > 0")
    boxes = sorted(page.evaluate(NAME_BOXES_JS))
    assert len(boxes) == MATRIX_TOP, "every column is named (plotly drops names that would collide)"
    overlaps = [(a, b) for a, b in zip(boxes, boxes[1:], strict=False) if b[0] < a[1] - 1]
    assert not overlaps, f"{len(overlaps)} of {len(boxes)} column names overlap the next"
