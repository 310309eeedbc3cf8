"""The spec check: shapes, parameters and multiply-adds from shapes alone, and every refusal
named by layer, field, a stable code and its numbers."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from convtrace.nn.network import Network
from convtrace.nn.spec import MAX_LAYERS, MAX_MACS, MAX_PARAMS, SpecError, check
from convtrace.nn.specs import SHIPPED, lenet

CONV = {"kind": "conv", "maps": 4, "size": 3}
HEAD = [{"kind": "flatten"}, {"kind": "dense", "units": 10}]


def _spec(*layers: dict) -> dict:
    return {"input": [28, 28, 1], "layers": [*layers, *HEAD]}


def _refusal(spec: dict) -> SpecError:
    with pytest.raises(SpecError) as caught:
        check(spec)
    return caught.value


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_specs_pass_with_their_shapes_and_costs(name):
    found = check(SHIPPED[name][0])
    shapes = [layer["output_shape"] for layer in found["layers"]]
    assert shapes == [
        [24, 24, 8],
        [24, 24, 8],
        [12, 12, 8],
        [8, 8, 16],
        [8, 8, 16],
        [4, 4, 16],
        [256],
        [10],
    ]
    assert found["params"] == 5994  # the README's count
    # conv1 24*24*8 outputs of 25 taps, conv2 8*8*16 of 200, dense 10 of 256
    assert found["macs"] == 24 * 24 * 8 * 25 + 8 * 8 * 16 * 200 + 10 * 256
    assert found["layers"][0] == {
        "kind": "conv",
        "name": "conv1",
        "maps": 8,
        "size": 5,
        "padding": 0,
        "stride": 1,
        "index": 0,
        "input_shape": [28, 28, 1],
        "output_shape": [24, 24, 8],
        "params": 208,
        "macs": 24 * 24 * 8 * 25,
    }


def test_check_agrees_with_the_network_it_describes():
    spec = _spec(
        {"kind": "conv", "maps": 5, "size": 5, "padding": "same", "stride": 2},
        {"kind": "tanh"},
        {"kind": "avgpool", "size": 3, "stride": 2},
        {"kind": "conv", "maps": 6, "size": 3, "padding": 1},
        {"kind": "maxpool", "size": 3, "stride": 2},
    )
    found, net = check(spec), Network(spec)
    assert [tuple(la["output_shape"]) for la in found["layers"]] == net.shapes[1:]
    for layer, planned in zip(net.layers, found["layers"], strict=True):
        assert planned["params"] == sum(v.size for v in layer.params.values())
    assert net.shapes[1:4] == [(14, 14, 5), (14, 14, 5), (6, 6, 5)]


def test_check_allocates_nothing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the check allocated an array")

    monkeypatch.setattr(np, "zeros", refuse)
    monkeypatch.setattr(np, "empty", refuse)
    check(_spec({"kind": "conv", "maps": 64, "size": 3}, {"kind": "maxpool", "size": 4}))
    with pytest.raises(AssertionError):
        Network(lenet())  # the guard works: building does allocate


REFUSALS = {
    "filter-too-large": (
        _spec(CONV | {"size": 5}, {"kind": "maxpool", "size": 6}, CONV | {"size": 5}),
        "spec.filter_too_large",
        2,
        "size",
        "conv2: a 5x5 filter does not fit a 4x4 input; add padding or remove a pool",
    ),
    "pool-too-large": (
        _spec({"kind": "avgpool", "size": 28}, {"kind": "maxpool", "size": 2}),
        "spec.map_vanished",
        1,
        "size",
        "maxpool1: a 2x2 window does not fit a 1x1 map",
    ),
    "same-even": (
        _spec(CONV | {"size": 4, "padding": "same"}),
        "spec.padding_same_even",
        0,
        "padding",
        'padding "same" needs an odd filter size',
    ),
    "padding-too-wide": (
        _spec(CONV | {"padding": 3}),
        "spec.padding_too_large",
        0,
        "padding",
        "use at most 2",
    ),
    "unknown-kind": (_spec({"kind": "dropout"}), "spec.unknown_kind", 0, "kind", "unknown kind"),
    "unknown-field": (
        _spec(CONV | {"dilation": 2}),
        "spec.unknown_field",
        0,
        "dilation",
        "a conv layer has no field 'dilation'",
    ),
    "bool-as-int": (_spec(CONV | {"stride": True}), "spec.bad_field", 0, "stride", "whole number"),
    "string-size": (_spec(CONV | {"size": "3"}), "spec.bad_field", 0, "size", "whole number"),
    "padding-word": (
        _spec(CONV | {"padding": "valid"}),
        "spec.bad_field",
        0,
        "padding",
        'padding must be a whole number or "same"',
    ),
    "out-of-range": (_spec(CONV | {"maps": 65}), "spec.out_of_range", 0, "maps", "from 1 to 64"),
    "dense-on-maps": (
        {"input": [28, 28, 1], "layers": [CONV, {"kind": "dense", "units": 10}]},
        "spec.needs_flatten",
        1,
        None,
        "add a flatten before it",
    ),
    "conv-after-flatten": (
        {"input": [28, 28, 1], "layers": [{"kind": "flatten"}, CONV, *HEAD]},
        "spec.needs_map",
        1,
        None,
        "move it before the flatten",
    ),
    "last-not-10": (
        {"input": [28, 28, 1], "layers": [{"kind": "flatten"}, {"kind": "dense", "units": 9}]},
        "spec.last_not_dense10",
        1,
        "units",
        "dense layer with 10 units",
    ),
    "last-an-activation": (
        {"input": [28, 28, 1], "layers": [*HEAD, {"kind": "relu"}]},
        "spec.last_not_dense10",
        2,
        "kind",
        "dense layer with 10 units",
    ),
    "too-deep": (
        _spec(*[{"kind": "relu"}] * (MAX_LAYERS - 1)),
        "spec.too_deep",
        MAX_LAYERS,
        None,
        f"at most {MAX_LAYERS} layers",
    ),
    "too-many-params": (
        {
            "input": [28, 28, 1],
            "layers": [
                {"kind": "flatten"},
                {"kind": "dense", "units": 256},
                {"kind": "dense", "units": 10},
            ],
        },
        "spec.too_many_params",
        1,
        None,
        "200,000 allowed",
    ),
    "too-many-macs": (
        _spec(CONV | {"maps": 64}, CONV | {"maps": 64}, {"kind": "maxpool", "size": 8}),
        "spec.too_many_macs",
        1,
        None,
        "20,000,000 allowed",
    ),
    "wrong-input": (
        {"input": [32, 32, 3], "layers": HEAD},
        "spec.bad_input",
        None,
        "input",
        "28x28x1",
    ),
    "duplicate-name": (
        _spec(CONV | {"name": "a"}, {"kind": "relu", "name": "a"}),
        "spec.duplicate_name",
        1,
        "name",
        "must be unique",
    ),
    "dotted-name": (_spec(CONV | {"name": "conv.1"}), "spec.bad_name", 0, "name", "letters"),
    "unknown-top-field": (
        {"input": [28, 28, 1], "layers": HEAD, "optimizer": "adam"},
        "spec.unknown_field",
        None,
        "optimizer",
        "unknown fields",
    ),
}


@pytest.mark.parametrize(
    ("spec", "code", "layer", "field", "words"), REFUSALS.values(), ids=REFUSALS.keys()
)
def test_a_bad_spec_is_refused_naming_layer_field_and_code(spec, code, layer, field, words):
    error = _refusal(spec)
    assert (error.code, error.layer, error.field) == (code, layer, field), str(error)
    assert words in str(error)


def test_a_long_list_is_refused_as_too_deep_before_any_layer_is_read():
    error = _refusal({"input": [28, 28, 1], "layers": ["not a layer"] * 100_000})
    assert (error.code, error.params) == ("spec.too_deep", {"count": 100_000, "max": MAX_LAYERS})


def test_limits_carry_their_numbers():
    error = _refusal(REFUSALS["too-many-params"][0])
    assert error.params == {"layer": "dense1", "params": 784 * 256 + 256, "max": MAX_PARAMS}
    error = _refusal(REFUSALS["too-many-macs"][0])
    assert error.params["max"] == MAX_MACS and error.params["macs"] > MAX_MACS
    error = _refusal(REFUSALS["filter-too-large"][0])
    assert error.params == {"layer": "conv2", "size": 5, "rows": 4, "cols": 4, "padding": 0}


def test_just_inside_the_limits_passes():
    # 16 layers; a dense layer bringing the total to just under 200 000 parameters
    spec = _spec(*[{"kind": "relu"}] * (MAX_LAYERS - 3), {"kind": "maxpool", "size": 1})
    assert len(check(spec)["layers"]) == MAX_LAYERS
    units = (MAX_PARAMS - 10) // 795  # 785 u + 10 (u + 1)
    wide = {
        "input": [28, 28, 1],
        "layers": [
            {"kind": "flatten"},
            {"kind": "dense", "units": units},
            {"kind": "relu"},
            {"kind": "dense", "units": 10},
        ],
    }
    assert check(wide)["params"] == units * 785 + (units + 1) * 10 <= MAX_PARAMS


def _junk(draw: np.random.Generator):
    """A value of any JSON type, or a plausible one for a field."""
    choices = [None, True, False, 0, -1, 3, 2**70, 2.5, "same", "3", "", [], [3], {}, {"a": 1}]
    return choices[int(draw.integers(len(choices)))]


def _mangled(draw: np.random.Generator) -> object:
    """A shipped-like spec with one to three things broken at random."""
    spec = copy.deepcopy(_spec(CONV, {"kind": "relu"}, {"kind": "maxpool", "size": 2}))
    for _ in range(int(draw.integers(1, 4))):
        layers = spec["layers"]
        entry = layers[int(draw.integers(len(layers)))]
        key = ["kind", "name", "maps", "size", "padding", "stride", "units", "x"][
            int(draw.integers(8))
        ]
        where = int(draw.integers(4))
        if where == 0 and isinstance(entry, dict):
            entry[key] = _junk(draw)
        elif where == 1:
            layers[int(draw.integers(len(layers)))] = _junk(draw)
        elif where == 2:
            spec["input"] = [_junk(draw), 28, 1]
        else:
            spec = _junk(draw) if draw.integers(5) == 0 else spec
            if not isinstance(spec, dict):
                break
    return spec


def test_any_malformed_spec_is_a_spec_error_never_a_crash():
    draw = np.random.default_rng(1)
    refused = 0
    for _ in range(400):
        spec = _mangled(draw)
        try:
            check(spec)
        except SpecError as error:
            refused += 1
            assert error.code.startswith("spec.") and str(error)
    assert refused > 300  # the draw does break specs
