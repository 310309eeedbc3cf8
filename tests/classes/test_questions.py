"""Questions to the class: truth formats, answers (one per student, last wins), rate limit,
results, reveal."""

from __future__ import annotations

import contextlib
import queue
import time

import httpx
import pytest
from convtrace.classes import asking, questions
from convtrace.classes.wire import QuestionIn

from tests.classes.conftest import Live, start_class
from tests.classes.sse import Follower

GOOD_TRUTHS = {
    "sign": "+",
    "cells": [[0, 1], [2, 3]],
    "value": 0.25,
    "shape": [1, 12, 12, 6],
    "saliency": [3, 0],
    "digit": 5,
}
BAD_TRUTHS = {
    "sign": "plus",
    "cells": [[0, 1, 2]],
    "value": "1e3",
    "shape": [1, 0],
    "saliency": [4, 0],
    "digit": 10,
}


def pose(http: httpx.Client, code: str, auth: dict[str, str], kind: str, truth: object) -> str:
    body = {"kind": kind, "step": 2, "prompt": "What will it be?", "truth": truth}
    response = http.post(f"/api/classes/{code}/questions", json=body, headers=auth)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def answer(http: httpx.Client, code: str, qid: str, student: str, value: object) -> int:
    body = {"question_id": qid, "student": student, "answer": value}
    return http.post(f"/api/classes/{code}/answers", json=body).status_code


@pytest.mark.parametrize("kind", sorted(GOOD_TRUTHS))
def test_truth_must_fit_the_kind(http: httpx.Client, kind: str) -> None:
    code, auth = start_class(http)
    pose(http, code, auth, kind, GOOD_TRUTHS[kind])
    body = {"kind": kind, "step": 2, "prompt": "?", "truth": BAD_TRUTHS[kind]}
    response = http.post(f"/api/classes/{code}/questions", json=body, headers=auth)
    assert response.status_code == 422 and "truth" in response.text
    response = http.post(
        f"/api/classes/{code}/questions", json={**body, "kind": "colour"}, headers=auth
    )
    assert response.status_code == 422 and "kind" in response.text


def test_too_many_cells_refused() -> None:
    with pytest.raises(ValueError, match="at most 64"):
        questions.answer_format("cells", [[0, i] for i in range(65)])
    assert questions.answer_format("cells", [[1, 1], [0, 2], [1, 1]]) == [[0, 2], [1, 1]]


def test_students_see_the_question_without_its_truth(http: httpx.Client, live: Live) -> None:
    code, auth = start_class(http)
    follower = Follower(f"{live.url}/api/classes/{code}/events?student=student-0001")
    try:
        follower.next("state")
        qid = pose(http, code, auth, "value", 0.25)
        shown = follower.next("question")
        assert shown.data["id"] == qid and "truth" not in shown.data
        assert "truth" not in http.get(f"/api/classes/{code}").json()["question"]
        assert answer(http, code, qid, "student-0001", 0.2) == 202
        assert follower.next("results").data == {"question_id": qid, "answers": 1}
        http.post(f"/api/classes/{code}/questions/{qid}/reveal", headers=auth)
        revealed = follower.next("reveal").data
        assert revealed["truth"] == 0.25 and revealed["results"]["answers"] == 1
    finally:
        follower.close()


def test_answers_last_wins_results_and_reveal(http: httpx.Client) -> None:
    code, auth = start_class(http)
    qid = pose(http, code, auth, "sign", "+")
    for student, value in [("student-a01", "+"), ("student-b02", "-"), ("student-c03", "-")]:
        assert answer(http, code, qid, student, value) == 202
    assert answer(http, code, qid, "student-c03", "+") == 202  # changed their mind
    assert answer(http, code, qid, "student-d04", "maybe") == 422
    assert answer(http, code, "q99", "student-d04", "+") == 404
    url = f"/api/classes/{code}/questions/{qid}/results"
    assert http.get(url).status_code == 401
    results = http.get(url, headers=auth).json()
    assert results["answers"] == 3 and results["right"] == 2
    assert results["counts"] == [{"answer": "+", "count": 2}, {"answer": "-", "count": 1}]
    assert http.post(f"/api/classes/{code}/questions/{qid}/reveal", headers=auth).status_code == 204
    assert answer(http, code, qid, "student-a01", "-") == 409


def test_value_histogram_and_cell_clicks(http: httpx.Client) -> None:
    code, auth = start_class(http)
    qid = pose(http, code, auth, "value", 1.0)
    for i, value in enumerate([0.995, 1.0, 1.5, 3.0]):
        answer(http, code, qid, f"student-{i:04}", value)
    results = http.get(f"/api/classes/{code}/questions/{qid}/results", headers=auth).json()
    assert results["right"] == 2 and sum(results["histogram"]["counts"]) == 4
    assert results["histogram"]["edges"][0] == 0.995 and results["histogram"]["edges"][-1] == 3.0
    qid = pose(http, code, auth, "cells", [[0, 0]])
    answer(http, code, qid, "student-0000", [[0, 0], [1, 1]])
    answer(http, code, qid, "student-0001", [[0, 0]])
    results = http.get(f"/api/classes/{code}/questions/{qid}/results", headers=auth).json()
    assert results["cells"] == [{"cell": [0, 0], "count": 2}, {"cell": [1, 1], "count": 1}]
    assert results["right"] == 1


def test_digit_answers_are_counted_per_digit_and_the_posted_truth_is_kept(
    http: httpx.Client,
) -> None:
    """ "Which digit will the network say after the attack?": the truth is the attacked frame's
    prediction, posted by the lab, since the server cannot re-run the attack from the trace."""
    code, auth = start_class(http)
    qid = pose(http, code, auth, "digit", 5)
    for i, value in enumerate([5, 3, 5, 8]):
        assert answer(http, code, qid, f"student-{i:04}", value) == 202
    for bad in ["5", 5.5, -1, True]:
        assert answer(http, code, qid, "student-0009", bad) == 422, bad
    results = http.get(f"/api/classes/{code}/questions/{qid}/results", headers=auth).json()
    assert results["answers"] == 4 and results["right"] == 2
    assert results["counts"][0] == {"answer": 5, "count": 2}
    assert sorted(c["answer"] for c in results["counts"]) == [3, 5, 8]
    assert http.post(f"/api/classes/{code}/questions/{qid}/reveal", headers=auth).status_code == 204
    assert http.get(f"/api/classes/{code}").json()["question"]["reveal"]["truth"] == 5
    # a digit question cannot name a place in the trace: the truth would be unreadable there
    with pytest.raises(ValueError, match="names no record"):
        questions.truth_of({"kind": "digit", "record": 0}, [])


@pytest.mark.parametrize(
    "params",
    [
        {"Before": 3},  # a name is lower case
        {f"p{i}": i for i in range(9)},  # at most 8
        {"eps": "x" * 51},
        {"eps": [0.1]},  # plain numbers and words only
        {"eps": {"value": 0.1}},
    ],
    ids=["name", "count", "long", "list", "nested"],
)
def test_a_posted_questions_params_are_plain_and_few(http: httpx.Client, params: dict) -> None:
    code, auth = start_class(http)
    body = {"kind": "digit", "step": 2, "prompt": "?", "truth": 5, "params": params}
    response = http.post(f"/api/classes/{code}/questions", json=body, headers=auth)
    assert response.status_code == 422 and "params" in response.text, response.text


def test_a_posted_question_carries_the_numbers_of_its_prompt(http: httpx.Client) -> None:
    """The lab's digit question travels with what its prompt says (the digit before, ε), so
    every student's page words it in the student's language; the truth stays hidden."""
    code, auth = start_class(http)
    params = {"before": 7, "eps": 0.15}
    body = {"kind": "digit", "step": 2, "prompt": "Welche Ziffer?", "truth": 3, "params": params}
    assert http.post(f"/api/classes/{code}/questions", json=body, headers=auth).status_code == 201
    seen = http.get(f"/api/classes/{code}").json()["question"]
    assert seen["params"] == params and seen["prompt"] == "Welche Ziffer?"
    assert "truth" not in seen


def test_answers_are_rate_limited_per_student(http: httpx.Client) -> None:
    code, auth = start_class(http)
    qid = pose(http, code, auth, "sign", "+")
    statuses = [answer(http, code, qid, "student-fast", "+") for _ in range(8)]
    assert statuses.count(429) >= 1 and statuses[:5] == [202] * 5
    assert answer(http, code, qid, "student-slow", "+") == 202  # others unaffected


def test_results_events_are_throttled_and_the_last_counts_every_answer(
    http: httpx.Client, live: Live
) -> None:
    code, auth = start_class(http)
    follower = Follower(f"{live.url}/api/classes/{code}/events")
    try:
        follower.next("state")
        qid = pose(http, code, auth, "sign", "+")
        started = time.monotonic()
        for i in range(30):
            assert answer(http, code, qid, f"student-{i:04}", "+") == 202
        took = time.monotonic() - started
        time.sleep(2 * asking.RESULTS_EVERY_S)
        counts = []
        with contextlib.suppress(queue.Empty):
            while True:
                counts.append(follower.next("results", timeout=0.5).data["answers"])
        assert counts and counts[-1] == 30  # the trailing event covers the last answers
        assert len(counts) <= took / asking.RESULTS_EVERY_S + 2  # not one event per answer
    finally:
        follower.close()


def test_questions_per_class_are_capped(
    http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(asking, "MAX_QUESTIONS", 3)
    code, auth = start_class(http)
    for _ in range(3):
        pose(http, code, auth, "sign", "+")
    body = {"kind": "sign", "step": 2, "prompt": "?", "truth": "+"}
    response = http.post(f"/api/classes/{code}/questions", json=body, headers=auth)
    assert response.status_code == 409 and "at most 3" in response.text


def test_the_wire_takes_its_kinds_from_the_one_declared_list() -> None:
    schema = QuestionIn.model_json_schema()
    assert schema["properties"]["kind"]["enum"] == list(questions.KINDS)
    assert [kind.name for kind in questions.DECLARED] == list(questions.KINDS)
    with pytest.raises(ValueError, match="must name its patch"):
        questions.truth_of({"kind": "cells", "record": 0, "patch": None}, [])
