"""One notation, the derivation's: unique step titles in symbols and words, a stable equation
label on every step, the Derivation panel following the steps, and the inspector's numbers and
keyboard (arrow keys move the cell, Enter inspects it, Escape returns to the heatmap)."""

from __future__ import annotations

import json
import re

import pytest

from .test_lesson import open_with_sample

pytestmark = pytest.mark.browser

# the equation map's labels are part of the contract (tests, class sessions, hand-outs)
LABELS = {
    "xent.L": "F7",
    "xent.dz": "B1",
    "dense.dW": "B2",
    "dense.db": "B3",
    "dense.dx": "B4",
    "flatten.dx": "B5",
    "maxpool.dx": "B6",
    "relu.dz": "B7",
    "sigmoid.dz": "B7",
    "conv.dW": "B8",
    "conv.db": "B9",
    "conv.dx": "B10",
}
# what the derivation calls the tensor of each backward record of the shipped LeNet models
SYMBOLS = {
    "dense.z": "z³",
    "dense.W": "w³",
    "dense.b": "b³",
    "flatten.a": "vec(â²)",
    "pool2.a": "â²",
    "conv2.z": "z²",
    "conv2.W": "w²",
    "conv2.b": "b²",
    "pool1.a": "â¹",
    "conv1.z": "z¹",
    "conv1.W": "w¹",
    "conv1.b": "b¹",
    "input.x": "x",
}
RELU_OR_SIGMOID = re.compile(r"^(relu|sigmoid)(\d)\.a$")


def walk_steps(page) -> list[dict]:
    """Every step of the trace, stepping with →: its record, title, label, highlighted equation."""
    n = page.evaluate("() => window.convtrace.trace().steps.length")
    page.evaluate("() => document.activeElement.blur()")
    out = []
    for k in range(n):
        if k:
            page.keyboard.press("ArrowRight")
        record = page.evaluate(
            "() => { const r = window.convtrace.current(); return {eq: r.equation, of: r.of}; }"
        )
        out.append(
            {
                **record,
                "title": page.get_by_test_id("step-title").inner_text(),
                "label": page.get_by_test_id("equation-label").inner_text(),
                "highlight": page.locator("#derivation li.current").get_attribute("data-equation"),
            }
        )
    return out


@pytest.mark.parametrize("model", ["lenet-relu", "lenet-sigmoid"])
def test_every_step_is_titled_once_in_the_derivations_notation(page, app_url, model):
    open_with_sample(page, app_url, 3)
    if model != "lenet-relu":
        page.select_option("#model-select", model)
        page.wait_for_function("() => window.convtrace.traces() > 1")
    steps = walk_steps(page)
    titles = [s["title"] for s in steps]
    assert len(set(titles)) == len(titles) == 16, titles
    for s in steps:
        label_id = LABELS[s["eq"]]
        assert s["label"].startswith(f"{label_id} · "), s
        assert s["highlight"] == label_id, s
        symbol, words = s["title"].split(" — ", 1)
        assert words, s
        if s["eq"] == "xent.L":
            assert symbol == "L"
            continue
        act = RELU_OR_SIGMOID.match(s["of"] or "")
        expected = f"a{'¹²'[int(act.group(2)) - 1]}" if act else SYMBOLS[s["of"]]
        assert symbol.split(" (δ")[0] == f"∂L/∂{expected}", s


def test_derivation_panel_credits_its_source_and_fixes_its_slips(page, app_url):
    open_with_sample(page, app_url, 1)
    panel = page.get_by_test_id("derivation-panel")
    text = panel.inner_text()
    assert "Learning Convolutional Networks" in text and "Manan Shah" in text and "2020" in text
    link = panel.locator("a[href^='https://mananshah99.github.io/blog/2020/07/06/conv-backprop']")
    assert link.count() == 1
    assert "K−1" in text and "∂L/∂w" in text
    boxed = panel.locator("li.boxed").evaluate_all("(xs) => xs.map((x) => x.dataset.equation)")
    assert boxed == ["B7", "B8", "B9", "B10"]
    assert "blue < 0" in page.locator(".colour-key").inner_text()
    # y is drawn beside p
    y = page.locator("[data-key='fwd:loss.y']")
    assert y.is_visible() and "one-hot" in y.inner_text()


def inspected_cell(page) -> list[int]:
    where = page.get_by_test_id("inspector").locator(".where").inner_text()
    return [int(x) for x in re.search(r"cell \[([\d, ]*)\]", where).group(1).split(", ")]


def test_softmax_inspector_shows_shifted_exponentials(page, app_url):
    open_with_sample(page, app_url, 3)
    page.locator("[data-key='fwd:loss.p'] .heatmap").focus()
    page.keyboard.press("Enter")
    text = page.get_by_test_id("inspector").inner_text()
    assert "max" in text and "agrees" in text
    assert "from 1 terms" not in text
    assert not re.search(r"\de\d", text), text  # no unshifted e^z such as 9.917e6
    page.keyboard.press("Escape")
    # sums name their factors in the derivation's notation, not as engineering arrays
    page.locator("[data-key='fwd:conv2.z'] .heatmap").focus()
    page.keyboard.press("Enter")
    text = page.get_by_test_id("inspector").inner_text()
    assert "Listed: the 8 terms with the largest |term|" in text
    assert "w[" not in text and "a[" not in text, text


def test_arrow_keys_move_the_cell_enter_inspects_escape_returns(page, app_url):
    open_with_sample(page, app_url, 0)
    page.evaluate("() => window.convtrace.trace().steps.length")
    for _ in range(15):
        page.keyboard.press("ArrowRight")
    heatmap = page.locator("[data-key='grad:input.x'] .heatmap")
    heatmap.focus()
    page.keyboard.press("Enter")
    i, j, c = inspected_cell(page)
    page.keyboard.press("Escape")
    assert page.get_by_test_id("inspector").is_hidden()
    assert (
        page.evaluate("() => document.activeElement.closest('[data-key]')?.dataset.key")
        == "grad:input.x"
    )
    di = -1 if i == 27 else 1
    page.keyboard.press("ArrowUp" if di < 0 else "ArrowDown")
    page.keyboard.press("ArrowLeft" if j == 27 else "ArrowRight")
    page.keyboard.press("Enter")
    assert inspected_cell(page) == [i + di, j - 1 if j == 27 else j + 1, c]
    # the arrows moved the cell, not the step
    assert page.evaluate("() => window.convtrace.trace().cursor") == 15


def test_an_unusable_drawing_is_explained_and_clears_the_old_trace(page, app_url):
    open_with_sample(page, app_url, 3)
    assert page.locator(".panel.grad").count() > 0
    # the server's stable code is worded by the page's catalogue, whatever its English says
    detail = {"loc": ["body", "drawing"], "msg": "no pixel is above 0.1", "type": "value_error"}
    body = json.dumps({"detail": [{**detail, "code": "drawing.no_ink", "params": {}}]})
    page.route(
        "**/api/trace",
        lambda route: route.fulfill(status=422, content_type="application/json", body=body),
    )
    page.watch.expected_errors = 1  # the browser logs the 422 response itself
    box = page.get_by_test_id("draw-pad").bounding_box()
    page.mouse.move(box["x"] + 140, box["y"] + 140)
    page.mouse.down()
    page.mouse.move(box["x"] + 142, box["y"] + 141)
    page.mouse.up()
    page.get_by_test_id("classify").click()
    page.wait_for_function(
        "() => document.querySelector('#status').textContent.includes('Draw a digit first')"
    )
    assert page.locator(".panel.grad").count() == 0
    assert page.evaluate("() => window.convtrace.trace().records.length") == 0


def test_arrow_keys_go_on_from_a_clicked_cell(page, app_url):
    open_with_sample(page, app_url, 7)
    heatmap = page.locator("[data-key='fwd:input.x'] .heatmap")
    heatmap.scroll_into_view_if_needed()
    box = heatmap.locator(".cells").first.bounding_box()  # a tile is an <img class="cells">
    cell = box["width"] / 28
    page.mouse.click(box["x"] + 10.5 * cell, box["y"] + 4.5 * cell)  # pixel row 4, column 10
    assert inspected_cell(page) == [4, 10, 0]
    page.keyboard.press("Escape")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert inspected_cell(page) == [5, 10, 0]
