"""Networks in Redis (``ct:net:{id}``), where the training workers keep checkpoints, so any API
worker can trace one. Each expires ``NET_TTL_S`` after its last use. (The architecture lab's own
Redis store, when merged, should read the same keys.)"""

from __future__ import annotations

from typing import Any

from redis import asyncio as aioredis

from convtrace.networks import NetworkStore
from convtrace.training.redisjobs import NET_PREFIX, NET_TTL_S


class RedisNetworks(NetworkStore):
    def __init__(self, url: str) -> None:
        super().__init__(ttl_s=NET_TTL_S)
        self.redis: Any = aioredis.Redis.from_url(url, socket_timeout=5)

    async def put_blob(self, key: str, blob: bytes) -> None:
        await self.redis.set(NET_PREFIX + key, blob, ex=int(self.ttl_s))

    async def get_blob(self, key: str) -> bytes | None:
        blob: bytes | None = await self.redis.getex(NET_PREFIX + key, ex=int(self.ttl_s))
        return blob
