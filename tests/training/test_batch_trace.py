"""POST /api/batch-trace: the optimizer's gradient is the mean of the examples' gradients,
and each example's gradient is the derivative of its own loss (float64 central differences)."""

from __future__ import annotations

import httpx
import numpy as np
from convtrace.nn.network import Network
from convtrace.registry import Registry
from convtrace.training import dataset

from tests.nn.numgrad import numerical_gradient


def batch(n: int) -> tuple[list[list[list[float]]], list[int]]:
    digits = dataset.load()
    images = (digits.test_images[:n] / 255.0).tolist()
    return images, digits.test_labels[:n].tolist()


def grads(tensors: dict) -> dict[str, np.ndarray]:
    return {k: np.asarray(t["data"], np.float64).reshape(t["shape"]) for k, t in tensors.items()}


def test_mean_of_the_examples_is_the_batch_gradient(http: httpx.Client) -> None:
    images, labels = batch(8)
    answer = http.post("/api/batch-trace", json={"images": images, "labels": labels})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["batch_size"] == 8 and len(body["examples"]) == 8
    mean = grads(body["mean"])
    each = [grads(example["grads"]) for example in body["examples"]]
    for key, value in mean.items():
        average = np.mean([g[key] for g in each], axis=0)
        np.testing.assert_allclose(value, average, rtol=1e-4, atol=1e-6)
    assert np.isclose(body["loss"], np.mean([e["loss"] for e in body["examples"]]), rtol=1e-5)


def test_an_example_gradient_matches_central_differences(
    http: httpx.Client, registry: Registry
) -> None:
    images, labels = batch(3)
    body = http.post(
        "/api/batch-trace", json={"images": images, "labels": labels, "params": ["dense.b"]}
    ).json()
    assert set(body["mean"]) == {"dense.b"}
    net = Network(registry.get(None).spec)
    net.set_weights(registry.get(None).weights, dtype=np.float64)
    x = np.asarray(images[1], np.float64)[None, ..., None]
    y = np.asarray(labels[1:2])
    bias = net.layers[-1].params["b"]
    numeric = numerical_gradient(lambda: net.loss_and_grads(x, y)[0], bias)
    analytic = grads(body["examples"][1]["grads"])["dense.b"]
    np.testing.assert_allclose(analytic, numeric, rtol=1e-3, atol=1e-6)


def test_bad_batches_name_the_field(http: httpx.Client) -> None:
    images, labels = batch(17)
    too_many = http.post("/api/batch-trace", json={"images": images, "labels": labels})
    assert too_many.status_code == 422 and too_many.json()["detail"][0]["loc"][1] == "images"
    short = http.post("/api/batch-trace", json={"images": images[:2], "labels": labels[:1]})
    assert short.status_code == 422
    unknown = http.post(
        "/api/batch-trace", json={"images": images[:2], "labels": labels[:2], "params": ["x.W"]}
    )
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "params"]
