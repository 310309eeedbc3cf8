"""The page when things go wrong: a failed SGD step, a trace that ends in an error, a dropped
connection, a busy server; an honest gradient check; and share links that reproduce a trace
bit for bit."""

from __future__ import annotations

import base64
import json
import time

import numpy as np
import pytest

from .conftest import api_trace
from .screens import open_app, pick_sample, wait_trace
from .test_app import draw

pytestmark = pytest.mark.browser

GRADIENT = """(of) => { const r = window.convtrace.trace().records.find(
  (x) => x.phase === 'backward' && x.of === of); return Array.from(r.values); }"""


def test_failed_sgd_step_keeps_the_weights_and_says_why(page, app_url):
    open_app(page, app_url)
    pick_sample(page, 2)
    page.watch.expected_errors = 1  # the browser logs the 422 itself
    reason = "the step made conv1.W non-finite (overflow); lower the learning rate"
    page.route(
        "**/api/sgd",
        lambda route: route.fulfill(status=422, json={"detail": reason}),
    )
    page.get_by_test_id("sgd-apply").click()
    page.wait_for_selector("#status.error")
    assert reason in page.text_content("#status")
    assert "unchanged" in page.text_content("#status")
    assert page.evaluate("() => window.convtrace.lastStep()") is None
    assert page.is_disabled("#sgd-undo") and page.is_disabled("#sgd-reset")
    assert not page.is_disabled("#sgd-apply")


def test_trace_ending_in_an_error_clears_the_stale_panels(page, app_url):
    open_app(page, app_url)
    pick_sample(page, 5)
    assert page.locator(".panel.grad").count() > 0
    body = page.evaluate("() => window.convtrace.trace().records[0]")
    first = {k: v for k, v in body.items() if k != "values"}
    first |= {"encoding": "json", "dtype": "float32", "data": [0.0] * 784}
    error = {"phase": "error", "message": "conv1 overflowed: its weights are too large"}
    stream = f"{json.dumps(first)}\n{json.dumps(error)}\n"
    page.route("**/api/trace", lambda route: route.fulfill(status=200, body=stream))
    page.get_by_test_id("label-1").click()
    page.wait_for_selector("#status.error")
    assert error["message"] in page.text_content("#status")
    assert page.locator(".panel.grad").count() == 0
    assert page.get_by_test_id("prediction").text_content() == "–"
    assert page.evaluate("() => window.convtrace.trace().records.length") == 0


def test_empty_pad_says_draw_a_digit_first(page, app_url):
    open_app(page, app_url)
    page.get_by_test_id("classify").click()
    page.wait_for_selector("#status.error")
    assert "Draw a digit first" in page.text_content("#status")


def test_trace_is_sent_again_after_a_dropped_connection(page, app_url):
    open_app(page, app_url)
    page.watch.expected_errors = 2
    calls = []

    def flaky(route):
        calls.append(time.monotonic())
        if len(calls) == 1:
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/api/trace", flaky)
    result = pick_sample(page, 8)
    assert len(calls) == 2
    assert result["prediction"] is not None
    assert page.locator("#status.error").count() == 0


def test_busy_server_is_retried_after_its_retry_after(page, app_url):
    open_app(page, app_url)
    page.watch.expected_errors = 1
    calls = []

    def busy_once(route):
        calls.append(time.monotonic())
        if len(calls) == 1:
            route.fulfill(status=503, headers={"Retry-After": "1"}, json={"detail": "busy"})
        else:
            route.continue_()

    page.route("**/api/trace", busy_once)
    page.select_option("#sample-digit", "6")
    page.click("#sample")
    page.wait_for_function(
        "() => /busy; retrying/.test(document.querySelector('#status').textContent)"
    )
    wait_trace(page)
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.9


GRADCHECK = {
    "model": "lenet-relu",
    "label": 3,
    "epsilon": 1e-3,
    "noise_floor": 1e-9,
    "target": 1e-4,
    "results": [
        {
            "param": "conv1.W",
            "max_rel_error": 2e-7,
            "passed": True,
            "kinks": 1,
            "below_noise": 0,
            "checks": [{"status": "ok"}, {"status": "ok"}, {"status": "kink"}],
        },
        {  # nothing could be resolved: this must not read as a pass
            "param": "dense.W",
            "passed": None,
            "max_rel_error": None,
            "kinks": 0,
            "below_noise": 8,
            "checks": [{"status": "unresolved"}] * 8,
        },
        {  # resolved and wrong: a cross, never hidden among the passes
            "param": "conv2.b",
            "max_rel_error": 0.3,
            "passed": False,
            "checks": [{"status": "ok"}, {"status": "mismatch"}],
        },
        {  # every entry at a kink: nothing compared, so no verdict either
            "param": "dense.b",
            "max_rel_error": None,
            "passed": None,
            "kinks": 4,
            "below_noise": 0,
            "checks": [{"status": "kink"}] * 4,
        },
    ],
}


def test_gradient_check_never_ticks_an_unresolved_parameter(page, app_url):
    open_app(page, app_url)
    pick_sample(page, 3)
    page.route("**/api/gradcheck", lambda route: route.fulfill(json=GRADCHECK))
    page.get_by_test_id("gradcheck").click()
    page.wait_for_selector("#gradcheck-results tr")
    rows = page.evaluate("""() => Object.fromEntries(Array.from(
        document.querySelectorAll('#gradcheck-results tr'),
        (tr) => [tr.querySelector('th').textContent, [tr.dataset.status, tr.textContent]]))""")
    status, text = rows["conv1.W"]
    assert status == "ok" and "✓" in text and "2 agree, 1 at a kink" in text
    status, text = rows["conv2.b"]
    assert status == "bad" and "✗" in text and "1 disagree" in text
    for param in ("dense.W", "dense.b"):
        status, text = rows[param]
        assert status == "unresolved" and "✓" not in text and "unresolved" in text, param


def link_image(url: str) -> np.ndarray:
    """The 28×28 input a share link carries, as the network gets it: q/255 in float32."""
    x = url.split("#", 1)[1].split("x=", 1)[1].split("&", 1)[0]
    q = np.frombuffer(base64.urlsafe_b64decode(x + "=" * (-len(x) % 4)), np.uint8)
    return (q.astype(np.float64) / 255).astype(np.float32).reshape(28, 28)


def reopen_exactly(page, browser, app_url):
    page.get_by_test_id("share-link").click()
    url = page.get_by_test_id("share-link").get_attribute("data-url")
    shown = page.evaluate("() => window.convtrace.trace().result")
    grad = page.evaluate(GRADIENT, "conv2.z")
    other = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        other.goto(url)
        again = wait_trace(other)
        assert again["loss"] == shown["loss"]  # bit for bit, not approximately
        assert other.evaluate(GRADIENT, "conv2.z") == grad
    finally:
        other.close()
    # and the API itself, fed the link's bytes, streams the same float32 gradient
    records, result = api_trace(
        page, {"image": link_image(url).tolist(), "label": shown["label"], "model": "lenet-relu"}
    )
    api = next(r for r in records if r["phase"] == "backward" and r["of"] == "conv2.z")
    np.testing.assert_array_equal(api["array"].ravel(), np.array(grad, np.float32))
    assert result["loss"] == shown["loss"]


def test_share_link_of_a_sample_reproduces_the_trace_bit_for_bit(page, browser, app_url):
    open_app(page, app_url)
    pick_sample(page, 9)
    page.get_by_test_id("label-4").click()
    wait_trace(page, 1)
    reopen_exactly(page, browser, app_url)


def test_share_link_of_a_drawing_reproduces_the_trace_bit_for_bit(page, browser, app_url):
    open_app(page, app_url)
    draw(page, [(0.3, 0.2), (0.7, 0.2), (0.45, 0.85)])
    page.get_by_test_id("classify").click()
    wait_trace(page)
    seen = np.array(page.evaluate("() => Array.from(window.convtrace.trace().records[0].values)"))
    q = np.round(seen * 255)
    if not np.array_equal((q / 255).astype(np.float32), seen.astype(np.float32)):
        pytest.skip("this server does not quantise drawings to q/255 yet (issue 10 item 6)")
    reopen_exactly(page, browser, app_url)
