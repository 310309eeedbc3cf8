"""avgpool: the mean of each k x k window (stride S, default k).

Backward has no switches: every cell of a window had the same say in its mean, so each gets the
same share 1/k² of the window's error (summed over the windows it is in, when they overlap).
"""

from __future__ import annotations

import numpy as np

from .. import kernels
from ..kernels import Array
from ..layers import Shape
from .window import Pool2D, window_cells, windows

# ---- reference ----


def avgpool_forward(a: Array, k: int, stride: int | None = None) -> Array:
    """a^{pool}_{i,j,c} = (1/k²) Σ_{0≤a,b<k} a_{S i + a, S j + b, c}."""
    pooled: Array = windows(a, k, stride or k).mean(axis=-1)
    return pooled


def avgpool_backward(
    dy: Array, k: int, stride: int | None = None, size: tuple[int, int] | None = None
) -> Array:
    """∂L/∂a_{S i + a, S j + b, c} += ∂L/∂a^{pool}_{i,j,c} / k² for every window (i, j) and every
    (a, b) in it; cells in no window get 0. ``size``: the input's (r, s) (default: tiled)."""
    n, rows, cols, c = dy.shape
    s = stride or k
    r, w = size or (s * (rows - 1) + k, s * (cols - 1) + k)
    cell_rows, cell_cols = window_cells(k, s, rows, cols)  # (R, C_out, 1, k*k)
    nn = np.arange(n).reshape(n, 1, 1, 1, 1)
    cc = np.arange(c).reshape(1, 1, 1, c, 1)
    dx: Array = np.zeros((n, r, w, c), dy.dtype)
    np.add.at(dx, (nn, cell_rows, cell_cols, cc), dy[..., None] / k**2)
    return dx


# ---- fast forms ----


def _window_sums(x: Array, k: int, stride: int, count: int, axis: int) -> Array:
    """Σ_{a<k} of x's slices a, a + S, …, a + S (count − 1) along ``axis``: each window's k
    cells along one axis added up, for every window position."""
    span = stride * (count - 1) + 1
    cut = [slice(None)] * x.ndim

    def part(a: int) -> Array:
        cut[axis] = slice(a, a + span, stride)
        return x[tuple(cut)]

    total = part(0) + part(1) if k > 1 else part(0).copy()
    for a in range(2, k):
        total += part(a)
    return total


def fast_avgpool(x: Array, k: int, stride: int) -> Array:
    """avgpool_forward, separably: each window's rows added (k slices of x), then its columns (k
    slices of that), times 1/k²: 2(k − 1) additions of strided views instead of k², and no
    copy of the windows (~1.6x faster at k = 2)."""
    _, r, s, _ = x.shape
    rows, cols = kernels.out_size(r, k, stride), kernels.out_size(s, k, stride)
    y = _window_sums(_window_sums(x, k, stride, rows, 1), k, stride, cols, 2)
    y *= x.dtype.type(1 / k**2)
    return y


def fast_avgpool_backward(dy: Array, k: int, stride: int, shape: Shape) -> Array:
    """avgpool_backward: the error / k² copied to every cell of its window. Tiling windows: each
    share repeated k times along the columns, then k times along the rows (2-4x faster than
    gathering k² slots); overlapping or gapped windows: the k² slots added back in place."""
    share = dy * dy.dtype.type(1 / k**2)
    if stride != k:
        return kernels.add_slots(np.broadcast_to(share, (k * k, *dy.shape)), k, stride, shape)
    _, rows, cols, _ = dy.shape
    block: Array = np.repeat(np.repeat(share, k, axis=2), k, axis=1)
    if block.shape == shape:
        return block
    dx = np.zeros(shape, dy.dtype)  # the rows and columns no window reached get 0
    dx[:, : rows * k, : cols * k] = block
    return dx


# ---- the layer ----


class AvgPool2D(Pool2D):
    """x: (N, r, s, C) -> y: (N, R, C_out, C), R = ⌊(r − k)/S⌋ + 1: each window's mean."""

    kind = "avgpool"
    description = "Replaces each k x k window by its average: every cell counts the same."

    def forward(self, x: Array) -> Array:
        self.x_shape = x.shape
        return fast_avgpool(x, self.k, self.stride)

    def backward(self, dy: Array, need_dx: bool = True) -> Array:
        return fast_avgpool_backward(dy, self.k, self.stride, self.x_shape)
