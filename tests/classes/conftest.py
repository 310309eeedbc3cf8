"""Class-session fixtures: a real redis-server on a free port, the store under test (memory and
Redis alike), and a live app served by uvicorn in a thread (event streams need a real server:
the test client collects a whole response before returning it)."""

from __future__ import annotations

import asyncio
import base64
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

import httpx
import numpy as np
import pytest
import uvicorn
from convtrace.api.app import create_app
from convtrace.classes.memory import MemoryStore
from convtrace.classes.redis import RedisStore
from convtrace.classes.store import ClassStore
from convtrace.config import Settings
from convtrace.registry import Registry

from tests.classes import redisserver
from tests.classes.redisserver import RedisServer
from tests.localserver import HOST, free_port


def start_redis(port: int | None = None) -> RedisServer:
    """redis-server on a free port; a missing redis-server fails the test, never skips it."""
    try:
        return redisserver.start_redis(port)
    except redisserver.RedisStartError as err:
        pytest.fail(str(err))


def stop_redis(server: RedisServer) -> None:
    server.stop()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = start_redis()
    yield server
    stop_redis(server)


Make = Callable[..., ClassStore]


@pytest.fixture(params=["memory", "redis"])
def make(request: pytest.FixtureRequest) -> Iterator[Make]:
    """A factory (stores bind to the running event loop, so each test builds its own)."""
    if request.param == "memory":
        yield lambda ttl_s=60.0, presence_s=60.0: MemoryStore(ttl_s, presence_s)
        return
    redis = request.getfixturevalue("redis_server")
    redis.command("flushall")
    yield lambda ttl_s=60.0, presence_s=60.0: RedisStore(redis.url, ttl_s, presence_s)


def run(make: Make, body: Callable[[ClassStore], Awaitable[None]], **options: float) -> None:
    async def main() -> None:
        store = make(**options)
        try:
            await body(store)
        finally:
            await store.close()

    asyncio.run(main())


@pytest.fixture(scope="session")
def registry() -> Registry:
    settings = Settings()
    return Registry.load(settings.models_dir, settings.default_model)


@dataclass
class Live:
    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve(settings: Settings, registry: Registry) -> Live:
    """The app on a free port in a thread of this process (its own event loop)."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, registry),
        host=HOST,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return Live(f"http://{HOST}:{port}", server, thread)


def class_settings(**overrides: object) -> Settings:
    base: dict[str, object] = {"class_heartbeat_s": 0.2}
    return Settings(**{**base, **overrides})  # type: ignore[arg-type]


@pytest.fixture(params=["memory", "redis"])
def live(request: pytest.FixtureRequest, registry: Registry) -> Iterator[Live]:
    """The app with each store: in memory, and over the session's redis-server."""
    url = ""
    if request.param == "redis":
        redis = request.getfixturevalue("redis_server")
        redis.command("flushall")
        url = redis.url
    server = serve(class_settings(redis_url=url), registry)
    yield server
    server.stop()


@pytest.fixture
def http(live: Live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=10, trust_env=False) as client:
        yield client


def image_b64(seed: int = 0) -> str:
    pixels = np.random.default_rng(seed).integers(0, 256, 784, dtype=np.uint8)
    return base64.b64encode(pixels.tobytes()).decode()


def state(**overrides: object) -> dict[str, object]:
    return {"image": image_b64(), "model": "lenet-relu", "step": 0, "label": 3, **overrides}


def start_class(http: httpx.Client) -> tuple[str, dict[str, str]]:
    """A new class: its code and the instructor's auth header."""
    created = http.post("/api/classes")
    assert created.status_code == 201, created.text
    body = created.json()
    return body["code"], {"Authorization": f"Bearer {body['instructor_token']}"}
