"""Students' networks over HTTP: the layer catalogue, checking a spec, storing and fetching a
network, and running trace / sgd / gradcheck on one given in each way."""

from __future__ import annotations

import base64

import numpy as np
import orjson
import pytest
from convtrace.networks import network_id
from convtrace.nn import spec as specs
from convtrace.nn.specs import lenet

from tests.api.decode import decode, parse_lines

SMALL = {
    "input": [28, 28, 1],
    "layers": [
        {"kind": "conv", "maps": 2, "size": 5},
        {"kind": "relu"},
        {"kind": "maxpool", "size": 4},
        {"kind": "flatten"},
        {"kind": "dense", "units": 10},
    ],
}


def b64(values) -> str:
    return base64.b64encode(np.asarray(values, "<f4").tobytes()).decode()


def store(client, spec=SMALL, seed: int = 1) -> str:
    response = client.post("/api/networks", json={"spec": spec, "init_seed": seed})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def only_error(response, status: int = 422) -> dict:
    assert response.status_code == status, response.text
    (item,) = response.json()["detail"]
    assert set(item) == {"loc", "msg", "type", "code", "params"}
    return item


def test_layers_lists_the_kinds_and_the_limits(client):
    body = client.get("/api/layers").json()
    assert {k["kind"] for k in body["kinds"]} >= {"conv", "maxpool", "dense", "relu", "flatten"}
    assert body["limits"]["max_params"] == specs.MAX_PARAMS
    assert body["limits"]["max_layers"] == specs.MAX_LAYERS
    assert body["limits"]["max_macs"] == specs.MAX_MACS


def test_check_answers_the_summary(client):
    response = client.post("/api/networks/check", json={"spec": SMALL})
    assert response.status_code == 200
    body = response.json()
    assert [la["output_shape"] for la in body["layers"]][:3] == [[24, 24, 2]] * 2 + [[6, 6, 2]]
    assert body["params"] == 2 * 25 + 2 + 72 * 10 + 10
    assert body["macs"] == sum(la["macs"] for la in body["layers"]) > 0


def test_check_refuses_a_bad_spec_naming_it(client):
    bad = {"input": [28, 28, 1], "layers": [{"kind": "conv", "maps": 2, "size": 40}]}
    item = only_error(client.post("/api/networks/check", json={"spec": bad}))
    assert item["loc"][:2] == ["body", "spec"] and item["code"].startswith("spec.")


def test_the_same_network_gets_the_same_id(client):
    first = store(client, SMALL, 7)
    reordered = {"layers": SMALL["layers"], "input": [28, 28, 1]}
    assert store(client, reordered, 7) == first
    assert store(client, SMALL, 8) != first


def test_get_gives_back_spec_and_weights(client):
    key = store(client, SMALL, 3)
    body = client.get(f"/api/networks/{key}").json()
    assert [la["kind"] for la in body["spec"]["layers"]] == [la["kind"] for la in SMALL["layers"]]
    weights = {
        k: np.asarray(t["data"], np.float32).reshape(t["shape"]) for k, t in body["weights"].items()
    }
    assert network_id(body["spec"], weights) == key
    assert np.abs(weights["conv1.W"]).max() > 0 and not weights["conv1.b"].any()


def test_weights_as_base64_store_the_same_network(client):
    key = store(client, SMALL, 4)
    weights = client.get(f"/api/networks/{key}").json()["weights"]
    packed = {k: {"shape": t["shape"], "data": b64(t["data"])} for k, t in weights.items()}
    again = client.post("/api/networks", json={"spec": SMALL, "weights": packed})
    assert again.status_code == 201 and again.json()["id"] == key


def test_unknown_network_is_404_with_its_code(client):
    item = only_error(client.get("/api/networks/" + "0" * 24), 404)
    assert item["code"] == "network.unknown" and item["loc"] == ["path", "id"]
    assert client.get("/api/networks/not-an-id").status_code in (404, 422)


@pytest.mark.parametrize(
    "body",
    [{"spec": SMALL}, {"spec": SMALL, "init_seed": 1, "weights": {}}, {"init_seed": 1}],
    ids=["neither", "both", "no spec"],
)
def test_create_needs_exactly_one_source_of_weights(client, body):
    assert client.post("/api/networks", json=body).status_code == 422


def test_weights_that_do_not_fit_the_spec_are_coded(client):
    weights = client.get(f"/api/networks/{store(client)}").json()["weights"]
    missing = {k: v for k, v in weights.items() if k != "dense1.b"}
    item = only_error(client.post("/api/networks", json={"spec": SMALL, "weights": missing}))
    assert item["code"] == "weights.missing" and item["params"]["missing"] == ["dense1.b"]
    wrong = {**weights, "dense1.b": {"shape": [9], "data": [0.0] * 9}}
    item = only_error(client.post("/api/networks", json={"spec": SMALL, "weights": wrong}))
    assert item["code"] == "weights.shape" and item["params"]["expected"] == [10]


def test_base64_data_of_the_wrong_length_is_refused(client):
    weights = client.get(f"/api/networks/{store(client)}").json()["weights"]
    short = {**weights, "dense1.b": {"shape": [10], "data": b64([0.0] * 9)}}
    item = only_error(client.post("/api/networks", json={"spec": SMALL, "weights": short}))
    assert item["code"] == "tensor.length" and item["loc"][:3] == ["body", "weights", "dense1.b"]
    garbage = {**weights, "dense1.b": {"shape": [1], "data": "!!!!!!!!"}}
    item = only_error(client.post("/api/networks", json={"spec": SMALL, "weights": garbage}))
    assert item["code"] in ("tensor.base64", "tensor.length")


def test_a_tensor_may_be_as_large_as_a_whole_network(client):
    size = specs.MAX_PARAMS + 1
    tensor = {"shape": [size], "data": "A" * 8}
    item = only_error(client.post("/api/networks", json={"spec": SMALL, "weights": {"x": tensor}}))
    assert item["code"] == "tensor.too_large" and item["params"]["limit"] == specs.MAX_PARAMS


def records(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return parse_lines(response.content)


def test_trace_of_a_spec_equals_the_model_with_the_same_weights(client, image_list):
    shipped = client.get("/api/models/lenet-relu").json()["weights"]  # (names: dense, not dense1)
    by_model = records(client.post("/api/trace", json={"image": image_list, "label": 3}))
    body = {"image": image_list, "label": 3, "spec": lenet(), "weights": shipped}
    by_spec = records(client.post("/api/trace", json=body))
    assert len(by_spec) == len(by_model)
    for mine, theirs in zip(by_spec[:-1], by_model[:-1], strict=True):
        assert (mine["layer"], mine["quantity"]) == (theirs["layer"], theirs["quantity"])
        np.testing.assert_array_equal(decode(mine), decode(theirs))
    assert by_spec[-1]["model"].startswith("network:") and by_model[-1]["model"] == "lenet-relu"
    assert by_spec[-1]["probabilities"] == by_model[-1]["probabilities"]


def test_trace_of_a_stored_network_equals_its_inline_spec(client, image_list):
    key = store(client, SMALL, 5)
    stored = records(client.post("/api/trace", json={"image": image_list, "network": key}))
    inline = records(
        client.post("/api/trace", json={"image": image_list, "spec": SMALL, "init_seed": 5})
    )
    assert stored == inline and stored[-1]["model"] == f"network:{key}"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"network": "0" * 24, "model": "lenet-relu"}, "network"),
        ({"network": "0" * 24, "init_seed": 1}, "network"),
        ({"spec": SMALL, "model": "lenet-relu", "init_seed": 1}, "spec"),
        ({"spec": SMALL}, "spec"),
        ({"init_seed": 1}, "init_seed"),
        ({"spec": SMALL, "init_seed": 1, "weights": {}}, "init_seed"),
    ],
)
@pytest.mark.parametrize("path", ["/api/trace", "/api/sgd", "/api/gradcheck"])
def test_one_way_of_naming_the_network(client, image_list, path, extra, field):
    item = only_error(client.post(path, json={"image": image_list, "label": 1, **extra}))
    assert item["loc"] == ["body", field] and item["code"] == "network.choice"


@pytest.mark.parametrize("path", ["/api/trace", "/api/sgd", "/api/gradcheck"])
def test_unknown_network_in_a_request_is_404(client, image_list, path):
    item = only_error(client.post(path, json={"image": image_list, "network": "f" * 24}), 404)
    assert item["code"] == "network.unknown" and item["loc"] == ["body", "network"]


def test_sgd_on_a_network_stores_the_new_weights(client, image_list):
    key = store(client, SMALL, 6)
    step = client.post("/api/sgd", json={"image": image_list, "label": 2, "network": key})
    assert step.status_code == 200, step.text
    body = step.json()
    assert body["model"] == f"network:{key}" and body["network"] not in (None, key)
    stored = client.get(f"/api/networks/{body['network']}").json()
    for name, tensor in body["weights"].items():
        np.testing.assert_array_equal(tensor["data"], stored["weights"][name]["data"])
    before = client.get(f"/api/networks/{key}").json()["weights"]
    assert before["dense1.W"]["data"] != stored["weights"]["dense1.W"]["data"]


def test_sgd_on_a_shipped_model_stores_nothing(client, image_list):
    body = client.post("/api/sgd", json={"image": image_list, "label": 2}).json()
    assert body["network"] is None and body["model"] == "lenet-relu"


def test_gradcheck_on_a_spec_agrees(client, image_list):
    body = {"image": image_list, "label": 4, "spec": SMALL, "init_seed": 2, "seed": 0}
    response = client.post("/api/gradcheck", json=body)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert {r["param"] for r in results} >= {"conv1.W", "conv1.b", "dense1.W", "dense1.b"}
    assert all(r["passed"] is not False for r in results)


def test_a_spec_over_the_limits_is_refused_before_any_work(client, image_list):
    huge = {
        "input": [28, 28, 1],
        "layers": [
            {"kind": "flatten"},
            {"kind": "dense", "units": 4096},
            {"kind": "relu"},
            {"kind": "dense", "units": 10},
        ],
    }
    for path in ("/api/networks/check", "/api/trace"):
        item = only_error(
            client.post(
                path,
                json={"spec": huge, "init_seed": 1, "image": image_list}
                if path == "/api/trace"
                else {"spec": huge},
            )
        )
        assert item["loc"][:2] == ["body", "spec"] and item["code"].startswith("spec.")


def test_trace_encoding_json_works_for_custom_networks(client, image_list):
    body = {"image": image_list, "spec": SMALL, "init_seed": 1, "encoding": "json"}
    lines = records(client.post("/api/trace", json=body))
    assert all(line.get("encoding") in (None, "json") for line in lines)
    assert orjson.loads(orjson.dumps(lines[-1]))["phase"] == "result"


ARCHITECTURES = {
    "padding same, avgpool": [
        {"kind": "conv", "maps": 3, "size": 3, "padding": "same"},
        {"kind": "sigmoid"},
        {"kind": "avgpool", "size": 2},
        {"kind": "flatten"},
        {"kind": "dense", "units": 10},
    ],
    "strided conv, overlapping max-pool": [
        {"kind": "conv", "maps": 4, "size": 5, "stride": 2, "padding": 1},
        {"kind": "relu"},
        {"kind": "maxpool", "size": 3, "stride": 2},
        {"kind": "flatten"},
        {"kind": "dense", "units": 16},
        {"kind": "tanh"},
        {"kind": "dense", "units": 10},
    ],
}


@pytest.mark.parametrize("layers", ARCHITECTURES.values(), ids=ARCHITECTURES.keys())
def test_every_layer_kind_runs_end_to_end(client, image_list, layers):
    spec = {"input": [28, 28, 1], "layers": layers}
    summary = client.post("/api/networks/check", json={"spec": spec}).json()
    key = store(client, spec, 11)
    lines = records(client.post("/api/trace", json={"image": image_list, "network": key}))
    forward = {(ln["layer"], tuple(ln["shape"])) for ln in lines if ln["phase"] == "forward"}
    for layer in summary["layers"]:  # every layer's output, in the shape the check announced
        assert (layer["name"], tuple(layer["output_shape"])) in forward
    assert lines[-1]["phase"] == "result"
    check = client.post("/api/gradcheck", json={"image": image_list, "label": 1, "network": key})
    assert check.status_code == 200
    assert all(r["passed"] is not False for r in check.json()["results"])


def test_get_with_b64_encoding_gives_the_same_weights_smaller(client):
    key = store(client, SMALL, 12)
    as_lists = client.get(f"/api/networks/{key}")
    packed = client.get(f"/api/networks/{key}?encoding=b64")
    assert len(packed.content) < len(as_lists.content) / 2
    for name, tensor in packed.json()["weights"].items():
        values = np.frombuffer(base64.b64decode(tensor["data"]), "<f4")
        np.testing.assert_array_equal(values, np.float32(as_lists.json()["weights"][name]["data"]))
    again = client.post("/api/networks", json={"spec": SMALL, "weights": packed.json()["weights"]})
    assert again.json()["id"] == key
    assert client.get(f"/api/networks/{key}?encoding=hex").status_code == 422
