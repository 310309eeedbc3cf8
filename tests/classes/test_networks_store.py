"""The network store over both implementations (memory, and a real redis-server): content
addresses, lifetime refreshed on use, the byte cap, and a Redis outage that recovers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator

import numpy as np
import pytest
from convtrace.networks import MemoryNetworks, NetworkStore, NetworkStoreUnavailable, network_id
from convtrace.networks_redis import RedisNetworks

from tests.classes.conftest import start_redis, stop_redis

SPEC = {"input": [28, 28, 1], "layers": [{"kind": "flatten"}, {"kind": "dense", "units": 10}]}
Factory = Callable[..., NetworkStore]


def weights(seed: int, size: int = 7840) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "dense1.W": rng.standard_normal(size).astype(np.float32),
        "dense1.b": np.zeros(10, np.float32),
    }


@pytest.fixture(params=["memory", "redis"])
def factory(request: pytest.FixtureRequest) -> Iterator[Factory]:
    if request.param == "memory":
        yield lambda ttl_s=60.0, max_bytes=1 << 24: MemoryNetworks(ttl_s, max_bytes)
        return
    redis = request.getfixturevalue("redis_server")
    redis.command("flushall")
    yield lambda ttl_s=60.0, max_bytes=1 << 24: RedisNetworks(redis.url, ttl_s, max_bytes)


def run(
    factory: Factory, body: Callable[[NetworkStore], Awaitable[None]], **options: float
) -> None:
    async def main() -> None:
        store = factory(**options)
        try:
            await body(store)
        finally:
            await store.close()

    asyncio.run(main())


def test_put_then_get_by_content(factory: Factory) -> None:
    async def body(store: NetworkStore) -> None:
        key = await store.put(SPEC, weights(1))
        assert key == network_id(SPEC, weights(1)) == await store.put(SPEC, weights(1))
        assert key != await store.put(SPEC, weights(2))
        spec, found = await store.get(key)  # type: ignore[misc]
        assert spec == SPEC
        np.testing.assert_array_equal(found["dense1.W"], weights(1)["dense1.W"])
        assert await store.get("0" * 24) is None

    run(factory, body)


def test_unused_networks_expire_and_use_refreshes_them(factory: Factory) -> None:
    async def body(store: NetworkStore) -> None:
        kept, dropped = await store.put(SPEC, weights(1)), await store.put(SPEC, weights(2))
        for _ in range(4):
            await asyncio.sleep(0.25)
            assert await store.get(kept) is not None  # each use starts the lifetime again
        assert await store.get(dropped) is None

    run(factory, body, ttl_s=0.6)


def test_the_store_is_capped_in_bytes_least_recently_used_first(factory: Factory) -> None:
    async def body(store: NetworkStore) -> None:
        keys = [await store.put(SPEC, weights(i)) for i in range(3)]  # ~31 KB each
        await store.get(keys[0])  # the first is used again: the second is now the oldest
        fourth = await store.put(SPEC, weights(3))
        assert await store.get(keys[1]) is None
        assert all([await store.get(k) is not None for k in (keys[0], keys[2], fourth)])

    run(factory, body, max_bytes=100_000)


def test_redis_outage_is_unavailable_then_recovers() -> None:
    redis = start_redis()

    async def main() -> None:
        nonlocal redis
        store = RedisNetworks(redis.url)
        try:
            key = await store.put(SPEC, weights(1))
            stop_redis(redis)
            with pytest.raises(NetworkStoreUnavailable) as down:
                await store.get(key)
            assert down.value.code == "network.store_unavailable"
            redis = start_redis(redis.port)
            deadline = time.monotonic() + 10
            while True:
                try:
                    assert await store.put(SPEC, weights(1)) == key
                    break
                except NetworkStoreUnavailable:
                    assert time.monotonic() < deadline, "did not recover"
                    await asyncio.sleep(0.2)
        finally:
            await store.close()

    try:
        asyncio.run(main())
    finally:
        stop_redis(redis)
