"""Fast building blocks shared by several layer kinds; each kind's fast forms (in
``kinds/<kind>.py``) are made of these and are tested equal to that kind's reference equations.

Layout: activations N x r x s x t, filters K x d x d x t. What makes these fast: the convolution
sums become one matrix product over an im2col matrix built with hand-computed strides (a view,
then one copy); sums over a tall, narrow matrix are products with a ones-vector; the error passed
down by a convolution is a product followed by a shift-and-add instead of a padded im2col;
pooling windows are strided views of the input, one slot (a, b) of every window at a time.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.floating]
Switches = npt.NDArray[np.int16]
SwitchTable = tuple[npt.NDArray[np.int16], npt.NDArray[np.intp]]


def out_size(n: int, d: int, stride: int) -> int:
    """Positions of a d-wide window stepping by ``stride`` along n cells: ⌊(n − d)/S⌋ + 1."""
    return (n - d) // stride + 1


def pad(x: Array, p: int) -> Array:
    """x (N, r, s, t) with p rows/columns of zeros added on every side (x itself if p = 0)."""
    if p == 0:
        return x
    out = np.zeros((x.shape[0], x.shape[1] + 2 * p, x.shape[2] + 2 * p, x.shape[3]), x.dtype)
    out[:, p:-p, p:-p] = x
    return out


def patches(x: Array, d: int, stride: int = 1) -> Array:
    """All d x d windows of x (N, r, s, t), stepping by ``stride``, as a matrix
    (N*R*C, d*d*t) (im2col), R = ⌊(r−d)/S⌋ + 1 and C likewise.

    Column order is (a, b, c), matching a filter w[m] flattened row-major. The strided view
    costs nothing; the reshape copies it once, turning the sums over a, b, c into one product.
    """
    n, r, s, t = x.shape
    x = np.ascontiguousarray(x)
    rows_out, cols_out = out_size(r, d, stride), out_size(s, d, stride)
    # strides from the shape: numpy may report any stride for an axis of length 1 (t = 1 here)
    st = x.itemsize
    ss, sr, sn = t * st, s * t * st, r * s * t * st
    rows, cols = n * rows_out * cols_out, d * d * t
    win: Array
    if t == 1:
        # One channel: copy the same matrix column by column (it comes out column-major), so
        # each copied run is a window row of C numbers rather than d: about 4x faster here.
        win = np.ndarray(
            (d, d, n, rows_out, cols_out),
            x.dtype,
            x.data,
            strides=(sr, ss, sn, stride * sr, stride * ss),
        )  # a, b, N, i, j
        return win.reshape(cols, rows).T
    # (b, c) of a window is one contiguous run of d*t numbers, so view it as a single axis.
    # A read-only view over x's buffer (what as_strided does, without its Python overhead).
    win = np.ndarray(
        (n, rows_out, cols_out, d, d * t),
        x.dtype,
        x.data,
        strides=(sn, stride * sr, stride * ss, sr, st),
    )  # N, i, j, a, (b, c)
    return win.reshape(rows, cols)


# Read-only vectors of ones and of zeros, sliced to the length asked for: sums as products with
# ones are made ~10 times per trace, and allocating a fresh vector each time was a fifth of a
# small one's cost; zeros are ReLU's other operand (``positive_part``).
ONES_KEPT = 1 << 16
_ONES: dict[np.dtype, Array] = {
    np.dtype(dtype): np.ones(ONES_KEPT, dtype) for dtype in (np.float32, np.float64)
}
_ZEROS: dict[np.dtype, Array] = {
    np.dtype(dtype): np.zeros(ONES_KEPT, dtype) for dtype in (np.float32, np.float64)
}
for _kept in (*_ONES.values(), *_ZEROS.values()):
    _kept.flags.writeable = False


def ones(n: int, dtype: np.dtype) -> Array:
    """A vector of n ones (read-only when kept: n ≤ ONES_KEPT, float32 or float64)."""
    kept = _ONES.get(dtype)
    if kept is not None and n <= ONES_KEPT:
        return kept[:n]
    fresh: Array = np.ones(n, dtype)
    return fresh


def positive_part(z: Array) -> Array:
    """max(z, 0) elementwise, as NumPy's maximum of two contiguous arrays (z and kept zeros),
    ONES_KEPT entries per call. NumPy 2's maximum has no vectorised loop for a scalar (or any
    broadcast) operand: np.maximum(z, 0) is ~3x slower, for one image (2.5 against 0.8 us at
    28 x 28 x 8) and for a training batch (92 against 33 us at 64 x 24 x 24 x 8) alike."""
    zeros = _ZEROS.get(z.dtype)
    if zeros is None:  # another precision: the plain (slower) form
        plain: Array = np.maximum(z, 0)
        return plain
    n = z.size
    if n <= ONES_KEPT:  # one call (every trace)
        small: Array = np.maximum(z, zeros[:n].reshape(z.shape))
        return small
    flat = np.ascontiguousarray(z).reshape(-1)
    out = np.empty_like(flat)
    for start in range(0, n, ONES_KEPT):
        part = flat[start : start + ONES_KEPT]
        np.maximum(part, zeros[: part.size], out=out[start : start + part.size])
    return out.reshape(z.shape)


# Entries from which add_to_rows repeats the added row: below, one short call is faster.
WIDE_FROM = 1 << 12
WIDE = 256


def add_to_rows(z: Array, b: Array) -> Array:
    """z (P, M) += b on every row, in place. NumPy's broadcast loop adds M numbers at a time, P
    times: for a narrow M (a conv layer's maps) that is slow, 120 us for a batch's
    (64 x 24 x 24, 8), more than the product that made z. Repeated ``reps`` times, b covers a
    row of z viewed as (P / reps, reps M): the same additions in loops 256 long, 3.5x faster
    (~1 us less for one image's 28 x 28 x 8)."""
    p, m = z.shape
    reps = math.gcd(p, WIDE // m) if m < WIDE and p * m >= WIDE_FROM else 1
    if reps == 1:
        z += b
        return z
    wide = np.empty((reps, m), z.dtype)
    wide[...] = b
    z.reshape(p // reps, reps * m)[...] += wide.reshape(-1)
    return z


def column_sums(rows: Array) -> Array:
    """Σ_i rows[i, :] as a product with a vector of ones: for a tall, narrow matrix this is
    ~20x faster than NumPy's axis-0 reduction, which walks the few columns one at a time."""
    sums: Array = ones(rows.shape[0], rows.dtype) @ rows
    return sums


# Plane entries past which a strided shift-and-add goes phase by phase (a training batch; one
# image is faster in one go, with fewer NumPy calls).
PHASES_FROM = 1 << 18


def shift_and_add(g: Array, stride: int = 1, rows: int = 0, cols: int = 0) -> Array:
    """Σ_{a,b} g[a, b] spread out by ``stride`` and moved a rows down and b columns right:
    (d, d, N, R, C, t) -> (N, rows, cols, t), out[n, S i + a, S j + b] += g[a, b, n, i, j].

    ``rows``/``cols`` (at least S(R−1) + d; 0: exactly that) leave room for input cells no
    window reached (they get 0).
    """
    d, _, n, r, s, t = g.shape
    rows = max(rows, stride * (r - 1) + d)
    cols = max(cols, stride * (s - 1) + d)
    if stride > 1 and d * d * n * rows * cols * t > PHASES_FROM:
        return _by_phase(g, stride, rows, cols)
    return _planes(g, stride, rows, cols)


def _planes(g: Array, stride: int, rows: int, cols: int) -> Array:
    """Each shifted g[a, b] is written into its own zeroed plane in one assignment, through a
    view whose strides include the shift; then the planes are added (one product with ones)."""
    dr, dc, n, _, _, t = g.shape
    planes = np.zeros((dr, dc, n, rows, cols, t), g.dtype)
    st = g.itemsize
    plane, row, col = n * rows * cols * t * st, cols * t * st, t * st
    # shifted[a, b, N, i, j] is planes[a, b, N, S i + a, S j + b]
    shifted: Array = np.ndarray(
        g.shape,
        g.dtype,
        planes.data,
        strides=(dc * plane + row, plane + col, rows * row, stride * row, stride * col, st),
    )
    shifted[...] = g
    return column_sums(planes.reshape(dr * dc, -1)).reshape(n, rows, cols, t)


def _by_phase(g: Array, stride: int, rows: int, cols: int) -> Array:
    """shift_and_add for S > 1 without S² times larger planes (mostly zeros): a cell S I + u is
    reached only by the offsets a = S q + u (from window I − q). So each phase (u, v) is a
    stride-1 shift-and-add of g[u::S, v::S] onto the cells [u::S, v::S]: 2-3x faster for a
    batch of 64 at S = 2."""
    d, _, n, r, s, t = g.shape
    out = np.zeros((n, rows, cols, t), g.dtype)
    for u in range(min(stride, d)):
        for v in range(min(stride, d)):
            part = g[u::stride, v::stride]
            pr, pc = r + part.shape[0] - 1, s + part.shape[1] - 1
            cells = out[
                :, u : u + stride * (pr - 1) + 1 : stride, v : v + stride * (pc - 1) + 1 : stride
            ]
            cells[...] = _planes(part, 1, pr, pc)
    return out


def window_slots(x: Array, k: int, stride: int) -> Array:
    """The k x k windows of x (N, r, s, C) stepping by ``stride``, slot first:
    (k*k, N, R, C_out, C), slot a*k + b holding x[n, S i + a, S j + b, c] (one copy)."""
    n, r, s, c = x.shape
    rows, cols = out_size(r, k, stride), out_size(s, k, stride)
    if stride == k:  # tiling windows: a reshape of the covered block
        block = x[:, : rows * k, : cols * k]
        return (
            block.reshape(n, rows, k, cols, k, c)
            .transpose(2, 4, 0, 1, 3, 5)
            .reshape(k * k, n, rows, cols, c)
        )
    x = np.ascontiguousarray(x)
    st = x.itemsize
    sc, ss, sr, sn = st, c * st, s * c * st, r * s * c * st
    view: Array = np.ndarray(
        (k, k, n, rows, cols, c),
        x.dtype,
        x.data,
        strides=(sr, ss, sn, stride * sr, stride * ss, sc),
    )
    return view.reshape(k * k, n, rows, cols, c)


def add_slots(parts: Array, k: int, stride: int, shape: tuple[int, ...]) -> Array:
    """The inverse gathering of ``window_slots``: parts (k*k, N, R, C_out, C) added into an
    array of ``shape`` (N, r, s, C) at x[n, S i + a, S j + b, c]; cells no window covers get 0,
    and a cell in several overlapping windows gets the sum of its parts."""
    _, n, rows, cols, c = parts.shape
    if stride == k:  # tiling windows: a transpose of the covered block, zeros around it
        block = parts.reshape(k, k, n, rows, cols, c).transpose(2, 3, 0, 4, 1, 5)
        block = block.reshape(n, rows * k, cols * k, c)
        if block.shape == shape:
            return block
        dx = np.zeros(shape, parts.dtype)
        dx[:, : rows * k, : cols * k] = block
        return dx
    dx = np.zeros(shape, parts.dtype)
    for slot in range(k * k):
        a, b = divmod(slot, k)
        rs = slice(a, a + stride * (rows - 1) + 1, stride)
        cs = slice(b, b + stride * (cols - 1) + 1, stride)
        dx[:, rs, cs] += parts[slot]
    return dx
