"""The lesson's states pass axe-core (from npm, injected from node_modules, no CDN) with no
serious or critical violation; screenshots of every question kind at 1440×900 and of a question
on a 390×844 phone."""

from __future__ import annotations

import pytest

from .conftest import REPO, _page
from .test_lesson import QUESTION, api_records, give, open_with_sample, true_answer, wrong_answer

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                  targets: v.nodes.slice(0, 5).map((n) => n.target.join(' '))}));
}"""


def serious_violations(page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


@pytest.fixture
def wide(browser, app_url):
    # axe is injected as a script tag, which the app's CSP (script-src 'self') would block
    context, pg, watch = _page(
        browser, app_url, viewport={"width": 1440, "height": 900}, bypass_csp=True
    )
    yield pg
    context.close()
    assert not watch.foreign and not watch.errors, (watch.foreign, watch.errors)


def test_lesson_states_have_no_serious_axe_violations(wide, app_url, artifacts):
    if not AXE.exists():
        pytest.skip("axe-core not installed: npm ci")
    page = wide
    open_with_sample(page, app_url, 9, label=4)
    records, _ = api_records(page)
    page.get_by_test_id("lesson-start").click()
    found = {"intro": serious_violations(page)}
    page.get_by_test_id("lesson-next").click()
    seen: set[str] = set()
    while page.get_by_test_id("question").count():
        q = page.evaluate(QUESTION)["question"]
        truth = true_answer(q, records)
        if q["kind"] not in seen:
            seen.add(q["kind"])
            page.screenshot(path=artifacts / f"lesson-question-{q['kind']}-1440x900.png")
            found[f"{q['kind']} question"] = serious_violations(page)
            give(page, q, wrong_answer(q, truth))
            found[f"{q['kind']} hint"] = serious_violations(page)
        give(page, q, truth)
        if len(seen) == 1:
            found["reveal"] = serious_violations(page)
        page.get_by_test_id("lesson-next").click()
    page.screenshot(path=artifacts / "lesson-done-1440x900.png")
    found["done"] = serious_violations(page)
    assert seen == {"sign", "cells", "value", "shape", "saliency"}
    assert {state: v for state, v in found.items() if v} == {}


def test_lesson_on_a_phone(browser, app_url, artifacts):
    context, page, watch = _page(
        browser, app_url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    try:
        open_with_sample(page, app_url, 6)
        page.get_by_test_id("lesson-start").click()
        page.get_by_test_id("lesson-next").click()
        card = page.locator("#lesson")
        card.scroll_into_view_if_needed()
        page.screenshot(path=artifacts / "lesson-phone-390x844.png")
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert page.get_by_test_id("answer-submit").is_visible()
    finally:
        context.close()
    assert not watch.foreign and not watch.errors, (watch.foreign, watch.errors)
