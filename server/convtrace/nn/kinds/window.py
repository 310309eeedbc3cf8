"""What max-pool and average pool share: k x k windows stepping by a stride S (default k).

R = ⌊(r − k)/S⌋ + 1 windows down (and C across): with S = k they tile the map, with S < k they
overlap, and rows or columns past the last window (r − k not a multiple of S) are read by no
window, so their error is 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from .. import kernels
from ..fields import At, Field
from ..kernels import Array
from ..layers import Fields, Layer, Shape

Index = npt.NDArray[np.intp]

POOL_FIELDS = (
    Field("size", 2, 1, 28, "window size k: each output cell summarises a k x k window"),
    Field(
        "stride",
        None,
        1,
        28,
        "step S between windows (default: the size, no overlap)",
        default_from="size",
    ),
)


def windows(a: Array, k: int, stride: int) -> Array:
    """(N, r, s, C) -> (N, R, C_out, C, k*k): the window at (S i, S j) of map c, its cells in
    row-major order, so slot a*k + b holds a_{S i + a, S j + b, c} (a view where possible)."""
    view = sliding_window_view(a, (k, k), axis=(1, 2))[:, ::stride, ::stride]
    return view.reshape(*view.shape[:4], k * k)


def window_cells(k: int, stride: int, rows: int, cols: int) -> tuple[Index, Index]:
    """Row and column of every window's every cell: (R, C_out, 1, k*k) each, for slot a*k + b
    at (S i + a, S j + b) (the trailing 1 broadcasts over the channels)."""
    i, j, slot = np.ogrid[:rows, :cols, : k * k]
    return (stride * i + slot // k)[:, :, None], (stride * j + slot % k)[:, :, None]


class Pool2D(Layer):
    """k x k windows with stride S on each map separately: x (N, r, s, C) -> (N, R, C_out, C)."""

    fields = POOL_FIELDS

    def __init__(self, name: str, size: int = 2, stride: int | None = None) -> None:
        super().__init__(name)
        self.k, self.stride = size, size if stride is None else stride

    @classmethod
    def plan(cls, cfg: Mapping[str, Any], shape: Shape, at: At) -> Shape:
        at.require_map(cls.kind, shape)
        (r, s, c), k = shape, cfg["size"]
        if k > min(r, s):
            raise at.error(
                "spec.map_vanished",
                f"a {k}x{k} window does not fit a {r}x{s} map, "
                "so no output would be left; use a smaller window or remove a "
                "pool",
                "size",
                size=k,
                rows=r,
                cols=s,
            )
        stride = cfg["stride"] or k
        return (kernels.out_size(r, k, stride), kernels.out_size(s, k, stride), c)

    @classmethod
    def from_config(cls, name: str, cfg: Mapping[str, Any], shape: Shape) -> Layer:
        return cls(name, cfg["size"], cfg["stride"])

    def output_shape(self, input_shape: Shape) -> Shape:
        r, s, c = input_shape
        return (
            kernels.out_size(r, self.k, self.stride),
            kernels.out_size(s, self.k, self.stride),
            c,
        )

    def config(self) -> dict[str, Any]:
        cfg = {**super().config(), "size": self.k}
        if self.stride != self.k:  # the default stays out: a shipped spec reads as it always did
            cfg["stride"] = self.stride
        return cfg

    def extra(self) -> Fields:
        return {"size": self.k, "stride": self.stride}
