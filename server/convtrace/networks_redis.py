"""RedisNetworks: stored networks shared by every worker and replica through the class store's
Redis (CONVTRACE_REDIS_URL).

Keys:

    ct:net:{id}       string: the packed network; expires ``ttl_s`` after its last use
    ct:nets           sorted set: id -> time of last use (least recently used first)
    ct:nets:size      hash: id -> bytes, so the total can be capped without reading blobs
    ct:nets:bytes     integer: the total of ct:nets:size

A put sweeps the ids whose lifetime has passed and then drops the least recently used until the
total is within ``max_bytes``. The bookkeeping is not transactional: two puts at once may leave
the total briefly over the cap, never without a bound. Any Redis failure is
``NetworkStoreUnavailable`` (503 with Retry-After); redis-py reconnects by itself.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from redis import asyncio as aioredis

from convtrace.networks import DAY_S, NetworkStore, NetworkStoreUnavailable
from convtrace.redis_down import redis_down

BLOB, LRU, SIZES, TOTAL = "ct:net:", "ct:nets", "ct:nets:size", "ct:nets:bytes"


def _guard() -> contextlib.AbstractContextManager[None]:
    return redis_down(
        lambda err: NetworkStoreUnavailable(
            f"the network store (Redis at CONVTRACE_REDIS_URL) is unavailable: {err}"
        )
    )


def _raw(value: Any) -> bytes:
    """redis-py is typed for both reply modes; this client returns bytes."""
    return value.encode() if isinstance(value, str) else bytes(value)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class RedisNetworks(NetworkStore):
    def __init__(self, url: str, ttl_s: float = DAY_S, max_bytes: int = 256 << 20) -> None:
        super().__init__(ttl_s, max_bytes)
        self.redis = aioredis.Redis.from_url(
            url, max_connections=64, socket_connect_timeout=5, socket_timeout=10
        )

    def _px(self) -> int:
        return max(1, round(self.ttl_s * 1000))

    async def put_blob(self, key: str, blob: bytes) -> None:
        now = time.time()
        with _guard():
            async with self.redis.pipeline() as pipe:
                pipe.set(BLOB + key, blob, px=self._px())
                pipe.zadd(LRU, {key: now})
                pipe.hset(SIZES, key, len(blob))
                _, _, added = await pipe.execute()
            if added:  # a new id (the same network again changes nothing but its lifetime)
                await self.redis.incrby(TOTAL, len(blob))
            await self._sweep(now)

    async def get_blob(self, key: str) -> bytes | None:
        with _guard():
            blob = await self.redis.getex(BLOB + key, px=self._px())
            if blob is not None:
                await self.redis.zadd(LRU, {key: time.time()}, xx=True)
        return None if blob is None else _raw(blob)

    async def _sweep(self, now: float) -> None:
        """Forget expired ids, then the least recently used while over the cap."""
        expired = await self.redis.zrangebyscore(LRU, "-inf", now - self.ttl_s)
        await self._drop([_text(k) for k in expired])
        while int(await self.redis.get(TOTAL) or 0) > self.max_bytes:
            oldest = await self.redis.zrange(LRU, 0, 0)
            if not oldest:
                await self.redis.set(TOTAL, 0)  # bookkeeping lost (a flush): start again
                return
            await self._drop([_text(k) for k in oldest])

    async def _drop(self, keys: list[str]) -> None:
        if not keys:
            return
        sizes = await self.redis.hmget(SIZES, keys)
        async with self.redis.pipeline() as pipe:
            pipe.delete(*(BLOB + k for k in keys))
            pipe.zrem(LRU, *keys)
            pipe.hdel(SIZES, *keys)
            pipe.decrby(TOTAL, sum(int(s) for s in sizes if s is not None))
            await pipe.execute()

    async def close(self) -> None:
        await self.redis.aclose()
