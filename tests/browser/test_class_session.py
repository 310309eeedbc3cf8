"""A class session in two browsers: an instructor on a desk screen leads, a student on a phone
follows. The student mirrors the steps (reading the class's trace, never tracing it again),
explores and comes back, answers a posed question and sees the reveal; the instructor sees the
student count and the answers. Both sides pass axe-core; screenshots of both are written."""

from __future__ import annotations

import time

import pytest

from .conftest import _page
from .test_lesson import api_records, give, true_answer, wrong_answer
from .test_lesson_a11y import AXE, serious_violations

pytestmark = pytest.mark.browser

CURSOR = "() => window.convtrace.trace().cursor"
ACTIVE = "() => document.activeElement?.dataset.testid ?? null"
SESSION = "() => window.convtrace.classSession()"
SAME_DIGIT = """([pixels, cursor]) => {
  const t = window.convtrace.trace();
  return t.result != null && t.cursor === cursor &&
    Array.from(t.records[0].values).every((v, k) => Math.abs(v - pixels[k]) < 1e-6);
}"""


@pytest.fixture
def two_pages(browser, app_url):
    """(instructor at 1440×900, student on a 390×844 phone), each with its own storage."""
    # bypass_csp: axe is injected as a script tag, which the app's CSP would block
    desk = _page(browser, app_url, viewport={"width": 1440, "height": 900}, bypass_csp=True)
    phone = _page(
        browser,
        app_url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        bypass_csp=True,
    )
    desk[1].watch, phone[1].watch = desk[2], phone[2]
    yield desk[1], phone[1]
    for context, page, watch in (desk, phone):
        name = page.viewport_size["width"]
        context.close()
        assert not watch.foreign and not watch.errors, (name, watch.foreign, watch.errors)


def follows(student, instructor) -> None:
    """Wait until the student shows the instructor's digit at the instructor's step."""
    pixels = instructor.evaluate("() => Array.from(window.convtrace.trace().records[0].values)")
    student.wait_for_function(SAME_DIGIT, arg=[pixels, instructor.evaluate(CURSOR)])


def wait_text(page, testid: str, text: str) -> None:
    """Wait until the element (re-drawn as the class changes) shows `text`."""
    page.wait_for_function(
        "([id, text]) => document.querySelector(`[data-testid=${id}]`)?.textContent.includes(text)",
        arg=[testid, text],
    )


def start_class(instructor, app_url) -> tuple[str, str]:
    instructor.goto(f"{app_url}/")
    instructor.wait_for_function("() => window.convtrace.weights() != null")
    instructor.select_option("#sample-digit", "3")
    instructor.click("#sample")
    instructor.wait_for_function("() => window.convtrace.traces() > 0")
    instructor.get_by_test_id("label-8").click()  # a wrong target: large, readable gradients
    instructor.wait_for_function("() => window.convtrace.traces() > 1")
    instructor.get_by_test_id("class-start").click()
    code = instructor.get_by_test_id("class-code").inner_text()
    return code, instructor.locator(".join-link").get_attribute("href")


def test_student_follows_answers_and_sees_the_reveal(two_pages, app_url, artifacts):
    if not AXE.exists():
        pytest.skip("axe-core not installed: npm ci")
    instructor, student = two_pages
    code, join_url = start_class(instructor, app_url)
    assert len(code) == 6 and join_url.endswith(f"#class={code}")
    instructor.wait_for_function(
        "() => { const img = document.querySelector('[data-testid=class-qr]');"
        " return img.complete && img.naturalWidth > 0; }"
    )
    # the code and the QR code large, for the back of the hall; Escape closes
    instructor.get_by_test_id("class-show-large").click()
    large = instructor.locator("dialog.class-large")
    assert large.locator(".big-code").inner_text() == code
    assert serious_violations(instructor) == []
    instructor.screenshot(path=str(artifacts / "class-instructor-large-code.png"))
    instructor.keyboard.press("Escape")
    large.wait_for(state="detached")
    # the token: in this tab's sessionStorage only, never in the page or its address
    token = instructor.evaluate("(c) => sessionStorage.getItem('convtrace.class.' + c)", code)
    assert token and len(token) >= 22
    assert token not in instructor.content() and token not in instructor.url
    assert token not in join_url

    traced = []
    student.on("request", lambda r: traced.append((r.method, r.url.split("/api/")[-1])))
    student.goto(join_url)
    banner = student.get_by_test_id("following-banner")
    banner.wait_for()
    assert f"Following the class {code}" in banner.inner_text()
    follows(student, instructor)
    assert ("POST", "trace") not in traced, "a follower must not trace the class's digit itself"
    assert ("GET", f"classes/{code}/trace") in traced
    assert token not in student.content()
    assert student.url.endswith(f"#class={code}"), "a follower's address is the join link"
    student.reload()  # joins again, still without tracing anything itself
    follows(student, instructor)
    assert ("POST", "trace") not in traced
    traced.clear()

    wait_text(instructor, "class-students", "1 student following")

    # the instructor steps; the student follows within a blink
    instructor.get_by_test_id("step-next").click()
    follows(student, instructor)
    instructor.wait_for_timeout(250)  # past the state throttle: time the mirror, not the wait
    t0 = time.perf_counter()
    instructor.get_by_test_id("step-next").click()
    follows(student, instructor)
    print(f"instructor's step -> student shows it: {1000 * (time.perf_counter() - t0):.0f} ms")
    assert student.evaluate(CURSOR) == 2
    assert ("GET", f"classes/{code}/trace") not in traced, "a step needs no new trace"

    # a cell the instructor inspects on the step shown is inspected on the student's page too
    key = instructor.evaluate("() => `grad:${window.convtrace.current().of}`")
    instructor.locator(f"[data-key='{key}'] .heatmap").first.focus()
    instructor.keyboard.press("ArrowDown")
    instructor.keyboard.press("Enter")
    chosen = instructor.evaluate("() => window.convtrace.trace().selection")
    assert chosen is not None
    student.wait_for_function(
        "(want) => { const s = window.convtrace.trace().selection;"
        " return s && s.index === want.index && s.flat === want.flat; }",
        arg=chosen,
    )
    assert student.get_by_test_id("inspector").is_visible()
    instructor.keyboard.press("Escape")
    student.wait_for_function("() => window.convtrace.trace().selection === null")

    # the student explores alone, then goes back to the class
    student.get_by_test_id("step-next").click()
    student.get_by_test_id("rejoin").wait_for()
    assert "Exploring on your own" in banner.inner_text()
    assert student.evaluate(SESSION)["following"] is False
    student.get_by_test_id("rejoin").click()
    follows(student, instructor)
    assert "Following the class" in banner.inner_text()

    # a question about the next step: the student answers it, the instructor sees the answer
    instructor.get_by_test_id("question-pose").click()
    student.get_by_test_id("question").wait_for()
    # the class's event can reach the student before the instructor's POST has answered
    instructor.wait_for_function("() => window.convtrace.classQuestion() !== null")
    question = student.evaluate("() => window.convtrace.classQuestion()")
    posed = instructor.evaluate("() => window.convtrace.classQuestion()")
    assert question["prompt"] == posed["prompt"] and question["step"] == 3
    assert student.evaluate(CURSOR) == 2, "the step asked about is not shown before the reveal"
    records, _ = api_records(student)
    truth = true_answer(question, records)
    give(student, question, wrong_answer(question, truth))
    student.get_by_text("Sent. You can change your answer").wait_for()
    # redrawn controls keep the keyboard where it was: on Send (student) and Reveal (instructor)
    assert student.evaluate(ACTIVE) == "answer-submit"
    assert instructor.evaluate(ACTIVE) == "reveal"
    give(student, question, truth)  # changed before the reveal: the last answer counts
    wait_text(instructor, "class-results", "1 answer")
    assert serious_violations(instructor) == []
    assert serious_violations(student) == []
    student.screenshot(path=str(artifacts / "class-student-question-phone.png"))

    instructor.get_by_test_id("reveal").click()
    feedback = student.get_by_test_id("feedback")
    feedback.wait_for()
    assert feedback.get_attribute("data-correct") == "true"
    assert "The class answered" in feedback.inner_text()
    assert "1 answer · 1 right" in feedback.get_by_test_id("class-results").inner_text()
    wait_text(instructor, "class-results", "1 answer · 1 right")
    # the projected card says the same sentence with the step's numbers as the phones do
    said = student.locator(".class-reveal .reveal").inner_text()
    assert said and instructor.locator(".posed .reveal").inner_text() == said
    # the reveal moves the class to the step it predicted
    instructor.wait_for_function(f"() => {CURSOR[6:]} === 3")
    follows(student, instructor)
    assert serious_violations(instructor) == []
    assert serious_violations(student) == []
    instructor.screenshot(path=str(artifacts / "class-instructor-desk.png"))
    student.get_by_test_id("feedback").scroll_into_view_if_needed()
    student.screenshot(path=str(artifacts / "class-student-reveal-phone.png"))

    # a reload keeps the instructor in control; ending the class ends it for the student too
    instructor.reload()
    instructor.get_by_test_id("class-end").wait_for()
    assert instructor.get_by_test_id("class-code").inner_text() == code
    wait_text(instructor, "class-results", "1 answer · 1 right")  # the question and its answers
    before_end = len(student.watch.errors)
    instructor.get_by_test_id("class-end").click()
    student.wait_for_function(f"() => {SESSION[6:]}.code === null")
    assert student.locator("#class").is_hidden()
    # a stream reconnecting just then finds the class gone: its 404s are how it learns that
    assert all("404" in e for e in student.watch.errors[before_end:])
    del student.watch.errors[before_end:]


LAST_GRADIENT = "() => Array.from(window.convtrace.trace().records.at(-1).values)"
FIND_KIND = """async (kind) => {
  const { questionsFor } = await import('./js/questions.js');
  const trace = window.convtrace.trace();
  for (let k = 1; k < trace.steps.length; k++) {
    const choice = questionsFor(trace, k).findIndex((q) => q.kind === kind);
    if (choice >= 0) return [k, choice];
  }
  return null;
}"""
PUT_STARTS = """() => performance.getEntriesByType('resource')
  .filter((e) => e.initiatorType === 'fetch' && e.name.endsWith('/state'))
  .map((e) => e.startTime)"""
SCRUB = """(k) => {
  const s = document.querySelector('[data-testid=step-scrubber]');
  s.value = String(k);
  s.dispatchEvent(new Event('input'));
}"""


def test_model_switch_cells_question_and_sgd_reach_the_class(two_pages, app_url, artifacts):
    if not AXE.exists():
        pytest.skip("axe-core not installed: npm ci")
    instructor, student = two_pages
    code, _ = start_class(instructor, app_url)
    student.goto(f"{app_url}/")
    student.wait_for_function("() => window.convtrace.weights() != null")
    student.get_by_test_id("class-join").fill(code.lower())  # typed, in any case
    student.get_by_test_id("class-join").press("Enter")
    follows(student, instructor)

    t0 = time.perf_counter()
    instructor.get_by_test_id("model-select").select_option("lenet-sigmoid")
    instructor.wait_for_function(
        "() => window.convtrace.model() === 'lenet-sigmoid' && window.convtrace.traces() > 2"
    )
    student.wait_for_function("() => window.convtrace.model() === 'lenet-sigmoid'")
    follows(student, instructor)
    took = 1000 * (time.perf_counter() - t0)
    print(f"instructor's model switch -> student shows its trace: {took:.0f} ms")

    # a cells question (which cells of a pool's input receive error), answered by clicking
    step, choice = instructor.evaluate(FIND_KIND, "cells")
    instructor.evaluate(SCRUB, step - 1)
    instructor.locator(".pose select").select_option(str(choice))
    instructor.get_by_test_id("question-pose").click()
    student.locator("[data-testid=question][data-kind=cells]").wait_for()
    question = student.evaluate("() => window.convtrace.classQuestion()")
    records, _ = api_records(student)
    truth = true_answer(question, records)
    give(student, question, truth)
    wait_text(instructor, "class-results", "1 answer")
    assert serious_violations(student) == []
    student.locator("#class").scroll_into_view_if_needed()
    student.screenshot(path=str(artifacts / "class-student-cells-phone.png"))
    grid = instructor.locator("[data-testid=class-results] .result-grid")
    counts = [int(c.inner_text()) for c in grid.locator("span").all()]
    assert sorted(counts, reverse=True)[: len(truth)] == [1] * len(truth)
    assert sum(counts) == len(truth), "one click per chosen cell"
    instructor.get_by_test_id("reveal").click()
    student.get_by_test_id("feedback").wait_for()
    assert student.get_by_test_id("feedback").get_attribute("data-correct") == "true"
    wait_text(instructor, "class-results", "1 answer · 1 right")
    assert grid.locator("span.truth").count() == len(truth)
    assert serious_violations(instructor) == []
    instructor.screenshot(path=str(artifacts / "class-instructor-cells.png"))

    # a value question: a number typed on the phone, the class's answers as a histogram
    step, choice = instructor.evaluate(FIND_KIND, "value")
    instructor.evaluate(SCRUB, step - 1)
    instructor.locator(".pose select").select_option(str(choice))
    instructor.get_by_test_id("question-pose").click()
    student.locator("[data-testid=question][data-kind=value]").wait_for()
    question = student.evaluate("() => window.convtrace.classQuestion()")
    truth = true_answer(question, records)
    give(student, question, truth)
    wait_text(instructor, "class-results", "1 answer")
    student.evaluate("() => window.scrollTo(0, 0)")
    student.screenshot(path=str(artifacts / "class-student-value-phone.png"))
    assert serious_violations(student) == []
    instructor.get_by_test_id("reveal").click()
    student.get_by_test_id("feedback").wait_for()
    assert student.get_by_test_id("feedback").get_attribute("data-correct") == "true"
    wait_text(instructor, "class-results", "1 answer · 1 right")
    assert instructor.locator("[data-testid=class-results] .result-bars .truth").count() == 1

    # a burst of steps: the states go out at most 5 a second, and the last one is the class's
    for _ in range(8):
        instructor.keyboard.press("ArrowRight")
    follows(student, instructor)
    assert instructor.evaluate(CURSOR) == step + 8
    starts = instructor.evaluate(PUT_STARTS)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert len(starts) >= 2 and min(gaps) >= 180, gaps  # ms; the timer may fire a little early

    # an SGD step: the class's trace is computed with the instructor's new weights
    before = student.evaluate(LAST_GRADIENT)
    traces = instructor.evaluate("() => window.convtrace.traces()")
    instructor.get_by_test_id("sgd-apply").click()
    instructor.wait_for_function(f"() => window.convtrace.traces() > {traces}")
    mine = instructor.evaluate(LAST_GRADIENT)
    student.wait_for_function(
        "(want) => window.convtrace.trace().records.at(-1).values.every((v, k) => v === want[k])",
        arg=mine,
    )
    assert mine != before, "the weights changed, so the input gradient did"
    assert "instructor's trained weights" in student.locator("#status").inner_text()


def test_a_wrong_code_is_explained_and_joins_nothing(page, app_url):
    page.goto(f"{app_url}/")
    page.wait_for_function("() => window.convtrace.weights() != null")
    page.get_by_test_id("class-join").fill("K7M")
    page.get_by_test_id("class-join").press("Enter")
    page.wait_for_function(
        "() => /6 letters and digits/.test(document.querySelector('#status').textContent)"
    )
    page.watch.expected_errors = 1  # the browser logs the 404 itself
    page.get_by_test_id("class-join").fill("ZZZZZZ")
    page.get_by_test_id("class-join").press("Enter")
    page.wait_for_function(
        "() => /no class with this code/.test(document.querySelector('#status').textContent)"
    )
    assert page.evaluate(SESSION) == {"code": None, "role": None, "following": False}
    assert page.locator("#class").is_hidden()


def test_presenting_keeps_the_question_and_tells_the_class(two_pages, app_url, artifacts):
    instructor, _ = two_pages
    code, _ = start_class(instructor, app_url)
    instructor.get_by_test_id("question-pose").click()
    instructor.get_by_test_id("reveal").wait_for()
    instructor.get_by_test_id("present-toggle").click()
    instructor.wait_for_function("() => document.documentElement.classList.contains('present')")
    # on the projector: the code, the question and its answers; joining and asking are put away
    assert instructor.get_by_test_id("class-code").is_visible()
    assert instructor.get_by_test_id("reveal").is_visible()
    assert instructor.locator(".class-join-box").is_hidden()
    info = f"{app_url}/api/classes/{code}"
    view = None  # polled: the state reaches the server within the throttle
    for _ in range(50):
        view = instructor.request.get(info).json()["state"]["view"]
        if view == "present":
            break
        instructor.wait_for_timeout(100)
    assert view == "present"
    instructor.screenshot(path=str(artifacts / "class-instructor-presenting.png"))
