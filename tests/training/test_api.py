"""/api/train over a live server with the local process pool: validation, the cost limit, the
per-client and queue limits, cancel, resume, determinism."""

from __future__ import annotations

import secrets
import time

import httpx
import numpy as np
import pytest

from tests.classes.conftest import Live
from tests.classes.sse import Follower

TINY = {"train_size": 64, "batch_size": 16, "epochs": 1}


def client_id() -> dict[str, str]:
    return {"X-Client-Id": secrets.token_hex(8)}


def submit(http: httpx.Client, headers: dict[str, str] | None = None, **body: object) -> str:
    answer = http.post("/api/train", json={**TINY, **body}, headers=headers or client_id())
    assert answer.status_code == 202, answer.text
    return str(answer.json()["id"])


def wait_end(http: httpx.Client, job: str, timeout: float = 30) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = http.get(f"/api/train/{job}").json()
        if status["state"] in ("done", "failed", "cancelled"):
            return dict(status)
        time.sleep(0.05)
    raise AssertionError(f"job {job} did not end: {status}")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"learning_rate": 0}, "learning_rate"),
        ({"batch_size": 0}, "batch_size"),
        ({"epochs": 1.5}, "epochs"),
        ({"train_size": 100_000}, "train_size"),
        ({"train_size": 60_000}, "train_size"),  # more than the shipped digits
        ({"preset": "slow"}, "preset"),
        ({"model": "nope"}, None),
    ],
)
def test_bad_values_name_the_field(http: httpx.Client, body: dict, field: str | None) -> None:
    answer = http.post("/api/train", json=body, headers=client_id())
    if field is None:
        assert answer.status_code == 404
        return
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"][-1] == field


def test_cost_over_the_limit_says_what_to_reduce(http: httpx.Client) -> None:
    answer = http.post("/api/train", json={"epochs": 50}, headers=client_id())
    assert answer.status_code == 422
    error = answer.json()["detail"][0]
    assert error["loc"] == ["body", "epochs"] and error["code"] == "train.too_costly"
    assert "reduce" in error["msg"] and error["params"]["cost"] > error["params"]["limit"]


def test_job_runs_to_done_with_every_event_kind(http: httpx.Client, live: Live) -> None:
    answer = http.post("/api/train", json=TINY, headers=client_id())
    body = answer.json()
    assert answer.status_code == 202 and len(body["id"]) >= 20 and body["position"] >= 0
    follower = Follower(live.url + body["events_url"])
    try:
        kinds = []
        while not kinds or kinds[-1] not in ("done", "failed", "cancelled"):
            kinds.append(follower.next(timeout=30).kind)
    finally:
        follower.close()
    assert kinds[0] == "queued" and kinds[-1] == "done"
    assert {"started", "progress", "filters", "checkpoint", "eval"} <= set(kinds)
    status = http.get(body["status_url"]).json()
    assert status["state"] == "done" and 0 <= status["test_accuracy"] <= 1


def test_same_job_gives_the_same_network(http: httpx.Client) -> None:
    first = wait_end(http, submit(http, seed=7))
    second = wait_end(http, submit(http, seed=7))
    other = wait_end(http, submit(http, seed=8))
    assert first["network"] == second["network"] != other["network"]


def test_one_job_per_client_and_a_queue_cap(http: httpx.Client) -> None:
    me = client_id()
    job = submit(http, me, train_size=12_000, epochs=3)
    again = http.post("/api/train", json=TINY, headers=me)
    assert again.status_code == 429 and int(again.headers["Retry-After"]) >= 1
    assert again.json()["detail"][0]["params"]["job"] == job
    others = [submit(http, client_id(), train_size=12_000, epochs=3) for _ in range(3)]
    full = http.post("/api/train", json=TINY, headers=client_id())
    assert full.status_code == 503 and full.json()["detail"][0]["code"] == "train.queue_full"
    for queued in [job, *others]:
        http.delete(f"/api/train/{queued}")
    assert all(wait_end(http, j)["state"] == "cancelled" for j in [job, *others])


def test_cancel_stops_a_running_job_within_a_second(http: httpx.Client, live: Live) -> None:
    job = submit(http, train_size=12_000, epochs=3)
    follower = Follower(f"{live.url}/api/train/{job}/events")
    try:
        follower.next("progress", timeout=20)
        asked = time.monotonic()
        assert http.delete(f"/api/train/{job}").status_code == 200
        follower.next("cancelled", timeout=5)
        assert time.monotonic() - asked < 1.0
    finally:
        follower.close()
    assert http.get(f"/api/train/{job}").json()["state"] == "cancelled"


def test_resume_with_last_event_id(http: httpx.Client, live: Live) -> None:
    job = submit(http)
    wait_end(http, job)
    url = f"{live.url}/api/train/{job}/events"
    whole = Follower(url)
    events = []
    while not events or events[-1].kind != "done":
        events.append(whole.next(timeout=10))
    whole.close()
    middle = events[len(events) // 2]
    rest = Follower(url, {"Last-Event-ID": middle.id})
    resumed = []
    while not resumed or resumed[-1].kind != "done":
        resumed.append(rest.next(timeout=10))
    rest.close()
    assert [e.id for e in resumed] == [e.id for e in events[len(events) // 2 + 1 :]]
    ended = httpx.get(url, headers={"Last-Event-ID": events[-1].id}, trust_env=False)
    assert ended.status_code == 204  # the browser's EventSource stops reconnecting


def test_unknown_job_is_404(http: httpx.Client) -> None:
    unknown = "x" * 22
    assert http.get(f"/api/train/{unknown}").status_code == 404
    assert http.delete(f"/api/train/{unknown}").status_code == 404
    assert http.get(f"/api/train/{unknown}/events").status_code == 404


def test_a_steps_batch_is_the_digits_it_names(http: httpx.Client) -> None:
    from convtrace.training import dataset

    job = submit(http, train_size=64, batch_size=16, augment=False)
    wait_end(http, job)
    digits = dataset.load()
    seen: list[int] = []
    for step in (1, 2, 3, 4):
        body = http.get(f"/api/train/{job}/batch", params={"step": step}).json()
        assert body["batch_size"] == 16 and len(body["images"]) == 16
        indices = body["indices"]
        assert body["labels"] == digits.train_labels[indices].tolist()
        images = np.asarray(body["images"])
        np.testing.assert_allclose(images, digits.train_images[indices] / 255.0, atol=1e-4)
        seen += indices
    assert sorted(seen) == list(range(64))  # one epoch: every digit once
    too_far = http.get(f"/api/train/{job}/batch", params={"step": 5})
    assert too_far.status_code == 422


def test_several_workers_without_redis_say_what_to_set(registry) -> None:
    from convtrace.api.app import create_app
    from convtrace.config import Settings
    from fastapi.testclient import TestClient

    with TestClient(create_app(Settings(workers=2), registry)) as client:
        answer = client.post("/api/train", json=TINY)
    assert answer.status_code == 503
    assert answer.json()["detail"][0]["code"] == "train.needs_redis"
    assert "CONVTRACE_REDIS_URL" in answer.json()["detail"][0]["msg"]


def test_the_server_stops_cleanly_with_a_job_running(tmp_path) -> None:
    """`make run` stopped (Ctrl+C or a SIGTERM) while a job trains: the pool is shut down and
    its queues' semaphores released, so the stop prints no leak warning and no traceback."""
    import signal
    import time

    from tests.localserver import isolated_env, running_server

    log = tmp_path / "serve.log"
    options = {"capture_stdout": True, "capture_stderr": True, "log_path": log}
    with running_server(env=isolated_env(), log_level="info", **options) as server:
        with httpx.Client(base_url=server.url, timeout=20, trust_env=False) as client:
            started = client.post("/api/train", json={"model": "lenet-relu", "preset": "good"})
            assert started.status_code == 202, started.text
            deadline = time.monotonic() + 20
            while client.get(started.json()["status_url"]).json()["state"] != "running":
                assert time.monotonic() < deadline, "the job never started"
                time.sleep(0.1)
        server.stop()  # SIGTERM, as Ctrl+C or a container's stop
        # uvicorn shuts down, then raises the signal again: the exit says what stopped it
        assert server.process.returncode in (0, -signal.SIGTERM)
    said = log.read_text()
    assert "Application shutdown complete" in said, said
    assert "leaked" not in said and "Traceback" not in said, said


def test_a_closing_pool_does_not_replace_the_workers_it_stops() -> None:
    """While close() waits for its workers to end, the relay still reports ended workers: none
    may be spawned again (the new one would never be told to stop, nor waited for)."""
    import asyncio

    from convtrace.networks import MemoryNetworks
    from convtrace.training.local import LocalTrainer

    async def scenario() -> tuple[object, object, bool]:
        trainer = LocalTrainer(MemoryNetworks(), workers=1)
        trainer._ensure_started()
        first = trainer.procs[0]
        first.terminate()
        first.join(timeout=10)
        trainer.closing = True  # as close() sets it before waiting for the workers
        trainer._check_workers()
        kept = trainer.procs[0]
        await trainer.close()
        return first, kept, first.is_alive()

    first, kept, alive = asyncio.run(scenario())
    assert kept is first and not alive
