"""The input-gradient lab in the page: each experiment runs and shows its frames, the
prediction shown is the API's, and "Trace this image" makes a frame the main view's input.
Screenshots at desk and phone size go to /tmp/shots-inputgrad (or CONVTRACE_SHOTS)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.api.decode import decode

from .screens import DESK, PHONE, axe_violations, open_app, pick_sample, screen, wait_trace
from .test_languages import english_on
from .test_phone import no_sideways_scroll

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("CONVTRACE_SHOTS", "/tmp/shots-inputgrad"))
URL = "api/input-gradient"
# the lab's visible controls (a checkbox by its label) under 44 px on a side
SMALL_IN_LAB = """() => Array.from(document.querySelectorAll(
    '[data-testid=input-lab] :is(button, select, input)'))
  .map((e) => (e.type === 'checkbox' && e.closest('label')) || e)
  .filter((e) => e.getClientRects().length)
  .map((e) => { const r = e.getBoundingClientRect();
    return {what: e.dataset.testid || e.className || e.outerHTML.slice(0, 40),
            w: r.width, h: r.height}; })
  .filter((t) => t.w < 44 || t.h < 44)"""


def _open_lab(page, app_url, digit=3):
    open_app(page, app_url)
    pick_sample(page, digit)
    page.get_by_test_id("ig-open").click()
    page.get_by_test_id("input-lab").wait_for(state="visible")


def _run(page, mode, target=None):
    """Choose the experiment, run it; the API's JSON answer."""
    page.get_by_test_id("ig-mode").select_option(mode)
    if target is not None:
        page.get_by_test_id("ig-target").select_option(str(target))
    with page.expect_response(lambda r: r.url.endswith(URL)) as answer:
        page.get_by_test_id("ig-run").click()
    body = answer.value.json()
    page.get_by_test_id("ig-frames").wait_for(state="visible")
    return body


def _shown_digit(page) -> int:
    return int(page.get_by_test_id("ig-prediction").get_attribute("data-digit"))


def _last_frame_shown(page, body):
    """Let an animation finish (or jump to the end) and return the frame index shown."""
    last = len(body["frames"]) - 1
    page.get_by_test_id("ig-frame-slider").fill(str(last))
    return last


@pytest.mark.parametrize(
    ("mode", "target"), [("fgsm", None), ("targeted", 5), ("visualise", 2), ("occlusion", None)]
)
def test_each_experiment_shows_the_apis_frames_and_prediction(page, app_url, mode, target):
    _open_lab(page, app_url)
    body = _run(page, mode, target)
    assert body["mode"] == mode and len(body["frames"]) >= 2
    last = _last_frame_shown(page, body)
    assert _shown_digit(page) == body["frames"][last]["prediction"]
    if mode == "targeted":
        assert body["frames"][-1]["prediction"] == 5
        assert "x′ = x − η·sign" in page.get_by_test_id("ig-equation").inner_text()
    page.get_by_test_id("ig-frame-slider").fill("0")
    assert _shown_digit(page) == body["frames"][0]["prediction"]
    assert page.locator(".ig-summary").inner_text().strip()
    if mode == "occlusion":
        assert page.get_by_test_id("ig-saliency").is_visible()
        assert page.get_by_test_id("ig-occlusion").is_visible()


def test_the_epsilon_slider_runs_fgsm_again(page, app_url):
    _open_lab(page, app_url, digit=7)
    _run(page, "fgsm")
    with page.expect_response(lambda r: r.url.endswith(URL)) as answer:
        page.get_by_test_id("ig-epsilon").fill("0.05")
    sent = json.loads(answer.value.request.post_data)
    assert sent["epsilon"] == 0.05 and sent["mode"] == "fgsm"
    page.wait_for_function(
        "(d) => document.querySelector('[data-testid=ig-prediction]').dataset.digit == d",
        arg=str(answer.value.json()["frames"][1]["prediction"]),
    )


def test_trace_this_image_puts_the_frame_in_the_main_view(page, app_url):
    _open_lab(page, app_url, digit=3)
    body = _run(page, "targeted", 8)
    last = _last_frame_shown(page, body)
    frame = decode(body["frames"][last]["image"])
    traces = page.evaluate("() => window.convtrace.traces()")
    page.get_by_test_id("ig-send").click()
    result = wait_trace(page, traces)
    assert result["prediction"] == body["frames"][last]["prediction"] == 8
    seen = page.evaluate("() => Array.from(window.convtrace.trace().records[0].values)")
    assert seen == pytest.approx(frame.reshape(-1).tolist(), abs=0)
    assert page.get_by_test_id("prediction").inner_text().strip() == "8"


@pytest.mark.parametrize(("device", "name"), [(DESK, "desk-1440x900"), (PHONE, "phone-390x844")])
def test_the_lab_at_desk_and_phone_size(browser, app_url, device, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with screen(browser, app_url, device, bypass_csp=True) as page:  # (axe is injected)
        _open_lab(page, app_url, digit=4)
        width = page.viewport_size["width"]
        for mode, target in (
            ("fgsm", None),
            ("targeted", 9),
            ("visualise", 6),
            ("occlusion", None),
        ):
            body = _run(page, mode, target)
            _last_frame_shown(page, body)
            no_sideways_scroll(page, width)
            page.get_by_test_id("input-lab").screenshot(path=SHOTS / f"{name}-{mode}.png")
        if device is PHONE:
            assert not page.evaluate(SMALL_IN_LAB), page.evaluate(SMALL_IN_LAB)
        assert axe_violations(page) == []
        page.screenshot(path=SHOTS / f"{name}-page.png")


def test_the_lab_works_from_the_keyboard(page, app_url):
    open_app(page, app_url)
    pick_sample(page, 1)
    page.get_by_test_id("ig-open").focus()
    page.keyboard.press("Enter")
    page.get_by_test_id("input-lab").wait_for(state="visible")
    order = []
    for _ in range(12):  # Tab from the open button reaches the lab's controls in order
        page.keyboard.press("Tab")
        order.append(page.evaluate("() => document.activeElement.dataset.testid || ''"))
    assert {"ig-close", "ig-mode", "ig-epsilon", "ig-run"} <= set(order), order
    page.get_by_test_id("ig-run").focus()
    with page.expect_response(lambda r: r.url.endswith(URL)):
        page.keyboard.press("Enter")
    page.get_by_test_id("ig-frames").wait_for(state="visible")
    page.get_by_test_id("ig-close").focus()
    page.keyboard.press("Enter")
    assert page.get_by_test_id("input-lab").is_hidden()
    assert page.evaluate("() => document.activeElement.dataset.testid") == "ig-open"


def test_guess_first_hides_the_attack_until_a_digit_is_chosen(page, app_url):
    _open_lab(page, app_url, digit=4)
    page.get_by_test_id("ig-guess-first").check()
    page.get_by_test_id("ig-mode").select_option("fgsm")
    with page.expect_response(lambda r: r.url.endswith(URL)) as answer:
        page.get_by_test_id("ig-run").click()
    page.get_by_test_id("ig-guess").wait_for(state="visible")
    assert page.get_by_test_id("ig-frames").is_hidden()
    after = answer.value.json()["frames"][1]["prediction"]
    page.get_by_test_id("ig-guess-3").click()
    page.get_by_test_id("ig-frames").wait_for(state="visible")
    assert page.get_by_test_id("ig-guess").is_hidden()
    assert f"You said 3; the network says {after}." in page.locator(".ig-summary").inner_text()
    assert _shown_digit(page) == after


def _opening(page, lang, key):
    """The words the catalogue's message `key` in `lang` begins with (up to its first value;
    a plural message: its "other" form)."""
    text = page.evaluate(
        "async ([lang, key]) => (await import(`./js/messages/${lang}.js`)).default[key]",
        [lang, key],
    )
    return (text["other"] if isinstance(text, dict) else text).split("{")[0]


def test_an_open_lab_and_its_result_are_worded_again_in_another_language(page, app_url):
    _open_lab(page, app_url, digit=3)
    body = _run(page, "targeted", 8)
    _last_frame_shown(page, body)  # the animation stops on a frame that changed the digit
    summary = page.locator(".ig-summary").inner_text()
    page.get_by_test_id("language").select_option("es")
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    found = english_on(page, "es")
    assert found == [], found
    # the result, composed of several messages and numbers, is Spanish, with decimal commas
    now = page.locator(".ig-summary").inner_text()
    assert now != summary and now.startswith(_opening(page, "es", "ig.targeted.reached")), now
    said = page.get_by_test_id("ig-prediction").inner_text()
    assert said.startswith(_opening(page, "es", "ig.prediction")), said
    equation = page.get_by_test_id("ig-equation").inner_text()
    assert equation.startswith(_opening(page, "es", "ig.update")), equation
    size = page.locator(".ig-size").inner_text()
    assert "," in size and not re.search(r"\d\.\d", size), size
    assert _shown_digit(page) == body["frames"][-1]["prediction"] == 8
    # the lab still works, in Spanish: another experiment, its maps and legend worded anew
    _run(page, "occlusion")
    assert page.get_by_test_id("ig-occlusion").is_visible()
    found = english_on(page, "es")
    assert found == [], found
