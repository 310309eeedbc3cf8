"""RedisStore: class sessions shared by every worker and replica through one Redis.

Keys (all expire after the session's idle lifetime, refreshed on activity):

    ct:class:{code}            hash: the session's fields
    ct:class:{code}:events     stream: the event log; stream ids are the SSE ids
    ct:class:{code}:ans:{q}    hash: student -> answer, per question
    ct:class:{code}:who        sorted set: student -> last seen (unix seconds)
    ct:class:{code}:trace      hash: key, body (the cached NDJSON trace and its trace key)
    ct:classes                 sorted set: code -> expiry, to count sessions against the cap

Fan-out: each worker runs ONE reader per session that has followers connected to it (a blocking
XREAD on the stream) and hands events to its local followers, so 1 000 followers cost each worker
one Redis connection per session, not one per follower. Any Redis failure becomes
``StoreUnavailable`` (503); redis-py reconnects by itself once Redis is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Mapping
from typing import Any

from redis import asyncio as aioredis

from convtrace.classes.fanout import Event, Fanout
from convtrace.classes.store import ClassStore, StoreUnavailable, TooManySessions
from convtrace.redis_down import REDIS_DOWN, redis_down

log = logging.getLogger("convtrace.classes")
STREAM_MAXLEN = 200  # events kept per session: reconnects resume from the state, not the log
READ_BLOCK_MS = 2_000  # below the socket timeout, so a blocked read never looks like a fault
COMMAND_CONNECTIONS = 128  # per worker
READ_ATTEMPTS = 3  # failed stream reads in a row before Redis counts as down
RETRY_S = 0.5
ENDED_KEEP_S = 60  # an ended session's log outlives it so every follower receives the end


Value = bytes | bytearray | memoryview | str | int | float  # what redis-py accepts in a hash


def _text(value: bytes | str) -> str:
    """redis-py is typed for both reply modes; this client returns bytes."""
    return value.decode() if isinstance(value, bytes) else value


def _hash(fields: Mapping[str, Value]) -> dict[Value, Value]:
    return {k: v for k, v in fields.items()}


def _guard() -> contextlib.AbstractContextManager[None]:
    return redis_down(
        lambda err: StoreUnavailable(
            f"the class store (Redis at CONVTRACE_REDIS_URL) is unavailable: {err}"
        )
    )


class RedisStore(ClassStore):
    def __init__(self, url: str, ttl_s: float, presence_s: float) -> None:
        super().__init__(ttl_s, presence_s)
        # Commands share a bounded pool and queue for a free connection under a burst (300
        # students fetching the trace at once) instead of failing. The stream readers block on
        # their connection for seconds, so they get a pool of their own, bounded by the
        # sessions cap (one reader per session with local followers).
        commands = aioredis.BlockingConnectionPool.from_url(
            url,
            max_connections=COMMAND_CONNECTIONS,
            timeout=10,  # waiting for a free connection: a crowd arriving at once
            socket_connect_timeout=5,
            socket_timeout=10,
        )
        self.redis = aioredis.Redis.from_pool(commands)
        self.streams = aioredis.Redis.from_url(
            url, max_connections=10_000, socket_connect_timeout=5, socket_timeout=10
        )
        self.readers: dict[str, tuple[Fanout, asyncio.Task[None]]] = {}

    @staticmethod
    def _key(code: str, part: str = "") -> str:
        return f"ct:class:{code}" + (f":{part}" if part else "")

    def _ttl(self) -> int:
        """The idle lifetime in ms (PEXPIRE), so tests can use a fraction of a second."""
        return max(1, round(self.ttl_s * 1000))

    async def create(self, code: str, fields: dict[str, str], max_sessions: int) -> bool:
        now = time.time()
        with _guard():
            await self.redis.zremrangebyscore("ct:classes", "-inf", now)
            if await self.redis.zcard("ct:classes") >= max_sessions:
                raise TooManySessions(max_sessions)
            if not await self.redis.zadd("ct:classes", {code: now + self.ttl_s}, nx=True):
                return False
            async with self.redis.pipeline() as pipe:
                pipe.hset(self._key(code), mapping=_hash(fields))
                pipe.pexpire(self._key(code), self._ttl())
                await pipe.execute()
        return True

    async def read(self, code: str, names: list[str] | None = None) -> dict[str, str] | None:
        with _guard():
            if names is None:
                raw = await self.redis.hgetall(self._key(code))
            else:
                values = await self.redis.hmget(self._key(code), names)
                raw = {n: v for n, v in zip(names, values, strict=True) if v is not None}
        return {_text(k): _text(v) for k, v in raw.items()} or None

    def _refresh(self, pipe: aioredis.client.Pipeline, code: str) -> None:
        ttl = self._ttl()
        pipe.pexpire(self._key(code), ttl, xx=True)
        pipe.pexpire(self._key(code, "events"), ttl)
        pipe.zadd("ct:classes", {code: time.time() + self.ttl_s}, xx=True)

    async def write(self, code: str, fields: dict[str, str]) -> None:
        with _guard():
            async with self.redis.pipeline() as pipe:
                pipe.hset(self._key(code), mapping=_hash(fields))
                self._refresh(pipe, code)
                await pipe.execute()

    async def incr(self, code: str, field: str) -> int:
        with _guard():
            async with self.redis.pipeline() as pipe:
                pipe.hincrby(self._key(code), field, 1)
                pipe.pexpire(self._key(code), self._ttl())  # never a hash without a lifetime
                value, _ = await pipe.execute()
        return int(value)

    async def delete(self, code: str) -> None:
        with _guard():
            keys = [self._key(code, p) for p in ("", "who", "trace")]
            keys += [k async for k in self.redis.scan_iter(self._key(code, "ans:*"))]
            async with self.redis.pipeline() as pipe:
                pipe.delete(*keys)
                pipe.expire(self._key(code, "events"), ENDED_KEEP_S)
                pipe.zrem("ct:classes", code)
                await pipe.execute()

    async def publish(self, code: str, kind: str, data: str) -> Event:
        stream = self._key(code, "events")
        with _guard():
            async with self.redis.pipeline() as pipe:
                pipe.xadd(stream, {"kind": kind, "data": data}, maxlen=STREAM_MAXLEN)
                self._refresh(pipe, code)
                event_id, *_ = await pipe.execute()
        return Event(_text(event_id), kind, data)

    async def last_event_id(self, code: str) -> str:
        with _guard():
            newest: Any = await self.redis.xrevrange(self._key(code, "events"), count=1)
        return _text(newest[0][0]) if newest else "0"

    async def subscribe(self, code: str) -> asyncio.Queue[Event]:
        if code not in self.readers:
            start = await self.last_event_id(code)  # events after this reach the queue
            if code not in self.readers:  # another follower may have started it meanwhile
                fanout = Fanout()
                task = asyncio.create_task(self._read(code, fanout, start))
                self.readers[code] = (fanout, task)
        return self.readers[code][0].add()

    async def unsubscribe(self, code: str, queue: asyncio.Queue[Event]) -> None:
        fanout, task = self.readers.get(code, (None, None))
        if fanout is None or task is None:
            return
        fanout.remove(queue)
        if not fanout:
            del self.readers[code]
            task.cancel()

    async def _read(self, code: str, fanout: Fanout, cursor: str) -> None:
        """This worker's one reader of the session's stream. A failed read is retried from the
        same cursor (nothing is lost: the stream keeps the events); after READ_ATTEMPTS failures
        in a row Redis counts as down and every local follower's stream ends (their browsers
        reconnect and get 503 until it is back)."""
        stream, failures = self._key(code, "events"), 0
        try:
            while failures < READ_ATTEMPTS:
                try:
                    found: Any = await self.streams.xread(
                        {stream: cursor}, count=100, block=READ_BLOCK_MS
                    )
                except REDIS_DOWN as err:
                    failures += 1
                    log.warning("class %s: event read failed (%d): %s", code, failures, err)
                    await asyncio.sleep(RETRY_S)
                    continue
                failures = 0
                for _, entries in found:
                    for raw_id, values in entries:
                        cursor = _text(raw_id)
                        kind, data = _text(values[b"kind"]), _text(values[b"data"])
                        fanout.publish(Event(cursor, kind, data))
        finally:
            if self.readers.get(code, (None,))[0] is fanout:
                del self.readers[code]
            fanout.close_all()

    async def put_answer(self, code: str, question: str, student: str, answer: str) -> None:
        key = self._key(code, f"ans:{question}")
        with _guard():
            async with self.redis.pipeline() as pipe:
                pipe.hset(key, student, answer)
                pipe.pexpire(key, self._ttl())
                self._refresh(pipe, code)
                await pipe.execute()

    async def answers(self, code: str, question: str) -> dict[str, str]:
        with _guard():
            raw = await self.redis.hgetall(self._key(code, f"ans:{question}"))
        return {_text(k): _text(v) for k, v in raw.items()}

    async def answer_count(self, code: str, question: str) -> int:
        with _guard():
            return int(await self.redis.hlen(self._key(code, f"ans:{question}")))

    async def seen(self, code: str, student: str) -> None:
        key = self._key(code, "who")
        with _guard():
            async with self.redis.pipeline() as pipe:
                pipe.zadd(key, {student: time.time()})
                pipe.pexpire(key, self._ttl())
                await pipe.execute()

    async def gone(self, code: str, student: str) -> None:
        with _guard():
            await self.redis.zrem(self._key(code, "who"), student)

    async def students(self, code: str) -> list[str]:
        key = self._key(code, "who")
        with _guard():
            async with self.redis.pipeline() as pipe:
                pipe.zremrangebyscore(key, "-inf", time.time() - self.presence_s)
                pipe.zrange(key, 0, -1)
                _, members = await pipe.execute()
        return [_text(m) for m in members]

    async def trace(self, code: str) -> tuple[str, bytes] | None:
        with _guard():
            key, body = await self.redis.hmget(self._key(code, "trace"), ["key", "body"])
        if key is None or body is None:
            return None
        return _text(key), body.encode() if isinstance(body, str) else body

    async def put_trace(self, code: str, key: str, body: bytes) -> None:
        name = self._key(code, "trace")
        with _guard():
            async with self.redis.pipeline() as pipe:
                fields: dict[str, Value] = {"key": key, "body": body}
                pipe.hset(name, mapping=_hash(fields))
                pipe.pexpire(name, self._ttl())
                await pipe.execute()

    async def claim(self, key: str, ttl_s: float) -> bool:
        with _guard():
            return bool(await self.redis.set(f"ct:claim:{key}", 1, nx=True, px=int(ttl_s * 1000)))

    async def hits(self, key: str, window_s: float) -> int:
        name = f"ct:hits:{key}"
        with _guard():
            async with self.redis.pipeline() as pipe:
                pipe.incr(name)
                pipe.pexpire(name, int(window_s * 1000), nx=True)
                count, _ = await pipe.execute()
        return int(count)

    async def close(self) -> None:
        for _, task in list(self.readers.values()):
            task.cancel()
        self.readers.clear()
        await self.redis.aclose()
        await self.streams.aclose()
