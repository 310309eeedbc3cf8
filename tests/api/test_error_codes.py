"""Every 4xx carries, per detail item, a stable ``code`` and its ``params`` beside FastAPI's
``loc``, ``msg`` and ``type``: the page words the code in the reader's language."""

from __future__ import annotations

import pytest
from convtrace.api.app import create_app
from convtrace.arrays import MAX_DRAWING_SIDE
from convtrace.config import Settings
from convtrace.digits import MAX_SIDE
from fastapi.testclient import TestClient


def items(response, status: int = 422) -> list[dict]:
    assert response.status_code == status, response.text
    found = response.json()["detail"]
    for item in found:
        assert set(item) == {"loc", "msg", "type", "code", "params"}, item
        assert isinstance(item["params"], dict) and "." in item["code"]
    return found


def one(response, status: int = 422) -> dict:
    (item,) = items(response, status)
    return item


def blank(rows: int = 28, cols: int = 28, value: float = 0.0) -> list:
    return [[value] * cols for _ in range(rows)]


def test_the_drawing_limit_has_one_home():
    assert MAX_DRAWING_SIDE == MAX_SIDE == 512


@pytest.mark.parametrize(
    ("body", "code", "loc", "params"),
    [
        ({"drawing": blank(20, 20)}, "drawing.no_ink", ["body", "drawing"], {"threshold": 0.1}),
        (
            {"drawing": blank(MAX_SIDE + 1, 2)},
            "drawing.too_large",
            ["body", "drawing"],
            {"max_side": MAX_SIDE, "rows": MAX_SIDE + 1},
        ),
        (
            {"drawing": blank(3, MAX_SIDE + 1)},
            "drawing.too_large",
            ["body", "drawing"],
            {"max_side": MAX_SIDE, "rows": 3, "cols": MAX_SIDE + 1},
        ),
        ({"image": blank(27)}, "image.shape", ["body", "image"], {"side": 28, "rows": 27}),
        (
            {"image": blank(value=2.0)},
            "array.range",
            ["body", "image"],
            {"low": 0, "high": 1, "min": 2, "max": 2},
        ),
        (
            {"image": [["x"] * 28] * 28},
            "array.not_numbers",
            ["body", "image"],
            {"found": "strings"},
        ),
        ({"image": blank(), "label": 12}, "request.less_than_equal", ["body", "label"], {"le": 9}),
        ({"image": blank(), "colour": 1}, "request.extra_forbidden", ["body", "colour"], {}),
        ({"image": blank(), "drawing": blank()}, "request.invalid", ["body"], {}),
        ({}, "request.invalid", ["body"], {}),
    ],
)
def test_bad_input_is_coded(client, body, code, loc, params):
    item = one(client.post("/api/trace", json=body))
    assert item["code"] == code and item["loc"] == loc
    assert params.items() <= item["params"].items()


def test_missing_body_and_bad_json_are_coded(client):
    assert one(client.post("/api/trace"))["code"] == "request.missing"
    bad = client.post("/api/trace", content=b"{", headers={"content-type": "application/json"})
    assert one(bad)["code"] == "request.json_invalid"


def test_unknown_weights_key_is_coded(client, image_list):
    shipped = client.get("/api/models/lenet-relu").json()["weights"]
    weights = {k: v for k, v in shipped.items() if k != "conv1.b"}
    item = one(client.post("/api/trace", json={"image": image_list, "weights": weights}))
    assert item["code"] == "weights.missing" and item["params"]["missing"] == ["conv1.b"]
    wrong = {**shipped, "conv1.b": {"shape": [7], "data": [0.0] * 7}}
    item = one(client.post("/api/trace", json={"image": image_list, "weights": wrong}))
    assert item["code"] == "weights.shape"
    assert item["params"] == {"key": "conv1.b", "shape": [7], "expected": [8]}


def test_spec_errors_carry_the_layer_and_the_engines_code(client):
    spec = {
        "input": [28, 28, 1],
        "layers": [{"kind": "conv", "maps": 4, "size": 3}, {"kind": "wavelet"}],
    }
    item = one(client.post("/api/networks/check", json={"spec": spec}))
    assert item["loc"][:4] == ["body", "spec", "layers", 1]
    assert item["code"] == "spec.unknown_kind"


def test_body_too_large_is_coded(settings, registry):
    small = Settings(**{**vars(settings), "max_body_bytes": 2000})
    with TestClient(create_app(small, registry)) as c:
        item = one(c.post("/api/trace", json={"drawing": blank(40, 40)}), 413)
    assert item["code"] == "request.too_large" and item["params"] == {"limit": 2000}


def test_unknown_path_and_wrong_method_are_coded(client):
    assert one(client.get("/api/nothing-here"), 404)["code"] == "request.not_found"
    item = one(client.delete("/api/trace"), 405)
    assert item["code"] == "request.method_not_allowed" and item["params"]["allowed"] == ["POST"]


def test_class_errors_render_with_their_code_and_field(settings, registry):
    """The class domain raises ClassError (no HTTP in it); api.errors renders it, also when it
    carries ready detail items."""
    from convtrace.classes.store import ClassError, invalid
    from fastapi import FastAPI

    app = FastAPI()
    from convtrace.api import errors

    errors.install(app)

    @app.get("/one")
    def one_error() -> None:
        raise invalid("answer", "not a sign", "class.answer_format", {"kinds": ["+", "-"]})

    @app.get("/items")
    def ready_items() -> None:
        item = {"loc": ["body", "truth"], "msg": "disagrees", "code": "class.truth_mismatch"}
        raise ClassError(422, [item])

    @app.get("/busy")
    def busy() -> None:
        raise ClassError(429, "wait", {"Retry-After": "1"})

    with TestClient(app) as c:
        item = one(c.get("/one"))
        assert item["loc"] == ["body", "answer"] and item["code"] == "class.answer_format"
        assert item["params"] == {"kinds": ["+", "-"]}
        item = one(c.get("/items"))
        assert item["code"] == "class.truth_mismatch" and item["loc"] == ["body", "truth"]
        assert item["params"] == {} and item["msg"] == "disagrees"
        response = c.get("/busy")
        assert one(response, 429)["code"] == "class.too_many_requests"
        assert response.headers["retry-after"] == "1"
