"""Small ASGI building blocks shared by the middleware: paths, JSON answers, the request body
read whole under a size and a time limit, and per-address token buckets."""

from __future__ import annotations

import json
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import anyio
from starlette.types import Message, Receive, Scope, Send

EXEMPT_PATHS = frozenset({"/healthz"})  # probes must answer even when the worker is saturated
# A class's event stream is open for a whole lecture: it must hold no concurrency slot and meet no
# request deadline (the class store caps followers per class; heartbeats keep it alive).
EVENT_STREAM = re.compile(r"/api/(classes|train)/[^/]+/events")  # (training: a job's events)
CLASS_PREFIX = "/api/classes"  # class requests stay on the main loop (the store's Redis client)
TRAIN_PREFIX = "/api/train"  # so do training requests (the job queue lives on the main loop)


def route_path(scope: Scope) -> str:
    """The path below the mount point: uvicorn puts root_path in front of ``scope['path']``."""
    path, root = str(scope.get("path", "")), str(scope.get("root_path", ""))
    return (path[len(root) :] or "/") if root and path.startswith(root) else path


def exempt(scope: Scope) -> bool:
    """Requests admission leaves alone: health probes and class event streams."""
    path = route_path(scope)
    if path in EXEMPT_PATHS:
        return True
    return scope.get("method") == "GET" and EVENT_STREAM.fullmatch(path) is not None


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def problem(
    message: str,
    code: str,
    params: Mapping[str, Any] | None = None,
    loc: Sequence[str | int] = (),
    kind: str = "value_error",
) -> dict[str, Any]:
    """One item of an error answer's ``detail`` list: FastAPI's ``loc``, ``msg`` and ``type``
    (for clients that read those) plus the stable ``code`` and its ``params`` (the page words
    the code in the reader's language)."""
    return {
        "loc": list(loc),
        "msg": message,
        "type": kind,
        "code": code,
        "params": dict(params or {}),
    }


async def send_json(
    send: Send,
    status: int,
    detail: str,
    headers: Mapping[str, object] | None = None,
    code: str = "request.invalid",
    params: Mapping[str, Any] | None = None,
) -> None:
    """An error answer straight from the middleware: ``{"detail": [problem]}``."""
    body = json.dumps({"detail": [problem(detail, code, params, kind=code)]}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), str(v).encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class BodyError(Exception):
    """The body cannot be accepted: ``status`` (408, 413), a message for the client, its code
    (``request.timeout``, ``request.too_large``) and params."""

    def __init__(self, status: int, detail: str, code: str, params: dict[str, Any]) -> None:
        super().__init__(detail)
        self.status, self.detail, self.code, self.params = status, detail, code, params


class Disconnected(Exception):
    """The client went away before its body was complete."""


def declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length" and value.isdigit():
            return int(value)
    return None


async def read_body(receive: Receive, limit: int, timeout_s: float) -> bytes:
    """The whole request body, so no work (and no concurrency slot) waits on a slow sender.

    Raises BodyError 413 past ``limit`` bytes, 408 if it has not all arrived within
    ``timeout_s``; Disconnected if the client leaves."""
    chunks: list[bytes] = []
    size = 0
    with anyio.move_on_after(timeout_s):
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise Disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise too_large(limit)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)
    detail = f"request body not received within {timeout_s:g} s"
    raise BodyError(408, detail, "request.timeout", {"seconds": timeout_s})


def too_large(limit: int) -> BodyError:
    return BodyError(
        413, f"request body larger than {limit} bytes", "request.too_large", {"limit": limit}
    )


def replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body already read, then the client's own events
    (a disconnect)."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def replaying() -> Message:
        return pending.pop() if pending else await receive()

    return replaying


class TokenBuckets:
    """One token bucket per key: ``per_minute`` tokens, refilled continuously, full to start.

    Memory is bounded: at most ``max_keys`` buckets, least recently used evicted first (an evicted
    client simply starts again with a full bucket)."""

    def __init__(
        self, per_minute: int, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity, self.rate = float(per_minute), per_minute / 60.0
        self.max_keys, self.clock = max_keys, clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> tokens, at

    def take(self, key: str, cost: float = 1.0) -> float:
        """Spend ``cost`` tokens for ``key``: 0.0 if allowed, else the seconds until enough
        have refilled. A cost above the capacity is charged as the whole bucket."""
        cost = min(cost, self.capacity)
        now = self.clock()
        tokens, at = self.buckets.pop(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - at) * self.rate)
        wait = 0.0 if tokens >= cost else (cost - tokens) / self.rate
        self.buckets[key] = (tokens - cost if wait == 0.0 else tokens, now)
        while len(self.buckets) > self.max_keys:
            self.buckets.popitem(last=False)
        return wait


def retry_after(wait_s: float) -> dict[str, int]:
    return {"Retry-After": max(1, math.ceil(wait_s))}
