"""Helpers for the lecture-hall and pocket tests: pages at a given screen, the focus view's cell
sizes as the DOM has them, stepping to an equation, and axe-core."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from .conftest import PageWatch

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

DESK = {"viewport": {"width": 1440, "height": 900}}
PROJECTOR = {"viewport": {"width": 1280, "height": 720}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True}

CURRENT = """() => { const r = window.convtrace.current();
  return r && {equation: r.equation, layer: r.layer, of: r.of, shape: r.shape}; }"""

# every big slice of the focus view: its cells per row and the CSS px of one cell (read once
# the image has decoded, so naturalWidth is the slice's column count)
BIG_CELLS = """() => Array.from(
  document.querySelectorAll('[data-testid=focus-view] .focus-panel > .heatmap .cells'),
  (img) => ({cols: img.naturalWidth, rows: img.naturalHeight,
             px: img.clientWidth / img.naturalWidth,
             title: img.closest('.focus-panel').querySelector('.title').textContent}))"""

IMAGES_DECODED = """() => Array.from(document.querySelectorAll('[data-testid=focus-view] img'))
  .every((img) => img.complete && img.naturalWidth > 0)"""


@contextmanager
def screen(browser, app_url, device, **extra):
    """A page at `device` (DESK, PROJECTOR, PHONE, TABLET) whose console errors and off-host
    requests fail the test."""
    context = browser.new_context(**device, **extra)
    page = context.new_page()
    page.set_default_timeout(15_000)
    watch = PageWatch(page, urlparse(app_url).hostname)
    try:
        yield page
    finally:
        context.close()
    assert not watch.foreign, f"requests left localhost: {watch.foreign}"
    assert not watch.errors, f"console errors: {watch.errors}"


def open_app(page, app_url, suffix=""):
    page.goto(f"{app_url}/{suffix}")
    page.wait_for_function("() => document.querySelectorAll('#model-select option').length > 0")


def wait_trace(page, after=0):
    page.wait_for_function(f"() => window.convtrace.traces() > {after}")
    return page.evaluate("() => window.convtrace.trace().result")


def pick_sample(page, digit):
    before = page.evaluate("() => window.convtrace.traces()")
    page.select_option("#sample-digit", str(digit))
    page.click("#sample")
    return wait_trace(page, before)


def step_to(page, equation, of_prefix="", key="PageDown"):
    """Press `key` until the current step is `equation` (and its `of` starts with of_prefix)."""
    for _ in range(40):
        r = page.evaluate(CURRENT)
        if r["equation"] == equation and (r["of"] or "").startswith(of_prefix):
            page.wait_for_function(IMAGES_DECODED)
            return r
        page.keyboard.press(key)
    raise AssertionError(f"no step {equation} {of_prefix}")


def big_cells(page):
    page.wait_for_function(IMAGES_DECODED)
    return page.evaluate(BIG_CELLS)


def axe_violations(page, impacts=("serious", "critical")):
    """axe-core's violations of the given impacts on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await window.axe.run(document)).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in found
        if v["impact"] in impacts
    ]
