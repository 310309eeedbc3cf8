"""Max-pooling: switches recorded in forward, errors routed through them in backward."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn.kinds import MaxPool2D
from convtrace.nn.network import Network


def _windows(x: np.ndarray, k: int) -> np.ndarray:
    """(N, r, s, C) -> (N, r/k, s/k, C, k, k): the k x k window behind each pooled cell."""
    n, r, s, c = x.shape
    return x.reshape(n, r // k, k, s // k, k, c).transpose(0, 1, 3, 5, 2, 4)


def _nonzero_errors(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Errors bounded away from 0, so a routed error can never be mistaken for 'no error'."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 1.5, size=shape)


@pytest.mark.parametrize(("shape", "k"), [((2, 4, 6, 3), 2), ((1, 6, 9, 2), 3)])
def test_maxpool_routes_error_only_to_window_maximum(shape, k, rng):
    pool = MaxPool2D("pool", k)
    x = rng.standard_normal(shape)  # continuous values: no ties
    y = pool.forward(x)
    np.testing.assert_array_equal(y, _windows(x, k).max(axis=(-2, -1)))
    dy = _nonzero_errors(rng, y.shape)
    dx = pool.backward(dy)

    # the cells holding their window's maximum, found without the layer's switches
    window_max = np.repeat(np.repeat(y, k, axis=1), k, axis=2)
    winners = x == window_max
    assert winners.sum() == y.size  # exactly one winner per window
    assert np.all(dx[~winners] == 0), "every cell that is not a switch must get exactly 0"
    np.testing.assert_array_equal(dx[winners], np.repeat(np.repeat(dy, k, 1), k, 2)[winners])


def test_maxpool_routes_error_to_switch(rng):
    pool = MaxPool2D("pool", 2)
    x = rng.standard_normal((2, 4, 4, 3))
    y = pool.forward(x)
    dx = pool.backward(_nonzero_errors(rng, y.shape))
    cells = pool.switch_cells()
    mask = np.zeros(x.shape, bool)
    n, i, j, c = np.indices(y.shape)
    mask[n, cells[..., 0], cells[..., 1], c] = True
    assert np.all(dx[~mask] == 0)
    assert np.all(dx[mask] != 0)


@pytest.mark.parametrize("with_ties", [False, True])
def test_maxpool_conserves_error_per_window_and_channel(with_ties, rng):
    k = 2
    pool = MaxPool2D("pool", k)
    shape = (2, 6, 4, 3)
    # integers 0..2 make many windows with two or more equal maxima
    x = rng.integers(0, 3, shape).astype(np.float64) if with_ties else rng.standard_normal(shape)
    y = pool.forward(x)
    dy = _nonzero_errors(rng, y.shape)
    dx = pool.backward(dy)
    # one pooled error lands once, in full, inside its own window -- never split or duplicated
    np.testing.assert_allclose(_windows(dx, k).sum(axis=(-2, -1)), dy, rtol=0, atol=0)
    assert np.all((_windows(dx, k) != 0).sum(axis=(-2, -1)) == 1)


# Each case: one window and the row-major index of the cell that must win it.
TIE_CASES = [
    ([[5, 5], [5, 5]], 0),  # all equal: the first cell
    ([[1, 3], [3, 0]], 1),  # (0,1) before (1,0): row-major, not column-major
    ([[0, 2], [1, 2]], 1),  # (0,1) before (1,1)
    ([[0, 1], [2, 2]], 2),  # (1,0) before (1,1)
    ([[-1, -1], [-1, -2]], 0),  # negative ties too
    ([[0, 1, 0], [4, 2, 4], [4, 0, 0]], 3),  # 3 x 3: (1,0) before (1,2) and (2,0)
    ([[0, 7, 0], [0, 0, 0], [7, 0, 7]], 1),
]


@pytest.mark.parametrize(("window", "winner"), TIE_CASES)
def test_maxpool_tie_goes_to_first_maximum_in_row_major_order(window, winner):
    window = np.array(window, dtype=np.float64)
    k = window.shape[0]
    pool = MaxPool2D("pool", k)
    y = pool.forward(window[None, :, :, None])
    assert pool.switches.shape == (1, 1, 1, 1)
    assert int(pool.switches[0, 0, 0, 0]) == winner
    np.testing.assert_array_equal(pool.switch_cells()[0, 0, 0, 0], divmod(winner, k))
    dx = pool.backward(np.full_like(y, 2.5))[0, :, :, 0]
    expected = np.zeros_like(window)
    expected[divmod(winner, k)] = 2.5
    np.testing.assert_array_equal(dx, expected)


def test_maxpool_ties_follow_the_rule_in_every_window_and_channel():
    base = np.array([[3, 3, 1, 0], [3, 0, 1, 1], [2, 0, 0, 0], [2, 2, 0, 0]], dtype=np.float64)
    x = np.stack([base, base[:, ::-1]], axis=-1)[None]  # channel 1: channel 0 mirrored
    pool = MaxPool2D("pool", 2)
    pool.forward(x)
    cells = pool.switch_cells()[0]  # (2, 2, C, 2): (row, col) per pooled cell and channel
    assert cells[:, :, 0].tolist() == [[[0, 0], [0, 2]], [[2, 0], [2, 2]]]
    assert cells[:, :, 1].tolist() == [[[0, 1], [0, 2]], [[2, 0], [2, 3]]]


@pytest.mark.parametrize(("shape", "k"), [((2, 4, 6, 3), 2), ((1, 6, 9, 2), 3), ((1, 3, 3, 1), 3)])
def test_switch_cells_point_at_window_maximum_inside_own_window(shape, k, rng):
    pool = MaxPool2D("pool", k)
    x = rng.integers(0, 4, shape).astype(np.float64)  # plenty of ties as well
    y = pool.forward(x)
    cells = pool.switch_cells()
    assert cells.shape == (*y.shape, 2)
    n, i, j, c = np.indices(y.shape)
    rows, cols = cells[..., 0], cells[..., 1]
    np.testing.assert_array_equal(rows // k, i)
    np.testing.assert_array_equal(cols // k, j)
    np.testing.assert_array_equal(x[n, rows, cols, c], y)


def test_pool_windows_that_do_not_divide_the_input_leave_its_last_rows_out():
    spec = {
        "input": [9, 10, 1],
        "layers": [
            {"kind": "conv", "maps": 2, "size": 2},  # -> 8 x 9: the columns do not divide by 2
            {"kind": "maxpool", "name": "pool1", "size": 2},
            {"kind": "flatten"},
            {"kind": "dense", "units": 3},
        ],
    }
    # (behaviour changed with strides: floor((r - k)/S) + 1 windows, as in every framework;
    # the last column is read by no window and gets no error)
    assert Network(spec).shapes[2] == (4, 4, 2)
    pool = MaxPool2D("pool", 2)
    x = np.arange(8 * 9, dtype=np.float64).reshape(1, 8, 9, 1)
    dx = pool.backward(np.ones_like(pool.forward(x)))
    assert dx.shape == x.shape and not dx[0, :, 8].any() and dx.sum() == 16
