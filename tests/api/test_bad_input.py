"""Bad requests get a 4xx naming the field, never a 500 or a hung stream; the server goes on."""

from __future__ import annotations

import numpy as np
import orjson
import pytest
from convtrace.api.app import create_app
from convtrace.config import Settings
from fastapi.testclient import TestClient


def detail_text(response) -> str:
    return orjson.dumps(response.json()["detail"]).decode()


def assert_422(response, field: str) -> None:
    assert response.status_code == 422, response.text
    assert field in detail_text(response), response.text


def body_for(path: str, **fields) -> dict:
    """``fields`` plus the learning rate /api/sgd requires (other endpoints forbid it)."""
    return {**fields, "learning_rate": 0.1} if path.endswith("/sgd") else fields


def image(rows: int = 28, cols: int = 28, value: float = 0.5) -> list:
    return [[value] * cols for _ in range(rows)]


RAW_BODIES = {
    "truncated": b'{"image": [[0.5, 0.5',
    "nan literal": b'{"image": [[NaN]]}',
    "infinity literal": b'{"label": 3, "image": [[Infinity]]}',
    "overflowing number": b'{"image": [[1e999]]}',
    "not json at all": b"image=1",
}


@pytest.mark.parametrize("raw", RAW_BODIES.values(), ids=RAW_BODIES.keys())
def test_malformed_json_is_422_with_a_reason(client, raw):
    response = client.post("/api/trace", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert "not valid JSON" in detail_text(response)


BAD_IMAGES = {
    "27 rows": image(27),
    "27 columns": image(28, 27),
    "ragged": image(27) + [[0.5] * 5],
    "3-D": [image(28, 28)] * 28,
    "above 1": image(value=1.5),
    "below 0": image(value=-0.1),
    "float32 overflow": image(value=1e39),
    "strings": [["a"] * 28] * 28,
    "nulls": [[None] * 28] * 28,
    "empty": [],
    "a number": 0.5,
    "an object": {"rows": 28},
}


@pytest.mark.parametrize("bad", BAD_IMAGES.values(), ids=BAD_IMAGES.keys())
@pytest.mark.parametrize("path", ["/api/trace", "/api/sgd", "/api/gradcheck"])
def test_bad_image_is_422_naming_image(client, path, bad):
    assert_422(client.post(path, json=body_for(path, image=bad)), "image")


@pytest.mark.parametrize("label", [10, -1, 3.5, "3", True, [3]])
def test_bad_label_is_422_naming_label(client, image_list, label):
    assert_422(client.post("/api/trace", json={"image": image_list, "label": label}), "label")


def test_both_or_neither_input_is_422(client, image_list):
    assert_422(
        client.post("/api/trace", json={"image": image_list, "drawing": image_list}), "drawing"
    )
    assert_422(client.post("/api/trace", json={"label": 3}), "image")


def test_unknown_field_and_non_object_body_are_422(client, image_list):
    assert_422(client.post("/api/trace", json={"image": image_list, "lable": 3}), "lable")
    assert client.post("/api/trace", json=[1, 2]).status_code == 422
    assert (
        client.post("/api/trace", json={"image": image_list, "encoding": "hex"}).status_code == 422
    )


@pytest.mark.parametrize("path", ["/api/trace", "/api/sgd", "/api/gradcheck"])
def test_unknown_model_is_404(client, image_list, path):
    response = client.post(path, json=body_for(path, image=image_list, model="vgg"))
    (item,) = response.json()["detail"]
    assert response.status_code == 404 and "vgg" in item["msg"]
    assert item["code"] == "model.unknown" and item["loc"] == ["body", "model"]


@pytest.fixture(scope="module")
def weights(client) -> dict:
    return client.get("/api/models/lenet-relu").json()["weights"]


def with_change(weights: dict, key: str, value) -> dict:
    changed = dict(weights)
    if value is None:
        del changed[key]
    else:
        changed[key] = value
    return changed


BAD_WEIGHTS = {
    "missing key": ("conv1.b", None, "conv1.b"),
    "wrong shape": ("conv1.b", {"shape": [7], "data": [0.0] * 7}, "conv1.b"),
    "data shorter than shape": ("conv1.b", {"shape": [8], "data": [0.0] * 7}, "conv1.b"),
    "float32 overflow": ("dense.b", {"shape": [10], "data": [1e39] * 10}, "dense.b"),
    "extra key": ("conv9.W", {"shape": [1], "data": [0.0]}, "conv9.W"),
    "data not numbers": ("dense.b", {"shape": [10], "data": "0" * 10}, "dense.b"),
    "negative shape": ("dense.b", {"shape": [-10], "data": [0.0] * 10}, "dense.b"),
}


@pytest.mark.parametrize("case", BAD_WEIGHTS.values(), ids=BAD_WEIGHTS.keys())
@pytest.mark.parametrize("path", ["/api/trace", "/api/sgd"])
def test_bad_weights_are_422_naming_the_parameter(client, image_list, weights, path, case):
    key, value, named = case
    body = body_for(path, image=image_list, weights=with_change(weights, key, value))
    response = client.post(path, json=body)
    assert_422(response, "weights")
    assert named in detail_text(response)


def test_oversized_drawing_is_422_naming_drawing(client):
    assert_422(client.post("/api/trace", json={"drawing": [[0]] * 513}), "drawing")
    assert_422(client.post("/api/trace", json={"drawing": [[0] * 513]}), "drawing")


@pytest.mark.parametrize("fill", [0.0, 1.0], ids=["blank", "all ink"])
def test_drawing_without_a_digit_is_422_naming_drawing(client, fill):
    assert_422(client.post("/api/trace", json={"drawing": image(64, 64, fill)}), "drawing")


@pytest.mark.parametrize("rate", [0, -1, 10.5, "fast", None])
def test_bad_learning_rate_is_422(client, image_list, rate):
    body = {"image": image_list, "learning_rate": rate}
    assert_422(client.post("/api/sgd", json=body), "learning_rate")


@pytest.mark.parametrize("count", [0, 11, 3.5])
def test_bad_samples_per_param_is_422(client, image_list, count):
    body = {"image": image_list, "samples_per_param": count}
    assert_422(client.post("/api/gradcheck", json=body), "samples_per_param")


def test_body_over_the_limit_is_413(settings, registry):
    small = Settings(**{**vars(settings), "max_body_bytes": 10_000})
    with TestClient(create_app(small, registry)) as limited:
        response = limited.post("/api/trace", json={"drawing": image(100, 100)})
        assert response.status_code == 413
        assert limited.get("/healthz").status_code == 200


def test_server_keeps_serving_after_bad_requests(client, image_list):
    for raw in RAW_BODIES.values():
        client.post("/api/trace", content=raw, headers={"content-type": "application/json"})
    response = client.post("/api/trace", json={"image": image_list})
    assert response.status_code == 200
    assert orjson.loads(response.content.splitlines()[-1])["phase"] == "result"


def test_large_drawing_validates_quickly(client):
    """The largest drawing accepted (512x512, 1/4 M numbers) parses, validates and preprocesses
    in well under a second: the arrays are converted once and checked vectorised."""
    import time

    drawing = np.zeros((512, 512), np.int8)  # 0/1 pixels: the body stays under 1 MiB
    drawing[100:400, 240:270] = 1
    raw = orjson.dumps({"drawing": drawing, "label": 1}, option=orjson.OPT_SERIALIZE_NUMPY)
    start = time.perf_counter()
    response = client.post("/api/trace", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert time.perf_counter() - start < 1.0


def test_default_body_limit_is_one_and_a_half_mebibytes(client):
    too_big = b'{"drawing": [' + b" " * (3 << 19) + b"]}"
    assert client.post("/api/trace", content=too_big).status_code == 413


@pytest.mark.parametrize(
    "tensor",
    [{"shape": [10], "data": [0.5] * 5000}, {"shape": [300, 300], "data": [0.5] * 90_000}],
    ids=["data longer than its shape", "shape over the size limit"],
)
def test_weights_that_cannot_fit_are_refused_before_their_data_is_converted(
    client, image_list, weights, monkeypatch, tensor
):
    from convtrace.api import schemas

    converted = []
    real = schemas.to_array
    monkeypatch.setattr(
        schemas, "to_array", lambda v, *a, **k: converted.append(len(v)) or real(v, *a, **k)
    )
    body = {"image": image_list, "weights": with_change(weights, "dense.b", tensor)}
    assert_422(client.post("/api/trace", json=body), "dense.b")
    assert len(tensor["data"]) not in converted
