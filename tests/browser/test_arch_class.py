"""A class follows the instructor's own network: the followers trace with it and show its
weights, before and after the instructor's SGD step on it."""

from __future__ import annotations

import pytest

from .test_arch_editor import build, classify_sample
from .test_class_session import follows, two_pages  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

FIRST_WEIGHTS = """() => { const w = window.convtrace.weights();
  const name = Object.keys(w).sort()[0];
  return [name, Array.from(w[name].values.slice(0, 20))]; }"""


def test_followers_trace_and_show_the_instructors_network(two_pages, app_url):  # noqa: F811
    instructor, student = two_pages
    instructor.goto(f"{app_url}/")
    instructor.wait_for_function("() => window.convtrace.weights() != null")
    built = build(instructor, "small", [(3, "maps", "6")])
    classify_sample(instructor)
    instructor.get_by_test_id("class-start").click()
    code = instructor.get_by_test_id("class-code").inner_text()

    student.goto(f"{app_url}/")
    student.wait_for_function("() => window.convtrace.weights() != null")
    student.get_by_test_id("class-join").fill(code)
    student.get_by_test_id("class-join").press("Enter")
    student.wait_for_function("(id) => window.convtrace.network() === id", arg=built["id"])
    follows(student, instructor)
    # the same architecture, weights and numbers as the instructor's
    assert student.evaluate(FIRST_WEIGHTS) == instructor.evaluate(FIRST_WEIGHTS)
    mine = instructor.evaluate("() => window.convtrace.trace().result")
    theirs = student.evaluate("() => window.convtrace.trace().result")
    assert theirs["loss"] == pytest.approx(mine["loss"], rel=1e-6)
    assert (
        student.locator("#network .layer-row").count()
        == instructor.locator("#network .layer-row").count()
    )
    # the model box names whose network it is
    shown = "(s) => s.selectedOptions[0].textContent"
    assert student.get_by_test_id("model-select").evaluate(shown) == "the class's network"
    assert instructor.get_by_test_id("model-select").evaluate(shown).startswith("your own network")

    # the instructor trains their network one step: the class now runs on the new weights
    instructor.get_by_test_id("sgd-apply").click()
    instructor.wait_for_function("() => window.convtrace.lastStep()?.network != null")
    trained = instructor.evaluate("() => window.convtrace.lastStep().network")
    assert trained != built["id"]
    student.wait_for_function("(id) => window.convtrace.network() === id", arg=trained)
    follows(student, instructor)
    student.wait_for_function(
        "(want) => { const w = window.convtrace.weights(); const n = Object.keys(w).sort()[0];"
        " return Array.from(w[n].values.slice(0, 20)).every((v, k) => v === want[k]); }",
        arg=instructor.evaluate(FIRST_WEIGHTS)[1],
    )
