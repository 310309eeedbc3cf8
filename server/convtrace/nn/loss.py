"""Softmax cross-entropy: the loss L and its gradient with respect to the logits z."""

from __future__ import annotations

import numpy as np


def softmax_cross_entropy(
    z: np.ndarray, labels: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """(logits (N, K), labels (N,)) -> (mean loss, probabilities (N, K), dL/dz (N, K)).

    L = -(1/N) sum_n log p_{n, y_n};  dL/dz = (p - onehot(y)) / N.
    """
    n = z.shape[0]
    rows = np.arange(n)
    # p_j = exp(z_j) / sum_i exp(z_i), with z shifted by its maximum so exp never overflows
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    total = e.sum(axis=-1, keepdims=True)
    p = e / total
    # log p_y from the shifted logits, so a confident wrong answer never gives log(0)
    loss = float((np.log(total[:, 0]) - shifted[rows, labels]).sum()) / n
    dz = p.copy()
    dz[rows, labels] -= 1  # dL/dz = p - y
    dz /= n
    return loss, p, dz
