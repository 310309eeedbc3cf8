"""The class store: the few primitives a class session needs, with two implementations.

``MemoryStore`` (one process) and ``RedisStore`` (any number of workers and replicas) keep the
same data: per session a flat map of text fields, an append-only event log with increasing ids,
one map of answers per question, the set of present students and the cached trace; plus
short-lived claims (a key taken for a while) and windowed counters for throttling. The logic of
a session (``session.Sessions``) is written once on top of these.

Every session expires after ``ttl_s`` without activity: writes, events and answers refresh it.
A store that cannot be reached raises ``StoreUnavailable`` (``api.errors`` answers it with a 503),
never a 500.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from typing import Any

from convtrace.classes.fanout import Event

# the code a ClassError carries when its raiser names none (the page words the code)
DEFAULT_CODES = {
    401: "class.token_required",
    403: "class.token_wrong",
    404: "class.unknown",
    409: "class.conflict",
    413: "request.too_large",
    422: "request.invalid",
    429: "class.too_many_requests",
    503: "class.unavailable",
}


class ClassError(Exception):
    """A class request that cannot be served: an HTTP-like ``status_code``, an English
    ``detail``, a stable ``code`` and its ``params``, the body ``field`` it is about (if any) and
    response ``headers`` (Retry-After). ``api.errors`` renders it; the domain knows no HTTP.
    ``detail`` may also be a list of ready detail items (``loc``, ``msg``, and ``code`` /
    ``params`` if known): they are sent as they are, missing keys filled in."""

    def __init__(
        self,
        status_code: int,
        detail: str | list[dict[str, Any]],
        headers: dict[str, str] | None = None,
        *,
        code: str | None = None,
        params: dict[str, Any] | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(detail if isinstance(detail, str) else "; ".join(_messages(detail)))
        self.status_code, self.detail, self.headers = status_code, detail, dict(headers or {})
        self.code = code or DEFAULT_CODES.get(status_code, "class.error")
        self.params = dict(params or {})
        self.field = field


def _messages(items: list[dict[str, Any]]) -> list[str]:
    return [str(item.get("msg", "")) for item in items]


def invalid(
    field: str, message: str, code: str = "request.invalid", params: dict[str, Any] | None = None
) -> ClassError:
    """A 422 naming the body field."""
    return ClassError(422, message, code=code, params=params, field=field)


class StoreUnavailable(ClassError):
    def __init__(self, detail: str) -> None:
        super().__init__(503, detail, {"Retry-After": "2"}, code="class.store_unavailable")


class TooManySessions(ClassError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            503,
            f"this server already runs {limit} classes (the limit)",
            code="class.too_many_sessions",
            params={"limit": limit},
        )


def event_order(event_id: str) -> tuple[int, ...]:
    """Sort key of an event id: '7' (memory) or '1712345678901-0' (a Redis stream id)."""
    try:
        return tuple(int(part) for part in event_id.split("-"))
    except ValueError:
        return (-1,)  # a client's garbage Last-Event-ID sorts before everything


class ClassStore(ABC):
    """Session data, events and counters. ``code`` is a session's join code."""

    def __init__(self, ttl_s: float, presence_s: float) -> None:
        self.ttl_s = ttl_s  # idle lifetime of a session
        self.presence_s = presence_s  # a student not seen for this long is no longer counted

    # ---- session fields ----
    @abstractmethod
    async def create(self, code: str, fields: dict[str, str], max_sessions: int) -> bool:
        """Store a new session; False if ``code`` is taken; TooManySessions at the cap."""

    @abstractmethod
    async def read(self, code: str, names: list[str] | None = None) -> dict[str, str] | None:
        """The fields ``names`` (all if None) that are set; None when unknown or expired."""

    @abstractmethod
    async def write(self, code: str, fields: dict[str, str]) -> None:
        """Set some fields and refresh the session's lifetime."""

    @abstractmethod
    async def incr(self, code: str, field: str) -> int:
        """Add 1 to an integer field (0 if absent) and return the new value."""

    @abstractmethod
    async def delete(self, code: str) -> None:
        """Forget the session; its event log stays briefly so followers receive the end."""

    # ---- events ----
    @abstractmethod
    async def publish(self, code: str, kind: str, data: str) -> Event:
        """Append an event to the session's log and deliver it to every follower."""

    @abstractmethod
    async def last_event_id(self, code: str) -> str:
        """Id of the newest event ('0' if none yet)."""

    @abstractmethod
    async def subscribe(self, code: str) -> asyncio.Queue[Event]:
        """A queue that receives every event published from now on, on any worker."""

    @abstractmethod
    async def unsubscribe(self, code: str, queue: asyncio.Queue[Event]) -> None: ...

    # ---- answers ----
    @abstractmethod
    async def put_answer(self, code: str, question: str, student: str, answer: str) -> None:
        """One answer per student per question: a later one replaces it."""

    @abstractmethod
    async def answers(self, code: str, question: str) -> dict[str, str]: ...

    @abstractmethod
    async def answer_count(self, code: str, question: str) -> int: ...

    # ---- presence ----
    @abstractmethod
    async def seen(self, code: str, student: str) -> None:
        """Mark a student present now (on connect and on every heartbeat)."""

    @abstractmethod
    async def gone(self, code: str, student: str) -> None: ...

    @abstractmethod
    async def students(self, code: str) -> list[str]:
        """The students seen within ``presence_s``."""

    # ---- trace cache ----
    @abstractmethod
    async def trace(self, code: str) -> tuple[str, bytes] | None:
        """The cached trace and the trace key it was computed for."""

    @abstractmethod
    async def put_trace(self, code: str, key: str, body: bytes) -> None: ...

    # ---- coordination ----
    @abstractmethod
    async def claim(self, key: str, ttl_s: float) -> bool:
        """True for the first caller until ``ttl_s`` passes (throttles, single flight)."""

    @abstractmethod
    async def hits(self, key: str, window_s: float) -> int:
        """Count this call within the current ``window_s`` window; return the count."""

    @abstractmethod
    async def close(self) -> None: ...
