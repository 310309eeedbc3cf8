"""The contract as the OpenAPI schema states it: one of image or drawing, JSON integers (3.0 is
one), numbers only as pixels, and 405 with the right Allow for a wrong method."""

from __future__ import annotations

import pytest


def trace(client, **body):
    return client.post("/api/trace", json=body)


def test_schema_states_exactly_one_of_image_or_drawing(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    for name in ("TraceRequest", "SgdRequest", "GradcheckRequest"):
        model = schema[name]
        assert {"required": ["image"]} in model["oneOf"]
        assert {"required": ["drawing"]} in model["oneOf"]
        for field in ("image", "drawing"):  # null is refused, so the schema does not offer it
            assert model["properties"][field]["type"] == "array"


def test_explicit_null_image_is_refused(client, image_list):
    response = trace(client, image=None, drawing=[[0, 1], [1, 0]])
    assert response.status_code == 422 and "image" in response.text


@pytest.mark.parametrize("label", [3, 3.0])
def test_integer_valued_float_is_an_integer(client, image_list, label):
    response = trace(client, image=image_list, label=label)
    assert response.status_code == 200
    assert '"label":3' in response.text.replace(" ", "")


@pytest.mark.parametrize("count", [2, 2.0])
def test_integer_valued_float_counts_samples(client, image_list, count):
    body = {"image": image_list, "samples_per_param": count, "seed": 1.0}
    response = client.post("/api/gradcheck", json=body)
    assert response.status_code == 200
    # samples_per_param counts the entries compared (kinks and unresolved ones are replaced)
    for r in response.json()["results"]:
        assert sum(c["status"] in ("ok", "mismatch") for c in r["checks"]) <= 2


@pytest.mark.parametrize("label", [3.5, True, "3", 1e300])
def test_non_integers_are_refused_as_label(client, image_list, label):
    response = trace(client, image=image_list, label=label)
    assert response.status_code == 422 and "label" in response.text


@pytest.mark.parametrize(
    "pixel", [True, False, "0.5", "1"], ids=["true", "false", "numeric string", "digit string"]
)
@pytest.mark.parametrize("field", ["image", "drawing"])
def test_pixels_must_be_json_numbers(client, image_list, field, pixel):
    grid = [row[:] for row in image_list]
    grid[5][5] = pixel
    response = trace(client, **{field: grid})
    assert response.status_code == 422, response.text
    assert field in response.text and "numbers only" in response.text


def test_weight_data_must_be_json_numbers(client, image_list):
    weights = client.get("/api/models/lenet-relu").json()["weights"]
    weights["dense.b"] = {"shape": [10], "data": [True] * 10}
    response = trace(client, image=image_list, weights=weights)
    assert response.status_code == 422 and "dense.b" in response.text


@pytest.mark.parametrize(
    "method, path, allow",
    [
        ("GET", "/api/trace", "POST"),
        ("OPTIONS", "/api/trace", "POST"),
        ("PUT", "/api/sgd", "POST"),
        ("DELETE", "/api/models", "GET"),
        ("POST", "/api/models/lenet-relu", "GET"),
        ("POST", "/api/samples", "GET"),
        ("OPTIONS", "/healthz", "GET"),
        ("POST", "/", "GET, HEAD"),
    ],
)
def test_wrong_method_is_405_with_the_methods_the_path_allows(client, method, path, allow):
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    (item,) = response.json()["detail"]
    assert method in item["msg"] and item["code"] == "request.method_not_allowed"


@pytest.mark.parametrize("path", ["/api/nope", "/api", "/api/trace/extra"])
def test_unknown_api_path_is_a_json_404_not_a_static_file(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"] == [
        {
            "loc": [],
            "msg": "Not Found",
            "type": "value_error",
            "code": "request.not_found",
            "params": {},
        }
    ]
