"""Numbers that overflow float32 are an error naming the cause, never a result or a null."""

from __future__ import annotations

import numpy as np
import pytest

from tests.api.decode import parse_lines


@pytest.fixture(scope="module")
def shipped(client) -> dict:
    return client.get("/api/models/lenet-relu").json()["weights"]


def changed(weights: dict, **arrays: np.ndarray) -> dict:
    """The weights with some parameters replaced (keys like conv1_W for conv1.W)."""
    out = dict(weights)
    for key, array in arrays.items():
        name = key.replace("_", ".")
        out[name] = {"shape": weights[name]["shape"], "data": array.ravel().tolist()}
    return out


def filled(weights: dict, name: str, value: float) -> np.ndarray:
    return np.full(weights[name]["shape"], value, np.float32)


def assert_422_on(response, field: str, *phrases: str) -> None:
    assert response.status_code == 422, response.text
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", field]
    for phrase in phrases:
        assert phrase in error["msg"]


@pytest.fixture(scope="module")
def overflowing_forward(shipped) -> dict:
    """conv1 weights of 3e38 (finite): conv1's z overflows."""
    return changed(shipped, conv1_W=filled(shipped, "conv1.W", 3e38))


@pytest.fixture(scope="module")
def overflowing_backward(shipped) -> dict:
    """relu2 dead (conv2.b = -1e6) so the logits are dense.b and finite; dense.W of +-3e38 then
    overflows dL/da = W^T dL/dz on the way back."""
    dense = filled(shipped, "dense.W", -3e38)
    dense[0] = 3e38
    return changed(shipped, conv2_b=filled(shipped, "conv2.b", -1e6), dense_W=dense)


@pytest.fixture(scope="module")
def huge_activations(shipped) -> dict:
    """conv2.b = 1e38 makes pool2's output ~1e38 (dense.W scaled down keeps the logits finite):
    the trace is finite, but dL/dW of dense is ~1e38, so a step of 10 overflows dense.W."""
    dense = np.array(shipped["dense.W"]["data"], np.float32) * np.float32(1e-6)
    return changed(shipped, conv2_b=filled(shipped, "conv2.b", 1e38), dense_W=dense)


def test_trace_overflowing_in_the_forward_pass_is_422_before_streaming(
    client, image_list, overflowing_forward
):
    response = client.post(
        "/api/trace", json={"image": image_list, "label": 0, "weights": overflowing_forward}
    )
    assert_422_on(response, "weights", "conv1.z", "not finite")
    (item,) = response.json()["detail"]
    assert item["code"] == "weights.overflow" and item["params"] == {"tensor": "conv1.z"}


def test_trace_overflowing_mid_stream_ends_with_an_error_and_no_result(
    client, image_list, overflowing_backward
):
    response = client.post(
        "/api/trace", json={"image": image_list, "label": 0, "weights": overflowing_backward}
    )
    assert response.status_code == 200
    lines = parse_lines(response.content)
    assert lines[-1]["phase"] == "error" and "flatten.dL_da" in lines[-1]["message"]
    assert "not finite" in lines[-1]["message"]
    assert "result" not in [line["phase"] for line in lines]
    assert b"null" not in response.content.replace(b'"of":null', b"")


def test_sgd_on_weights_that_overflow_is_422_on_the_weights(
    client, image_list, overflowing_forward
):
    body = {"image": image_list, "label": 0, "weights": overflowing_forward}
    assert_422_on(client.post("/api/sgd", json=body), "weights", "conv1.z")


def test_sgd_step_that_overflows_is_422_on_the_learning_rate(client, image_list, huge_activations):
    body = {"image": image_list, "label": 0, "weights": huge_activations}
    traced = parse_lines(client.post("/api/trace", json=body).content)
    assert traced[-1]["phase"] == "result"  # the weights themselves are usable
    response = client.post("/api/sgd", json={**body, "learning_rate": 10})
    assert_422_on(response, "learning_rate", "dense.W", "smaller learning rate")
    (item,) = response.json()["detail"]
    assert item["code"] == "sgd.diverged" and item["params"] == {"tensor": "dense.W"}
