"""axe-core (from npm, injected from node_modules) on the desk, the projector and a phone:
no serious or critical violation; and every heatmap's text alternative says where its values
concentrate."""

from __future__ import annotations

import re

import pytest

from .screens import (
    DESK,
    PHONE,
    PROJECTOR,
    axe_violations,
    big_cells,
    open_app,
    pick_sample,
    screen,
    step_to,
)

pytestmark = pytest.mark.browser

# the CSP forbids inline scripts, which is how Playwright injects axe: this context lets it in
AXE_CONTEXT = {"bypass_csp": True}


def test_desk_before_and_after_a_trace(browser, app_url, artifacts):
    with screen(browser, app_url, DESK, **AXE_CONTEXT) as page:
        open_app(page, app_url)
        assert axe_violations(page) == []  # before the first Classify: nothing drawn yet
        pick_sample(page, 2)
        step_to(page, "maxpool.dx", "relu2.")
        assert axe_violations(page) == []
        page.screenshot(path=artifacts / "desk-1440x900-pool2-routing.png")


def test_presentation(browser, app_url):
    with screen(browser, app_url, PROJECTOR, **AXE_CONTEXT) as page:
        open_app(page, app_url)
        pick_sample(page, 5)
        page.get_by_test_id("present-toggle").click()
        step_to(page, "conv.dx", "pool1.")
        assert axe_violations(page) == []


def test_phone(browser, app_url):
    with screen(browser, app_url, PHONE, **AXE_CONTEXT) as page:
        open_app(page, app_url)
        pick_sample(page, 9)
        step_to(page, "conv.dW", "conv2.", key="ArrowRight")
        assert axe_violations(page) == []


WHERE = re.compile(
    r"largest magnitude (?P<value>\S+) at (?P<where>row \d+, column \d+[^;]*); "
    r"(?P<nonzero>[\d.]+) % of cells nonzero"
)


def test_heatmaps_say_where_their_values_concentrate(page, app_url):
    open_app(page, app_url)
    pick_sample(page, 0)
    r = step_to(page, "relu.dz", "conv1.")
    big_cells(page)
    label = page.locator("[data-testid=focus-view] .focus-panel.out > .heatmap").get_attribute(
        "aria-label"
    )
    m = WHERE.search(label)
    assert m, label
    title = page.locator("[data-testid=focus-view] .focus-panel.out .title").text_content()
    channel = int(re.search(r"map (\d+) of", title)[1]) - 1
    values = page.evaluate("() => Array.from(window.convtrace.current().values)")
    rows, cols, chans = r["shape"]
    shown = [values[(i * cols + j) * chans + channel] for i in range(rows) for j in range(cols)]
    k = max(range(len(shown)), key=lambda n: abs(shown[n]))
    assert m["where"] == f"row {k // cols + 1}, column {k % cols + 1}"
    nonzero = 100 * sum(v != 0 for v in shown) / len(shown)
    assert float(m["nonzero"]) == pytest.approx(nonzero, abs=0.6)
    # every heatmap on the page says it, not only the focus view's
    labels = page.locator(".panel:not(.pending) .heatmap").evaluate_all(
        "(hs) => hs.map((h) => h.getAttribute('aria-label'))"
    )
    assert labels and all("nonzero" in x or "value" in x for x in labels), labels
