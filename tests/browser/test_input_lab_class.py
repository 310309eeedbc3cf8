"""The input-gradient lab asks a class "which digit will it become?" before the attack shows:
the instructor (desk) runs FGSM with "Ask the class first", the lab keeps the attack hidden, a
student (phone) answers with a digit in the class card, the instructor reveals, and then the lab
shows the attacked frame while both pages show the class's answers per digit. Screenshots go to
/tmp/shots-igclass (or CONVTRACE_SHOTS)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_class_session import follows, start_class, two_pages, wait_text  # noqa: F401
from .test_languages import english_on
from .test_lesson_a11y import AXE, serious_violations

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("CONVTRACE_SHOTS", "/tmp/shots-igclass"))
QUESTION = "() => window.convtrace.classQuestion()"
CARD_SAYS = "(text) => document.querySelector('.posed .truth')?.textContent.includes(text)"


def test_the_class_guesses_the_attacked_digit_before_the_lab_shows_it(two_pages, app_url):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    instructor, student = two_pages
    code, join_url = start_class(instructor, app_url)
    student.goto(join_url)
    follows(student, instructor)

    instructor.get_by_test_id("ig-open").click()
    ask = instructor.get_by_test_id("ig-ask-class")
    ask.wait_for(state="visible")  # FGSM is the lab's first experiment
    with instructor.expect_response(lambda r: r.url.endswith("api/input-gradient")) as answer:
        ask.click()
    frames = answer.value.json()["frames"]
    before, after = frames[0]["prediction"], frames[-1]["prediction"]
    instructor.wait_for_function(f"() => {QUESTION[6:]} !== null")
    # the attack stays hidden on the projector while the class answers
    assert instructor.get_by_test_id("ig-guess").is_visible()
    assert instructor.get_by_test_id("ig-frames").is_hidden()
    assert instructor.get_by_test_id("ig-guess-0").is_hidden()  # the class answers, not the desk

    card = student.locator("[data-testid=question][data-kind=digit]")
    card.wait_for()
    assert f"reads this digit as {before}" in card.inner_text()
    # a student reading German reads the instructor's English question in German
    student.get_by_test_id("language").select_option("de")
    student.wait_for_function("() => document.documentElement.lang === 'de'")
    de = student.evaluate("async () => (await import('./js/messages/de.js')).default")
    opening = de["igq.prompt"].split("{before}")[0]
    card = student.locator("[data-testid=question][data-kind=digit]")
    assert f"{opening}{before}" in card.inner_text()
    student.get_by_test_id("language").select_option("en")
    student.wait_for_function("() => document.documentElement.lang === 'en'")
    card = student.locator("[data-testid=question][data-kind=digit]")
    assert student.evaluate(QUESTION)["kind"] == "digit"
    assert "truth" not in student.evaluate(QUESTION), "the truth must not reach students early"
    wrong = (after + 1) % 10
    card.locator(f"input[value='{wrong}']").check()
    student.get_by_test_id("answer-submit").click()
    student.get_by_text("Sent. You can change your answer").wait_for()
    card = student.locator("[data-testid=question][data-kind=digit]")
    card.locator(f"input[value='{after}']").check()  # changed before the reveal: this counts
    student.get_by_test_id("answer-submit").click()
    wait_text(instructor, "class-results", "1 answer")
    assert instructor.get_by_test_id("ig-frames").is_hidden()
    if AXE.exists():
        assert serious_violations(student) == []
    student.screenshot(path=str(SHOTS / "igclass-student-question-phone.png"))
    instructor.screenshot(path=str(SHOTS / "igclass-instructor-asking-desk.png"))

    instructor.get_by_test_id("reveal").click()
    instructor.get_by_test_id("ig-frames").wait_for(state="visible")
    assert instructor.get_by_test_id("ig-guess").is_hidden()
    shown = instructor.get_by_test_id("ig-prediction").get_attribute("data-digit")
    assert shown == str(after), "the lab shows the attacked frame the class was asked about"
    wait_text(instructor, "class-results", "1 answer · 1 right")
    right = instructor.locator(".posed .result-bars li.truth")
    assert right.inner_text().split() == [str(after), "✓", "1"]
    assert instructor.locator(".posed .result-bars li").count() == 10  # one bar per digit

    feedback = student.get_by_test_id("feedback")
    feedback.wait_for()
    assert feedback.get_attribute("data-correct") == "true"
    assert "1 answer · 1 right" in feedback.get_by_test_id("class-results").inner_text()
    assert f"the network says {after}" in feedback.inner_text()
    assert feedback.locator(".result-bars li.truth").inner_text().split()[-1] == "1"
    if AXE.exists():
        assert serious_violations(instructor) == []
        assert serious_violations(student) == []
    feedback.scroll_into_view_if_needed()
    student.screenshot(path=str(SHOTS / "igclass-student-reveal-phone.png"))
    instructor.screenshot(path=str(SHOTS / "igclass-instructor-revealed-desk.png"))
    assert code


def test_ask_the_class_is_offered_to_a_class_instructor_only(page, app_url):
    page.goto(f"{app_url}/")
    page.wait_for_function("() => window.convtrace.weights() != null")
    page.get_by_test_id("ig-open").click()
    page.get_by_test_id("ig-run").wait_for(state="visible")
    assert page.get_by_test_id("ig-ask-class").is_hidden()  # no class: the local guess is enough
    assert page.get_by_test_id("ig-guess-first").is_visible()
    page.get_by_test_id("class-start").click()  # a class begun with the lab open offers it
    page.get_by_test_id("ig-ask-class").wait_for(state="visible")
    page.get_by_test_id("ig-mode").select_option("occlusion")  # an attack's question only
    assert page.get_by_test_id("ig-ask-class").is_hidden()
    page.get_by_test_id("ig-mode").select_option("fgsm")
    page.get_by_test_id("ig-ask-class").wait_for(state="visible")
    page.get_by_test_id("class-end").click()
    page.get_by_test_id("ig-ask-class").wait_for(state="hidden")


def test_a_reloaded_instructor_reveals_the_posted_truth(page, app_url):
    """The truth of a digit question lives on the server only (the page cannot read it from the
    trace): a reload before or after the reveal still shows it on the projected card."""
    start_class(page, app_url)
    page.get_by_test_id("ig-open").click()
    with page.expect_response(lambda r: r.url.endswith("api/input-gradient")) as answer:
        page.get_by_test_id("ig-ask-class").click()
    after = answer.value.json()["frames"][-1]["prediction"]
    page.wait_for_function(f"() => {QUESTION[6:]} !== null")
    page.reload()
    page.get_by_test_id("reveal").click()
    said = f"The answer: {after}."
    page.wait_for_function(CARD_SAYS, arg=said)
    page.reload()
    page.wait_for_function(CARD_SAYS, arg=said)
    assert page.locator(".posed .result-bars").count() == 0  # nobody answered: no bars


def test_the_lab_asking_its_class_is_worded_again_in_another_language(page, app_url):
    """The instructor picks French while the class is asked: the lab's question and status are
    French and the attack stays hidden; revealed, the attack is worded in French."""
    start_class(page, app_url)
    page.get_by_test_id("ig-open").click()
    with page.expect_response(lambda r: r.url.endswith("api/input-gradient")):
        page.get_by_test_id("ig-ask-class").click()
    page.wait_for_function(f"() => {QUESTION[6:]} !== null")
    page.get_by_test_id("language").select_option("fr")
    page.wait_for_function("() => document.documentElement.lang === 'fr'")
    fr = page.evaluate("async () => (await import('./js/messages/fr.js')).default")
    assert page.locator(".ig-guess-question").inner_text() == fr["igq.asked"]
    assert page.locator(".ig-status").inner_text() == fr["igq.waiting"]
    assert page.get_by_test_id("ig-ask-class").inner_text() == fr["igq.ask"]
    assert page.get_by_test_id("ig-frames").is_hidden()  # the new words reveal nothing
    # the class card's prompt too: it travels as its numbers (the digit before, ε)
    assert english_on(page, "fr") == []
    asked = page.evaluate(f"() => {QUESTION[6:]}")
    assert set(asked["params"]) == {"before", "eps"}
    assert fr["igq.prompt"].split("{")[0].strip() in page.locator("body").inner_text()
    page.get_by_test_id("reveal").click()
    page.get_by_test_id("ig-frames").wait_for(state="visible")
    summary = page.locator(".ig-summary").inner_text()
    assert summary.startswith(fr["ig.fgsm.fooled"].split("{")[0]) or summary.startswith(
        fr["ig.fgsm.held"].split("{")[0]
    ), summary
    assert english_on(page, "fr") == []
