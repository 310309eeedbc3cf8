"""Parts a student opens on purpose load on first use: drawing, classifying and stepping fetch
none of them, and each one's button works on the first press."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from .screens import open_app, pick_sample

pytestmark = pytest.mark.browser

# a file of each part made lazy for the page's weight (tests/browser/test_app.py)
LAZY = [
    "/js/flows/input-lab.js",
    "/js/views/input-lab.js",
    "/js/views/input-lab-frames.js",
    "/css/input-lab.css",
    "/js/export.js",
    "/js/equations/ask-layers.js",
    "/js/question-plan.js",
    "/css/question.css",
    "/css/class-card.css",
    "/js/flows/arch.js",
    "/css/arch.css",
    "/js/flows/present.js",
    "/css/present.css",
    "/js/flows/sgd.js",
    "/js/views/sgd-results.js",
]


def fetched(page):
    """Paths of the files the page has fetched so far (its own origin)."""
    urls = page.evaluate("() => performance.getEntriesByType('resource').map((e) => e.name)")
    return {urlparse(u).path for u in urls}


def test_classifying_and_stepping_fetch_no_lazy_part(page, app_url):
    open_app(page, app_url)
    pick_sample(page, 4)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    seen = fetched(page)
    assert "/js/main.js" in seen  # the list is the page's own requests
    assert [p for p in LAZY if p in seen] == []


def test_each_lazy_button_works_on_the_first_press(page, app_url):
    open_app(page, app_url)
    pick_sample(page, 7)
    page.get_by_test_id("ig-open").click()
    page.get_by_test_id("input-lab").wait_for(state="visible")
    assert page.get_by_test_id("ig-open").get_attribute("aria-expanded") == "true"
    # its style sheet applied: the lab's controls are laid out by input-lab.css
    assert page.evaluate("() => getComputedStyle(document.querySelector('.ig-controls')).display")
    page.get_by_test_id("gradcheck").click()
    page.wait_for_selector("#gradcheck-results tr")
    assert page.locator("#gradcheck-results caption").is_visible()
    page.get_by_test_id("sgd-apply").click()
    page.get_by_test_id("sgd-samples").wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('#sgd-norms caption') !== null")
    page.get_by_test_id("present-toggle").click()
    page.wait_for_function("() => document.documentElement.classList.contains('present')")
    assert not page.locator(".side").is_visible()  # present.css applied with the mode
    seen = fetched(page)
    for part in ("/js/flows/input-lab.js", "/js/flows/sgd.js", "/css/present.css"):
        assert part in seen, part
