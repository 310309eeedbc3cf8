"""The architecture editor in the page: three networks built from presets and edits, each
classified, its whole backward pass walked, an SGD step, the gradient check, the lesson's first
questions and a figure; a share link reopening a network; an invalid edit refused in words."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from .conftest import api_trace
from .screens import DESK, screen
from .test_languages import english_on
from .test_lesson import give, start_lesson, true_answer
from .test_lesson_a11y import AXE, serious_violations

pytestmark = pytest.mark.browser

APPLY_READY = """() => { const b = document.querySelector('[data-testid=arch-apply]');
  return !b.disabled && !document.querySelector('[data-testid=arch-editor]')
    .classList.contains('checking'); }"""
# the last forward record of each layer: the shape that layer gives
LAYER_SHAPES = """() => { const out = {};
  for (const r of window.convtrace.trace().records)
    if (r.phase === 'forward' && r.quantity !== 'switches') out[r.layer] = r.shape;
  return out; }"""


def open_page(page, app_url, suffix=""):
    page.goto(f"{app_url}/{suffix}")
    page.wait_for_function("() => window.convtrace.weights() != null")
    page.evaluate("() => localStorage.clear()")


def open_editor(page):
    if page.get_by_test_id("arch-editor").is_hidden():
        page.get_by_test_id("arch-open").click()
    page.get_by_test_id("arch-layer").first.wait_for()
    page.wait_for_function(APPLY_READY)


def edit_field(page, row: int, name: str, value: str):
    page.get_by_test_id("arch-layer").nth(row).locator(f"input[name={name}]").fill(value)


def build(page, preset: str, edits=()) -> dict:
    """Choose a preset, make the edits, Apply: the network's id and its shapes line."""
    open_editor(page)
    if preset:  # None: edit the rows as they are
        page.get_by_test_id("arch-preset").select_option(preset)
    for row, name, value in edits:
        edit_field(page, row, name, value)
    page.wait_for_function(APPLY_READY)
    assert page.get_by_test_id("arch-error").filter(visible=True).count() == 0
    shapes = page.get_by_test_id("arch-shapes").inner_text()
    before = page.evaluate("() => window.convtrace.network()")
    page.get_by_test_id("arch-apply").click()
    changed = "(before) => { const n = window.convtrace.network(); return n && n !== before; }"
    page.wait_for_function(changed, arg=before)
    return {"id": page.evaluate("() => window.convtrace.network()"), "shapes": shapes}


def classify_sample(page, digit=3):
    done = page.evaluate("() => window.convtrace.traces()")
    page.select_option("#sample-digit", str(digit))
    page.click("#sample")
    page.wait_for_function(f"() => window.convtrace.traces() > {done}")
    return page.evaluate("() => window.convtrace.trace().result")


def walk_backward(page) -> list[str]:
    """Next through every step; each shows its tensors in the focus view. The equations met."""
    steps = page.evaluate("() => window.convtrace.trace().steps.length")
    page.evaluate(
        "() => { const s = document.querySelector('#step-scrubber'); s.value = 0; "
        "s.dispatchEvent(new Event('input')); }"
    )
    seen = []
    for k in range(steps):
        current = page.evaluate("() => window.convtrace.current()")
        seen.append(current["equation"])
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=focus-view] .focus-panel').length > 0"
        )
        if k < steps - 1:
            page.get_by_test_id("step-next").click()
            page.wait_for_function(f"() => window.convtrace.trace().cursor === {k + 1}")
    return seen


def network_records(page, network: str):
    image = page.evaluate("() => Array.from(window.convtrace.trace().records[0].values)")
    label = page.evaluate("() => window.convtrace.trace().result.label")
    body = {
        "image": np.asarray(image, dtype=float).reshape(28, 28).tolist(),
        "network": network,
        "label": label,
    }
    return api_trace(page, body)


def answer_first_questions(page, network: str, count=2) -> int:
    records, _ = network_records(page, network)
    start_lesson(page)
    answered = 0
    while answered < count and page.get_by_test_id("question").count():
        q = page.evaluate("() => window.convtrace.lesson()")["question"]
        give(page, q, true_answer(q, records))
        assert page.get_by_test_id("feedback").get_attribute("data-correct") == "true", q
        answered += 1
        page.get_by_test_id("lesson-next").click()
    return answered


def export_figure(page, artifacts, name):
    with page.expect_download() as info:
        page.get_by_test_id("export-svg").click()
    assert info.value.suggested_filename.startswith("convtrace-network-")
    path = artifacts / name
    info.value.save_as(path)
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    return root


CASES = [
    ("avgpool", [(0, "maps", "4")], "avgpool.dx"),
    ("strided", [(2, "stride", "1"), (2, "padding", "same")], "conv.dx"),
    ("mlp", [(1, "units", "32")], "dense.dx"),
]


@pytest.mark.parametrize(("preset", "edits", "equation"), CASES)
def test_three_architectures_classify_walk_train_and_teach(
    page, app_url, artifacts, preset, edits, equation
):
    open_page(page, app_url)
    built = build(page, preset, edits)
    result = classify_sample(page)
    assert len(result["probabilities"]) == 10
    # an untrained network: the page says it predicts at chance and points to the SGD step
    assert "chance" in page.locator("#status").inner_text()
    # every layer's output has the shape the editor showed
    arch = page.evaluate("() => window.convtrace.trace().records.length")
    assert arch > 0
    layer_shapes = page.evaluate(LAYER_SHAPES)
    for shape in layer_shapes.values():
        assert "×".join(map(str, shape)) in built["shapes"] or shape == [28, 28, 1]
    seen = walk_backward(page)
    assert seen[0].startswith("xent") and equation in seen
    export_figure(page, artifacts, f"arch-{preset}.svg")
    # the lesson's first questions, answered from the API's own trace of this network
    assert answer_first_questions(page, built["id"]) == 2
    # an SGD step and the gradient check run on the student's network
    page.get_by_test_id("sgd-apply").click()
    page.wait_for_function("() => window.convtrace.lastStep() != null")
    page.get_by_test_id("gradcheck").click()
    page.wait_for_function(
        "() => document.querySelectorAll('#gradcheck-results tr').length > 0", timeout=30_000
    )
    assert "mismatch" not in page.locator("#gradcheck-results").inner_text().lower()


def test_share_link_reopens_the_network(page, app_url, browser):
    open_page(page, app_url)
    built = build(page, "deeper", [(6, "maps", "12")])
    result = classify_sample(page)
    page.wait_for_function("(id) => location.hash.includes('n=' + id)", arg=built["id"])
    link = page.url
    other = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    try:
        other.goto(link)
        other.wait_for_function("() => window.convtrace.traces() > 0")
        assert other.evaluate("() => window.convtrace.network()") == built["id"]
        again = other.evaluate("() => window.convtrace.trace().result")
        assert again["prediction"] == result["prediction"]
        assert again["loss"] == pytest.approx(result["loss"], rel=1e-6)
        rows = other.locator("#network .layer-row").count()
        assert rows == page.locator("#network .layer-row").count()
    finally:
        other.context.close()


def test_invalid_edit_is_refused_beside_its_layer(page, app_url):
    page.watch.expected_errors = 1  # the browser logs the 422 response itself
    open_page(page, app_url)
    open_editor(page)
    page.get_by_test_id("arch-preset").select_option("lenet")
    page.wait_for_function(APPLY_READY)
    edit_field(page, 3, "size", "25")  # conv2 after a pool: its input is 12x12
    row = page.get_by_test_id("arch-layer").nth(3)
    error = row.get_by_test_id("arch-error")
    error.wait_for(state="visible")
    assert "25×25" in error.inner_text() and "12×12" in error.inner_text()
    assert page.get_by_test_id("arch-apply").is_disabled()
    edit_field(page, 3, "size", "5")
    page.wait_for_function(APPLY_READY)
    assert error.is_hidden()


def test_editor_rows_add_remove_and_reorder(page, app_url):
    open_page(page, app_url)
    open_editor(page)
    page.get_by_test_id("arch-preset").select_option("mlp")
    page.wait_for_function(APPLY_READY)
    rows = page.get_by_test_id("arch-layer")
    assert [rows.nth(i).get_attribute("data-kind") for i in range(rows.count())] == [
        "flatten",
        "dense",
        "relu",
        "dense",
    ]
    page.locator(".arch-line select.arch-kind").select_option("tanh")
    page.get_by_test_id("arch-add").click()  # goes before the output layer
    assert rows.nth(3).get_attribute("data-kind") == "tanh"
    rows.nth(3).get_by_test_id("arch-remove").click()
    rows.nth(2).get_by_role("button", name="move layer 3 up").click()
    assert rows.nth(1).get_attribute("data-kind") == "relu"
    page.wait_for_function(APPLY_READY)
    shapes = page.get_by_test_id("arch-shapes").inner_text()
    assert shapes.startswith("28×28×1 → 784 → 784 → 64 → 10")


def test_every_preset_is_within_the_limits_and_lenet_keeps_its_weights(page, app_url):
    open_page(page, app_url)
    open_editor(page)
    select = page.get_by_test_id("arch-preset")
    presets = [v for v in select.locator("option").evaluate_all("(os) => os.map((o) => o.value)")]
    presets = [p for p in presets if p]
    assert len(presets) == 7
    for preset in presets:
        select.select_option(preset)
        page.wait_for_function(APPLY_READY)
        assert page.get_by_test_id("arch-error").filter(visible=True).count() == 0, preset
        assert page.get_by_test_id("arch-shapes").inner_text().endswith("20,000,000)")
    # the shipped architecture: Apply keeps the shipped model's trained weights
    select.select_option("lenet")
    page.wait_for_function(APPLY_READY)
    keep = page.locator(".arch-keep input")
    assert keep.is_visible() and keep.is_checked()
    seed = page.locator("#arch-seed")
    assert seed.is_hidden()  # the shipped weights need no seed
    keep.uncheck()
    assert seed.is_visible()  # fresh weights for the shipped architecture: a seed again
    keep.check()
    shipped = page.evaluate("() => window.convtrace.model()")
    page.get_by_test_id("arch-apply").click()
    page.wait_for_function("() => document.querySelector('.arch-note').textContent.length > 0")
    assert page.evaluate("() => window.convtrace.network()") is None
    assert page.evaluate("() => window.convtrace.model()") == shipped


def test_editor_by_keyboard_and_without_serious_axe_violations(browser, app_url):
    if not AXE.exists():
        pytest.skip("axe-core not installed: npm ci")
    with screen(browser, app_url, DESK, bypass_csp=True) as page:
        open_page(page, app_url)
        open_editor(page)
        page.get_by_test_id("arch-preset").select_option("strided")
        page.wait_for_function(APPLY_READY)
        assert serious_violations(page) == []
        # a layer moved by its ↓ button keeps the keyboard on the same button, one row down
        rows = page.get_by_test_id("arch-layer")
        rows.nth(1).get_by_role("button", name="move layer 2 down").focus()
        page.keyboard.press("Enter")
        assert rows.nth(2).get_attribute("data-kind") == "relu"
        label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        assert label == "move layer 3 down"
        # Escape closes the editor and gives the keyboard back to the button that opened it
        page.keyboard.press("Escape")
        assert page.get_by_test_id("arch-editor").is_hidden()
        assert page.evaluate("() => document.activeElement.dataset.testid") == "arch-open"


def test_the_shipped_network_edited_in_place_builds(page, app_url):
    """The editor opens on the network in use; its stored names and derived sizes must not
    contradict an edit (conv1 with fewer maps, a layer added before the output)."""
    open_page(page, app_url)
    open_editor(page)
    assert page.get_by_test_id("arch-preset").input_value() == "lenet"
    edit_field(page, 0, "maps", "4")
    page.locator(".arch-line select.arch-kind").select_option("relu")
    page.get_by_test_id("arch-add").click()
    page.wait_for_function(APPLY_READY)
    assert page.get_by_test_id("arch-error").filter(visible=True).count() == 0
    assert page.get_by_test_id("arch-preset").input_value() == ""  # edited: no preset any more
    assert "24×24×4" in page.get_by_test_id("arch-shapes").inner_text()


OWN = """() => { const s = document.querySelector('[data-testid=model-select]');
  return {value: s.value, shown: s.selectedOptions[0]?.textContent ?? '',
          own: s.querySelectorAll('option[data-own]').length}; }"""


def test_the_model_box_names_the_students_own_network(page, app_url):
    open_page(page, app_url)
    build(page, "deeper")
    box = page.evaluate(OWN)
    assert box["value"] == "" and box["own"] == 1, box
    assert box["shown"].startswith("your own network"), box
    assert re.fullmatch(r"your own network \(seed \d+\)", box["shown"]), box  # a name: no 86,547
    # another language words it again
    page.get_by_test_id("language").select_option("de")
    page.wait_for_function("() => document.documentElement.lang === 'de'")
    assert page.evaluate(OWN)["shown"].startswith("dein eigenes Netz")
    page.get_by_test_id("language").select_option("en")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    shipped = page.locator("[data-testid=model-select] option:not([data-own])").first
    name = shipped.get_attribute("value")
    page.get_by_test_id("model-select").select_option(name)
    page.wait_for_function("() => window.convtrace.network() === null")
    box = page.evaluate(OWN)
    assert box == {"value": name, "shown": box["shown"], "own": 0}, box
    assert box["shown"].startswith(name)


def choose_language(page, lang: str):
    page.get_by_test_id("language").select_option(lang)
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")


def test_the_open_editor_speaks_the_new_language_and_still_works(page, app_url):
    """The reader picks another language with the editor open: its words, rows, shapes and
    totals follow, what was typed stays, and every edit after is worded in that language."""
    open_page(page, app_url)
    classify_sample(page)  # the page around the editor has its trace to word too
    open_editor(page)
    page.get_by_test_id("arch-preset").select_option("lenet")
    page.wait_for_function(APPLY_READY)
    edit_field(page, 0, "maps", "4")  # typed before the change: kept as typed
    page.wait_for_function(APPLY_READY)
    choose_language(page, "fr")
    assert english_on(page, "fr") == []
    rows = page.get_by_test_id("arch-layer")
    assert rows.first.locator("input[name=maps]").input_value() == "4"
    assert rows.first.locator("label").first.inner_text() == "cartes K"
    assert rows.nth(1).get_by_role("button", name="monter la couche 2").is_visible()
    shapes = page.get_by_test_id("arch-shapes")
    assert "24×24×4" in shapes.inner_text() and "(au plus 200" in shapes.inner_text()
    # still an editor: a preset and an edit are shown and checked in French
    page.get_by_test_id("arch-preset").select_option("mlp")
    page.wait_for_function(APPLY_READY)
    assert shapes.inner_text().startswith("28×28×1 → 784 → 64 → 64 → 10")
    assert "paramètres (au plus" in shapes.inner_text()
    assert "paramètres" in rows.nth(1).locator(".arch-shape").inner_text()
    edit_field(page, 1, "units", "32")
    page.wait_for_function(APPLY_READY)
    assert shapes.inner_text().startswith("28×28×1 → 784 → 32 → 32 → 10")
    page.locator(".arch-line select.arch-kind").select_option("relu")
    page.get_by_test_id("arch-add").click()  # a new row, named in French
    page.wait_for_function(APPLY_READY)
    assert rows.nth(3).get_by_role("combobox", name="type de la couche 4").is_visible()
    assert english_on(page, "fr") == []
    # and back: English again, the draft as it was
    choose_language(page, "en")
    assert "parameters (at most 200,000)" in shapes.inner_text()
    assert rows.nth(1).get_by_role("button", name="move layer 2 up").is_visible()
    assert rows.nth(1).locator("label").first.inner_text() == "units"
    assert page.get_by_test_id("arch-apply").inner_text() == "Apply"
    assert page.get_by_test_id("arch-preset").locator("option").first.inner_text() == (
        "(your edits)"
    )
