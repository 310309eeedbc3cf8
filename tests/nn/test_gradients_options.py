"""Padding, stride, average pooling and overlapping max-pool windows against float64 central
differences: each layer alone (through L = sum(y * G), as in ``test_gradients``) and whole
networks that use them, plus the boxed equations with stride and padding written as loops."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn.kinds import AvgPool2D, Conv2D, MaxPool2D

from .test_gradients import (
    _check_layer,
    _distinct_values,
    _draw_network_case,
    _float64_params,
    check_network_gradients,
)

# (N, r, s, t, M, d, padding, stride): t = 1 and t > 1, one and several images, "same", strides
# that leave rows unread, stride larger than the filter, padding that lets d exceed the input
CONV_OPTIONS = [
    (2, 5, 5, 1, 3, 3, 1, 1),
    (2, 7, 6, 2, 2, 3, 0, 2),
    (1, 8, 9, 1, 2, 3, 1, 2),
    (3, 6, 7, 3, 2, 2, 1, 3),
    (2, 4, 5, 2, 3, 5, "same", 1),
    (1, 9, 9, 2, 2, 5, "same", 2),
    (2, 3, 3, 1, 2, 4, 2, 2),
]


@pytest.mark.parametrize(
    "shape", CONV_OPTIONS, ids=lambda s: "N{}_r{}_s{}_t{}_M{}_d{}_P{}_S{}".format(*s)
)
def test_conv_with_padding_and_stride_matches_central_differences(shape, rng):
    n, r, s, t, m, d, p, stride = shape
    layer = Conv2D("conv", t, m, d, padding=p, stride=stride)
    _float64_params(layer, rng)
    x = rng.standard_normal((n, r, s, t))
    assert layer.forward(x).shape == (n, *layer.output_shape((r, s, t)))
    _check_layer(layer, x, rng)


def _loops(x, w, b, p, stride, dz):
    """The equations as explicit sums over a zero-padded copy: z, then dL/dw, dL/da."""
    n, r, s, t = x.shape
    d = w.shape[1]
    padded = np.zeros((n, r + 2 * p, s + 2 * p, t))
    padded[:, p : p + r, p : p + s] = x
    rows, cols = dz.shape[1:3]
    z = np.zeros(dz.shape)
    dw, dpadded = np.zeros_like(w), np.zeros_like(padded)
    for q, i, j, k in np.ndindex(z.shape):
        window = padded[q, stride * i : stride * i + d, stride * j : stride * j + d, :]
        z[q, i, j, k] = np.sum(w[k] * window) + b[k]
        dw[k] += dz[q, i, j, k] * window  # ∂L/∂w^k_{a,b,c} = Σ δ_{i,j,k} ā_{S i+a, S j+b, c}
        # each z_{i,j,k} read ā_{S i+a, S j+b, c} with weight w^k_{a,b,c}
        dpadded[q, stride * i : stride * i + d, stride * j : stride * j + d, :] += (
            dz[q, i, j, k] * w[k]
        )
    return z, dw, dpadded[:, p : p + r, p : p + s]


@pytest.mark.parametrize("shape", CONV_OPTIONS[:4], ids=lambda s: "P{6}_S{7}".format(*s))
def test_strided_padded_conv_matches_its_equations_written_as_loops(shape, rng):
    n, r, s, t, m, d, p, stride = shape
    layer = Conv2D("conv", t, m, d, padding=p, stride=stride)
    _float64_params(layer, rng)
    x = rng.standard_normal((n, r, s, t))
    z = layer.forward(x)
    dz = rng.standard_normal(z.shape)
    dx = layer.backward(dz)
    z_ref, dw_ref, dx_ref = _loops(x, layer.params["W"], layer.params["b"], layer.p, stride, dz)
    np.testing.assert_allclose(z, z_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], dw_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dx, dx_ref, rtol=1e-12, atol=1e-12)


POOLS = [
    ((2, 4, 6, 3), 2, 2),
    ((1, 7, 8, 2), 3, 2),
    ((2, 5, 7, 1), 2, 1),
    ((1, 7, 7, 2), 2, 3),
    ((2, 5, 5, 2), 2, 2),
]


@pytest.mark.parametrize(("shape", "k", "stride"), POOLS, ids=lambda v: str(v))
def test_maxpool_with_stride_matches_central_differences(shape, k, stride, rng):
    _check_layer(MaxPool2D("pool", k, stride), _distinct_values(rng, shape), rng)


@pytest.mark.parametrize(("shape", "k", "stride"), POOLS, ids=lambda v: str(v))
def test_avgpool_matches_central_differences(shape, k, stride, rng):
    _check_layer(AvgPool2D("pool", k, stride), rng.standard_normal(shape), rng)


def test_avgpool_spreads_each_error_equally_over_its_window():
    pool = AvgPool2D("pool", 2)
    x = np.arange(16.0).reshape(1, 4, 4, 1)
    np.testing.assert_allclose(pool.forward(x)[0, :, :, 0], [[2.5, 4.5], [10.5, 12.5]])
    dy = np.array([4.0, 8.0, -4.0, 1.0]).reshape(1, 2, 2, 1)
    dx = pool.backward(dy)[0, :, :, 0]
    np.testing.assert_allclose(dx[:2, :2], 1.0)  # 4 / k², the same for every cell
    np.testing.assert_allclose(dx[2:, 2:], 0.25)


def test_overlapping_maxpool_windows_add_their_errors_at_a_shared_switch():
    pool = MaxPool2D("pool", 3, 1)
    x = np.zeros((1, 4, 4, 1))
    x[0, 1, 1, 0] = 9  # the maximum of all four 3x3 windows
    y = pool.forward(x)
    assert y.shape == (1, 2, 2, 1) and np.all(y == 9)
    dx = pool.backward(np.array([1.0, 2.0, 3.0, 4.0]).reshape(1, 2, 2, 1))
    assert dx[0, 1, 1, 0] == 10 and np.count_nonzero(dx) == 1
    assert pool.switch_cells()[0, :, :, 0].tolist() == [[[1, 1], [1, 1]], [[1, 1], [1, 1]]]


def _spec(*layers, input_shape=(11, 10, 2)):
    return {
        "input": list(input_shape),
        "layers": [*layers, {"kind": "flatten"}, {"kind": "dense", "units": 4}],
    }


NETWORKS = {
    "pad-stride": _spec(
        {"kind": "conv", "maps": 3, "size": 3, "padding": 1, "stride": 2},
        {"kind": "relu"},
        {"kind": "conv", "maps": 2, "size": 3, "padding": "same"},
        {"kind": "tanh"},
    ),
    "avgpool": _spec(
        {"kind": "conv", "maps": 3, "size": 3},
        {"kind": "sigmoid"},
        {"kind": "avgpool", "size": 2},
        {"kind": "conv", "maps": 2, "size": 2},
    ),
    "overlap": _spec(
        {"kind": "conv", "maps": 2, "size": 2, "stride": 2},
        {"kind": "relu"},
        {"kind": "maxpool", "size": 3, "stride": 1},
    ),
    "mlp": {
        "input": [5, 4, 1],
        "layers": [
            {"kind": "flatten"},
            {"kind": "dense", "units": 6},
            {"kind": "tanh"},
            {"kind": "dense", "units": 5},
            {"kind": "relu"},
            {"kind": "dense", "units": 3},
        ],
    },
}


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_networks_with_the_new_options_match_central_differences(name, rng):
    check_network_gradients(*_draw_network_case(NETWORKS[name], rng), rng)
