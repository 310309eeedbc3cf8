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


def fast_avgpool(x: Array, k: int, stride: int) -> Array:
    """avgpool_forward: the k² slots of every window summed (no copy of the windows when they
    tile), times 1/k²."""
    n, r, s, c = x.shape
    rows, cols = kernels.out_size(r, k, stride), kernels.out_size(s, k, stride)
    y = np.zeros((n, rows, cols, c), x.dtype)
    for a in range(k):
        for b in range(k):
            y += x[
                :,
                a : a + stride * (rows - 1) + 1 : stride,
                b : b + stride * (cols - 1) + 1 : stride,
            ]
    y *= x.dtype.type(1 / k**2)
    return y


def fast_avgpool_backward(dy: Array, k: int, stride: int, shape: Shape) -> Array:
    """avgpool_backward: the error / k² copied to every slot, the slots added back in place."""
    share = dy * dy.dtype.type(1 / k**2)
    return kernels.add_slots(np.broadcast_to(share, (k * k, *dy.shape)), k, stride, shape)


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
