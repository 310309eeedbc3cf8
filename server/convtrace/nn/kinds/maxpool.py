"""maxpool: the largest value of each k x k window (stride S), and its switch.

The switch of a window is the slot a*k + b of its maximum, recorded in forward, shown by the
trace and used, never recomputed, in backward. Tie rule: of equal maxima the first in
row-major order (a, then b) wins. With overlapping windows (S < k) a cell can be the switch of
several windows: its error is the sum of theirs.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import numpy.typing as npt

from .. import kernels
from ..kernels import Array, Switches, SwitchTable
from ..layers import Fields, Shape
from .window import Pool2D, window_cells, windows

Index = npt.NDArray[np.integer]

TIE_RULE = "first maximum, row-major"
"""Max-pool tie rule: of equal maxima in a window, the first in row-major order (a, then b) wins."""

# ---- reference ----


def maxpool_forward(a: Array, k: int, stride: int | None = None) -> Array:
    """a^{pool}_{i,j,c} = max_{0≤a,b<k} a_{S i + a, S j + b, c}."""
    pooled: Array = windows(a, k, stride or k).max(axis=-1)
    return pooled


def maxpool_switches(a: Array, k: int, stride: int | None = None) -> Index:
    """The switch of each window: the slot a*k + b of its maximum. np.argmax returns the first
    maximum, which is the tie rule (TIE_RULE)."""
    switches: Index = np.argmax(windows(a, k, stride or k), axis=-1)
    return switches


def switch_cells(switches: Index, k: int, stride: int | None = None) -> Index:
    """Switches as input coordinates (N, R, C_out, C, 2): (S i + a, S j + b) of each winner."""
    _, rows, cols, _ = switches.shape
    s = stride or k
    i = np.arange(rows).reshape(rows, 1, 1)
    j = np.arange(cols).reshape(1, cols, 1)
    return np.stack((s * i + switches // k, s * j + switches % k), axis=-1)


def maxpool_backward(
    dy: Array,
    switches: Index,
    k: int,
    stride: int | None = None,
    size: tuple[int, int] | None = None,
) -> Array:
    """∂L/∂a_{p,q,c} = Σ of ∂L/∂a^{pool}_{i,j,c} over the windows (i, j) whose switch is the cell
    (p, q), else 0: each pooled cell's error goes to its winner only. ``size``: the input's
    (r, s) (default: the windows tile it exactly)."""
    n, rows, cols, c = dy.shape
    s = stride or k
    r, w = size or (s * (rows - 1) + k, s * (cols - 1) + k)
    cells = switch_cells(switches, k, s)
    dx: Array = np.zeros((n, r, w, c), dy.dtype)
    images = np.arange(n).reshape(n, 1, 1, 1)
    maps = np.arange(c).reshape(1, 1, 1, c)
    np.add.at(dx, (images, cells[..., 0], cells[..., 1], maps), dy)
    return dx


# ---- fast forms ----


def fast_maxpool(x: Array, k: int, stride: int) -> tuple[Array, Switches]:
    """maxpool_forward and maxpool_switches in one pass over the windows.

    The switch is the first slot holding the maximum (the tie rule), i.e. the number of leading
    slots that are not the maximum: ne_0 (1 + ne_1 (1 + ne_2 (...))), built from the back in
    place (the last slot needs no test); no argmax over a copied axis.
    """
    slots = kernels.window_slots(x, k, stride)
    y: Array = np.maximum.reduce(slots, axis=0)  # slots.max without its Python wrapper
    if k == 1:
        return y, np.zeros(y.shape, np.int16)
    not_max = slots[:-1] != y
    switches = not_max[-1].astype(np.int16)
    for slot in not_max[-2::-1]:
        switches += 1
        switches *= slot
    return y, switches


def fast_maxpool_backward(
    dy: Array, switches: Switches, k: int, stride: int, shape: Shape
) -> Array:
    """maxpool_backward: one comparison against every slot at once, then the slots added back
    at their cells (any stride; for windows that never overlap, ``routed_to_switches`` is
    faster)."""
    routed = (_slot_numbers(k) == switches) * dy  # (a*k + b, N, i, j, C)
    return kernels.add_slots(routed.astype(dy.dtype, copy=False), k, stride, shape)


RouteTable = tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]
# Lookup tables kept per shape, shared by every network and replica (a request's replica has
# layers of its own: tables kept on a layer were built again on every request).
TABLES_KEPT = 32


def _read_only(array: Index) -> Any:
    array.flags.writeable = False
    return array


@functools.lru_cache(maxsize=TABLES_KEPT)
def route_table(shape: Shape, k: int, stride: int, out: Shape) -> RouteTable:
    """For ``routed_to_switches``: the flat index in the input (N, r, s, C) of every window's
    top-left cell, (S i, S j) of image n and map c, in the switches' shape; and the step from
    there to slot a*k + b, (a s + b) C. They depend only on the shapes: built once per shape
    for every network (read-only)."""
    _, _, cols, maps = shape
    n, i, j, c = np.indices(out, sparse=True)
    corner = ((n * shape[1] + stride * i) * cols + stride * j) * maps + c
    a, b = np.divmod(np.arange(k * k), k)
    return _read_only(np.ascontiguousarray(np.broadcast_to(corner, out), np.intp)), _read_only(
        (a * cols + b) * maps
    )


def routed_to_switches(dy: Array, switches: Switches, table: RouteTable, shape: Shape) -> Array:
    """maxpool_backward for windows that do not overlap (S ≥ k): each pooled error written at
    its switch cell, every other cell 0. No cell is two windows' switch, so writing is adding
    (2x faster than comparing every slot: 4.5 against 7.8 us at 28 x 28 x 8, 113 against 223
    us for a batch of 64 at 24 x 24 x 8)."""
    corner, step = table
    cells = np.take(step, switches)
    cells += corner
    dx = np.zeros(shape, dy.dtype)
    dx.reshape(-1)[cells.reshape(-1)] = dy.reshape(-1)
    return dx


@functools.cache
def _slot_numbers(k: int) -> Switches:
    """0 … k² − 1 down the first axis, to compare with switches (made once per k)."""
    slots: Switches = _read_only(np.arange(k * k, dtype=np.int16).reshape(k * k, 1, 1, 1, 1))
    return slots


def switch_table(k: int, rows: int, cols: int, stride: int | None = None) -> SwitchTable:
    """For ``fast_switch_cells``: cells[w k² + a k + b] = (S i + a, S j + b) for window
    w = i cols + j, and first[i, j, 0] = w k². They depend only on the shapes: built once."""
    s = stride or k
    i, j, a, b = np.indices((rows, cols, k, k), dtype=np.int16)
    cells = np.stack((s * i + a, s * j + b), axis=-1).reshape(-1, 2)
    first = (k * k * np.arange(rows * cols, dtype=np.intp)).reshape(rows, cols, 1)
    return cells, first


def fast_switch_cells(switches: Switches, table: SwitchTable) -> Switches:
    """switch_cells by one lookup per switch in ``switch_table``."""
    cells, first = table
    found: Switches = np.take(cells, switches + first, axis=0)
    return found


@functools.lru_cache(maxsize=TABLES_KEPT)
def switch_lookup(k: int, stride: int, shape: Shape) -> SwitchTable:
    """``switch_table`` for switches of this shape (N, R, C_out, C), with ``first`` spread to it
    (adding equal shapes skips a slow broadcast); built once per shape (read-only)."""
    cells, first = switch_table(k, shape[1], shape[2], stride)
    return _read_only(cells), _read_only(np.ascontiguousarray(np.broadcast_to(first, shape)))


# ---- the layer ----


class MaxPool2D(Pool2D):
    """x: (N, r, s, C) -> y: (N, R, C_out, C), R = ⌊(r − k)/S⌋ + 1.
    switches: (N, R, C_out, C) int, the winner's slot a*k + b in its window (tie rule above)."""

    kind = "maxpool"
    description = "Keeps the largest value of each k x k window and remembers where it was."

    def __init__(self, name: str, size: int = 2, stride: int | None = None) -> None:
        super().__init__(name, size, stride)

    def forward(self, x: Array) -> Array:
        self.x_shape = x.shape
        # stored here, never recomputed: backward and the trace use these same switches
        y, self.switches = fast_maxpool(x, self.k, self.stride)
        return y

    def backward(self, dy: Array, need_dx: bool = True) -> Array:
        if self.stride < self.k:  # overlapping windows: a cell may collect several errors
            return fast_maxpool_backward(dy, self.switches, self.k, self.stride, self.x_shape)
        table = route_table(self.x_shape, self.k, self.stride, self.switches.shape)
        return routed_to_switches(dy, self.switches, table, self.x_shape)

    def error_reads(self, error: str, below: str) -> tuple[str, ...]:
        return (error, f"{self.name}.switches")  # routed to the winners

    def side_labels(self, below: str) -> tuple[Fields, ...]:
        return (
            {
                "phase": "forward",
                "layer": self.name,
                "kind": self.kind,
                "quantity": "switches",
                "equation": "maxpool.switches",
                "reads": (below,),
                "extra": {"tie_rule": TIE_RULE, **self.extra()},
            },
        )

    def side_arrays(self) -> tuple[Switches, ...]:
        return (self.switch_cells(),)

    def kink_state(self) -> bytes:
        return self.switches.tobytes()

    def switch_cells(self) -> Switches:
        """Switches as input coordinates: (N, R, C_out, C, 2) holding (row, col) of each winner,
        i.e. the window's top-left cell (S i, S j) plus the winner's (a, b) inside it."""
        shape = self.switches.shape
        table = switch_lookup(self.k, self.stride, shape)
        return fast_switch_cells(self.switches, table)


__all__ = ["TIE_RULE", "MaxPool2D", "window_cells"]
