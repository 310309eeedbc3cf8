"""Every backward pass against central differences (float64), layer by layer and end to end.

A single layer is checked through a random linear functional L = sum(y * G) of its output y:
then dL/dy = G exactly, so ``backward(G)`` must give dL/dx, dL/dW and dL/db. Agreement uses the
relative error |a - n| / max(|a| + |n|, tiny) defined in ``numgrad`` (tiny: the smallest value
float64 central differences resolve) and must stay below 1e-6.
"""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn.kinds import ACTIVATIONS, Conv2D, Dense, Flatten, Layer, MaxPool2D, ReLU
from convtrace.nn.kinds.window import windows
from convtrace.nn.loss import softmax_cross_entropy
from convtrace.nn.network import Network

from .numgrad import check_gradient

# ReLU inputs and pool runners-up stay this far from a kink / a tie: well beyond the 2h = 2e-4
# the difference stencil reaches, times the size of any weight or input it is multiplied by
KINK_MARGIN = 2e-3


def _float64_params(layer: Layer, rng: np.random.Generator) -> None:
    for key, value in layer.params.items():
        layer.params[key] = rng.standard_normal(value.shape)


def _check_layer(layer: Layer, x: np.ndarray, rng: np.random.Generator) -> dict[str, float]:
    """Check dL/dx and every dL/dparam of L = sum(layer(x) * G); returns the max errors."""
    y = layer.forward(x)
    g = rng.standard_normal(y.shape)
    dx = layer.backward(g)
    grads = {key: value.copy() for key, value in layer.grads.items()}
    assert set(grads) == set(layer.params), "backward must fill grads for every parameter"

    def loss() -> float:
        return float(np.sum(layer.forward(x) * g))

    scale = float(np.sum(np.abs(y * g)))  # the size of the terms L adds up
    errors = {"x": check_gradient(loss, x, dx, rng, f"{layer.name} dL/dx", scale)}
    for key, param in layer.params.items():
        errors[key] = check_gradient(loss, param, grads[key], rng, f"{layer.name} dL/d{key}", scale)
    return errors


# (N, r, s, t, M, d): square and non-square inputs, one and several channels, d = 1, and d equal
# to the input size (a 1 x 1 output) -- followed by a few shapes drawn at random.
CONV_EDGE_SHAPES = [
    (2, 5, 5, 1, 3, 3),
    (2, 6, 4, 3, 2, 3),
    (3, 5, 7, 2, 4, 1),
    (2, 4, 4, 2, 3, 4),
    (2, 3, 6, 2, 2, 3),
    (1, 4, 7, 1, 2, 2),  # one channel (its own im2col and dL/dx paths), non-square, one image
    (3, 3, 5, 1, 1, 1),
]


def _random_conv_shapes(count: int) -> list[tuple[int, ...]]:
    draw = np.random.default_rng(7)
    shapes = []
    for _ in range(count):
        d = int(draw.integers(1, 5))
        r, s = (int(v) for v in draw.integers(d, d + 5, size=2))
        shapes.append(
            (int(draw.integers(1, 4)), r, s, int(draw.integers(1, 4)), int(draw.integers(1, 5)), d)
        )
    return shapes


CONV_SHAPES = CONV_EDGE_SHAPES + _random_conv_shapes(4)


@pytest.mark.parametrize("shape", CONV_SHAPES, ids=lambda s: "N{}_r{}_s{}_t{}_M{}_d{}".format(*s))
def test_conv_gradients_match_central_differences(shape, rng):
    n, r, s, t, m, d = shape
    layer = Conv2D("conv", t, m, d)
    _float64_params(layer, rng)
    x = rng.standard_normal((n, r, s, t))
    assert layer.forward(x).shape == (n, r - d + 1, s - d + 1, m)
    _check_layer(layer, x, rng)


def _conv_forward_loops(x, w, b):
    """z_{i,j,m} = sum_{a,b,c} w^m_{a,b,c} a_{i+a,j+b,c} + b^m, one term at a time."""
    n, r, s, t = x.shape
    m, d = w.shape[0], w.shape[1]
    z = np.zeros((n, r - d + 1, s - d + 1, m))
    for q, i, j, k in np.ndindex(z.shape):
        z[q, i, j, k] = b[k] + sum(
            w[k, a, bb, c] * x[q, i + a, j + bb, c]
            for a in range(d)
            for bb in range(d)
            for c in range(t)
        )
    return z


def _conv_backward_loops(x, w, dz):
    """The three boxed equations of the derivation written as explicit sums."""
    n, r, s, t = x.shape
    m, d = w.shape[0], w.shape[1]
    _, r_out, s_out, _ = dz.shape
    dw = np.zeros_like(w)
    for k, a, bb, c in np.ndindex(w.shape):
        # dL/dw^k_{a,b,c} = sum_{i,j} dL/dz_{i,j,k} a_{i+a,j+b,c}   (and over the batch)
        dw[k, a, bb, c] = sum(
            dz[q, i, j, k] * x[q, i + a, j + bb, c]
            for q in range(n)
            for i in range(r_out)
            for j in range(s_out)
        )
    # dL/db^k = sum_{i,j} dL/dz_{i,j,k}
    db = np.array([dz[..., k].sum() for k in range(m)])
    dx = np.zeros_like(x)
    for q, i, j, c in np.ndindex(x.shape):
        # dL/da_{i,j,c} = sum_{a,b < d} sum_{k < M} dL/dz_{i-a,j-b,k} w^k_{a,b,c}  (k runs to
        # M-1, the seed's "K"); only terms whose z lies inside the output contribute
        dx[q, i, j, c] = sum(
            dz[q, i - a, j - bb, k] * w[k, a, bb, c]
            for a in range(d)
            for bb in range(d)
            for k in range(m)
            if 0 <= i - a < r_out and 0 <= j - bb < s_out
        )
    return dw, db, dx


@pytest.mark.parametrize("t", [1, 2])
def test_conv_matches_boxed_equations_written_as_loops(t, rng):
    n, r, s, m, d = 2, 4, 5, 3, 3
    layer = Conv2D("conv", t, m, d)
    _float64_params(layer, rng)
    w, b = layer.params["W"], layer.params["b"]
    x = rng.standard_normal((n, r, s, t))
    z = layer.forward(x)
    dz = rng.standard_normal(z.shape)
    dx = layer.backward(dz)
    dw_ref, db_ref, dx_ref = _conv_backward_loops(x, w, dz)

    np.testing.assert_allclose(z, _conv_forward_loops(x, w, b), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], dw_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], db_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dx, dx_ref, rtol=1e-12, atol=1e-12)
    # The case is able to tell a flipped filter from an unflipped one (random w is not symmetric).
    _, _, dx_unflipped = _conv_backward_loops(x, w[:, ::-1, ::-1, :], dz)
    assert not np.allclose(dx_unflipped, dx_ref)


@pytest.mark.parametrize("function", sorted(ACTIVATIONS))
def test_activation_gradient_matches_central_differences(function, rng):
    layer = ACTIVATIONS[function](function)
    z = rng.standard_normal((2, 4, 3, 2))
    if layer.__class__ is ReLU:
        # Nudge every input away from the kink at 0 (where sigma' is undefined) by more than the
        # 2h the stencil reaches, but not much further: inputs just below 0 must still get no error.
        z = np.sign(z) * (np.abs(z) + 1e-3)
    errors = _check_layer(layer, z, rng)
    assert set(errors) == {"x"}, "activations have no parameters"


def test_relu_passes_no_error_at_zero_or_below(rng):
    # the stated convention: sigma'(0) = 0
    layer = ReLU("relu")
    z = np.array([[-1.0, -1e-9, 0.0, 1e-9, 2.0]])
    dz = layer.backward(np.ones_like(layer.forward(z)))
    np.testing.assert_array_equal(dz, [[0.0, 0.0, 0.0, 1.0, 1.0]])


def _distinct_values(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Values at least 0.1 apart: no two cells tie, and a nudge of h never changes a winner."""
    size = int(np.prod(shape))
    return (rng.permutation(size) * 0.1 + rng.uniform(0, 0.01, size)).reshape(shape)


@pytest.mark.parametrize(("shape", "k"), [((2, 4, 6, 3), 2), ((1, 6, 3, 2), 3), ((2, 2, 2, 1), 2)])
def test_maxpool_gradient_matches_central_differences(shape, k, rng):
    _check_layer(MaxPool2D("pool", k), _distinct_values(rng, shape), rng)


def test_flatten_gradient_matches_central_differences(rng):
    _check_layer(Flatten("flatten"), rng.standard_normal((3, 2, 4, 3)), rng)


@pytest.mark.parametrize(("n", "n_in", "n_out"), [(3, 7, 4), (1, 1, 5), (2, 12, 1)])
def test_dense_gradients_match_central_differences(n, n_in, n_out, rng):
    layer = Dense("dense", n_in, n_out)
    _float64_params(layer, rng)
    _check_layer(layer, rng.standard_normal((n, n_in)), rng)


@pytest.mark.parametrize(("n", "classes"), [(3, 5), (1, 10), (4, 2)])
def test_softmax_cross_entropy_gradient_matches_central_differences(n, classes, rng):
    z = rng.standard_normal((n, classes)) * 3
    labels = rng.integers(0, classes, n)
    _, p, dz = softmax_cross_entropy(z, labels)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    check_gradient(lambda: softmax_cross_entropy(z, labels)[0], z, dz, rng, "dL/dz")


def _random_small_spec(draw: np.random.Generator) -> dict:
    """conv -> relu -> pool -> conv -> tanh -> pool -> flatten -> dense with random small shapes."""
    d1, d2 = int(draw.integers(2, 4)), int(draw.integers(1, 4))
    k1, k2 = 2, 2
    rows2, cols2 = (int(v) for v in draw.integers(1, 3, size=2))  # after the second pool
    r = (rows2 * k2 + d2 - 1) * k1 + d1 - 1
    s = (cols2 * k2 + d2 - 1) * k1 + d1 - 1
    return {
        "input": [r, s, int(draw.integers(1, 4))],
        "layers": [
            {"kind": "conv", "maps": int(draw.integers(2, 4)), "size": d1},
            {"kind": "relu"},
            {"kind": "maxpool", "size": k1},
            {"kind": "conv", "maps": int(draw.integers(2, 4)), "size": d2},
            {"kind": "tanh"},
            {"kind": "maxpool", "size": k2},
            {"kind": "flatten"},
            {"kind": "dense", "units": int(draw.integers(3, 6))},
        ],
    }


# seeds picked for variety: non-square inputs, one and three channels, 1x1 to 3x3 filters
SMALL_SPECS = [_random_small_spec(np.random.default_rng(seed)) for seed in (5, 11, 16, 23)]


def _kink_margin(net: Network, x: np.ndarray) -> float:
    """Smallest distance of any ReLU input from 0 and of any pool winner from its runner-up."""
    margin = np.inf
    for layer in net.layers:
        if isinstance(layer, ReLU):
            margin = min(margin, float(np.abs(x).min()))
        if isinstance(layer, MaxPool2D) and layer.k > 1:
            found = np.sort(windows(x, layer.k, layer.stride), axis=-1)
            gaps = found[..., -1] - found[..., -2]
            # a tie of exact zeros (a window of dead ReLU cells) stays a tie of zeros under a
            # nudge that keeps the ReLU inputs negative, so it cannot switch the winner
            dead = found[..., -1] == 0
            margin = min(margin, float(gaps[~dead].min(initial=np.inf)))
        x = layer.forward(x)
    return margin


def _draw_network_case(spec: dict, rng: np.random.Generator):
    """Weights, a batch and labels whose forward pass stays clear of ReLU kinks and pool ties."""
    net = Network(spec)
    for _ in range(50):
        for layer in net.layers:
            for key, value in layer.params.items():
                # scaled by fan-in so tanh does not saturate (equal maxima of +-1, no gradient)
                fan_in = int(np.prod(value.shape[1:])) if key == "W" else 4
                layer.params[key] = rng.standard_normal(value.shape) / np.sqrt(fan_in)
        x = rng.standard_normal((int(rng.integers(2, 4)), *net.input_shape))
        if _kink_margin(net, x) > KINK_MARGIN:
            return net, x, rng.integers(0, net.classes, len(x))
    raise AssertionError("could not draw a case away from kinks")  # pragma: no cover


@pytest.mark.parametrize("spec", SMALL_SPECS, ids=lambda sp: "x".join(map(str, sp["input"])))
def test_network_gradients_match_central_differences(spec, rng):
    check_network_gradients(*_draw_network_case(spec, rng), rng)


def check_network_gradients(net, x, labels, rng) -> None:
    """Every parameter's gradient and dL/dx from backprop against central differences of the
    loss (float64), the network's loss equal to the one recomputed here."""
    loss, _ = net.loss_and_grads(x, labels)
    grads = {
        (layer.name, key): value.copy()
        for layer in net.layers
        for key, value in layer.grads.items()
    }
    assert {(name, key) for name, key, _ in net.parameters()} == set(grads)
    dx = net.backward(softmax_cross_entropy(net.forward(x), labels)[2])

    def total_loss() -> float:
        return softmax_cross_entropy(net.forward(x), labels)[0]

    assert total_loss() == pytest.approx(loss, rel=1e-12)
    check_gradient(total_loss, x, dx, rng, "dL/dx")
    for name, key, param in net.parameters():
        check_gradient(total_loss, param, grads[name, key], rng, f"dL/d{name}.{key}")
