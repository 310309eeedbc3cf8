"""The reference: every equation of the derivation as one named, vectorised NumPy expression.

Read this file beside the derivation. The layers do not call these forms (they call the faster
ones in ``kernels.py``); ``tests/nn/test_kernels.py`` shows both give the same numbers.

Notation and layout (the engine's one axis convention): a batch of N activations a^{l-1} is
N x r x s x t (height, width, channels); the filters of layer l are stacked as w of shape
K x d x d x t, w[m] = w^{l,m}, with offsets (a, b) and channel c; z^l is N x (r-d+1) x (s-d+1) x K
(valid cross-correlation, stride 1). ``dz`` stands for the error ∂L/∂z^l, shaped like z^l.
Dense weights are n_out x n_in, so z = W x + b. Indices in comments: i, j position; m, k map.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

Array = npt.NDArray[np.floating]
Index = npt.NDArray[np.integer]

TIE_RULE = "first maximum, row-major"
"""Max-pool tie rule: of equal maxima in a window, the first in row-major order (a, then b) wins."""


def _windows(a: Array, d: int) -> Array:
    """Every d x d window of a: (N, r, s, t) -> (N, r-d+1, s-d+1, t, d, d), a view (no copy);
    window[n, i, j, c, a, b] = a[n, i + a, j + b, c]."""
    return sliding_window_view(a, (d, d), axis=(1, 2))


# ---- forward ----


def conv_forward(a: Array, w: Array, b: Array) -> Array:
    """z^l_{i,j,m} = Σ_{a,b,c} w^{l,m}_{a,b,c} a^{l-1}_{i+a,j+b,c} + b^{l,m}."""
    z: Array = np.einsum("nijcab,mabc->nijm", _windows(a, w.shape[1]), w) + b
    return z


def relu(z: Array) -> Array:
    """a = σ(z) = max(z, 0)."""
    return np.maximum(z, 0)


def relu_prime(z: Array) -> Array:
    """σ′(z) = 1 where z > 0, else 0 (the derivative at the kink z = 0 is taken as 0)."""
    return (z > 0).astype(z.dtype)


def sigmoid(z: Array) -> Array:
    """a = σ(z) = 1 / (1 + e^{-z}), written as (1 + tanh(z/2)) / 2, which never overflows."""
    a: Array = 0.5 * (1 + np.tanh(0.5 * z))
    return a


def sigmoid_prime(z: Array) -> Array:
    """σ′(z) = σ(z) (1 − σ(z))."""
    return sigmoid(z) * (1 - sigmoid(z))


def tanh(z: Array) -> Array:
    """a = σ(z) = tanh z."""
    return np.tanh(z)


def tanh_prime(z: Array) -> Array:
    """σ′(z) = 1 − tanh² z."""
    return 1 - np.tanh(z) ** 2


def _pool_windows(a: Array, k: int) -> Array:
    """(N, r, s, C) -> (N, r/k, s/k, C, k*k): window (i, j) of map c, its cells in row-major
    order, so slot a*k + b holds a_{k i + a, k j + b, c}."""
    n, r, s, c = a.shape
    blocks = a.reshape(n, r // k, k, s // k, k, c).transpose(0, 1, 3, 5, 2, 4)
    return blocks.reshape(n, r // k, s // k, c, k * k)


def maxpool_forward(a: Array, k: int) -> Array:
    """a^{pool}_{i,j,c} = max_{0≤a,b<k} a_{k i + a, k j + b, c}   (k x k windows, stride k)."""
    pooled: Array = _pool_windows(a, k).max(axis=-1)
    return pooled


def maxpool_switches(a: Array, k: int) -> Index:
    """The switch of each window: the slot a*k + b of its maximum. np.argmax returns the first
    maximum, which is the tie rule (TIE_RULE)."""
    switches: Index = np.argmax(_pool_windows(a, k), axis=-1)
    return switches


def switch_cells(switches: Index, k: int) -> Index:
    """Switches as input coordinates (N, r/k, s/k, C, 2): (k i + a, k j + b) of each winner."""
    _, rows, cols, _ = switches.shape
    i = np.arange(rows).reshape(rows, 1, 1)
    j = np.arange(cols).reshape(1, cols, 1)
    return np.stack((k * i + switches // k, k * j + switches % k), axis=-1)


def flatten(a: Array) -> Array:
    """The r x s x C block read row-major (i, then j, then c) into one vector per image."""
    return a.reshape(a.shape[0], -1)


def dense_forward(x: Array, w: Array, b: Array) -> Array:
    """z_j = Σ_i W_{j,i} x_i + b_j."""
    z: Array = np.einsum("ji,ni->nj", w, x) + b
    return z


# ---- loss (the output layer: K class scores z) ----
# Written so a confident answer keeps full relative precision: for p_y -> 1, 1 − p_y and
# L = −log p_y are tiny, and computing them as 1 − (a number near 1) would leave only rounding.
# They are computed in float64 (ten numbers per image) from sums that never subtract near-equal
# numbers, then returned in the logits' precision.


def softmax(z: Array) -> Array:
    """p_j = e^{z_j} / Σ_k e^{z_k}   (z shifted by its maximum first, so e^{·} cannot overflow)."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    p: Array = e / e.sum(axis=-1, keepdims=True)
    return p


def cross_entropy(z: Array, y: Index) -> Array:
    """L = −log p_y = log Σ_k e^{z_k − z_y}, one per image.

    With c = max_k z_k: L = log1p(Σ_{k≠y} e^{z_k−c} + (e^{z_y−c} − 1)) − (z_y − c). For a
    confident answer (z_y = c) that is log1p(Σ_{k≠y} e^{z_k − z_y}), exact to the last digit.
    """
    z = np.asarray(z, np.float64)
    shifted = z - z.max(axis=-1, keepdims=True)
    is_y = np.arange(z.shape[-1]) == y[:, None]
    zy = shifted[is_y]
    others = np.where(is_y, 0, np.exp(shifted)).sum(axis=-1)
    loss: Array = np.log1p(others + np.expm1(zy)) - zy
    return loss


def output_error(p: Array, y: Index) -> Array:
    """∂L/∂z_k = p_k − [k = y], with p_y − 1 computed as −Σ_{k≠y} p_k (exact for p_y ≈ 1)."""
    is_y = np.arange(p.shape[-1]) == y[:, None]
    dz = p.astype(np.float64)
    dz[is_y] = -np.where(is_y, 0, dz).sum(axis=-1)
    return dz.astype(p.dtype)


# ---- backward ----


def dense_dw(dz: Array, x: Array) -> Array:
    """∂L/∂W_{j,i} = ∂L/∂z_j x_i   (summed over the batch)."""
    dw: Array = np.einsum("nj,ni->ji", dz, x)
    return dw


def dense_db(dz: Array) -> Array:
    """∂L/∂b_j = ∂L/∂z_j   (summed over the batch)."""
    db: Array = dz.sum(axis=0)
    return db


def dense_dx(dz: Array, w: Array) -> Array:
    """∂L/∂x_i = Σ_j W_{j,i} ∂L/∂z_j."""
    dx: Array = np.einsum("nj,ji->ni", dz, w)
    return dx


def unflatten(dx: Array, shape: tuple[int, ...]) -> Array:
    """The vector's error read back into the r x s x C block (flatten's order)."""
    return dx.reshape(shape)


def maxpool_backward(dy: Array, switches: Index, k: int) -> Array:
    """∂L/∂a_{k i + a, k j + b, c} = ∂L/∂a^{pool}_{i,j,c} if (a, b) is the switch of window
    (i, j, c), else 0: each pooled cell's error goes to its winner only."""
    n, rows, cols, c = dy.shape
    routed = (np.arange(k * k) == switches[..., None]) * dy[..., None]  # (N, i, j, c, a*k + b)
    blocks = routed.reshape(n, rows, cols, c, k, k).transpose(0, 1, 4, 2, 5, 3)
    dx: Array = blocks.reshape(n, rows * k, cols * k, c)
    return dx


def activation_backward(da: Array, sigma_prime_z: Array) -> Array:
    """∂L/∂z_{i,j,m} = ∂L/∂a_{i,j,m} ⊙ σ′(z_{i,j,m})."""
    return da * sigma_prime_z


def conv_dw(a: Array, dz: Array) -> Array:
    """∂L/∂w^{l,m}_{a,b,c} = Σ_{i,j} δ_{i,j,m} a^{l-1}_{i+a,j+b,c}   (δ = ∂L/∂z^l; summed over
    the batch): the input correlated with the error."""
    d = a.shape[1] - dz.shape[1] + 1
    dw: Array = np.einsum("nijm,nijcab->mabc", dz, _windows(a, d))
    return dw


def conv_db(dz: Array) -> Array:
    """∂L/∂b^{l,m} = Σ_{i,j} δ_{i,j,m}   (summed over the batch)."""
    db: Array = dz.sum(axis=(0, 1, 2))
    return db


def conv_dx(dz: Array, w: Array) -> Array:
    """∂L/∂a^{l-1}_{i,j,c} = Σ_{a,b} Σ_{k=0}^{K−1} δ_{i−a,j−b,k} w^{l,k}_{a,b,c}, with δ = 0
    outside z^l: a full convolution, i.e. δ zero-padded by d − 1 on every side, correlated
    with the filters rotated by 180 degrees."""
    d = w.shape[1]
    padded = np.pad(dz, ((0, 0), (d - 1, d - 1), (d - 1, d - 1), (0, 0)))
    rotated = w[:, ::-1, ::-1, :]
    dx: Array = np.einsum("nijkab,kabc->nijc", _windows(padded, d), rotated)
    return dx
