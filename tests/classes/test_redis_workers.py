"""Over a real Redis: two server processes share one class; a Redis restart is a 503 that
heals by itself."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from convtrace.registry import Registry

from tests.classes.conftest import (
    RedisServer,
    class_settings,
    serve,
    start_class,
    start_redis,
    state,
    stop_redis,
)
from tests.classes.sse import Follower
from tests.localserver import LocalServer, isolated_env, start_server

pytestmark = pytest.mark.slow


@pytest.fixture
def two_servers(redis_server: RedisServer) -> Iterator[list[LocalServer]]:
    """Two separate server processes (as two workers or two replicas) on one Redis."""
    env = isolated_env(
        {
            "CONVTRACE_REDIS_URL": redis_server.url,
            "CONVTRACE_CLASS_HEARTBEAT_S": "0.5",
            "CONVTRACE_REQUEST_TIMEOUT_S": "300",
        }
    )
    servers = [start_server(env=env) for _ in range(2)]
    try:
        for server in servers:
            server.wait_healthy()
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_a_change_on_worker_a_reaches_a_follower_on_worker_b(
    two_servers: list[LocalServer],
) -> None:
    a, b = (server.url for server in two_servers)
    with httpx.Client(base_url=a, trust_env=False) as http:
        code, auth = start_class(http)
        follower = Follower(f"{b}/api/classes/{code}/events?student=student-on-b")
        try:
            assert follower.next("state").data is None
            assert (
                http.put(f"/api/classes/{code}/state", json=state(step=7), headers=auth).status_code
                == 204
            )
            assert follower.next("state").data["step"] == 7
            assert http.get(f"/api/classes/{code}").json()["students"] == 1  # seen from A
            trace_b = httpx.get(f"{b}/api/classes/{code}/trace", trust_env=False)
            assert trace_b.content == http.get(f"/api/classes/{code}/trace").content
        finally:
            follower.close()


def test_a_follower_of_a_killed_worker_resumes_on_the_other(
    two_servers: list[LocalServer],
) -> None:
    doomed, other = two_servers
    with httpx.Client(base_url=other.url, trust_env=False) as http:
        code, auth = start_class(http)
        http.put(f"/api/classes/{code}/state", json=state(step=1), headers=auth)
        follower = Follower(f"{doomed.url}/api/classes/{code}/events?student=student-0042")
        seen = follower.next("state")
        doomed.process.kill()
        with pytest.raises((EOFError, httpx.HTTPError)):
            follower.next(timeout=10)
        http.put(f"/api/classes/{code}/state", json=state(step=2), headers=auth)
        url = f"{other.url}/api/classes/{code}/events?student=student-0042"
        resumed = Follower(url, {"Last-Event-ID": seen.id})
        try:
            assert resumed.next("state").data["step"] == 2
        finally:
            resumed.close()


def test_redis_restart_is_503_then_recovers(registry: Registry) -> None:
    redis = start_redis()
    server = serve(class_settings(redis_url=redis.url), registry)
    try:
        with httpx.Client(base_url=server.url, trust_env=False, timeout=10) as http:
            code, _ = start_class(http)
            follower = Follower(f"{server.url}/api/classes/{code}/events")
            follower.next("state")
            stop_redis(redis)
            down = http.post("/api/classes")
            assert down.status_code == 503 and "CONVTRACE_REDIS_URL" in down.text
            assert http.get(f"/api/classes/{code}").status_code == 503
            with pytest.raises(EOFError):  # the follower's stream ends: its browser retries
                follower.next(timeout=10)
            redis = start_redis(redis.port)
            deadline = time.monotonic() + 10
            while http.post("/api/classes").status_code != 201:
                assert time.monotonic() < deadline, "did not recover after Redis came back"
                time.sleep(0.2)
    finally:
        server.stop()
        stop_redis(redis)
