"""/api/classes over a live server, with the memory store and with Redis."""

from __future__ import annotations

import base64
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import numpy as np
import pytest
from convtrace.classes import session, tracecache
from convtrace.classes.session import ALPHABET
from convtrace.classes.store import event_order
from convtrace.config import Settings
from convtrace.registry import Registry

from tests.classes.conftest import Live, class_settings, image_b64, serve, start_class, state
from tests.classes.sse import Follower


def test_start_gives_code_token_and_join_url(http: httpx.Client) -> None:
    body = http.post("/api/classes").json()
    assert len(body["code"]) == 6 and set(body["code"]) <= set(ALPHABET)
    assert not set("0O1IL") & set(ALPHABET)
    assert len(base64.urlsafe_b64decode(body["instructor_token"] + "==")) * 8 >= 128
    assert body["join_url"].endswith(f"#class={body['code']}")
    info = http.get(f"/api/classes/{body['code']}").json()
    empty = {"students": 0, "capacity": 1000, "version": 0, "state": None, "question": None}
    assert info == {"code": body["code"], **empty}
    assert body["instructor_token"] not in json.dumps(info)
    svg = http.get(f"/api/classes/{body['code']}/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.startswith("<svg") and 'xmlns="http://www.w3.org/2000/svg"' in svg.text
    assert http.get("/api/classes/ABCDEF").status_code == 404


def test_the_token_is_never_logged(http: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    code, auth = start_class(http)
    http.put(f"/api/classes/{code}/state", json=state(), headers=auth)
    http.delete(f"/api/classes/{code}", headers=auth)
    token = auth["Authorization"].split()[1]
    lines = [r.getMessage() for r in caplog.records]
    assert any(f"/api/classes/{code}/state" in line for line in lines)  # the log was captured
    assert not [line for line in lines if token in line]


def test_state_needs_the_instructor_token(http: httpx.Client) -> None:
    code, auth = start_class(http)
    url = f"/api/classes/{code}/state"
    assert http.put(url, json=state()).status_code == 401
    assert http.put(url, json=state(), headers={"Authorization": "Bearer nope"}).status_code == 403
    assert http.put(url, json=state(), headers={"Authorization": "Basic x"}).status_code == 401
    assert http.put("/api/classes/ABCDEF/state", json=state(), headers=auth).status_code == 404
    assert http.put(url, json=state(), headers=auth).status_code == 204
    for path in ("questions/q1/reveal",):
        assert http.post(f"/api/classes/{code}/{path}").status_code == 401
    assert http.delete(f"/api/classes/{code}").status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"image": base64.b64encode(bytes(783)).decode()}, "image"),
        ({"image": "not base64!"}, "image"),
        ({"model": "lenet-nope"}, "model"),
        ({"label": 10}, "label"),
        ({"step": -1}, "step"),
        ({"cell": [1, 2]}, "cell"),
        ({"view": "wall"}, "view"),
        ({"weights": {"conv1.W": {"shape": [2], "data": [1.0, 2.0]}}}, "weights"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_state_is_422_naming_the_field(http: httpx.Client, change: dict, field: str) -> None:
    code, auth = start_class(http)
    response = http.put(f"/api/classes/{code}/state", json=state(**change), headers=auth)
    assert response.status_code == 422, response.text
    assert any(field in err["loc"] for err in response.json()["detail"]), response.text


def test_state_changes_are_rate_limited_per_class(
    http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session, "STATES_PER_SECOND", 3)  # (the server runs in this process)
    code, auth = start_class(http)
    url = f"/api/classes/{code}/state"
    statuses = [http.put(url, json=state(step=i), headers=auth).status_code for i in range(4)]
    assert statuses == [204, 204, 204, 429]
    other, other_auth = start_class(http)  # another class is not affected
    assert (
        http.put(f"/api/classes/{other}/state", json=state(), headers=other_auth).status_code == 204
    )


def test_state_body_limit(http: httpx.Client) -> None:
    code, auth = start_class(http)
    big = state(prompt="x" * (300 * 1024))
    response = http.put(f"/api/classes/{code}/state", json=big, headers=auth)
    assert response.status_code == 413


def test_follower_gets_current_state_then_each_change(http: httpx.Client, live: Live) -> None:
    code, auth = start_class(http)
    http.put(f"/api/classes/{code}/state", json=state(step=1), headers=auth)
    follower = Follower(f"{live.url}/api/classes/{code}/events?student=student-0001")
    try:
        first = follower.next("state")
        assert first.data["step"] == 1 and first.data["version"] == 1
        for step in (2, 3):
            http.put(f"/api/classes/{code}/state", json=state(step=step), headers=auth)
        changes = [follower.next("state"), follower.next("state")]
        assert [c.data["step"] for c in changes] == [2, 3]
        ids = [first.id, *(c.id for c in changes)]
        assert ids == sorted(ids, key=event_order) and len(set(ids)) == 3
        assert http.get(f"/api/classes/{code}").json()["students"] == 1
        token = auth["Authorization"].split()[1]
        assert all(token not in line for line in follower.raw)
    finally:
        follower.close()


def test_quiet_streams_get_heartbeat_comments(http: httpx.Client, live: Live) -> None:
    code, _ = start_class(http)
    follower = Follower(f"{live.url}/api/classes/{code}/events")
    try:
        follower.next("state")
        time.sleep(1.0)  # five heartbeat intervals of 0.2 s
        beats = [line for line in follower.raw if line.startswith(":")]
        assert 2 <= len(beats) <= 10, follower.raw
    finally:
        follower.close()


def test_students_stay_counted_while_events_keep_coming(http: httpx.Client, live: Live) -> None:
    code, auth = start_class(http)
    follower = Follower(f"{live.url}/api/classes/{code}/events?student=student-busy")
    try:
        follower.next("state")
        deadline = time.monotonic() + 1.5  # presence lapses after 3 heartbeats: 0.6 s here
        while time.monotonic() < deadline:  # events more often than the heartbeat
            http.put(f"/api/classes/{code}/state", json=state(), headers=auth)
            time.sleep(0.1)
        assert http.get(f"/api/classes/{code}").json()["students"] == 1
    finally:
        follower.close()
    deadline = time.monotonic() + 3
    while http.get(f"/api/classes/{code}").json()["students"] != 0:  # gone on disconnect
        assert time.monotonic() < deadline, "a closed stream still counts as a student"
        time.sleep(0.05)


def test_reconnect_with_last_event_id_resumes_with_latest_state(
    http: httpx.Client, live: Live
) -> None:
    code, auth = start_class(http)
    http.put(f"/api/classes/{code}/state", json=state(step=1), headers=auth)
    url = f"{live.url}/api/classes/{code}/events"
    follower = Follower(url)
    seen = follower.next("state")
    follower.close()
    for step in (5, 6):  # missed while away
        http.put(f"/api/classes/{code}/state", json=state(step=step), headers=auth)
    again = Follower(url, {"Last-Event-ID": seen.id})
    try:
        resumed = again.next()
        assert resumed.kind == "state" and resumed.data["step"] == 6
        assert event_order(resumed.id) > event_order(seen.id)
    finally:
        again.close()


def test_end_closes_streams_and_the_class(http: httpx.Client, live: Live) -> None:
    code, auth = start_class(http)
    follower = Follower(f"{live.url}/api/classes/{code}/events")
    try:
        follower.next("state")
        assert http.delete(f"/api/classes/{code}", headers=auth).status_code == 204
        assert follower.next("end").data == {"code": code}
        with pytest.raises(EOFError):
            follower.next()
    finally:
        follower.close()
    assert http.get(f"/api/classes/{code}").status_code == 404
    assert http.get(f"{live.url}/api/classes/{code}/events").status_code == 404


def test_trace_is_exactly_the_trace_endpoints_and_computed_once(
    http: httpx.Client, live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, auth = start_class(http)
    assert http.get(f"/api/classes/{code}/trace").status_code == 409  # nothing shared yet
    calls = []
    original = tracecache.engine_trace.run
    monkeypatch.setattr(tracecache.engine_trace, "run", lambda *a: calls.append(1) or original(*a))
    http.put(f"/api/classes/{code}/state", json=state(label=5), headers=auth)
    url = f"{live.url}/api/classes/{code}/trace"
    with ThreadPoolExecutor(20) as pool:  # a class asking at once
        bodies = set(pool.map(lambda _: httpx.get(url, trust_env=False).content, range(20)))
    assert len(bodies) == 1 and len(calls) == 1
    pixels = np.frombuffer(base64.b64decode(image_b64()), np.uint8).reshape(28, 28)
    image = (pixels.astype(np.float32) / np.float32(255)).tolist()
    direct = http.post("/api/trace", json={"image": image, "label": 5, "model": "lenet-relu"})
    assert direct.content == bodies.pop()


def test_instructor_weights_drive_the_class_trace(http: httpx.Client, registry: Registry) -> None:
    code, auth = start_class(http)
    weights = {
        key: {"shape": list(value.shape), "data": (value.ravel() * 0.9).tolist()}
        for key, value in registry.get("lenet-relu").weights.items()
    }
    body = state(weights=weights)
    assert http.put(f"/api/classes/{code}/state", json=body, headers=auth).status_code == 204
    shown = http.get(f"/api/classes/{code}").json()["state"]
    assert shown["custom_weights"] is True and "weights" not in shown
    pixels = np.frombuffer(base64.b64decode(image_b64()), np.uint8).reshape(28, 28)
    image = (pixels.astype(np.float32) / np.float32(255)).tolist()
    request = {"image": image, "label": 3, "model": "lenet-relu"}
    direct = http.post("/api/trace", json={**request, "weights": weights}).content
    shipped = http.post("/api/trace", json=request).content
    class_trace = http.get(f"/api/classes/{code}/trace").content
    assert class_trace == direct and class_trace != shipped


def test_several_workers_without_redis_answer_503_naming_the_setting(
    registry: Registry,
) -> None:
    server = serve(class_settings(workers=2), registry)
    try:
        response = httpx.post(f"{server.url}/api/classes", trust_env=False)
        assert response.status_code == 503 and "CONVTRACE_REDIS_URL" in response.text
    finally:
        server.stop()


def test_limits_on_classes_and_students(registry: Registry) -> None:
    server = serve(class_settings(class_max_sessions=1, class_max_students=1), registry)
    followers = []
    try:
        with httpx.Client(base_url=server.url, trust_env=False) as http:
            code, _ = start_class(http)
            assert http.post("/api/classes").status_code == 503
            url = f"{server.url}/api/classes/{code}/events"
            followers = [Follower(f"{url}?student=student-{i:04}") for i in range(2)]
            assert [f.status for f in followers] == [200, 409]
            followers.append(Follower(f"{url}?student=student-0000"))  # same student: allowed
            assert followers[-1].status == 200
    finally:
        for follower in followers:
            follower.close()
        server.stop()


def test_idle_class_expires(registry: Registry) -> None:
    server = serve(class_settings(class_idle_ttl_s=0.5), registry)
    try:
        with httpx.Client(base_url=server.url, trust_env=False) as http:
            code, _ = start_class(http)
            assert http.get(f"/api/classes/{code}").status_code == 200
            time.sleep(0.8)
            assert http.get(f"/api/classes/{code}").status_code == 404
    finally:
        server.stop()


def test_events_outlive_request_timeout(registry: Registry) -> None:
    server = serve(Settings(class_heartbeat_s=0.2, request_timeout_s=0.5), registry)
    follower = None
    try:
        with httpx.Client(base_url=server.url, trust_env=False) as http:
            code, auth = start_class(http)
            follower = Follower(f"{server.url}/api/classes/{code}/events")
            follower.next("state")
            time.sleep(1.0)
            http.put(f"/api/classes/{code}/state", json=state(step=4), headers=auth)
            assert follower.next("state").data["step"] == 4
    finally:
        if follower is not None:
            follower.close()
        server.stop()


def test_event_streams_hold_no_concurrency_slot(registry: Registry) -> None:
    """Followers stay connected for a whole lecture: with one slot per worker, two open streams
    must still leave it free for the class's other requests."""
    server = serve(Settings(class_heartbeat_s=0.2, max_concurrency=1), registry)
    followers: list[Follower] = []
    try:
        with httpx.Client(base_url=server.url, trust_env=False) as http:
            code, auth = start_class(http)
            followers = [Follower(f"{server.url}/api/classes/{code}/events") for _ in range(2)]
            for follower in followers:
                follower.next("state")
            response = http.put(f"/api/classes/{code}/state", json=state(step=2), headers=auth)
            assert response.status_code == 204
            assert http.get(f"/api/classes/{code}").status_code == 200
    finally:
        for follower in followers:
            follower.close()
        server.stop()
