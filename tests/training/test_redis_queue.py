"""The Redis job queue across processes: a real redis-server, the app, and `convtrace worker`
processes. A worker killed mid-job: the job goes on from its last checkpoint on another worker
(never silently lost). Redis down: 503, and back by itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
from convtrace.config import Settings
from convtrace.registry import Registry

from tests.classes.conftest import Live, serve, start_redis
from tests.classes.redisserver import RedisServer
from tests.classes.sse import Follower
from tests.localserver import free_port

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def redis() -> Iterator[RedisServer]:
    server = start_redis()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def app(redis: RedisServer, registry: Registry) -> Iterator[Live]:
    server = serve(Settings(redis_url=redis.url), registry)
    yield server
    server.stop()


def start_worker(redis: RedisServer) -> subprocess.Popen:
    env = {**os.environ, "CONVTRACE_REDIS_URL": redis.url}
    command = [sys.executable, "-m", "convtrace", "worker"]
    return subprocess.Popen(command, env=env, start_new_session=True)


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (RQ's job process leaves the worker's session)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == pid:
                found.append(int(entry))
    return found


def kill(worker: subprocess.Popen) -> None:
    """The worker and the job's process it forked, at once, as a machine dying would."""
    for pid in [worker.pid, *children(worker.pid)]:
        os.kill(pid, signal.SIGKILL)
    worker.wait(timeout=10)


def test_a_killed_worker_job_goes_on_from_its_last_checkpoint(
    app: Live, redis: RedisServer
) -> None:
    first = start_worker(redis)
    second = None
    try:
        job = {"epochs": 2, "batch_size": 16, "train_size": 4000, "augment": True}
        answer = httpx.post(f"{app.url}/api/train", json=job, trust_env=False)
        assert answer.status_code == 202, answer.text
        follower = Follower(app.url + answer.json()["events_url"])
        while follower.next("checkpoint", timeout=30).data["step"] == 0:
            pass
        kill(first)
        second = start_worker(redis)
        retry = follower.next("queued", timeout=15)
        assert retry.data["retry"]["attempt"] == 2
        started = follower.next("started", timeout=15)
        assert started.data["attempt"] == 2 and started.data["step"] > 0
        done = follower.next("done", timeout=60)
        follower.close()
        assert done.data["network"] and 0 <= done.data["test_accuracy"] <= 1
        status = httpx.get(app.url + answer.json()["status_url"], trust_env=False).json()
        assert status["state"] == "done"
        # resumed exactly (weights, optimizer state, batches): the same network as a run that
        # was never interrupted
        again = httpx.post(f"{app.url}/api/train", json=job, trust_env=False).json()
        whole = Follower(app.url + again["events_url"])
        assert whole.next("done", timeout=60).data["network"] == done.data["network"]
        whole.close()
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                kill(worker)


def test_redis_down_is_503(registry: Registry) -> None:
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    server = serve(Settings(redis_url=nowhere), registry)
    try:
        answer = httpx.post(f"{server.url}/api/train", json={}, trust_env=False, timeout=10)
        assert answer.status_code == 503 and answer.headers["Retry-After"]
        assert answer.json()["detail"][0]["code"] == "train.unavailable"
    finally:
        server.stop()
