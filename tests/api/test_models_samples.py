"""GET /healthz, /api/models, /api/models/{name}, /api/samples."""

from __future__ import annotations

import numpy as np
import pytest


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_models_lists_every_shipped_model_default_first(client, registry):
    body = client.get("/api/models").json()
    assert body["default"] == registry.default
    names = [m["name"] for m in body["models"]]
    assert names[0] == registry.default and set(names) == {"lenet-relu", "lenet-sigmoid"}
    for entry in body["models"]:
        model = registry.get(entry["name"])
        assert entry["architecture"] == model.architecture and entry["spec"] == model.spec
        assert {"description", "test_accuracy"} <= set(entry)
        assert "placeholder" not in entry  # scaffolding from before trained weights shipped


@pytest.mark.parametrize("name", ["lenet-relu", "lenet-sigmoid"])
def test_model_weights_are_flat_row_major_and_exact(client, registry, name):
    body = client.get(f"/api/models/{name}").json()
    net = registry.get(name).network()
    assert set(body["weights"]) == set(net.get_weights())
    for key, value in net.get_weights().items():
        sent = body["weights"][key]
        assert sent["shape"] == list(value.shape)
        assert np.array_equal(np.array(sent["data"], np.float32).reshape(value.shape), value)
    assert body["architecture"] == net.architecture()


def test_unknown_model_is_404_naming_known_models(client):
    response = client.get("/api/models/resnet")
    assert response.status_code == 404
    (item,) = response.json()["detail"]
    assert "resnet" in item["msg"] and "lenet-relu" in item["msg"]
    assert item["code"] == "model.unknown" and item["loc"] == ["path", "name"]
    assert item["params"]["name"] == "resnet" and "lenet-relu" in item["params"]["known"]


def test_samples_of_one_digit(client, registry):
    samples = client.get("/api/samples", params={"digit": 7, "count": 5}).json()["samples"]
    assert len(samples) == 5 and all(s["label"] == 7 for s in samples)
    for s in samples:
        image = np.array(s["image"], np.float32)
        assert image.shape == (28, 28) and 0 <= image.min() and image.max() <= 1
        assert np.array_equal(image, registry.samples.images[s["id"]])


def test_samples_default_count_and_offset(client):
    first = client.get("/api/samples").json()["samples"]
    assert len(first) == 10
    later = client.get("/api/samples", params={"offset": 5, "count": 5}).json()["samples"]
    assert [s["id"] for s in later] == [s["id"] for s in first[5:]]


@pytest.mark.parametrize(
    "query",
    [{"digit": 10}, {"digit": -1}, {"digit": "seven"}, {"count": 0}, {"count": 51}, {"count": 2.5}],
)
def test_bad_sample_query_is_422_naming_it(client, query):
    response = client.get("/api/samples", params=query)
    assert response.status_code == 422
    assert next(iter(query)) in str(response.json()["detail"])
