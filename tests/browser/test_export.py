"""Figures for lecture notes: the focus view, or one of its panels, as an SVG that parses and
holds a legend, labels and one <title> per cell (with the cell's value), and as a PNG at 2x and
4x of the same figure."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from .screens import DESK, big_cells, open_app, pick_sample, screen, step_to

pytestmark = pytest.mark.browser

SVG = "{http://www.w3.org/2000/svg}"
TITLE = re.compile(r"^(?P<label>.+)\[(?P<idx>[\d, ]+)\] = (?P<value>\S+)$")


def download(page, testid, artifacts, name):
    with page.expect_download() as info:
        page.get_by_test_id(testid).click()
    path = artifacts / name
    info.value.save_as(path)
    return path, info.value.suggested_filename


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def cell_rects(root):
    return [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]


def test_the_focus_view_downloads_as_svg_and_png(browser, app_url, artifacts):
    with screen(browser, app_url, DESK, accept_downloads=True) as page:
        open_app(page, app_url)
        pick_sample(page, 6)
        r = step_to(page, "maxpool.dx", "relu1.")
        cells = big_cells(page)
        panels = page.locator("[data-testid=focus-view] .focus-panel .title").all_text_contents()

        path, name = download(page, "export-svg", artifacts, "figure-pool1-routing.svg")
        assert name.endswith(".svg") and "maxpool.dx" in name
        root = ET.parse(path).getroot()  # parses as XML
        assert root.tag == f"{SVG}svg"
        rects = cell_rects(root)
        assert len(rects) == sum(c["rows"] * c["cols"] for c in cells)
        legends = root.findall(f".//{SVG}g[@class='legend']")
        assert len(legends) == len(panels)
        texts = [t.text for t in root.iter(f"{SVG}text")]
        for title in panels:
            assert title in texts
        assert any("blue < 0" in t for t in texts)  # the legend says what the colours mean

        # the result's cells carry the trace's own numbers
        result = [x for x in rects if x.find(f"{SVG}title").text.startswith("∂L/∂(relu1 a)")]
        assert len(result) == r["shape"][0] * r["shape"][1]
        routed = np.array(
            page.evaluate("() => Array.from(window.convtrace.current().values)"), np.float64
        ).reshape(r["shape"])
        for rect in result[::37]:
            m = TITLE.match(rect.find(f"{SVG}title").text)
            i, j, c = (int(k) for k in m["idx"].split(","))
            assert float(m["value"]) == pytest.approx(routed[i, j, c], rel=1e-3, abs=1e-12)

        png2, _ = download(page, "export-png", artifacts, "figure-pool1-routing@2x.png")
        page.locator(".focus-export select[aria-label='PNG resolution']").select_option("4")
        png4, name4 = download(page, "export-png", artifacts, "figure-pool1-routing@4x.png")
        width = float(root.get("width"))
        assert png_size(png2)[0] == pytest.approx(2 * width, abs=1)
        assert png_size(png4) == (2 * png_size(png2)[0], 2 * png_size(png2)[1])
        assert name4.endswith("@4x.png")


def test_one_panel_downloads_alone(browser, app_url, artifacts):
    with screen(browser, app_url, DESK, accept_downloads=True) as page:
        open_app(page, app_url)
        pick_sample(page, 1)
        step_to(page, "dense.dW")
        cells = big_cells(page)
        which = page.locator(".focus-export select[aria-label='which panels the figure holds']")
        which.select_option(index=3)  # "All panels", then one option per panel: the result
        path, _ = download(page, "export-svg", artifacts, "figure-dense-dW-class-row.svg")
        root = ET.parse(path).getroot()
        result = [c for c in cells if "∂L/∂(dense W)" in c["title"]]
        # one class's row of ∂L/∂W, folded to pool2's 4x4x16: 16 tiles of 4x4 cells
        assert len(cell_rects(root)) == sum(c["rows"] * c["cols"] for c in result) == 256
        assert len(root.findall(f".//{SVG}g[@class='legend']")) == 1
