"""Lesson mode: every question kind answered right and wrong, a whole lesson by keyboard only,
resume after a reload, and the answers download. The true answers are worked out here from the
trace the API sends (numpy over the decoded records), not from the page's own engine."""

from __future__ import annotations

import json

import numpy as np
import pytest

from .conftest import api_trace

pytestmark = pytest.mark.browser

KINDS = {"sign", "cells", "value", "shape", "saliency"}
QUESTION = "() => window.convtrace.lesson()"


def open_with_sample(page, url, digit=3, label=None):
    page.goto(f"{url}/")
    # the model's weights, not just its name: loading them resets the trace, so a sample picked
    # before they arrive would be wiped
    page.wait_for_function("() => window.convtrace.weights() != null")
    page.evaluate("() => localStorage.clear()")
    page.select_option("#sample-digit", str(digit))
    page.click("#sample")
    page.wait_for_function("() => window.convtrace.traces() > 0")
    if label is not None:
        page.get_by_test_id(f"label-{label}").click()
        page.wait_for_function("() => window.convtrace.traces() > 1")


def api_records(page) -> tuple[list[dict], dict]:
    """The same digit, model and target traced by the API, decoded here."""
    image = page.evaluate("() => Array.from(window.convtrace.trace().records[0].values)")
    label = page.evaluate("() => window.convtrace.trace().result.label")
    body = {
        "image": np.asarray(image, dtype=float).reshape(28, 28).tolist(),
        "model": page.evaluate("() => window.convtrace.model()"),
        "label": label,
    }
    return api_trace(page, body)


def true_answer(question: dict, records: list[dict]):
    """The answer from the API's numbers alone."""
    record = records[question["record"]]
    values = record["array"]
    if question["kind"] == "shape":
        return list(values.shape)
    if question["kind"] in ("sign", "value"):
        v = float(values[tuple(question["cell"])])
        return v if question["kind"] == "value" else ("+" if v > 0 else "-" if v < 0 else "0")
    if question["kind"] == "cells":
        switches = next(
            r for r in records if r["layer"] == record["layer"] and r["quantity"] == "switches"
        )
        patch = question["patch"]
        k = patch["window"]
        out = []
        for pi in range(patch["row0"] // k, patch["row0"] // k + 2):
            for pj in range(patch["col0"] // k, patch["col0"] // k + 2):
                out.append([int(x) for x in switches["array"][pi, pj, patch["channel"]]])
        return out
    i, j = np.unravel_index(np.argmax(np.abs(values[:, :, 0])), values.shape[:2])
    return [int(i) // question["region"], int(j) // question["region"]]


def wrong_answer(question: dict, truth):
    kind = question["kind"]
    if kind == "sign":
        return {"+": "-", "-": "0", "0": "+"}[truth]
    if kind == "value":
        return truth + 10 * question["tolerance"] + abs(truth) + 1e-3
    if kind == "shape":
        return [*truth, 2]
    if kind == "cells":
        return truth[:1]
    return [(truth[0] + 1) % question["grid"], truth[1]]


def give(page, question: dict, answer):
    """Enter an answer with the mouse and the text fields, then press Check."""
    kind = question["kind"]
    box = page.get_by_test_id("answer-input")
    if kind == "sign":
        box.locator(f"input[value='{answer}']").check()
    elif kind in ("value", "shape"):
        box.fill(", ".join(map(str, answer)) if kind == "shape" else repr(float(answer)))
    elif kind == "cells":
        for cell in box.locator("input[type=checkbox]").all():
            rc = [int(cell.get_attribute("data-row")), int(cell.get_attribute("data-col"))]
            cell.set_checked(rc in answer)
    else:
        box.locator(f"input[value='{answer[0]},{answer[1]}']").check()
    page.get_by_test_id("answer-submit").click()


def feedback(page) -> tuple[str, str]:
    box = page.get_by_test_id("feedback")
    return box.get_attribute("data-correct"), box.inner_text()


def start_lesson(page):
    page.get_by_test_id("lesson-start").click()
    page.get_by_test_id("lesson-next").click()  # past the forward walk
    page.get_by_test_id("question").wait_for()


def test_every_kind_right_and_wrong(page, app_url, artifacts):
    open_with_sample(page, app_url, 3, label=8)  # a wrong target: large, readable gradients
    records, _ = api_records(page)
    start_lesson(page)
    first_of_kind: set[str] = set()
    answered = 0
    while page.get_by_test_id("question").count():
        q = page.evaluate(QUESTION)["question"]
        assert page.get_by_test_id("question").get_attribute("data-kind") == q["kind"]
        truth = true_answer(q, records)
        if q["kind"] not in first_of_kind:
            first_of_kind.add(q["kind"])
            page.screenshot(path=artifacts / f"lesson-{q['kind']}-1440.png")
            give(page, q, wrong_answer(q, truth))
            correct, text = feedback(page)
            assert correct == "false" and "Hint:" in text, (q["kind"], text)
        give(page, q, truth)
        correct, text = feedback(page)
        assert correct == "true", (q, truth, text)
        answered += 1
        page.get_by_test_id("lesson-next").click()
    assert first_of_kind == KINDS
    half_points = len(KINDS) * 0.5
    score = page.get_by_test_id("lesson-score").inner_text()
    assert score == f"Score {answered - half_points:g} / {answered}"


def test_two_wrong_answers_reveal_the_truth(page, app_url):
    open_with_sample(page, app_url, 7)
    records, _ = api_records(page)
    start_lesson(page)
    q = page.evaluate(QUESTION)["question"]
    truth = true_answer(q, records)
    for _ in range(2):
        give(page, q, wrong_answer(q, truth))
    correct, text = feedback(page)
    assert correct == "false" and "The answer:" in text
    assert page.get_by_test_id("lesson-score").inner_text().startswith("Score 0 /")
    # the step is revealed now: the page's cursor sits on the question's step
    assert page.evaluate("() => window.convtrace.trace().cursor") == q["step"]


def press_answer(page, question: dict, answer):
    """Enter an answer with keys only, from where the lesson put the focus; Enter submits."""
    kind = question["kind"]
    if kind in ("value", "shape"):
        text = ", ".join(map(str, answer)) if kind == "shape" else repr(float(answer))
        page.keyboard.type(text)
    elif kind == "sign":
        for _ in range(["+", "-", "0"].index(answer)):
            page.keyboard.press("ArrowDown")
        if answer == "+":
            page.keyboard.press("Space")
    elif kind == "saliency":
        n = answer[0] * question["grid"] + answer[1]
        for _ in range(n):
            page.keyboard.press("ArrowRight")
        if n == 0:
            page.keyboard.press("Space")
    else:
        patch = question["patch"]
        for n in range(patch["size"] ** 2):
            cell = [patch["row0"] + n // patch["size"], patch["col0"] + n % patch["size"]]
            if cell in answer:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def test_whole_lesson_by_keyboard_only(page, app_url):
    open_with_sample(page, app_url, 2)
    records, _ = api_records(page)
    page.evaluate("() => document.activeElement.blur()")  # Tab starts at the top of the page
    for _ in range(150):  # Tab to the Start lesson button (past every heatmap and control)
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.testid") == "lesson-start":
            break
    page.keyboard.press("Enter")
    # the lesson loads on first use: its card takes the focus once it is there
    page.wait_for_function("() => document.activeElement.dataset.testid === 'lesson-next'")
    page.keyboard.press("Enter")  # "Start the backward pass" has the focus
    n = 0
    while (state := page.evaluate(QUESTION))["phase"] != "done":
        assert state["phase"] == "ask"
        press_answer(page, state["question"], true_answer(state["question"], records))
        assert feedback(page)[0] == "true", state["question"]
        page.keyboard.press("Enter")  # Next step / Finish has the focus
        n += 1
    assert n == 15
    assert page.get_by_test_id("lesson-score").inner_text() == "Score 15 / 15"


def test_reload_resumes_mid_lesson(page, app_url):
    open_with_sample(page, app_url, 5)
    records, _ = api_records(page)
    start_lesson(page)
    for _ in range(3):
        q = page.evaluate(QUESTION)["question"]
        give(page, q, true_answer(q, records))
        page.get_by_test_id("lesson-next").click()
    before = page.evaluate(QUESTION)
    assert "lesson" in page.url and "x=" in page.url
    page.reload()
    page.wait_for_function("() => window.convtrace.lesson()?.phase === 'ask'")
    after = page.evaluate(QUESTION)
    assert after["i"] == before["i"] == 3
    assert after["question"]["id"] == before["question"]["id"]
    assert page.get_by_test_id("lesson-score").inner_text() == "Score 3 / 15"
    assert page.evaluate("() => window.convtrace.trace().cursor") == before["question"]["step"] - 1


def test_download_my_answers(page, app_url):
    open_with_sample(page, app_url, 4)
    records, _ = api_records(page)
    start_lesson(page)
    given = []
    for _ in range(2):
        q = page.evaluate(QUESTION)["question"]
        truth = true_answer(q, records)
        give(page, q, wrong_answer(q, truth))
        give(page, q, truth)
        given.append((q, truth))
        page.get_by_test_id("lesson-next").click()
    with page.expect_download() as info:
        page.get_by_test_id("lesson-download").click()
    doc = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert doc["score"] == {"points": 1, "max": 15}
    assert "#" in doc["link"] and "lesson" in doc["link"] and "x=" in doc["link"]
    assert len(doc["questions"]) == 15
    for entry, (q, truth) in zip(doc["questions"], given, strict=False):
        assert entry["kind"] == q["kind"] and entry["prompt"] == q["prompt"]
        assert len(entry["answers"]) == 2 and entry["correct"] is True and entry["seconds"] >= 0
        if q["kind"] == "value":
            assert entry["truth"] == pytest.approx(truth, rel=1e-6)
        else:
            assert entry["truth"] == truth
    # questions not reached yet carry no truth, so the file never gives answers away
    assert all(e["truth"] is None and e["answers"] == [] for e in doc["questions"][3:])


def test_an_empty_answer_asks_again_without_using_a_try(page, app_url):
    open_with_sample(page, app_url, 1)
    records, _ = api_records(page)
    start_lesson(page)
    q = page.evaluate(QUESTION)["question"]
    page.get_by_test_id("answer-submit").click()
    correct, text = feedback(page)
    assert correct == "false" and "Type a number" in text
    give(page, q, wrong_answer(q, true_answer(q, records)))
    assert page.get_by_test_id("question").count() == 1  # the second try is still to come
    give(page, q, true_answer(q, records))
    assert feedback(page)[0] == "true"
    assert page.get_by_test_id("lesson-score").inner_text().startswith("Score 0.5 /")


def test_a_lesson_link_waits_for_a_digit_then_starts(page, app_url):
    page.goto(f"{app_url}/#lesson")
    page.wait_for_function("() => window.convtrace.weights() != null")
    card = page.locator("#lesson")
    card.get_by_text("Draw a digit first").wait_for()
    page.click("#sample")
    page.wait_for_function("() => window.convtrace.lesson()?.phase === 'intro'")
    assert "Forward pass" in card.inner_text()
    assert page.url.endswith("&lesson")  # the link keeps the lesson on
    page.get_by_test_id("lesson-leave").click()
    assert card.is_hidden() and "lesson" not in page.url
