"""registry.py: shipped networks are built once and shared read-only; each request gets its own."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.config import Settings
from convtrace.nn import trace
from convtrace.registry import Registry, UnknownModelError, WeightsError


@pytest.fixture(scope="module")
def registry() -> Registry:
    settings = Settings()
    return Registry.load(settings.models_dir, settings.default_model)


def test_shipped_networks_share_read_only_weights_but_not_layers(registry):
    model = registry.get()
    first, second = model.network(), model.network()
    for mine, theirs in zip(first.layers, second.layers, strict=True):
        assert mine is not theirs and mine.params is not theirs.params
        for key, value in mine.params.items():
            assert value is theirs.params[key]  # built once, not copied per request
            assert not value.flags.writeable
            with pytest.raises(ValueError):
                value[...] = 0


def test_rebinding_a_parameter_leaves_the_model_alone(registry):
    model = registry.get("lenet-sigmoid")
    shipped = {k: v.copy() for k, v in model.weights.items()}
    net = model.network()
    for layer in net.layers:
        for key in layer.params:
            layer.params[key] = np.zeros_like(layer.params[key])
    net.astype(np.float64)
    for key, value in model.network().get_weights().items():
        assert value.dtype == np.float32 and np.array_equal(value, shipped[key])


def test_interleaved_requests_keep_their_own_forward_state(registry):
    """Two traces of different digits advanced in turn, as two requests on one worker."""
    model, images = registry.get(), registry.samples.images
    alone = [trace.collect(model.network(), images[i], None)[0] for i in (0, 1)]
    runs = [trace.run(model.network(), images[i], None) for i in (0, 1)]
    together: list[list] = [[], []]
    for pair in zip(*runs, strict=True):
        for out, item in zip(together, pair, strict=True):
            out.append(item)
    for records, expected in zip(together, alone, strict=True):
        for record, reference in zip(records, expected, strict=False):
            assert np.array_equal(record.array, reference.array), record.equation


def test_own_weights_get_their_own_copy(registry):
    model = registry.get()
    weights = {k: v.copy() for k, v in model.weights.items()}
    net = model.network(weights)
    weights["dense.b"][:] = 7
    assert not np.array_equal(net.get_weights()["dense.b"], weights["dense.b"])


def test_weights_that_do_not_fit_raise_a_domain_error_naming_them(registry):
    weights = dict(registry.get().weights)
    weights["dense.W"] = np.zeros((3, 3), np.float32)
    with pytest.raises(WeightsError, match="dense.W"):
        registry.get().network(weights)
    del weights["dense.W"]
    with pytest.raises(WeightsError, match="missing"):
        registry.get().network(weights)


def test_unknown_model_names_the_known_ones(registry):
    with pytest.raises(UnknownModelError, match="lenet-relu"):
        registry.get("resnet")
