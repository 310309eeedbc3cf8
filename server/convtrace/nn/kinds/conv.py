"""conv: M feature maps of d x d x t filters, zero padding P, stride S, one bias per map.

Reference equations first (read them beside the derivation; ``equations.py`` lists them in its
order), then the fast forms the layer calls (``tests/nn/test_kernels.py``: equal on random
shapes), then the layer. With ā the input zero-padded by P on every side (r̄ = r + 2P):

    z_{i,j,m} = Σ_{a,b,c} w^m_{a,b,c} ā_{S i + a, S j + b, c} + b^m,   i < R = ⌊(r̄ − d)/S⌋ + 1

Backward, with δ = ∂L/∂z and δ̂ the error *dilated* by the stride (S − 1 zeros between
neighbours, so δ̂_{S i, S j} = δ_{i,j}): ∂L/∂w correlates ā with δ̂, and ∂L/∂ā is the full
convolution of δ̂ with the filters (what frameworks call a transposed convolution), of which
∂L/∂a is the middle r x s (the padding is cropped; cells no window reached get 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .. import kernels
from ..fields import At, Field
from ..kernels import Array
from ..layers import Fields, Layer, Shape

# ---- reference ----


def pad(a: Array, p: int) -> Array:
    """ā: a (N, r, s, t) with P rows and columns of zeros on every side."""
    return np.pad(a, ((0, 0), (p, p), (p, p), (0, 0)))


def dilate(dz: Array, stride: int) -> Array:
    """δ̂: the error with S − 1 zeros between neighbouring entries, δ̂_{S i, S j} = δ_{i, j}."""
    n, rows, cols, m = dz.shape
    spread = np.zeros((n, stride * (rows - 1) + 1, stride * (cols - 1) + 1, m), dz.dtype)
    spread[:, ::stride, ::stride] = dz
    return spread


def conv_forward(a: Array, w: Array, b: Array, padding: int = 0, stride: int = 1) -> Array:
    """z_{i,j,m} = Σ_{a,b,c} w^m_{a,b,c} ā_{S i+a, S j+b, c} + b^m   (every d x d window of ā,
    keeping every S-th)."""
    windows = sliding_window_view(pad(a, padding), w.shape[1:3], axis=(1, 2))[:, ::stride, ::stride]
    z: Array = np.einsum("nijcab,mabc->nijm", windows, w) + b
    return z


def conv_dw(a: Array, dz: Array, d: int, padding: int = 0, stride: int = 1) -> Array:
    """∂L/∂w^m_{a,b,c} = Σ_{i,j} δ_{i,j,m} ā_{S i+a, S j+b, c} = Σ_{i,j} δ̂_{i,j,m} ā_{i+a, j+b, c}
    (summed over the batch): the padded input correlated with the dilated error."""
    spread = dilate(dz, stride)
    windows = sliding_window_view(pad(a, padding), spread.shape[1:3], axis=(1, 2))
    dw: Array = np.einsum("nijm,nabcij->mabc", spread, windows[:, :d, :d])
    return dw


def conv_db(dz: Array) -> Array:
    """∂L/∂b^m = Σ_{i,j} δ_{i,j,m}   (summed over the batch)."""
    db: Array = dz.sum(axis=(0, 1, 2))
    return db


def conv_dx(
    dz: Array, w: Array, padding: int = 0, stride: int = 1, size: tuple[int, int] | None = None
) -> Array:
    """∂L/∂ā_{i,j,c} = Σ_{a,b} Σ_{k=0}^{K−1} δ̂_{i−a,j−b,k} w^k_{a,b,c} (δ̂ = 0 outside): the
    dilated error zero-padded by d − 1, correlated with the filters rotated by 180 degrees.
    ∂L/∂a is ∂L/∂ā without its padding. ``size``: the input's (r, s) (default: the smallest
    that gives dz's shape; with S > 1 an input can have rows no window reached)."""
    d = w.shape[1]
    spread = dilate(dz, stride)
    framed = np.pad(spread, ((0, 0), (d - 1, d - 1), (d - 1, d - 1), (0, 0)))
    windows = sliding_window_view(framed, (d, d), axis=(1, 2))
    full: Array = np.einsum("nijkab,kabc->nijc", windows, w[:, ::-1, ::-1, :])
    r, s = size or (full.shape[1] - 2 * padding, full.shape[2] - 2 * padding)
    grown = np.pad(
        full,
        (
            (0, 0),
            (0, r + 2 * padding - full.shape[1]),
            (0, s + 2 * padding - full.shape[2]),
            (0, 0),
        ),
    )
    dx: Array = grown[:, padding : padding + r, padding : padding + s]
    return dx


# ---- fast forms ----


def fast_forward(cols: Array, w: Array, b: Array, out_shape: tuple[int, ...]) -> Array:
    """conv_forward from the im2col matrix ``cols = patches(ā, d, S)``: one product, plus the
    bias of each map."""
    z = kernels.add_to_rows(cols @ w.reshape(w.shape[0], -1).T, b)
    return z.reshape(out_shape)


def fast_dw(cols: Array, dz: Array) -> Array:
    """conv_dw: (im2col of ā)ᵀ times the error rows, one product (the dilation's zeros are
    never multiplied: each row of ``cols`` is already the window at S i, S j)."""
    m = dz.shape[-1]
    if dz.shape[0] == 1 and cols.flags.c_contiguous:
        # one image (the trace): δᵀ times cols comes out (M, d*d*t) row-major, so dL/dW is a
        # view of it and its finiteness test and record read one contiguous block (~1 us less
        # per layer at t ≥ 8). Training keeps the product below, tuned for batches.
        one: Array = dz.reshape(-1, m).T @ cols
        return one
    dw: Array = (cols.T @ dz.reshape(-1, m)).T
    return dw


def fast_db(dz: Array) -> Array:
    """conv_db: the error rows summed by a ones-vector product."""
    return kernels.column_sums(dz.reshape(-1, dz.shape[-1]))


def fast_dx(dz: Array, w: Array, padding: int, stride: int, size: tuple[int, int]) -> Array:
    """conv_dx, summed in two steps: the sum over k is a matrix product, g_{a,b} = δ · w_{a,b}
    (every error times the filter taps at offset (a, b)); the sum over (a, b) adds each g_{a,b}
    at S i + a, S j + b (shift-and-add). Equal to correlating the padded dilated errors with the
    rotated filters, without building the padded patch matrix (3-4x faster for one image)."""
    n, r, s, m = dz.shape
    _, d, _, t = w.shape
    rows = dz.reshape(-1, m)
    if t == 1:  # one product for all (a, b), already in (a, b, N, i, j) order
        g = (w.reshape(m, d * d).T @ rows.T).reshape(d, d, n, r, s, t)
    else:  # one (K x t) product per offset (a, b), stacked: (a, b, N, i, j, c) order
        g = (rows @ w.transpose(1, 2, 0, 3).reshape(d * d, m, t)).reshape(d, d, n, r, s, t)
    p, (height, width) = padding, size
    full = kernels.shift_and_add(g, stride, height + 2 * p, width + 2 * p)
    return full[:, p : p + height, p : p + width] if p else full


# ---- the layer ----


def padding_of(size: int, padding: int | str) -> int:
    """P for a padding field: "same" keeps r x s at stride 1 for an odd d, P = (d − 1)/2."""
    return (size - 1) // 2 if padding == "same" else int(padding)


def _checked_padding(d: int, padding: int | str, at: At) -> int:
    """P for a d x d filter, or the reason it cannot be: "same" needs an odd d, and P ≥ d would
    add rings of outputs that see nothing but zeros."""
    if padding == "same" and d % 2 == 0:
        raise at.error(
            "spec.padding_same_even",
            f'padding "same" needs an odd filter size, not {d}x{d}',
            "padding",
            size=d,
        )
    p = padding_of(d, padding)
    if p >= d:
        raise at.error(
            "spec.padding_too_large",
            f"padding {p} is too wide for a {d}x{d} "
            f"filter: the outer rings would only see zeros; use at most {d - 1}",
            "padding",
            padding=p,
            size=d,
            max=d - 1,
        )
    return p


class Conv2D(Layer):
    """x: (N, r, s, t) -> z: (N, R, C, M), R = ⌊(r + 2P − d)/S⌋ + 1.  w: (M, d, d, t), b: (M,)."""

    kind = "conv"
    output = "z"
    description = "Slides K filters of d x d over the input; each gives one feature map."
    fields = (
        Field("maps", 8, 1, 64, "feature maps K: one filter (and one bias) per map"),
        Field("size", 5, 1, 28, "filter size d: each filter is d x d x (input channels)"),
        Field(
            "padding",
            0,
            0,
            27,
            'rings of zeros around the input (at most size - 1); "same" keeps r x s (odd d)',
            allowed=("same",),
        ),
        Field("stride", 1, 1, 28, "step S between neighbouring windows"),
    )
    derived = ("in_channels",)

    def __init__(
        self,
        name: str,
        in_channels: int,
        maps: int,
        size: int,
        padding: int | str = 0,
        stride: int = 1,
    ) -> None:
        super().__init__(name)
        self.t, self.m, self.d = in_channels, maps, size
        self.padding, self.p, self.stride = padding, padding_of(size, padding), stride
        self.params = {
            "W": np.zeros((maps, size, size, in_channels), np.float32),
            "b": np.zeros((maps,), np.float32),
        }

    @classmethod
    def plan(cls, cfg: Mapping[str, Any], shape: Shape, at: At) -> Shape:
        at.require_map("conv", shape)
        (r, s, t), d, stride = shape, cfg["size"], cfg["stride"]
        p = _checked_padding(d, cfg["padding"], at)
        if d > min(r, s) + 2 * p:
            hint = "remove a pool or use a smaller filter" if p else "add padding or remove a pool"
            raise at.error(
                "spec.filter_too_large",
                f"a {d}x{d} filter does not fit a {r}x{s} input; {hint}",
                "size",
                size=d,
                rows=r,
                cols=s,
                padding=p,
            )
        if cfg.get("in_channels", t) != t:
            raise at.error(
                "spec.bad_field",
                f"in_channels is {cfg['in_channels']} but the input has {t} channels",
                "in_channels",
                value=cfg["in_channels"],
            )
        rows, cols = (kernels.out_size(n + 2 * p, d, stride) for n in (r, s))
        return (rows, cols, cfg["maps"])

    @classmethod
    def cost(cls, cfg: Mapping[str, Any], shape: Shape, out: Shape) -> tuple[int, int]:
        per_map = cfg["size"] ** 2 * shape[2]
        return cfg["maps"] * (per_map + 1), out[0] * out[1] * out[2] * per_map

    @classmethod
    def from_config(cls, name: str, cfg: Mapping[str, Any], shape: Shape) -> Layer:
        return cls(name, shape[2], cfg["maps"], cfg["size"], cfg["padding"], cfg["stride"])

    def output_shape(self, input_shape: Shape) -> Shape:
        r, s, _ = input_shape
        return (*(kernels.out_size(n + 2 * self.p, self.d, self.stride) for n in (r, s)), self.m)

    def config(self) -> dict[str, Any]:
        cfg = {**super().config(), "maps": self.m, "size": self.d}
        if self.padding != 0:  # the defaults stay out: a shipped spec reads as it always did
            cfg["padding"] = self.padding
        if self.stride != 1:
            cfg["stride"] = self.stride
        return {**cfg, "in_channels": self.t}

    def extra(self) -> Fields:
        return {"padding": self.p, "stride": self.stride}

    def forward(self, x: Array) -> Array:
        n, r, s, _ = x.shape
        p, d, stride = self.p, self.d, self.stride
        self.size = (r, s)
        # kept: dL/dW needs ā_{S i + a, S j + b, c}
        self.cols = kernels.patches(kernels.pad(x, p), d, stride)
        out = (n, (r + 2 * p - d) // stride + 1, (s + 2 * p - d) // stride + 1, self.m)
        return fast_forward(self.cols, self.params["W"], self.params["b"], out)

    def backward(self, dz: Array, need_dx: bool = True) -> Array | None:
        w = self.params["W"]
        self.grads["W"] = fast_dw(self.cols, dz).reshape(w.shape)
        self.grads["b"] = fast_db(dz)
        return fast_dx(dz, w, self.p, self.stride, self.size) if need_dx else None
