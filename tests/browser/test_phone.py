"""Phones and tablets, by touch: draw, classify, choose the target and step; the focus view
legible, every control a 44 px touch target, and no sideways scrolling of the page."""

from __future__ import annotations

import pytest

from .screens import PHONE, TABLET, big_cells, open_app, screen, step_to, wait_trace
from .test_touch_pen import ONE, _pad_points, touch_stroke

pytestmark = pytest.mark.browser

# every visible control's box; a checkbox counts by the label that wraps it; a link inside a
# sentence is exempt (WCAG 2.5.8's inline exception)
TARGETS = """() => Array.from(document.querySelectorAll(
    'button, select, input, a[href], summary, [role=button]'))
  .map((e) => (e.type === 'checkbox' && e.closest('label')) || e)
  .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .filter((e) => !(e.tagName === 'A' && getComputedStyle(e).display === 'inline'))
  .map((e) => { const r = e.getBoundingClientRect();
    return {what: e.id || e.dataset.testid || e.className || e.textContent.trim().slice(0, 20),
            w: r.width, h: r.height}; })"""

OVERFLOW = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def small_targets(page):
    return [t for t in page.evaluate(TARGETS) if t["w"] < 44 or t["h"] < 44]


def no_sideways_scroll(page, width):
    scroll, inner = page.evaluate(OVERFLOW)
    assert inner == width and scroll <= inner, (scroll, inner)


def draw_classify_target_step(page, app_url, artifacts, name):
    width = page.viewport_size["width"]
    open_app(page, app_url)
    no_sideways_scroll(page, width)
    assert not small_targets(page), small_targets(page)
    page.get_by_test_id("draw-pad").scroll_into_view_if_needed()
    touch_stroke(page.context.new_cdp_session(page), _pad_points(page, ONE))
    page.wait_for_timeout(400)  # the finger moves to the button: at once it is a double tap
    page.get_by_test_id("classify").tap()
    first = wait_trace(page)
    target = (first["prediction"] + 1) % 10
    page.get_by_test_id(f"label-{target}").tap()
    assert wait_trace(page, 1)["label"] == target
    cursor = "() => window.convtrace.trace().cursor"
    before = page.evaluate(cursor)
    for _ in range(3):
        page.get_by_test_id("step-next").tap()
    assert page.evaluate(cursor) == before + 3
    step_to(page, "relu.dz", "conv1.", key="ArrowRight")  # 24x24 maps
    maps = [c for c in big_cells(page) if (c["rows"], c["cols"]) == (24, 24)]
    assert maps and min(c["px"] for c in maps) >= 8, maps
    no_sideways_scroll(page, width)
    assert not small_targets(page), small_targets(page)
    page.get_by_test_id("focus-view").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"{name}-focus.png")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=artifacts / f"{name}-top.png")
    return maps


def test_a_phone_user_draws_classifies_targets_and_steps(browser, app_url, artifacts):
    with screen(browser, app_url, PHONE) as page:
        maps = draw_classify_target_step(page, app_url, artifacts, "phone-390x844")
        # stacked one above the other, each the screen's width: a phone map is as large as a
        # projector's
        assert min(c["px"] for c in maps) >= 12, maps


def test_a_tablet_user_draws_classifies_targets_and_steps(browser, app_url, artifacts):
    with screen(browser, app_url, TABLET) as page:
        draw_classify_target_step(page, app_url, artifacts, "tablet-820x1180")
