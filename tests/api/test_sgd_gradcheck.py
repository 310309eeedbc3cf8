"""POST /api/sgd (one step, the client keeps the weights) and POST /api/gradcheck."""

from __future__ import annotations

import numpy as np
import orjson
import pytest


def arrays(weights: dict) -> dict:
    return {k: np.array(v["data"], np.float32).reshape(v["shape"]) for k, v in weights.items()}


def test_sgd_applies_w_minus_lr_grad(client, registry, sample, image_list):
    image, label = sample
    body = client.post(
        "/api/sgd", json={"image": image_list, "label": label, "learning_rate": 0.5}
    ).json()
    net = registry.get().network()
    x = image.reshape(1, 28, 28, 1)
    loss, p = net.loss_and_grads(x, np.array([label]))
    new = arrays(body["weights"])
    for layer in net.layers:
        for key, w in layer.params.items():
            expected = w - np.float32(0.5) * layer.grads[key]
            assert np.array_equal(new[f"{layer.name}.{key}"], expected)
            norm = np.linalg.norm(expected - w)
            assert body["update_norms"][f"{layer.name}.{key}"] == pytest.approx(norm, rel=1e-6)
    assert body["label"] == label and body["before"]["loss"] == loss
    assert np.array_equal(np.array(body["before"]["probabilities"], np.float32), p[0])


def test_sgd_step_lowers_the_loss_and_the_server_forgets(client, sample, image_list):
    # a wrong target: a trained model is so sure of the true one (loss ~1e-6) that one step
    # cannot lower it in float32
    body = {"image": image_list, "label": (sample[1] + 1) % 10, "learning_rate": 0.01}
    first = client.post("/api/sgd", json=body).json()
    assert first["after"]["loss"] < first["before"]["loss"]
    again = client.post("/api/sgd", json=body).json()
    assert again["before"] == first["before"]  # nothing was kept between requests
    chained = client.post("/api/sgd", json={**body, "weights": first["weights"]}).json()
    assert chained["before"]["loss"] == pytest.approx(first["after"]["loss"], rel=1e-5)


def test_trace_with_returned_weights_matches_sgd_after(client, image_list):
    step = client.post(
        "/api/sgd",
        json={"image": image_list, "label": 3, "learning_rate": 0.1, "model": "lenet-sigmoid"},
    ).json()
    response = client.post(
        "/api/trace",
        json={
            "image": image_list,
            "label": 3,
            "model": "lenet-sigmoid",
            "weights": step["weights"],
        },
    )
    result = orjson.loads(response.content.splitlines()[-1])
    assert result["probabilities"] == step["after"]["probabilities"]
    assert result["loss"] == step["after"]["loss"]


def test_sgd_with_a_drawing_and_no_label_uses_the_prediction(client):
    drawing = np.zeros((90, 90))
    drawing[10:80, 40:50] = 1
    body = client.post("/api/sgd", json={"drawing": drawing.tolist(), "learning_rate": 0.1}).json()
    assert body["label"] == body["before"]["prediction"]


@pytest.mark.parametrize("model", ["lenet-relu", "lenet-sigmoid"])
def test_gradcheck_agrees_with_backprop(client, image_list, model):
    body = client.post(
        "/api/gradcheck",
        json={"image": image_list, "label": 3, "model": model, "samples_per_param": 6, "seed": 7},
    ).json()
    params = [r["param"] for r in body["results"]]
    assert params == ["conv1.W", "conv1.b", "conv2.W", "conv2.b", "dense.W", "dense.b", "input.x"]
    assert body["epsilon"] == pytest.approx(1e-4) and body["target"] == 1e-6
    assert body["noise_floor"] > 0
    for result in body["results"]:
        checks = result["checks"]
        assert result["checked"] == len(checks) and 6 <= len(checks) <= 18
        for status, count in [("ok", "ok"), ("kink", "kinks"), ("unresolved", "unresolved")]:
            assert result[count] == sum(c["status"] == status for c in checks)
        assert result["below_noise"] == result["unresolved"]
        assert all(c["kink"] == (c["status"] == "kink") for c in checks)
        assert all(c["below_noise"] == (c["status"] == "unresolved") for c in checks)
        for check in checks:
            if check["status"] == "ok":
                assert check["rel_error"] <= 1e-6, (result["param"], check)
        assert result["passed"] is True, result
        assert result["ok"] >= 1 and result["max_rel_error"] <= 1e-6


def test_gradcheck_asks_for_few_samples_by_default(client, image_list):
    body = client.post("/api/gradcheck", json={"image": image_list, "seed": 1}).json()
    assert all(r["ok"] + r["mismatches"] <= 5 <= r["checked"] for r in body["results"])


def test_gradcheck_is_reproducible_with_a_seed(client, image_list):
    body = {"image": image_list, "seed": 3, "samples_per_param": 2}
    assert (
        client.post("/api/gradcheck", json=body).json()
        == client.post("/api/gradcheck", json=body).json()
    )


def test_gradcheck_flags_kinks_on_blank_background(client):
    """A blank input sits on ReLU kinks and max-pool ties: flagged, not counted as errors."""
    blank = np.zeros((28, 28))
    blank[12:16, 12:16] = 1
    body = client.post(
        "/api/gradcheck",
        json={"image": blank.tolist(), "label": 0, "samples_per_param": 10, "seed": 0},
    ).json()
    assert sum(r["kinks"] for r in body["results"]) > 0
    for result in body["results"]:
        assert result["mismatches"] == 0 and result["passed"] is not False
        assert result["max_rel_error"] is None or result["max_rel_error"] <= 1e-6
