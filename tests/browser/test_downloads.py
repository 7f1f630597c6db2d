"""Downloads from the page: the PNG and SVG of the filtered timeline (the command line's figure, in the
page's language) and the CSV of the filtered rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from dashboard import export, ids

pytestmark = pytest.mark.browser


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[go.Figure]:
    """Record every figure the server renders to PNG (the server runs in this process)."""
    seen: list[go.Figure] = []
    real = export.render_figure

    def recording(
        fig: go.Figure, image_format: export.ImageFormat, width: int, height: int, scale: int = 1
    ) -> bytes:
        seen.append(fig)
        return real(fig, image_format, width, height, scale)

    monkeypatch.setattr(export, "render_figure", recording)
    return seen


def _download(app: Any, button: str) -> bytes:
    with app.page.expect_download(timeout=60_000) as info:
        app.page.click(f"#{button}")
    return Path(info.value.path()).read_bytes()


def test_png_download_has_the_asked_size_and_names_the_filter(app_page: Any, rendered: list[Any]) -> None:
    app_page.open("?topic=taiwan&official=Wang+Yi")
    data = _download(app_page, ids.EXPORT_PNG)
    assert export.png_size(data) == (export.WIDTH, export.HEIGHT)
    [figure] = rendered
    title = figure.layout.title.text
    assert "Taiwan" in title and "Wang Yi" in title
    taiwan_wang = [
        m
        for m in app_page.served.meetings
        if "taiwan" in m["topics"] and any(p["name_en"] == "Wang Yi" for p in m["participants"])
    ]
    assert f"({len(taiwan_wang)})" in title


def test_svg_download_in_the_chinese_ui_has_a_chinese_title(app_page: Any, rendered: list[Any]) -> None:
    app_page.open("?topic=taiwan&lang=zh")
    svg = _download(app_page, ids.EXPORT_SVG).decode("utf-8")
    assert svg.startswith("<svg") and "中美官员会晤" in svg and "议题：台湾" in svg
    [figure] = rendered
    assert figure.layout.annotations[-1].text.startswith("时间线")


def test_csv_download_holds_the_filtered_meetings(app_page: Any) -> None:
    app_page.open("?topic=trade")
    text = _download(app_page, ids.EXPORT_CSV).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    expected = sorted(m["id"] for m in app_page.served.meetings if "trade" in m["topics"])
    assert sorted(row["id"] for row in rows) == expected
    assert all("trade" in row["topics"].split("; ") for row in rows)


def test_the_charts_camera_downloads_the_pages_export(app_page: Any, rendered: list[Any]) -> None:
    app_page.open("?topic=taiwan")
    camera = app_page.page.locator(f"#{ids.TIMELINE} .modebar-btn[data-title='PNG']")
    app_page.page.hover(f"#{ids.TIMELINE} .main-svg")
    camera.wait_for(state="visible")
    with app_page.page.expect_download(timeout=60_000) as info:
        camera.click()
    assert export.png_size(Path(info.value.path()).read_bytes()) == (export.WIDTH, export.HEIGHT)
    [figure] = rendered
    assert "topic: Taiwan" in figure.layout.title.text and not figure.layout.xaxis.rangeslider.visible
