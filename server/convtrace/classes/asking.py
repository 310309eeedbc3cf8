"""Questions to the class: pose, collect answers, sum up, reveal.

Live results: every answer could be an event to everyone, but 300 answers in two seconds would
be 300 x 300 deliveries, and showing the distribution before the reveal would let students copy
the majority. So a ``results`` event carries only the number of answers, at most every
``RESULTS_EVERY_S`` per question (the first answer of a quiet spell schedules one event a moment
later, covering every answer that arrives meanwhile); the instructor's page fetches the
distribution (GET .../results, with its token) when it sees one. The distribution reaches the
students with the ``reveal`` event.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from convtrace.classes import questions
from convtrace.classes.session import Sessions, public_question
from convtrace.classes.store import ClassError, invalid
from convtrace.classes.tracecache import TraceCache
from convtrace.classes.tracedata import read_records
from convtrace.classes.wire import AnswerIn, QuestionIn

log = logging.getLogger("convtrace.classes")
RESULTS_EVERY_S = 0.25
ANSWERS_PER_SECOND = 5  # per student: clicking around a heatmap, not a script
MAX_QUESTIONS = 500  # per class: a lecture poses tens; bounds what one session can store


def _refused(field: str, code: str, message: str, params: dict[str, Any]) -> ClassError:
    """A 422 on ``body.<field>`` with a stable code the page words in the reader's language."""
    return invalid(field, message, code, params)


class Asking:
    def __init__(self, sessions: Sessions, traces: TraceCache) -> None:
        self.sessions, self.store, self.traces = sessions, sessions.store, traces
        self.pending: set[asyncio.Task[None]] = set()  # scheduled results events

    async def true_answer(self, code: str, body: QuestionIn) -> Any:
        """The question's truth read from the class's current trace; a truth the page sent
        must agree (it read the same trace, so a disagreement means another digit, model or
        target, or a page that is not the class's)."""
        _, ndjson = await self.traces.get(code)
        try:
            truth = questions.truth_of(body.place(), read_records(ndjson))
        except ValueError as err:
            raise _refused("record", "class.question_place", str(err), {}) from None
        if body.truth is not None and not questions.agrees(body.kind, body.truth, truth):
            message = "this truth is not what the class's trace holds (is it the class's digit?)"
            raise _refused("truth", "class.truth_mismatch", message, {})
        return truth

    async def pose(self, code: str, body: QuestionIn) -> str:
        truth = body.truth if body.record is None else await self.true_answer(code, body)
        number = await self.store.incr(code, "questions")
        if number > MAX_QUESTIONS:
            raise ClassError(409, f"a class holds at most {MAX_QUESTIONS} questions")
        tolerance = body.tolerance
        if tolerance is None and body.kind == "value":
            tolerance = questions.DEFAULT_TOLERANCE
        question = {**body.model_dump(), "id": f"q{number}", "tolerance": tolerance}
        question["truth"] = truth
        question["revealed"] = False
        await self.store.write(
            code, {f"q:{question['id']}": json.dumps(question), "current": question["id"]}
        )
        await self.store.publish(code, "question", json.dumps(public_question(question)))
        return str(question["id"])

    async def answer(self, code: str, body: AnswerIn) -> None:
        question = await self.sessions.question(code, body.question_id)
        if question["revealed"]:
            raise ClassError(409, "this question has been revealed; answers are closed")
        try:
            answer = questions.answer_format(question["kind"], body.answer)
        except ValueError as err:
            raise invalid("answer", str(err)) from None
        if await self.store.hits(f"answers:{code}:{body.student}", 1.0) > ANSWERS_PER_SECOND:
            raise ClassError(429, "too many answers; wait a second", {"Retry-After": "1"})
        await self.store.put_answer(code, body.question_id, body.student, json.dumps(answer))
        if await self.store.claim(f"results:{code}:{body.question_id}", RESULTS_EVERY_S):
            task = asyncio.create_task(self._announce(code, body.question_id))
            self.pending.add(task)
            task.add_done_callback(self.pending.discard)

    async def _announce(self, code: str, question_id: str) -> None:
        await asyncio.sleep(RESULTS_EVERY_S)
        try:
            count = await self.store.answer_count(code, question_id)
            data = {"question_id": question_id, "answers": count}
            await self.store.publish(code, "results", json.dumps(data))
        except ClassError as err:  # store down: the next answer schedules another
            log.warning("class %s: results event not sent: %s", code, err.detail)

    async def results(self, code: str, question_id: str) -> dict[str, Any]:
        question = await self.sessions.question(code, question_id)
        answers = await self.store.answers(code, question_id)
        return questions.results(question, [json.loads(a) for a in answers.values()])

    async def reveal(self, code: str, question_id: str) -> None:
        question = await self.sessions.question(code, question_id)
        summary = await self.results(code, question_id)
        question["revealed"] = True
        question["reveal"] = {
            "question_id": question_id,
            "truth": question["truth"],
            "results": summary,
        }
        await self.store.write(code, {f"q:{question_id}": json.dumps(question)})
        await self.store.publish(code, "reveal", json.dumps(question["reveal"]))

    async def close(self) -> None:
        for task in list(self.pending):
            task.cancel()
