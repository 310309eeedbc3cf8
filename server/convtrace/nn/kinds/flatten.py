"""flatten: the r x s x C block read row-major (i, then j, then c) into one vector per image.

A spec must say where it flattens: a dense layer needs a flat input, and the trace shows the
flatten and its error (reshaped back) as steps of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..fields import At
from ..kernels import Array
from ..layers import Layer, Shape

# ---- reference (the layer calls these: a reshape has no faster form) ----


def flatten(a: Array) -> Array:
    """The r x s x C block read row-major (i, then j, then c) into one vector per image."""
    return a.reshape(a.shape[0], -1)


def unflatten(dx: Array, shape: tuple[int, ...]) -> Array:
    """The vector's error read back into the r x s x C block (flatten's order)."""
    return dx.reshape(shape)


# ---- the layer ----


class Flatten(Layer):
    """(N, r, s, C) -> (N, r*s*C) in row-major (r, s, C) order."""

    kind = "flatten"
    description = "Reads the maps row by row into one long vector for the dense layers."

    @classmethod
    def plan(cls, cfg: Mapping[str, Any], shape: Shape, at: At) -> Shape:
        if len(shape) != 3:
            raise at.error(
                "spec.needs_map",
                f"the input is already a flat vector of {shape[0]}; remove this flatten",
            )
        return (int(np.prod(shape)),)

    def output_shape(self, input_shape: Shape) -> Shape:
        return (int(np.prod(input_shape)),)

    def forward(self, x: Array) -> Array:
        self.x_shape = x.shape
        return flatten(x)

    def backward(self, dy: Array, need_dx: bool = True) -> Array:
        return unflatten(dy, self.x_shape)
