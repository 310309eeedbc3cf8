"""MemoryStore: class sessions in this process's memory (one worker, nothing to install).

Expiry is lazy: a session past its idle lifetime is dropped when next looked at, and every
create sweeps the expired ones, so the number of sessions held stays bounded by the cap.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from convtrace.classes.fanout import Event, Fanout
from convtrace.classes.store import ClassStore, TooManySessions


@dataclass
class _Session:
    fields: dict[str, str]
    expires: float
    events: int = 0
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    present: dict[str, float] = field(default_factory=dict)
    trace: tuple[str, bytes] | None = None
    fanout: Fanout = field(default_factory=Fanout)


class MemoryStore(ClassStore):
    def __init__(
        self, ttl_s: float, presence_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(ttl_s, presence_s)
        self.clock = clock
        self.sessions: dict[str, _Session] = {}
        self.claims: dict[str, float] = {}  # key -> until
        self.windows: dict[str, tuple[float, int]] = {}  # key -> (window end, count)

    def _get(self, code: str) -> _Session | None:
        session = self.sessions.get(code)
        if session is not None and session.expires <= self.clock():
            self._drop(code)
            return None
        return session

    def _touch(self, code: str) -> _Session | None:
        session = self._get(code)
        if session is not None:
            session.expires = self.clock() + self.ttl_s
        return session

    def _drop(self, code: str) -> None:
        session = self.sessions.pop(code, None)
        if session is not None:
            session.fanout.close_all()

    async def create(self, code: str, fields: dict[str, str], max_sessions: int) -> bool:
        for old in [c for c, s in self.sessions.items() if s.expires <= self.clock()]:
            self._drop(old)
        if code in self.sessions:
            return False
        if len(self.sessions) >= max_sessions:
            raise TooManySessions(max_sessions)
        self.sessions[code] = _Session(dict(fields), self.clock() + self.ttl_s)
        return True

    async def read(self, code: str, names: list[str] | None = None) -> dict[str, str] | None:
        session = self._get(code)
        if session is None:
            return None
        wanted = session.fields.keys() if names is None else names
        return {k: session.fields[k] for k in wanted if k in session.fields}

    async def write(self, code: str, fields: dict[str, str]) -> None:
        session = self._touch(code)
        if session is not None:
            session.fields.update(fields)

    async def incr(self, code: str, field: str) -> int:
        session = self._touch(code)
        if session is None:
            return 0
        value = int(session.fields.get(field, "0")) + 1
        session.fields[field] = str(value)
        return value

    async def delete(self, code: str) -> None:
        # Followers here already hold the end event in their queues; closing after it is fine.
        self.sessions.pop(code, None)

    async def publish(self, code: str, kind: str, data: str) -> Event:
        session = self._touch(code)
        if session is None:
            return Event("0", kind, data)
        session.events += 1
        event = Event(str(session.events), kind, data)
        session.fanout.publish(event)
        return event

    async def last_event_id(self, code: str) -> str:
        session = self._get(code)
        return str(session.events if session else 0)

    async def subscribe(self, code: str) -> asyncio.Queue[Event]:
        session = self._get(code)
        fanout = session.fanout if session else Fanout()
        queue = fanout.add()
        if session is None:
            fanout.close_one(queue)
        return queue

    async def unsubscribe(self, code: str, queue: asyncio.Queue[Event]) -> None:
        session = self.sessions.get(code)
        if session is not None:
            session.fanout.remove(queue)

    async def put_answer(self, code: str, question: str, student: str, answer: str) -> None:
        session = self._touch(code)
        if session is not None:
            session.answers.setdefault(question, {})[student] = answer

    async def answers(self, code: str, question: str) -> dict[str, str]:
        session = self._get(code)
        return dict(session.answers.get(question, {})) if session else {}

    async def answer_count(self, code: str, question: str) -> int:
        session = self._get(code)
        return len(session.answers.get(question, {})) if session else 0

    async def seen(self, code: str, student: str) -> None:
        session = self._get(code)
        if session is not None:
            session.present[student] = self.clock()

    async def gone(self, code: str, student: str) -> None:
        session = self._get(code)
        if session is not None:
            session.present.pop(student, None)

    async def students(self, code: str) -> list[str]:
        session = self._get(code)
        if session is None:
            return []
        since = self.clock() - self.presence_s
        session.present = {s: t for s, t in session.present.items() if t > since}
        return list(session.present)

    async def trace(self, code: str) -> tuple[str, bytes] | None:
        session = self._get(code)
        return None if session is None else session.trace

    async def put_trace(self, code: str, key: str, body: bytes) -> None:
        session = self._get(code)
        if session is not None:
            session.trace = (key, body)

    async def claim(self, key: str, ttl_s: float) -> bool:
        now = self.clock()
        self.claims = {k: until for k, until in self.claims.items() if until > now}
        if key in self.claims:
            return False
        self.claims[key] = now + ttl_s
        return True

    async def hits(self, key: str, window_s: float) -> int:
        now = self.clock()
        end, count = self.windows.get(key, (0.0, 0))
        if end <= now:
            if len(self.windows) > 10_000:  # bound: forget every finished window at once
                self.windows = {k: v for k, v in self.windows.items() if v[0] > now}
            end, count = now + window_s, 0
        self.windows[key] = (end, count + 1)
        return count + 1

    async def close(self) -> None:
        for code in list(self.sessions):
            self._drop(code)
