"""dense: z = W x + b on a flat input; W is n_out x n_in.

Reference equations first, then their BLAS forms (the layer calls these), then the layer.
Hidden dense layers with an activation between them work like the last one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .. import kernels
from ..fields import At, Field
from ..kernels import Array
from ..layers import Layer, Shape

# ---- reference ----


def dense_forward(x: Array, w: Array, b: Array) -> Array:
    """z_j = Σ_i W_{j,i} x_i + b_j."""
    z: Array = np.einsum("ji,ni->nj", w, x) + b
    return z


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


# ---- fast forms ----


def fast_forward(x: Array, w: Array, b: Array) -> Array:
    """dense_forward as a BLAS product."""
    z: Array = x @ w.T + b
    return z


def fast_dw(dz: Array, x: Array) -> Array:
    """dense_dw as a BLAS product; for one image an outer product (the same numbers: each entry
    is one product), as NumPy's matmul with an inner size of 1 skips BLAS and takes ~4x longer."""
    if dz.shape[0] == 1:
        outer: Array = dz.reshape(-1, 1) * x
        return outer
    dw: Array = dz.T @ x
    return dw


def fast_dx(dz: Array, w: Array) -> Array:
    """dense_dx as a BLAS product."""
    dx: Array = dz @ w
    return dx


# ---- the layer ----


class Dense(Layer):
    """z = W x + b.  x: (N, n_in) -> z: (N, n_out).  W: (n_out, n_in), b: (n_out,)."""

    kind = "dense"
    output = "z"
    description = "Every output z_j adds up every input times its own weight, plus a bias."
    fields = (Field("units", 10, 1, 4096, "outputs n_out (the last layer: 10, one per digit)"),)
    derived = ("inputs",)

    def __init__(self, name: str, inputs: int, units: int) -> None:
        super().__init__(name)
        self.n_in, self.n_out = inputs, units
        self.params = {
            "W": np.zeros((units, inputs), np.float32),
            "b": np.zeros((units,), np.float32),
        }

    @classmethod
    def plan(cls, cfg: Mapping[str, Any], shape: Shape, at: At) -> Shape:
        if len(shape) != 1:
            raise at.error(
                "spec.needs_flatten",
                "a dense layer needs a flat input, but it "
                f"gets {'x'.join(map(str, shape))} maps; add a flatten before it",
            )
        if cfg.get("inputs", shape[0]) != shape[0]:
            raise at.error(
                "spec.bad_field",
                f"inputs is {cfg['inputs']} but the layer gets {shape[0]}",
                "inputs",
                value=cfg["inputs"],
            )
        return (cfg["units"],)

    @classmethod
    def cost(cls, cfg: Mapping[str, Any], shape: Shape, out: Shape) -> tuple[int, int]:
        return out[0] * (shape[0] + 1), out[0] * shape[0]

    @classmethod
    def from_config(cls, name: str, cfg: Mapping[str, Any], shape: Shape) -> Layer:
        return cls(name, shape[0], cfg["units"])

    def output_shape(self, input_shape: Shape) -> Shape:
        return (self.n_out,)

    def config(self) -> dict[str, Any]:
        return {**super().config(), "units": self.n_out, "inputs": self.n_in}

    def forward(self, x: Array) -> Array:
        self.x = x
        return fast_forward(x, self.params["W"], self.params["b"])

    def backward(self, dz: Array, need_dx: bool = True) -> Array:
        self.grads["W"] = fast_dw(dz, self.x)
        self.grads["b"] = kernels.column_sums(dz)
        return fast_dx(dz, self.params["W"])
