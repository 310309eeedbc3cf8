"""The fast kernels compute the same numbers as the reference equations, on random shapes.

Shapes cover one and several channels (t = 1 takes its own paths in im2col and dL/dx), one and
several images, odd and non-square sizes, d = 1 and d equal to the (padded) input, padding 0,
1 and "same", strides 1 to 3 (with rows no window reaches); pooling inputs are drawn from a
few integers so that windows hold ties and the tie rule is exercised, with tiling, overlapping
(stride < size) and gapped (stride > size) windows and sizes that do not divide.
"""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn import equations, kernels
from convtrace.nn.kinds import activation, avgpool, conv, dense, maxpool
from convtrace.nn.kinds.window import windows
from convtrace.nn.loss import softmax_cross_entropy

# (N, r, s, t, K, d, padding, stride)
CONV_SHAPES = [
    (1, 28, 28, 1, 8, 5, 0, 1),  # conv1 of the shipped model, one image
    (1, 12, 12, 8, 16, 5, 0, 1),  # conv2
    (3, 7, 5, 1, 2, 3, 0, 1),
    (2, 9, 7, 3, 4, 3, 0, 1),
    (4, 5, 6, 2, 3, 1, 0, 1),
    (2, 4, 4, 2, 3, 4, 0, 1),
    (1, 3, 9, 5, 1, 2, 0, 1),
    (2, 7, 6, 1, 3, 3, 1, 1),  # "same" for d = 3
    (1, 28, 28, 1, 8, 5, 2, 2),  # padding and stride on the real input
    (2, 8, 9, 3, 2, 3, 1, 2),  # stride 2 leaves the last column unread
    (3, 10, 7, 2, 3, 2, 0, 3),  # stride 3 > d: gaps between windows
    (2, 5, 5, 1, 2, 5, 2, 2),
    (1, 2, 3, 2, 2, 3, 1, 1),  # d larger than the input, fits only with padding
]
# (shape, k, stride)
POOL_SHAPES = [
    ((1, 24, 24, 8), 2, 2),
    ((3, 6, 4, 1), 2, 2),
    ((2, 9, 6, 3), 3, 3),
    ((2, 5, 5, 2), 5, 5),
    ((2, 7, 9, 2), 2, 2),  # not divisible: the last row and column are in no window
    ((2, 7, 8, 3), 3, 2),  # overlapping windows
    ((1, 9, 9, 2), 3, 1),
    ((2, 8, 7, 1), 2, 3),  # gaps between windows
    ((2, 5, 4, 3), 1, 1),  # a 1 x 1 window: one slot, always the switch
    ((1, 5, 4, 2), 1, 2),
]


def _ids(shape: tuple[int, ...]) -> str:
    return "x".join(str(v) for v in shape)


def _close(fast: np.ndarray, reference: np.ndarray) -> None:
    assert fast.shape == reference.shape
    np.testing.assert_allclose(fast, reference, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("shape", CONV_SHAPES, ids=_ids)
def test_conv_kernels_equal_the_equations(shape, rng):
    n, r, s, t, m, d, p, stride = shape
    a = rng.standard_normal((n, r, s, t))
    w, b = rng.standard_normal((m, d, d, t)), rng.standard_normal(m)
    rows, cols = (r + 2 * p - d) // stride + 1, (s + 2 * p - d) // stride + 1
    patches = kernels.patches(kernels.pad(a, p), d, stride)
    z = conv.fast_forward(patches, w, b, (n, rows, cols, m))
    _close(z, equations.conv_forward(a, w, b, p, stride))
    dz = rng.standard_normal(z.shape)
    _close(conv.fast_dw(patches, dz).reshape(w.shape), equations.conv_dw(a, dz, d, p, stride))
    _close(conv.fast_db(dz), equations.conv_db(dz))
    dx = conv.fast_dx(dz, w, p, stride, (r, s))
    _close(dx, equations.conv_dx(dz, w, p, stride, (r, s)))
    assert dx.shape == a.shape


@pytest.mark.parametrize("shape", [s for s in CONV_SHAPES if s[-1] > 1], ids=_ids)
def test_strided_conv_dx_phase_by_phase_equals_the_equations(shape, rng, monkeypatch):
    """A training batch takes the phase-by-phase shift-and-add (past PHASES_FROM plane
    entries); here every strided shape does, including d < S (phases no offset reaches)."""
    monkeypatch.setattr(kernels, "PHASES_FROM", 0)
    n, r, s, t, m, d, p, stride = shape
    w = rng.standard_normal((m, d, d, t))
    rows, cols = (r + 2 * p - d) // stride + 1, (s + 2 * p - d) // stride + 1
    dz = rng.standard_normal((n, rows, cols, m))
    _close(conv.fast_dx(dz, w, p, stride, (r, s)), equations.conv_dx(dz, w, p, stride, (r, s)))


def test_a_batch_of_64_takes_the_phase_path_and_equals_the_planes(rng, monkeypatch):
    g = rng.standard_normal((5, 5, 64, 7, 7, 8))  # conv2 of the strided preset, batch 64
    assert 5 * 5 * 64 * 17 * 17 * 8 > kernels.PHASES_FROM
    by_phase = kernels.shift_and_add(g, 2, 18, 18)
    monkeypatch.setattr(kernels, "PHASES_FROM", 1 << 60)
    _close(by_phase, kernels.shift_and_add(g, 2, 18, 18))
    assert by_phase.shape == (64, 18, 18, 8) and not by_phase[:, 17].any()  # no window reached


def test_padding_same_keeps_the_size_and_the_layer_equals_the_equations(rng):
    layer = conv.Conv2D("conv", 2, 3, 5, padding="same", stride=1)
    layer.params = {"W": rng.standard_normal((3, 5, 5, 2)), "b": rng.standard_normal(3)}
    a = rng.standard_normal((2, 6, 7, 2))
    z = layer.forward(a)
    assert z.shape == (2, 6, 7, 3) and layer.p == 2
    _close(z, equations.conv_forward(a, layer.params["W"], layer.params["b"], 2, 1))


@pytest.mark.parametrize(
    ("shape", "k", "stride"), POOL_SHAPES, ids=[f"{_ids(s)}_k{k}_s{st}" for s, k, st in POOL_SHAPES]
)
def test_maxpool_kernels_equal_the_equations_with_ties(shape, k, stride, rng):
    x = rng.integers(0, 3, shape).astype(np.float64)  # three values: most windows hold ties
    found = windows(x, k, stride)
    assert k == 1 or np.any((found == found.max(-1, keepdims=True)).sum(-1) > 1), "no tie drawn"
    y, switches = maxpool.fast_maxpool(x, k, stride)
    _close(y, equations.maxpool_forward(x, k, stride))
    np.testing.assert_array_equal(switches, equations.maxpool_switches(x, k, stride))
    table = maxpool.switch_table(k, *y.shape[1:3], stride)
    np.testing.assert_array_equal(
        maxpool.fast_switch_cells(switches, table), equations.switch_cells(switches, k, stride)
    )
    np.testing.assert_array_equal(
        maxpool.fast_switch_cells(switches, maxpool.switch_lookup(k, stride, switches.shape)),
        equations.switch_cells(switches, k, stride),
    )
    dy = rng.standard_normal(y.shape)
    reference = equations.maxpool_backward(dy, switches, k, stride, x.shape[1:3])
    _close(maxpool.fast_maxpool_backward(dy, switches, k, stride, x.shape), reference)
    if stride >= k:  # windows that never overlap: the errors are written at their switches
        table = maxpool.route_table(x.shape, k, stride, switches.shape)
        _close(maxpool.routed_to_switches(dy, switches, table, x.shape), reference)
    layer = maxpool.MaxPool2D("pool", k, stride)  # the layer picks its form by the stride
    layer.forward(x)
    _close(layer.backward(dy), reference)


def test_maxpool_lookup_tables_are_shared_and_read_only():
    """Built once per shape for every network (a request's replica has layers of its own) and
    never changed by a caller."""
    one, two = maxpool.MaxPool2D("a", 2), maxpool.MaxPool2D("b", 2)
    x = np.arange(2 * 6 * 6 * 3, dtype=np.float64).reshape(2, 6, 6, 3)
    built = []
    for layer in (one, two):
        layer.forward(x)
        layer.backward(np.ones((2, 3, 3, 3)))
        layer.switch_cells()
        built.append((maxpool.route_table.cache_info(), maxpool.switch_lookup.cache_info()))
    for first, second in zip(*built, strict=True):
        assert second.misses == first.misses and second.hits > first.hits  # the second reuses
    route = maxpool.route_table(x.shape, 2, 2, (2, 3, 3, 3))
    assert route is maxpool.route_table(x.shape, 2, 2, (2, 3, 3, 3))
    lookup = maxpool.switch_lookup(2, 2, (2, 3, 3, 3))
    for table in (*route, *lookup):
        assert not table.flags.writeable


@pytest.mark.parametrize(
    ("shape", "k", "stride"), POOL_SHAPES, ids=[f"{_ids(s)}_k{k}_s{st}" for s, k, st in POOL_SHAPES]
)
def test_avgpool_kernels_equal_the_equations(shape, k, stride, rng):
    x = rng.standard_normal(shape)
    y = avgpool.fast_avgpool(x, k, stride)
    _close(y, equations.avgpool_forward(x, k, stride))
    dy = rng.standard_normal(y.shape)
    _close(
        avgpool.fast_avgpool_backward(dy, k, stride, x.shape),
        equations.avgpool_backward(dy, k, stride, x.shape[1:3]),
    )


def test_tie_rule_is_first_maximum_in_row_major_order():
    x = np.array([[0, 5], [5, 5]], np.float64).reshape(1, 2, 2, 1)
    _, switches = maxpool.fast_maxpool(x, 2, 2)
    assert int(switches[0, 0, 0, 0]) == 1 == int(equations.maxpool_switches(x, 2)[0, 0, 0, 0])


@pytest.mark.parametrize(
    "shape", [(784, 8), (576, 8), (196, 16), (7, 3), (4099, 5), (64 * 576, 8), (10, 300)]
)
def test_add_to_rows_adds_b_to_every_row(shape, rng):
    """Narrow and wide rows, P with and without a large power-of-two factor (4099 is prime),
    below and above the size from which b is repeated."""
    z, b = rng.standard_normal(shape), rng.standard_normal(shape[1])
    expected = z + b
    got = kernels.add_to_rows(z, b)
    assert got is z  # in place
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize(
    "shape", [(1, 7, 3), (2, kernels.ONES_KEPT + 5), (3, 4, kernels.ONES_KEPT)]
)
def test_fast_relu_equals_the_equation(shape, dtype, rng):
    """Beyond one kept vector of zeros (several chunks, a short last one), for precisions
    without kept zeros, on a transposed (non-contiguous) input, with NaN kept as NaN."""
    z = rng.standard_normal(shape).astype(dtype)
    z.flat[:3] = (0.0, -0.0, np.nan)
    for given in (z, z.T):
        got = activation.fast_relu(given)
        assert got.shape == given.shape and got.dtype == given.dtype
        np.testing.assert_array_equal(got, equations.relu(given))


@pytest.mark.parametrize("n", [1, 5])
def test_activation_and_dense_kernels_equal_the_equations(n, rng):
    z = rng.standard_normal((n, 7, 3))
    z[0, 0, :2] = 0.0  # the ReLU kink itself
    _close(activation.relu_prime(z), equations.relu_prime(z))
    _close(activation.fast_sigmoid_prime(equations.sigmoid(z)), equations.sigmoid_prime(z))
    _close(activation.fast_tanh_prime(equations.tanh(z)), equations.tanh_prime(z))
    x, w, b = rng.standard_normal((n, 11)), rng.standard_normal((4, 11)), rng.standard_normal(4)
    _close(dense.fast_forward(x, w, b), equations.dense_forward(x, w, b))
    dz = rng.standard_normal((n, 4))
    _close(dense.fast_dw(dz, x), equations.dense_dw(dz, x))
    _close(kernels.column_sums(dz), equations.dense_db(dz))
    _close(dense.fast_dx(dz, w), equations.dense_dx(dz, w))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_loss_equals_the_equations_down_to_a_confident_answer(dtype, rng):
    z = rng.standard_normal((6, 10)) * 3
    z[0, 4] = 40.0  # p_4 = 1 - 4e-17: L and p_4 - 1 far below float32's rounding of 1
    z[1, 0] = -200.0  # a target almost impossible
    z = z.astype(dtype)
    y = np.array([4, 0, 1, 2, 3, 9])
    loss, p, dz = softmax_cross_entropy(z, y)
    z64 = z.astype(np.float64)
    assert loss == pytest.approx(equations.cross_entropy(z64, y).mean(), rel=1e-12)
    confident = np.log1p(np.exp(np.delete(z64[0], 4) - z64[0, 4]).sum())
    assert equations.cross_entropy(z64, y)[0] == pytest.approx(confident, rel=1e-12)
    np.testing.assert_allclose(
        p, equations.softmax(z64), rtol=1e-6, atol=1e-44
    )  # float32 underflow
    np.testing.assert_allclose(
        dz * 6, equations.output_error(equations.softmax(z64), y), rtol=1e-6, atol=1e-44
    )
    assert dz[0, 4] < 0 and dz[0, 4] * 6 == pytest.approx(-(p[0].sum() - p[0, 4]), rel=1e-6)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_loss_of_one_image_equals_the_equations_and_the_batch(dtype, rng):
    """A batch of one (every trace) takes its own path on Python floats: the same numbers."""
    z = rng.standard_normal((6, 10)) * 3
    z[0, 4], z[1, 0], z[2] = 40.0, -200.0, 0.0  # confident, almost impossible, all tied
    z = z.astype(dtype)
    y = np.array([4, 0, 1, 2, 3, 9])
    z64 = z.astype(np.float64)
    _, p_batch, dz_batch = softmax_cross_entropy(z, y)
    for i in range(6):
        loss, p, dz = softmax_cross_entropy(z[i : i + 1], y[i : i + 1])
        assert p.dtype == dz.dtype == dtype and p.shape == dz.shape == (1, 10)
        assert loss == pytest.approx(
            equations.cross_entropy(z64[i : i + 1], y[i : i + 1])[0], rel=1e-12
        )
        np.testing.assert_allclose(p, equations.softmax(z64[i : i + 1]), rtol=1e-6, atol=1e-44)
        expected = equations.output_error(equations.softmax(z64[i : i + 1]), y[i : i + 1])
        np.testing.assert_allclose(dz, expected, rtol=1e-6, atol=1e-44)
        np.testing.assert_allclose(p[0], p_batch[i], rtol=1e-6, atol=1e-44)
        np.testing.assert_allclose(dz[0], dz_batch[i] * 6, rtol=1e-6, atol=1e-44)
    loss, p, dz = softmax_cross_entropy(z[:1], y[:1])
    confident = np.log1p(np.exp(np.delete(z64[0], 4) - z64[0, 4]).sum())  # ~1e-15
    assert loss == pytest.approx(confident, rel=1e-12) and dz[0, 4] < 0  # not rounded to 0
    assert dz[0, 4] == pytest.approx(-(p[0].sum() - p[0, 4]), rel=1e-6)
