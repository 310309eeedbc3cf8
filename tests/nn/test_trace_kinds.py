"""The trace of networks built with every layer kind and option: equation ids (each one
documented in ``trace.py``), options in ``extra``, ``reads``, and shapes."""

from __future__ import annotations

import re

import numpy as np
import pytest
from convtrace.nn import trace
from convtrace.nn.spec import build

NEW_KINDS = {
    "input": [28, 28, 1],
    "layers": [
        {"kind": "conv", "name": "c1", "maps": 4, "size": 5, "padding": "same", "stride": 2},
        {"kind": "relu", "name": "r1"},
        {"kind": "avgpool", "name": "avg", "size": 2},
        {"kind": "conv", "name": "c2", "maps": 6, "size": 3, "padding": 1},
        {"kind": "tanh", "name": "t2"},
        {"kind": "maxpool", "name": "mp", "size": 3, "stride": 2},
        {"kind": "flatten", "name": "f"},
        {"kind": "dense", "name": "h", "units": 12},
        {"kind": "sigmoid", "name": "s"},
        {"kind": "dense", "name": "out", "units": 10},
    ],
}


@pytest.fixture
def records(rng) -> list[trace.Record]:
    net = build(NEW_KINDS, seed=2)
    return trace.collect(net, rng.uniform(0, 1, (28, 28)), 7)[0]


def _documented() -> set[str]:
    """The equation ids listed in trace.py's docstring, <fn> expanded."""
    doc = trace.__doc__ or ""
    ids = set(re.findall(r"^(?:forward|backward)?\s+([a-z<>]+\.[a-zA-Z]+)\s", doc, re.M))
    return {i.replace("<fn>", fn) for i in ids for fn in ("relu", "sigmoid", "tanh")}


def test_every_equation_id_emitted_is_documented(records):
    emitted = {r.equation for r in records}
    assert {"avgpool.a", "avgpool.dx", "maxpool.switches", "conv.dx", "sigmoid.dz"} <= emitted
    assert emitted <= _documented(), emitted - _documented()


def test_options_travel_in_extra(records):
    by_name = {r.name: r for r in records}
    for name in ("c1.z", "c1.dL_dW", "c1.dL_db", "input.dL_dx"):
        assert by_name[name].extra == {"padding": 2, "stride": 2}, name
    assert by_name["c2.z"].extra == {"padding": 1, "stride": 1}
    assert by_name["avg.a"].extra == {"size": 2, "stride": 2}
    assert by_name["mp.switches"].extra == {
        "tie_rule": "first maximum, row-major",
        "size": 3,
        "stride": 2,
    }
    assert by_name["h.z"].extra is None


def test_reads_and_shapes_follow_the_equations(records):
    by_name = {r.name: r for r in records}
    assert by_name["avg.a"].reads == ("r1.a",)
    assert by_name["r1.dL_da"].reads == ("avg.dL_da",)  # no switches: an equal share
    assert by_name["t2.dL_da"].reads == ("mp.dL_da", "mp.switches")
    assert by_name["s.dL_da"].reads == ("out.dL_dz", "out.W")
    assert by_name["c1.z"].array.shape == (14, 14, 4)
    assert by_name["avg.a"].array.shape == (7, 7, 4)
    assert by_name["mp.a"].array.shape == (3, 3, 6)
    assert by_name["mp.switches"].array.shape == (3, 3, 6, 2)
    assert by_name["input.dL_dx"].array.shape == (28, 28, 1)
    known: set[str] = {"c1.W", "c1.b", "c2.W", "c2.b", "h.W", "h.b", "out.W", "out.b"}
    for record in records:
        assert set(record.reads) <= known, (record.name, record.reads)
        known.add(record.name)


def test_overlapping_switches_point_into_their_own_windows(records):
    by_name = {r.name: r for r in records}
    cells, pooled, below = by_name["mp.switches"].array, by_name["mp.a"].array, by_name["t2.a"]
    i, j, c = np.indices(pooled.shape)
    assert np.all((cells[..., 0] - 2 * i >= 0) & (cells[..., 0] - 2 * i < 3))
    assert np.all((cells[..., 1] - 2 * j >= 0) & (cells[..., 1] - 2 * j < 3))
    np.testing.assert_array_equal(below.array[cells[..., 0], cells[..., 1], c], pooled)


def test_a_replica_traces_the_same_and_shares_the_record_names(rng):
    net = build(NEW_KINDS, seed=2)
    twin = net.replica()
    assert twin.labels is net.labels and twin.spec == net.spec
    assert all(a is not b for a, b in zip(net.layers, twin.layers, strict=True))
    image = rng.uniform(0, 1, (28, 28))
    ours, theirs = trace.collect(net, image, 1)[0], trace.collect(twin, image, 1)[0]
    for a, b in zip(ours, theirs, strict=True):
        assert a.name == b.name and np.array_equal(a.array, b.array)


def test_an_mlp_traces_in_float64_from_a_float64_input(rng):
    mlp = {"input": [28, 28, 1], "layers": [{"kind": "flatten"}, {"kind": "dense", "units": 10}]}
    net = build(mlp, seed=0).astype(np.float64)
    image = rng.uniform(0, 1, (28, 28))
    records, _ = trace.collect(net, image, 2)
    assert all(r.array.dtype == np.float64 for r in records)
    np.testing.assert_array_equal(records[0].array[..., 0], image)  # not rounded via float32
