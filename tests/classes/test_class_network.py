"""A class follows the instructor's own network: the state names a stored network, the class
trace runs it, followers fetch its spec and weights, and the trace is cached by what it depends
on (not by the state's version). Over both stores (memory, and a real redis-server)."""

from __future__ import annotations

import base64
import time

import httpx
import numpy as np
import orjson
import pytest
from convtrace.classes import tracecache
from convtrace.config import Settings
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


def test_instructor_weights_reach_followers_as_a_network(
    http: httpx.Client, registry: Registry
) -> None:
    code, auth = start_class(http)
    shipped = registry.get("lenet-relu").weights
    weights = {
        k: {"shape": list(v.shape), "data": (v.ravel() * 0.5).tolist()} for k, v in shipped.items()
    }
    assert (
        http.put(
            f"/api/classes/{code}/state", json=state(weights=weights), headers=auth
        ).status_code
        == 204
    )
    shown = http.get(f"/api/classes/{code}").json()["state"]
    assert shown["custom_weights"] is True and "weights" not in shown
    fetched = http.get(f"/api/networks/{shown['network']}").json()
    assert fetched["spec"] == registry.get("lenet-relu").spec
    for key, tensor in weights.items():
        np.testing.assert_array_equal(
            np.float32(tensor["data"]), np.float32(fetched["weights"][key]["data"])
        )
    http.put(f"/api/classes/{code}/state", json=state(), headers=auth)
    assert http.get(f"/api/classes/{code}").json()["state"]["network"] is None


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


# ~199 000 parameters: the largest kind of network a student may build
LARGEST = {
    "input": [28, 28, 1],
    "layers": [
        {"kind": "flatten"},
        {"kind": "dense", "units": 240},
        {"kind": "relu"},
        {"kind": "dense", "units": 40},
        {"kind": "relu"},
        {"kind": "dense", "units": 10},
    ],
}


def test_the_largest_network_travels_as_base64_within_the_body_limit(
    live_redis_url: str, registry: Registry
) -> None:
    """Its weights as JSON lists would not fit the body limit; as base64 they do, and a body
    that large runs on a heavy thread, whose store calls hop to the main loop's Redis client."""
    server = serve(class_settings(redis_url=live_redis_url), registry)
    try:
        with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as http:
            summary = http.post("/api/networks/check", json={"spec": LARGEST}).json()
            assert 190_000 < summary["params"] <= 200_000
            key = stored_spec(http, LARGEST)
            weights = http.get(f"/api/networks/{key}").json()["weights"]
            packed = {
                k: {
                    "shape": t["shape"],
                    "data": base64.b64encode(
                        np.float32(t["data"]).astype("<f4").tobytes()
                    ).decode(),
                }
                for k, t in weights.items()
            }
            as_lists = len(orjson.dumps({"spec": LARGEST, "weights": weights}))
            body = orjson.dumps({"spec": LARGEST, "weights": packed})
            assert as_lists > Settings().max_body_bytes >= len(body) > 1_000_000
            again = http.post(
                "/api/networks", content=body, headers={"content-type": "application/json"}
            )
            assert again.status_code == 201 and again.json()["id"] == key
            traced = http.post(
                "/api/trace", json={"image": image(), "spec": LARGEST, "weights": packed}
            )
            assert traced.status_code == 200 and traced.content.endswith(b"}\n")
            assert (
                traced.content
                == http.post("/api/trace", json={"image": image(), "network": key}).content
            )
    finally:
        server.stop()


def stored_spec(http: httpx.Client, spec: dict) -> str:
    response = http.post("/api/networks", json={"spec": spec, "init_seed": 9})
    assert response.status_code == 201, response.text
    return response.json()["id"]


@pytest.fixture
def live_redis_url(redis_server) -> str:
    redis_server.command("flushall")
    return redis_server.url
