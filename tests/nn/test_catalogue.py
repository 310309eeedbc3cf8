"""The layer catalogue (what GET /api/layers sends), ``build`` with seeded weights, and a
network's spec rebuilding it."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from convtrace.nn import spec as specs
from convtrace.nn.network import Network
from convtrace.nn.spec import SpecError, build, check
from convtrace.nn.specs import lenet

from .test_spec import CONV, HEAD, _refusal, _spec


def test_the_catalogue_lists_every_kind_with_fields_defaults_and_limits():
    catalogue = {entry["kind"]: entry for entry in specs.layer_catalogue()}
    assert set(catalogue) == {
        "conv",
        "relu",
        "sigmoid",
        "tanh",
        "maxpool",
        "avgpool",
        "flatten",
        "dense",
    }
    conv = {f["name"]: f for f in catalogue["conv"]["fields"]}
    assert list(conv) == ["maps", "size", "padding", "stride"]
    assert conv["padding"]["allowed"] == ["same"] and conv["padding"]["default"] == 0
    assert conv["stride"] == conv["stride"] | {"type": "int", "default": 1, "min": 1}
    pool = {f["name"]: f for f in catalogue["avgpool"]["fields"]}
    assert pool["stride"]["default"] is None and pool["stride"]["default_from"] == "size"
    assert all(entry["description"] for entry in catalogue.values())
    assert catalogue["flatten"]["fields"] == []


def test_defaults_from_the_catalogue_build_a_valid_layer():
    for entry in specs.layer_catalogue():
        if entry["kind"] in ("flatten", "dense"):
            continue
        layer = {"kind": entry["kind"]} | {
            f["name"]: f["default"] for f in entry["fields"] if f["default"] is not None
        }
        check(_spec(layer))


def test_build_makes_seeded_weights_and_refuses_what_check_refuses():
    spec = _spec(CONV | {"stride": 2}, {"kind": "relu"})
    a, b = build(spec, seed=4).get_weights(), build(copy.deepcopy(spec), seed=4).get_weights()
    assert all(np.array_equal(a[k], b[k]) for k in a) and np.any(a["conv1.W"] != 0)
    assert not np.any(build(spec, seed=None).get_weights()["conv1.W"])
    with pytest.raises(SpecError):
        build({"input": [10, 10, 1], "layers": HEAD}, seed=1)


def test_the_spec_of_a_network_rebuilds_it():
    spec = _spec(
        CONV | {"padding": "same", "stride": 2}, {"kind": "maxpool", "size": 3, "stride": 2}
    )
    net = Network(spec)
    assert net.spec["layers"][0] == {
        "kind": "conv",
        "name": "conv1",
        "maps": 4,
        "size": 3,
        "padding": "same",
        "stride": 2,
        "in_channels": 1,
    }
    assert net.spec["layers"][1] == {"kind": "maxpool", "name": "maxpool1", "size": 3, "stride": 2}
    assert Network(net.spec).shapes == net.shapes and check(net.spec)
    assert "padding" not in Network(lenet()).spec["layers"][0]  # shipped specs read as before
    wrong = copy.deepcopy(net.spec)
    wrong["layers"][0]["in_channels"] = 3
    assert _refusal(wrong).code == "spec.bad_field"
