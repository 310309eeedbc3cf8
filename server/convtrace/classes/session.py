"""A class session's life: start, the instructor's state, followers' event streams, the end.

Session fields (text, in the store): ``token`` (SHA-256 of the instructor token: the store never
holds the token itself), ``version`` (bumped by every state change), ``state`` (JSON of what the
class mirrors, without weights), ``weights`` (JSON, only for computing the trace), ``trace_key``
(a hash of what the trace depends on: image, model, label, network, weights), ``current``
(the open question's id) and ``q:<id>`` (each question, with its truth, as JSON).

Who counts as a student: each distinct anonymous id (``?student=``, kept by the browser) with
an open event stream on any worker, refreshed every heartbeat. Two tabs of one browser count
once; a stream without an id (the projector, the instructor's own page) is not counted.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from convtrace.classes.fanout import CLOSED, HEARTBEAT, Event
from convtrace.classes.store import ClassError, ClassStore, event_order, invalid
from convtrace.classes.wire import ClassState
from convtrace.networks import ID_PATTERN, NetworkStore
from convtrace.registry import Registry, WeightsError

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a projector
CODE_LENGTH = 6
CODE_ATTEMPTS = 20
STATES_PER_SECOND = 20  # smooth enough for dragging a selection across a heatmap


@dataclass(frozen=True)
class Limits:
    max_sessions: int = 100
    max_students: int = 1000
    heartbeat_s: float = 15.0


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InstructorState(ClassState):
    """The class state plus ``network``: the id of the instructor's own network (stored by
    POST /api/networks), whose spec and weights followers fetch from GET /api/networks/{id}.
    A state with ``weights`` (the shipped model after an SGD step) is stored as a network too:
    followers see its id in ``network`` and fetch the instructor's weights the same way.
    (A subclass here so the state's wire model in ``classes.wire`` stays as it is; the field may
    move there.)"""

    network: str | None = Field(
        None, pattern=ID_PATTERN, description="A stored network's id: the class traces it."
    )


def trace_key(state: ClassState, network: str | None, weights: str) -> str:
    """What the class trace depends on, hashed: two states that differ only in the selected
    cell, the view or the step share one trace."""
    parts = [state.image, state.model, str(state.label), network or "", weights]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def public_question(question: dict[str, Any]) -> dict[str, Any]:
    """What students see of a question before the reveal: everything but the truth."""
    return {k: v for k, v in question.items() if k != "truth"}


class Sessions:
    def __init__(
        self,
        store: ClassStore,
        registry: Registry,
        limits: Limits,
        networks: NetworkStore | None = None,
    ) -> None:
        self.store, self.registry, self.limits = store, registry, limits
        self.networks = networks

    async def create(self) -> tuple[str, str]:
        """A new session: (join code, instructor token of 192 random bits)."""
        token = secrets.token_urlsafe(24)
        fields = {"token": digest(token), "version": "0", "state": "null", "current": ""}
        for _ in range(CODE_ATTEMPTS):
            code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
            if await self.store.create(code, fields, self.limits.max_sessions):
                return code, token
        raise ClassError(503, "no free class code found; try again", code="class.no_free_code")

    async def fields(self, code: str, names: list[str] | None = None) -> dict[str, str]:
        """The session's fields; 404 when unknown, expired or ended."""
        found = await self.store.read(code, None if names is None else ["version", *names])
        if not found:
            message = f"no class with code {code!r} (unknown, ended or expired)"
            raise ClassError(404, message, code="class.unknown", params={"code": code})
        return found

    async def authorize(self, code: str, token: str | None) -> None:
        """Only the instructor's token passes; compared in constant time."""
        stored = (await self.fields(code, ["token"]))["token"]
        if not token:
            raise ClassError(401, "instructor token required (Authorization: Bearer ...)")
        if not hmac.compare_digest(digest(token), stored):
            raise ClassError(403, "wrong instructor token")

    async def question(self, code: str, question_id: str) -> dict[str, Any]:
        raw = (await self.fields(code, [f"q:{question_id}"])).get(f"q:{question_id}")
        if raw is None:
            message = f"no question {question_id!r} in this class"
            raise ClassError(
                404, message, code="class.question_unknown", params={"id": question_id}
            )
        found: dict[str, Any] = json.loads(raw)
        return found

    async def info(self, code: str) -> dict[str, Any]:
        fields = await self.fields(code, ["state", "current"])
        question = None
        if fields.get("current"):
            question = public_question(await self.question(code, fields["current"]))
        return {
            "code": code,
            "students": len(await self.store.students(code)),
            "capacity": self.limits.max_students,  # a follower beyond it is refused (409)
            "version": int(fields["version"]),
            "state": json.loads(fields["state"]),
            "question": question,
        }

    async def set_state(self, code: str, state: ClassState) -> None:
        # each change goes to every follower: a runaway page must not flood a whole class
        if await self.store.hits(f"state:{code}", 1.0) > STATES_PER_SECOND:
            raise ClassError(
                429,
                f"too many state changes; at most {STATES_PER_SECOND} a second",
                {"Retry-After": "1"},
                code="class.too_many_changes",
                params={"limit": STATES_PER_SECOND},
            )
        self._check_model(state.model)
        network = getattr(state, "network", None)
        await self._check_network(network, state)
        weights, stored = await self._weights(state)
        public = state.model_dump(exclude={"weights"})
        public["network"] = network or stored
        public["custom_weights"] = weights is not None
        version = await self.store.incr(code, "version")
        public["version"] = version
        text, weights_text = json.dumps(public), json.dumps(weights)
        key = trace_key(state, network, weights_text)
        await self.store.write(code, {"state": text, "weights": weights_text, "trace_key": key})
        await self.store.publish(code, "state", text)

    def _check_model(self, name: str) -> None:
        if name not in self.registry.models:
            known = self.registry.names
            message = f"unknown model; known: {known}"
            raise invalid("model", message, "model.unknown", {"name": name, "known": known})

    async def _weights(self, state: ClassState) -> tuple[dict[str, Any] | None, str | None]:
        """The instructor's own weights for the model (checked: a 422 on 'weights' if they
        misfit) as JSON-ready lists, and the id they are stored under as a network, where
        followers' weight panels fetch them (None without a network store)."""
        if state.weights is None:
            return None, None
        arrays = {k: t.data for k, t in state.weights.items()}
        try:
            net = self.registry.get(state.model).network(arrays)
        except WeightsError as err:
            raise invalid("weights", str(err), err.code, err.params) from None
        weights = {
            k: {"shape": t.shape, "data": t.data.ravel().tolist()} for k, t in state.weights.items()
        }
        stored = None
        if self.networks is not None:
            stored = await self.networks.put(net.spec, net.get_weights())
        return weights, stored

    async def _check_network(self, network: str | None, state: ClassState) -> None:
        """A named network must be stored (followers fetch it) and comes with its own weights."""
        if network is None:
            return
        if state.weights is not None:
            message = "give the instructor's 'weights' or a 'network', not both"
            raise invalid("network", message, "network.choice", {"field": "network"})
        if self.networks is None or await self.networks.get_blob(network) is None:
            message = f"no network with id {network!r} (store it with POST /api/networks)"
            raise invalid("network", message, "network.unknown", {"id": network})

    async def end(self, code: str) -> None:
        await self.fields(code)
        await self.store.publish(code, "end", json.dumps({"code": code}))
        await self.store.delete(code)

    async def open_stream(self, code: str, student: str | None) -> AsyncIterator[Event]:
        """Checks (404, class full) happen here, before any byte of the stream is sent.
        Subscribed first, then the snapshot read: a change in between arrives twice (and is
        skipped by id), never not at all."""
        queue = await self.store.subscribe(code)
        try:
            snapshot = await self._snapshot(code)
            if student is not None:
                await self._admit(code, student)
        except BaseException:
            await self.store.unsubscribe(code, queue)
            raise
        return self._stream(code, student, queue, snapshot)

    async def _admit(self, code: str, student: str) -> None:
        present = await self.store.students(code)
        if student not in present and len(present) >= self.limits.max_students:
            limit = self.limits.max_students
            message = f"this class is full ({limit} students)"
            raise ClassError(409, message, code="class.full", params={"limit": limit})
        await self.store.seen(code, student)

    async def _snapshot(self, code: str) -> list[Event]:
        """The current state (and open question, and its reveal) as events with the id of the
        newest event: a (re)connecting follower starts from here, whatever it missed."""
        last = await self.store.last_event_id(code)
        fields = await self.fields(code, ["state", "current"])
        events = [Event(last, "state", fields["state"])]
        if fields.get("current"):
            question = await self.question(code, fields["current"])
            events.append(Event(last, "question", json.dumps(public_question(question))))
            if question.get("revealed"):
                events.append(Event(last, "reveal", json.dumps(question["reveal"])))
        return events

    async def _stream(
        self, code: str, student: str | None, queue: asyncio.Queue[Event], snapshot: list[Event]
    ) -> AsyncIterator[Event]:
        try:
            for event in snapshot:
                yield event
            after = event_order(snapshot[0].id)
            async for event in self._changes(code, student, queue):
                if event is HEARTBEAT or event_order(event.id) > after:  # (older ones are in
                    yield event  # the snapshot already)
                if event.kind == "end":
                    return
        finally:
            await self.store.unsubscribe(code, queue)
            if student is not None:
                await _quietly(self.store.gone(code, student))

    async def _changes(
        self, code: str, student: str | None, queue: asyncio.Queue[Event]
    ) -> AsyncIterator[Event]:
        """Events until the queue closes, HEARTBEAT after each quiet interval (this loop sends
        the keep-alive itself: sse-starlette's ping would be one more task per follower); the
        student is marked present every heartbeat, whether events flow in between or not."""
        loop = asyncio.get_running_loop()
        refreshed = loop.time()
        while True:
            try:  # (asyncio.timeout: no extra task per event, unlike wait_for)
                async with asyncio.timeout(self.limits.heartbeat_s):
                    event = await queue.get()
            except TimeoutError:
                event = HEARTBEAT
            if student is not None and loop.time() - refreshed >= self.limits.heartbeat_s:
                refreshed = loop.time()
                await _quietly(self.store.seen(code, student))
            if event is CLOSED:
                return
            yield event


async def _quietly(call: Any) -> None:
    """Clean-up that may fail when the store is down; presence then lapses by itself."""
    try:
        await call
    except ClassError:
        pass
