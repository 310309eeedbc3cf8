"""The fast forms of the equations the layers compute; each equals its reference in
``equations.py`` (``tests/nn/test_kernels.py`` shows it on random shapes, ties included).

Layout as in ``equations.py``: activations N x r x s x t, filters K x d x d x t, dense n_out x n_in.
What makes these fast: the convolution sums become one matrix product over an im2col matrix built
with hand-computed strides; sums over a tall, narrow matrix are products with a ones-vector;
the error passed down is a product followed by a shift-and-add instead of a padded im2col; the
max-pool switches come from comparisons instead of an argmax over a copied axis.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.floating]
Switches = npt.NDArray[np.int16]
SwitchTable = tuple[npt.NDArray[np.int16], npt.NDArray[np.intp]]


def patches(x: Array, d: int) -> Array:
    """All d x d windows of x (N, r, s, t) as a matrix (N*(r-d+1)*(s-d+1), d*d*t) (im2col).

    Column order is (a, b, c), matching a filter w[m] flattened row-major. The strided view
    costs nothing; the reshape copies it once, turning the sums over a, b, c into one product.
    """
    n, r, s, t = x.shape
    x = np.ascontiguousarray(x)
    # strides from the shape: numpy may report any stride for an axis of length 1 (t = 1 here)
    st = x.itemsize
    ss, sr, sn = t * st, s * t * st, r * s * t * st
    rows, cols = n * (r - d + 1) * (s - d + 1), d * d * t
    win: Array
    if t == 1:
        # One channel: copy the same matrix column by column (it comes out column-major), so
        # each copied run is a window row of s-d+1 numbers rather than d: about 4x faster here.
        win = np.ndarray(
            (d, d, n, r - d + 1, s - d + 1), x.dtype, x.data, strides=(sr, ss, sn, sr, ss)
        )  # a, b, N, i, j
        return win.reshape(cols, rows).T
    # (b, c) of a window is one contiguous run of d*t numbers, so view it as a single axis.
    # A read-only view over x's buffer (what as_strided does, without its Python overhead).
    win = np.ndarray(
        (n, r - d + 1, s - d + 1, d, d * t), x.dtype, x.data, strides=(sn, sr, ss, sr, st)
    )  # N, i, j, a, (b, c)
    return win.reshape(rows, cols)


def column_sums(rows: Array) -> Array:
    """Σ_i rows[i, :] as a product with a vector of ones: for a tall, narrow matrix this is
    ~20x faster than NumPy's axis-0 reduction, which walks the few columns one at a time."""
    sums: Array = np.ones(rows.shape[0], rows.dtype) @ rows
    return sums


def conv_forward(cols: Array, w: Array, b: Array, out_shape: tuple[int, ...]) -> Array:
    """equations.conv_forward from the im2col matrix ``cols = patches(a, d)``: one product."""
    z = cols @ w.reshape(w.shape[0], -1).T
    z += b
    return z.reshape(out_shape)


def conv_dw(cols: Array, dz: Array) -> Array:
    """equations.conv_dw: (im2col of a)ᵀ times the error rows, one product."""
    m = dz.shape[-1]
    dw: Array = (cols.T @ dz.reshape(-1, m)).T
    return dw


def conv_db(dz: Array) -> Array:
    """equations.conv_db: the error rows summed by a ones-vector product."""
    return column_sums(dz.reshape(-1, dz.shape[-1]))


def conv_dx(dz: Array, w: Array) -> Array:
    """equations.conv_dx, the full convolution, summed in two steps: the sum over k is a matrix
    product, g_{a,b} = δ · w_{a,b} (every error times the filter taps at offset (a, b)); the sum
    over (a, b) adds each g_{a,b} shifted a rows down and b columns right. Equal to correlating
    the zero-padded errors with the rotated filters, without building the padded patch matrix
    (3-4x faster for one image)."""
    n, r, s, m = dz.shape
    _, d, _, t = w.shape
    rows = dz.reshape(-1, m)
    if t == 1:  # one product for all (a, b), already in (a, b, N, i, j) order
        g = w.reshape(m, d * d).T @ rows.T
    else:  # one (K x t) product per offset (a, b)
        g = rows @ w.transpose(1, 2, 0, 3).reshape(d * d, m, t)
    return shift_and_add(g.reshape(d, d, n, r, s, t))


def shift_and_add(g: Array) -> Array:
    """Σ_{a,b} g[a, b] moved a rows down and b columns right: (d, d, N, r, s, t) ->
    (N, r+d-1, s+d-1, t).

    Each shifted g[a, b] is written into its own zeroed plane in one assignment, through a view
    whose (a, b) strides include the shift; then the d*d planes are added up.
    """
    d, _, n, r, s, t = g.shape
    rows, cols = r + d - 1, s + d - 1
    planes = np.zeros((d, d, n, rows, cols, t), g.dtype)
    st = g.itemsize
    plane, row, col = n * rows * cols * t * st, cols * t * st, t * st
    # shifted[a, b, N, i, j] is planes[a, b, N, i + a, j + b]
    shifted: Array = np.ndarray(
        g.shape,
        g.dtype,
        planes.data,
        strides=(d * plane + row, plane + col, rows * row, row, col, st),
    )
    shifted[...] = g
    return column_sums(planes.reshape(d * d, -1)).reshape(n, rows, cols, t)


def pool_windows(x: Array, k: int) -> Array:
    """(N, r, s, C) -> (k*k, N, r/k, s/k, C): the window slot a*k + b first (one copy)."""
    n, r, s, c = x.shape
    return (
        x.reshape(n, r // k, k, s // k, k, c)
        .transpose(2, 4, 0, 1, 3, 5)
        .reshape(k * k, n, r // k, s // k, c)
    )


def maxpool_forward(x: Array, k: int) -> tuple[Array, Switches]:
    """equations.maxpool_forward and equations.maxpool_switches in one pass over the windows.

    The switch is the first slot holding the maximum (the tie rule), i.e. the number of leading
    slots that are not the maximum: ne_0 (1 + ne_1 (1 + ne_2 (...))), built from the back (the
    last slot needs no test); no argmax over a copied axis.
    """
    windows = pool_windows(x, k)
    y: Array = windows.max(axis=0)
    not_max = windows != y
    switches = np.zeros(y.shape, np.int16)
    for slot in not_max[-2::-1]:
        switches = slot * (switches + np.int16(1))
    return y, switches


def maxpool_backward(dy: Array, switches: Switches, k: int) -> Array:
    """equations.maxpool_backward: one comparison against every slot at once."""
    n, rows, cols, c = dy.shape
    slots = np.arange(k * k, dtype=np.int16).reshape(k, k, 1, 1, 1, 1)
    routed = (slots == switches) * dy  # (a, b, N, r/k, s/k, C)
    dx: Array = routed.transpose(2, 3, 0, 4, 1, 5).reshape(n, rows * k, cols * k, c)
    return dx.astype(dy.dtype, copy=False)


def relu_prime(z: Array) -> Array:
    """equations.relu_prime (the same expression; listed so every layer calls kernels)."""
    return (z > 0).astype(z.dtype)


def sigmoid_prime(a: Array) -> Array:
    """equations.sigmoid_prime from the kept output a = σ(z): σ′ = a (1 − a), no second tanh."""
    return a * (1 - a)


def tanh_prime(a: Array) -> Array:
    """equations.tanh_prime from the kept output a = tanh z: σ′ = 1 − a²."""
    return 1 - a * a


def dense_forward(x: Array, w: Array, b: Array) -> Array:
    """equations.dense_forward as a BLAS product."""
    z: Array = x @ w.T + b
    return z


def dense_dw(dz: Array, x: Array) -> Array:
    """equations.dense_dw as a BLAS product."""
    dw: Array = dz.T @ x
    return dw


def dense_dx(dz: Array, w: Array) -> Array:
    """equations.dense_dx as a BLAS product."""
    dx: Array = dz @ w
    return dx


def switch_table(
    k: int, rows: int, cols: int
) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.intp]]:
    """For ``switch_cells``: cells[w k² + a k + b] = (k i + a, k j + b) for window w = i cols + j,
    and first[i, j, 0] = w k². They depend only on the shapes, so a layer builds them once."""
    i, j, a, b = np.indices((rows, cols, k, k), dtype=np.int16)
    cells = np.stack((k * i + a, k * j + b), axis=-1).reshape(-1, 2)
    first = (k * k * np.arange(rows * cols, dtype=np.intp)).reshape(rows, cols, 1)
    return cells, first


def switch_cells(switches: Switches, table: SwitchTable) -> Switches:
    """equations.switch_cells by one lookup per switch in ``switch_table``."""
    cells, first = table
    found: Switches = np.take(cells, switches + first, axis=0)
    return found
