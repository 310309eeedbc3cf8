"""A class follows the instructor's own network: the state names a stored network, the class
trace runs it, followers fetch its spec and weights, and the trace is cached by what it depends
on (not by the state's version). Over both stores (memory, and a real redis-server)."""

from __future__ import annotations

import base64
import time

import httpx
import numpy as np
import pytest
from convtrace.classes import tracecache
from convtrace.registry import Registry

from tests.classes.conftest import (
    class_settings,
    image_b64,
    serve,
    start_class,
    start_redis,
    state,
    stop_redis,
)

SPEC = {
    "input": [28, 28, 1],
    "layers": [
        {"kind": "conv", "maps": 3, "size": 5},
        {"kind": "tanh"},
        {"kind": "maxpool", "size": 2},
        {"kind": "flatten"},
        {"kind": "dense", "units": 10},
    ],
}


def stored(http: httpx.Client, seed: int = 1) -> str:
    response = http.post("/api/networks", json={"spec": SPEC, "init_seed": seed})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def image() -> list[list[float]]:
    pixels = np.frombuffer(base64.b64decode(image_b64()), np.uint8).reshape(28, 28)
    return (pixels.astype(np.float32) / np.float32(255)).tolist()


def test_the_class_traces_the_instructors_network(http: httpx.Client) -> None:
    code, auth = start_class(http)
    key = stored(http)
    assert (
        http.put(f"/api/classes/{code}/state", json=state(network=key), headers=auth).status_code
        == 204
    )
    shown = http.get(f"/api/classes/{code}").json()["state"]
    assert shown["network"] == key
    # a follower's weight panels: the instructor's architecture and weights
    fetched = http.get(f"/api/networks/{key}").json()
    assert [la["kind"] for la in fetched["spec"]["layers"]] == [la["kind"] for la in SPEC["layers"]]
    class_trace = http.get(f"/api/classes/{code}/trace").content
    direct = http.post("/api/trace", json={"image": image(), "label": 3, "network": key}).content
    shipped = http.post("/api/trace", json={"image": image(), "label": 3}).content
    assert class_trace == direct and class_trace != shipped


def test_after_an_sgd_step_the_class_follows_the_new_network(http: httpx.Client) -> None:
    code, auth = start_class(http)
    key = stored(http, 2)
    http.put(f"/api/classes/{code}/state", json=state(network=key), headers=auth)
    before = http.get(f"/api/classes/{code}/trace").content
    step = http.post("/api/sgd", json={"image": image(), "label": 3, "network": key}).json()
    new = step["network"]
    assert (
        http.put(f"/api/classes/{code}/state", json=state(network=new), headers=auth).status_code
        == 204
    )
    after = http.get(f"/api/classes/{code}/trace").content
    assert after != before
    assert (
        after
        == http.post("/api/trace", json={"image": image(), "label": 3, "network": new}).content
    )
    weights = http.get(f"/api/networks/{new}").json()["weights"]
    assert weights["dense1.W"]["data"] == step["weights"]["dense1.W"]["data"]


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"network": "0" * 24}, "network.unknown"),
        ({"network": "xyz"}, "request.string_pattern_mismatch"),
    ],
)
def test_a_state_naming_a_bad_network_is_422(http: httpx.Client, extra: dict, code: str) -> None:
    class_code, auth = start_class(http)
    response = http.put(f"/api/classes/{class_code}/state", json=state(**extra), headers=auth)
    assert response.status_code == 422, response.text
    (item,) = response.json()["detail"]
    assert item["loc"] == ["body", "network"] and item["code"] == code


def test_network_and_weights_together_are_refused(http: httpx.Client, registry: Registry) -> None:
    code, auth = start_class(http)
    weights = {
        k: {"shape": list(v.shape), "data": v.ravel().tolist()}
        for k, v in registry.get("lenet-relu").weights.items()
    }
    body = state(network=stored(http), weights=weights)
    response = http.put(f"/api/classes/{code}/state", json=body, headers=auth)
    (item,) = response.json()["detail"]
    assert response.status_code == 422 and item["code"] == "network.choice"


def test_moving_the_selection_does_not_recompute_the_trace(
    http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, auth = start_class(http)
    calls = []
    original = tracecache.compute
    monkeypatch.setattr(tracecache, "compute", lambda *a: calls.append(1) or original(*a))
    http.put(f"/api/classes/{code}/state", json=state(cell=[1, 2, 0]), headers=auth)
    first = http.get(f"/api/classes/{code}/trace")
    http.put(f"/api/classes/{code}/state", json=state(cell=[5, 5, 3], step=4), headers=auth)
    second = http.get(f"/api/classes/{code}/trace")
    assert second.content == first.content and len(calls) == 1
    assert int(second.headers["x-class-version"]) == int(first.headers["x-class-version"]) + 1
    http.put(f"/api/classes/{code}/state", json=state(label=7), headers=auth)
    assert http.get(f"/api/classes/{code}/trace").content != first.content and len(calls) == 2


def test_class_errors_carry_codes(http: httpx.Client) -> None:
    missing = http.get("/api/classes/ZZZZZZ")
    (item,) = missing.json()["detail"]
    assert missing.status_code == 404 and item["code"] == "class.unknown"
    assert item["params"] == {"code": "ZZZZZZ"}
    code, _ = start_class(http)
    (item,) = http.put(f"/api/classes/{code}/state", json=state()).json()["detail"]
    assert item["code"] == "class.token_required"
    wrong = {"Authorization": "Bearer nope"}
    (item,) = http.put(f"/api/classes/{code}/state", json=state(), headers=wrong).json()["detail"]
    assert item["code"] == "class.token_wrong"
    (item,) = http.get(f"/api/classes/{code}/trace").json()["detail"]
    assert item["code"] == "class.no_state"


def test_several_workers_without_redis_refuse_stored_networks_only(registry: Registry) -> None:
    server = serve(class_settings(workers=2), registry)
    try:
        with httpx.Client(base_url=server.url, trust_env=False, timeout=10) as http:
            refused = http.post("/api/networks", json={"spec": SPEC, "init_seed": 1})
            (item,) = refused.json()["detail"]
            assert refused.status_code == 503 and item["code"] == "network.store_unavailable"
            assert "CONVTRACE_REDIS_URL" in item["msg"]
            inline = http.post("/api/trace", json={"image": image(), "spec": SPEC, "init_seed": 1})
            assert inline.status_code == 200
    finally:
        server.stop()


def test_redis_outage_is_503_with_retry_after_then_recovers(registry: Registry) -> None:
    redis = start_redis()
    server = serve(class_settings(redis_url=redis.url), registry)
    try:
        with httpx.Client(base_url=server.url, trust_env=False, timeout=10) as http:
            key = stored(http)
            stop_redis(redis)
            down = http.get(f"/api/networks/{key}")
            (item,) = down.json()["detail"]
            assert down.status_code == 503 and down.headers["retry-after"] == "2"
            assert item["code"] == "network.store_unavailable"
            redis = start_redis(redis.port)  # an empty Redis: the network is stored again
            deadline = time.monotonic() + 10
            while (
                http.post("/api/networks", json={"spec": SPEC, "init_seed": 1}).status_code != 201
            ):
                assert time.monotonic() < deadline, "did not recover after Redis came back"
                time.sleep(0.2)
            assert http.get(f"/api/networks/{key}").status_code == 200
    finally:
        server.stop()
        stop_redis(redis)
