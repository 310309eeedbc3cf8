"""The reference, in the derivation's order: every equation as one named, vectorised NumPy
expression. Read this index beside the derivation.

Each layer kind keeps its own references in ``kinds/<kind>.py``, beside the fast forms its layer
calls (``tests/nn/test_kernels.py`` shows both give the same numbers on random shapes, ties
included) and the layer itself, so that a kind lives in one place. This module is the reader's
way in: it lists them all (imported here, so ``equations.conv_dx`` is the reference of the full
convolution wherever it lives) and holds the ones no layer owns: softmax, loss, output error.

Forward (function, module in kinds/):
  conv_forward (conv)    z_{i,j,m} = Σ_{a,b,c} w^m_{a,b,c} ā_{S i+a, S j+b, c} + b^m
  pad (conv)             ā: the input with P rings of zeros
  relu, sigmoid, tanh (activation)   a = σ(z): max(z, 0), 1/(1 + e^{−z}), tanh z
  maxpool_forward, maxpool_switches, switch_cells (maxpool)
                         the largest value of each k x k window (S apart), and its switch
  avgpool_forward (avgpool)   the mean of each k x k window (S apart)
  flatten (flatten)      the r x s x t block read row-major into a vector
  dense_forward (dense)  z_j = Σ_i W_{j,i} x_i + b_j
Loss (here): softmax, cross_entropy, output_error
                         p_j = e^{z_j} / Σ_k e^{z_k};  L = −log p_y;  ∂L/∂z = p − onehot(y)
Backward:
  dense_dw, dense_db, dense_dx (dense)   δ_j x_i;  δ_j;  Σ_j W_{j,i} δ_j
  unflatten (flatten)    the vector's error back into the block
  maxpool_backward (maxpool)   each pooled error added at its switch cell, 0 elsewhere
  avgpool_backward (avgpool)   each pooled error shared equally (1/k²) by its window's cells
  activation_backward, relu_prime, sigmoid_prime, tanh_prime (activation)
                         ∂L/∂z = ∂L/∂a ⊙ σ′(z)
  dilate (conv)          δ̂: the error with S − 1 zeros between neighbouring entries
  conv_dw (conv)         ∂L/∂w^m_{a,b,c} = Σ_{i,j} δ̂_{i,j,m} ā_{i+a, j+b, c}
  conv_db (conv)         ∂L/∂b^m = Σ_{i,j} δ_{i,j,m}
  conv_dx (conv)         ∂L/∂ā_{i,j,c} = Σ_{a,b} Σ_{k<K} δ̂_{i−a,j−b,k} w^k_{a,b,c}, then the
                         padding cropped: the full (transposed) convolution

Notation and layout (the engine's one axis convention): a batch of N activations a^{l-1} is
N x r x s x t (height, width, channels); the filters of layer l are stacked as w of shape
K x d x d x t, w[m] = w^{l,m}, with offsets (a, b) and channel c. A conv layer pads its input
with P rings of zeros (ā) and moves its windows by a stride S, so z^l is
N x R x C x K with R = ⌊(r + 2P − d)/S⌋ + 1 (P = 0, S = 1: the derivation's valid
cross-correlation, R = r − d + 1). ``dz`` (δ) stands for the error ∂L/∂z^l, shaped like z^l.
Dense weights are n_out x n_in, so z = W x + b. Indices: i, j position; m, k map.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .kernels import Array

# every kind's references (the table above says which is which)
from .kinds.activation import (
    activation_backward,
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    tanh,
    tanh_prime,
)
from .kinds.avgpool import avgpool_backward, avgpool_forward
from .kinds.conv import conv_db, conv_dw, conv_dx, conv_forward, dilate, pad
from .kinds.dense import dense_db, dense_dw, dense_dx, dense_forward
from .kinds.flatten import flatten, unflatten
from .kinds.maxpool import (
    TIE_RULE,
    maxpool_backward,
    maxpool_forward,
    maxpool_switches,
    switch_cells,
)

Index = npt.NDArray[np.integer]

__all__ = [
    # forward, in the derivation's order
    "conv_forward", "pad", "relu", "sigmoid", "tanh", "maxpool_forward", "maxpool_switches",
    "switch_cells", "TIE_RULE", "avgpool_forward", "flatten", "dense_forward",
    # the loss
    "softmax", "cross_entropy", "output_error",
    # backward
    "dense_dw", "dense_db", "dense_dx", "unflatten", "maxpool_backward", "avgpool_backward",
    "activation_backward", "relu_prime", "sigmoid_prime", "tanh_prime",
    "conv_dw", "conv_db", "dilate", "conv_dx",
]  # fmt: skip


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
