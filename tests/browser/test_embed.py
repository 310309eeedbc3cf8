"""Embed mode, for an LMS page or a slide: the page header's tools are gone (its status line
stays), the app works, and a link opens the full app at the same digit without the flag."""

from __future__ import annotations

import pytest

from .screens import DESK, open_app, pick_sample, screen, wait_trace

pytestmark = pytest.mark.browser

CHROME = ["#model-select", "#share-link", "#download", "#lesson-start", "#shared-scale"]


@pytest.mark.parametrize("suffix", ["?embed=1", "#embed"])
def test_embed_mode_hides_the_chrome(browser, app_url, artifacts, suffix):
    with screen(browser, app_url, DESK) as page:
        open_app(page, app_url, suffix)
        assert page.evaluate("() => document.documentElement.classList.contains('embed')")
        for tool in CHROME:
            assert not page.locator(tool).is_visible(), tool
        assert not page.locator("h1").is_visible()
        pick_sample(page, 8)
        assert page.get_by_test_id("focus-view").is_visible()
        assert page.locator("#status").is_visible()  # progress and errors still show
        page.keyboard.press("ArrowRight")
        link = page.locator(".open-full")
        assert link.is_visible() and link.get_attribute("target") == "_blank"
        link.hover()  # the link takes the page's current address when it is about to be used
        href = link.get_attribute("href")
        assert "embed" not in href and "x=" in href and "k=1" in href
        assert "embed" in page.url  # a reload stays embedded
        if suffix.startswith("?"):
            page.screenshot(path=artifacts / "embed-1440x900.png")
        full = page.context.new_page()
        full.goto(href)
        wait_trace(full)
        assert full.locator("#model-select").is_visible()
        assert not full.evaluate("() => document.documentElement.classList.contains('embed')")
        full.close()


def test_without_the_flag_the_chrome_is_there(page, app_url):
    open_app(page, app_url)
    assert not page.evaluate("() => document.documentElement.classList.contains('embed')")
    for tool in CHROME:
        assert page.locator(tool).is_visible(), tool
    assert page.locator(".open-full").count() == 0
