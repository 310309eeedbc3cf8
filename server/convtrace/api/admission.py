"""Admission: which requests are worked on, where, and for how long.

A request is admitted only once its whole body has arrived (a slow sender holds a connection,
never a slot). Then it is weighed:

- **cheap**: traces of the page's own drawings and every GET; at most ``max_concurrency`` at
  once on the event loop and the shared thread pool, beyond that a fast 503;
- **heavy**: gradient checks, SGD steps and any body over ``heavy_body_bytes``. Parsing,
  validation, preprocessing and the work all run on one of ``heavy_workers`` threads of their
  own (the event loop only relays the answer), with at most ``heavy_queue`` waiting; beyond that
  a fast 503. So however many expensive requests arrive, students' traces keep the event loop
  and the other core.

Every admitted request has a deadline (``current_deadline()``, a ``time.monotonic()`` value) that
long work checks itself, so work whose client has been told "timed out" stops instead of
computing on unseen. The optional per-address rate limit charges ``heavy_cost`` tokens for a
heavy request and one for a cheap one. A student's own network is charged further, by its
multiply-adds, once its spec is known (``api.cost``: the route holds units of a per-worker
budget while it works).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
import anyio.from_thread
import anyio.lowlevel
import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from convtrace.api.limits import (
    CLASS_PREFIX,
    TRAIN_PREFIX,
    BodyError,
    Disconnected,
    TokenBuckets,
    client_address,
    declared_length,
    exempt,
    read_body,
    replay,
    retry_after,
    route_path,
    send_json,
    too_large,
)

HEAVY_PATHS = frozenset({"/api/gradcheck", "/api/sgd", "/api/input-gradient", "/api/batch-trace"})
BUSY = "server busy, retry shortly"
_DEADLINE: ContextVar[float | None] = ContextVar("convtrace_deadline", default=None)
# the worker's main event loop, seen from a heavy request's own loop (see ``on_main_loop``)
_MAIN_LOOP: ContextVar[anyio.lowlevel.EventLoopToken | None] = ContextVar(
    "convtrace_main_loop", default=None
)
T = TypeVar("T")


def current_deadline() -> float | None:
    """When the request being served must be answered, as a ``time.monotonic()`` value
    (None outside a request). Work that loops checks it and raises TimeoutError past it."""
    return _DEADLINE.get()


async def on_main_loop(call: Callable[..., Coroutine[Any, Any, T]], *args: Any) -> T:
    """``await call(*args)`` on the worker's main event loop. A heavy request runs in an event
    loop of its own on a heavy thread, but the stores' Redis clients belong to the main loop:
    their calls hop over (through a helper thread, so the heavy loop itself is not blocked)."""
    main = _MAIN_LOOP.get()
    if main is None:
        return await call(*args)
    return await anyio.to_thread.run_sync(lambda: anyio.from_thread.run(call, *args, token=main))


@dataclass(frozen=True)
class Policy:
    max_concurrency: int = 64
    timeout_s: float = 10.0
    heavy_workers: int = 1
    heavy_queue: int = 4
    heavy_body_bytes: int = 256 * 1024
    max_body_bytes: int = 1536 * 1024
    body_timeout_s: float = 10.0
    rate_limit_per_minute: int = 0
    heavy_cost: int = 10
    busy_pause_s: float = 0.5

    @classmethod
    def from_settings(cls, settings: Any) -> Policy:
        return cls(
            max_concurrency=settings.max_concurrency,
            timeout_s=settings.request_timeout_s,
            heavy_workers=settings.heavy_workers,
            heavy_queue=settings.heavy_queue,
            heavy_body_bytes=settings.heavy_body_bytes,
            max_body_bytes=settings.max_body_bytes,
            body_timeout_s=settings.body_timeout_s,
            rate_limit_per_minute=settings.rate_limit_per_minute,
            heavy_cost=settings.heavy_cost,
        )


class AdmissionMiddleware:
    """Body first, then rate limit, then a cheap or a heavy slot, then the app under a deadline.

    State (slot counts, token buckets, the heavy threads' limiter) lives on the instance: one
    copy per worker process."""

    def __init__(self, app: ASGIApp, policy: Policy) -> None:
        self.app, self.policy = app, policy
        self.cheap_in_flight = 0
        self.heavy_admitted = 0  # running or waiting for a heavy thread
        self.heavy_threads = anyio.CapacityLimiter(policy.heavy_workers)
        self.buckets = (
            TokenBuckets(policy.rate_limit_per_minute) if policy.rate_limit_per_minute else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or exempt(scope):
            return await self.app(scope, receive, send)
        limit = self.policy.max_body_bytes
        if (declared_length(scope) or 0) > limit:  # refused before reading a byte of it; the
            # connection is closed, or the server would have to receive the body to reuse it
            err = too_large(limit)
            return await send_json(
                send, 413, err.detail, {"Connection": "close"}, err.code, err.params
            )
        try:
            body = await read_body(receive, limit, self.policy.body_timeout_s)
        except BodyError as err:  # the rest of the body is not read: close the connection
            close = {"Connection": "close"}
            return await send_json(send, err.status, err.detail, close, err.code, err.params)
        except Disconnected:
            return
        heavy = self.is_heavy(scope, len(body))
        if self.buckets is not None:
            cost = self.policy.heavy_cost if heavy else 1
            wait = self.buckets.take(client_address(scope), cost)
            if wait > 0:
                detail = "too many requests from this address"
                headers = retry_after(wait)
                params = {"retry_after": headers["Retry-After"]}
                return await send_json(send, 429, detail, headers, "request.rate_limited", params)
        if heavy:
            await self._heavy(scope, body, receive, send)
        else:
            await self._cheap(scope, body, receive, send)

    def is_heavy(self, scope: Scope, body_bytes: int) -> bool:
        path = route_path(scope)
        if path.startswith((CLASS_PREFIX, TRAIN_PREFIX)):  # small bodies, async store calls
            return False
        return path in HEAVY_PATHS or body_bytes > self.policy.heavy_body_bytes

    async def _cheap(self, scope: Scope, body: bytes, receive: Receive, send: Send) -> None:
        if self.cheap_in_flight >= self.policy.max_concurrency:
            return await self._busy(send)
        self.cheap_in_flight += 1
        try:
            await self._with_deadline(
                scope, send, lambda s: self.app(scope, replay(body, receive), s)
            )
        finally:
            self.cheap_in_flight -= 1

    async def _heavy(self, scope: Scope, body: bytes, receive: Receive, send: Send) -> None:
        policy = self.policy
        if self.heavy_admitted >= policy.heavy_workers + policy.heavy_queue:
            return await self._busy(send)
        self.heavy_admitted += 1
        try:
            await self._with_deadline(scope, send, lambda s: self._in_thread(scope, body, s))
        finally:
            self.heavy_admitted -= 1

    async def _busy(self, send: Send) -> None:
        """503 + Retry-After, after a short pause: a client that re-sends the moment it is
        refused would otherwise keep the event loop busy refusing it (measured: 64 such
        clients took 900 refusals/s and pushed a student's p95 to 540 ms; with the pause,
        200 ms). The page waits Retry-After (1 s) anyway, so it never notices the pause."""
        await anyio.sleep(self.policy.busy_pause_s)
        await send_json(send, 503, BUSY, retry_after(1), "server.busy", {"retry_after": 1})

    async def _in_thread(self, scope: Scope, body: bytes, send: Send) -> None:
        """Run the whole app for this request on a heavy thread, in an event loop of its own;
        its messages are relayed to this loop's ``send``. Disconnects are not relayed: the
        deadline bounds the work instead."""
        token = anyio.lowlevel.current_token()
        _MAIN_LOOP.set(token)  # (copied into the thread with the rest of the context)
        pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> Message:
            if pending:
                return pending.pop()
            await anyio.sleep_forever()  # until the response is done and this is cancelled
            return {"type": "http.disconnect"}

        async def relay(message: Message) -> None:
            anyio.from_thread.run(_forward, send, message, token=token)

        def work() -> None:
            anyio.run(self.app, scope, receive, relay)

        await anyio.to_thread.run_sync(work, limiter=self.heavy_threads)

    async def _with_deadline(
        self, scope: Scope, send: Send, run: Callable[[Send], Awaitable[None]]
    ) -> None:
        """``await run(send)`` until the deadline. Then a request whose response has not started
        gets 503 at once; a started stream is cut off without its final chunk, so the client
        sees an incomplete response, never a silently truncated one. Work in a thread cannot be
        interrupted: it sees the deadline (``current_deadline()``) and stops itself, and its
        slot is held until it has."""
        state = {"started": False, "timed_out": False}
        _DEADLINE.set(time.monotonic() + self.policy.timeout_s)

        async def guarded_send(message: Message) -> None:
            if state["timed_out"]:
                return  # the watchdog has answered (or abandoned) this response
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            async with anyio.create_task_group() as tg:

                async def watchdog() -> None:
                    await anyio.sleep(self.policy.timeout_s)
                    state["timed_out"] = True
                    _log_timeout(scope, state["started"], self.policy.timeout_s)
                    if not state["started"]:
                        await _timed_out(send)
                    tg.cancel_scope.cancel()

                tg.start_soon(watchdog)
                try:
                    await run(guarded_send)
                except TimeoutError:  # the work saw its deadline pass and stopped
                    if not state["started"]:  # (guarded: dropped if the watchdog answered)
                        await _timed_out(guarded_send)
                tg.cancel_scope.cancel()  # finished (or given up): stop the watchdog
        except BaseExceptionGroup as group:
            _reraise_single(group)


async def _timed_out(send: Send) -> None:
    await send_json(send, 503, "request timed out", retry_after(1), "server.timeout", {})


async def _forward(send: Send, message: Message) -> None:
    await send(message)


def _reraise_single(group: BaseExceptionGroup[BaseException]) -> None:
    """Task groups wrap errors; give outer handlers the one real exception, traceback intact."""
    if len(group.exceptions) == 1:
        raise group.exceptions[0]
    raise group


def _log_timeout(scope: Scope, started: bool, timeout_s: float) -> None:
    event = {"event": "timeout", "path": scope.get("path"), "response_started": started}
    logging.getLogger("convtrace.access").warning(json.dumps({**event, "timeout_s": timeout_s}))
