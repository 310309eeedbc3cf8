"""POST /api/sgd: a classroom-safe default learning rate, and what a step costs the samples."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn.network import Network
from convtrace.training_step import DEFAULT_LEARNING_RATE


def read_back(spec: dict, weights: dict) -> Network:
    """A network built from the response's JSON weights alone."""
    net = Network(spec)
    net.set_weights(
        {k: np.array(v["data"], np.float32).reshape(v["shape"]) for k, v in weights.items()}
    )
    return net


def counted_accuracy(net: Network, samples) -> float:
    """One sample digit at a time (no batching), counted by hand."""
    right = sum(
        int(np.argmax(net.forward(image.reshape(1, 28, 28, 1))[0])) == int(label)
        for image, label in zip(samples.images, samples.labels, strict=True)
    )
    return right / len(samples.labels)


def test_models_list_tells_the_default_learning_rate(client):
    assert client.get("/api/models").json()["default_learning_rate"] == DEFAULT_LEARNING_RATE
    assert 0 < DEFAULT_LEARNING_RATE <= 0.01  # 0.05 cost 71 points of test accuracy per step


def test_sgd_without_a_learning_rate_uses_the_default(client, sample, image_list):
    body = {"image": image_list, "label": (sample[1] + 1) % 10}
    implicit = client.post("/api/sgd", json=body).json()
    explicit = client.post("/api/sgd", json={**body, "learning_rate": DEFAULT_LEARNING_RATE})
    assert implicit == explicit.json()
    doubled = client.post("/api/sgd", json={**body, "learning_rate": 2 * DEFAULT_LEARNING_RATE})
    assert doubled.json()["weights"] != implicit["weights"]


@pytest.mark.parametrize("model", ["lenet-relu", "lenet-sigmoid"])
def test_samples_accuracy_counts_the_sample_digits(client, registry, sample, image_list, model):
    body = {"image": image_list, "label": (sample[1] + 1) % 10, "model": model}
    step = client.post("/api/sgd", json={**body, "learning_rate": 0.05}).json()
    spec = registry.get(model).spec
    shipped = client.get(f"/api/models/{model}").json()["weights"]
    assert step["samples_accuracy"] == {
        "before": counted_accuracy(read_back(spec, shipped), registry.samples),
        "after": counted_accuracy(read_back(spec, step["weights"]), registry.samples),
    }


def test_a_large_learning_rate_shows_its_damage(client, sample, image_list):
    body = {"image": image_list, "label": (sample[1] + 1) % 10}
    safe = client.post("/api/sgd", json=body).json()["samples_accuracy"]
    large = client.post("/api/sgd", json={**body, "learning_rate": 0.5}).json()
    assert safe["before"] > 0.95 and safe["before"] - safe["after"] < 0.03
    assert large["samples_accuracy"]["before"] == safe["before"]
    assert large["samples_accuracy"]["after"] < safe["before"] - 0.2


def test_a_step_on_shipped_weights_leaves_them_shipped(client, registry, sample, image_list):
    shipped = {k: v.copy() for k, v in registry.get().weights.items()}
    client.post("/api/sgd", json={"image": image_list, "label": 0, "learning_rate": 1.0})
    for key, value in registry.get().network().get_weights().items():
        assert np.array_equal(value, shipped[key]), key
