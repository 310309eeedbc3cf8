"""Layers of the network, written to read like the derivation.

Axis convention (the only one in the engine): activations are batches of images laid out
N x r x s x t (batch, height, width, channels); a single image in the trace drops N.
Conv filters are M x d x d x t (feature map, row offset a, column offset b, channel c).
Dense weights are n_out x n_in, so z = W x + b.

Layer contract: ``forward(x)`` keeps exactly what ``backward`` needs (and what the trace shows);
``backward(dy)`` returns dx and fills ``grads[k]`` for every ``params[k]``. ``d<name>`` is always
dL/d<name>. Every layer carries an explicit ``kind``; nothing dispatches on names.
"""

from __future__ import annotations

import functools
from typing import ClassVar

import numpy as np


class Layer:
    kind: ClassVar[str] = "layer"

    def __init__(self, name: str):
        self.name = name
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        return input_shape

    def forward(self, x: np.ndarray) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError

    def backward(self, dy: np.ndarray, need_dx: bool = True) -> np.ndarray | None:
        """dL/dy -> dL/dx; fills grads. ``need_dx=False`` (the first layer in training) lets a
        layer skip computing dx and return None."""
        raise NotImplementedError  # pragma: no cover - interface

    def config(self) -> dict:
        """The spec entry that rebuilds this layer."""
        return {"kind": self.kind, "name": self.name}


def _patches(x: np.ndarray, d: int) -> np.ndarray:
    """All d x d windows of x (N, r, s, t) as a matrix (N*(r-d+1)*(s-d+1), d*d*t).

    Column order is (a, b, c), matching a filter w[m] flattened row-major. The strided view
    costs nothing; the reshape copies it once (im2col), turning the sums over a, b, c into one
    matrix product.
    """
    n, r, s, t = x.shape
    x = np.ascontiguousarray(x)
    # strides from the shape: numpy may report any stride for an axis of length 1 (t = 1 here)
    st = x.itemsize
    ss, sr, sn = t * st, s * t * st, r * s * t * st
    rows, cols = n * (r - d + 1) * (s - d + 1), d * d * t
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


def _column_sums(rows: np.ndarray) -> np.ndarray:
    """sum_i rows[i, :] as a product with a vector of ones: for a tall, narrow matrix this is
    ~20x faster than NumPy's axis-0 reduction, which walks the few columns one at a time."""
    return np.ones(rows.shape[0], rows.dtype) @ rows


class Conv2D(Layer):
    """M feature maps of d x d x t: valid cross-correlation, stride 1, one bias per map.

    x: (N, r, s, t) -> z: (N, r-d+1, s-d+1, M).  w: (M, d, d, t), b: (M,).
    """

    kind = "conv"

    def __init__(self, name: str, in_channels: int, maps: int, size: int):
        super().__init__(name)
        self.t, self.m, self.d = in_channels, maps, size
        self.params = {
            "W": np.zeros((maps, size, size, in_channels), np.float32),
            "b": np.zeros((maps,), np.float32),
        }

    def output_shape(self, input_shape):
        r, s, _ = input_shape
        return (r - self.d + 1, s - self.d + 1, self.m)

    def config(self):
        return {**super().config(), "maps": self.m, "size": self.d, "in_channels": self.t}

    def forward(self, x):
        n, r, s, _ = x.shape
        w, b, d = self.params["W"], self.params["b"], self.d
        self.x_shape = x.shape
        self.cols = _patches(x, d)  # kept: dL/dW needs a^{l-1}_{i+a, j+b, c}
        # z_{i,j,m} = sum_{a,b,c} w^m_{a,b,c} a^{l-1}_{i+a, j+b, c} + b^m
        z = self.cols @ w.reshape(self.m, -1).T
        z += b
        return z.reshape(n, r - d + 1, s - d + 1, self.m)

    def backward(self, dz, need_dx=True):
        w, d = self.params["W"], self.d
        dz_rows = dz.reshape(-1, self.m)
        # dL/dw^m_{a,b,c} = sum_{i,j} dL/dz_{i,j,m} a^{l-1}_{i+a, j+b, c}   (summed over the batch)
        self.grads["W"] = (self.cols.T @ dz_rows).T.reshape(w.shape)
        # dL/db^m = sum_{i,j} dL/dz_{i,j,m}
        self.grads["b"] = _column_sums(dz_rows)
        if not need_dx:
            return None
        # dL/da^{l-1}_{i,j,c} = sum_{a,b,k} dL/dz_{i-a,j-b,k} w^k_{a,b,c}  (terms outside z are 0):
        # the full convolution of the deltas with the filters. Summed in two steps: the sum over
        # k is a matrix product, g_{a,b} = dL/dz . w_{a,b} (every delta times the filter taps at
        # offset (a, b)); the sum over (a, b) adds each g_{a,b} shifted a rows down and b columns
        # right. (Equal to correlating the zero-padded deltas with the 180-degree-rotated filters,
        # without building the padded patch matrix: 3-4x faster for one image.)
        n, r, s, m = dz.shape
        if self.t == 1:  # one product for all (a, b), already in (a, b, N, i, j) order
            g = w.reshape(m, d * d).T @ dz_rows.T
        else:  # one (M x t) product per offset (a, b)
            g = dz_rows @ w.transpose(1, 2, 0, 3).reshape(d * d, m, self.t)
        return _shift_and_add(g.reshape(d, d, n, r, s, self.t))


def _shift_and_add(g: np.ndarray) -> np.ndarray:
    """sum_{a,b} g[a, b] moved a rows down and b columns right: (d, d, N, r, s, t) ->
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
    shifted = np.ndarray(
        g.shape,
        g.dtype,
        planes.data,
        strides=(d * plane + row, plane + col, rows * row, row, col, st),
    )
    shifted[...] = g
    return _column_sums(planes.reshape(d * d, -1)).reshape(n, rows, cols, t)


class Activation(Layer):
    """a = sigma(z) elementwise; backward is dL/dz = dL/da * sigma'(z)."""

    kind = "activation"
    function: ClassVar[str] = ""

    def forward(self, z):
        self.z = z
        self.a = self.sigma(z)
        return self.a

    def backward(self, da, need_dx=True):
        # dL/dz_{i,j,m} = dL/da_{i,j,m} * sigma'(z_{i,j,m})
        return da * self.sigma_prime()

    def config(self):
        return {"kind": self.function, "name": self.name}

    def sigma(self, z):  # pragma: no cover - interface
        raise NotImplementedError

    def sigma_prime(self):  # pragma: no cover - interface
        raise NotImplementedError


class ReLU(Activation):
    function = "relu"

    def sigma(self, z):
        return np.maximum(z, 0)

    def sigma_prime(self):
        # sigma'(z) = 1 where z > 0, else 0 (we take 0 at z = 0)
        return (self.z > 0).astype(self.z.dtype)


class Sigmoid(Activation):
    function = "sigmoid"

    def sigma(self, z):
        # tanh form is exact and never overflows, unlike 1 / (1 + exp(-z)) for large -z
        return 0.5 * (1 + np.tanh(0.5 * z))

    def sigma_prime(self):
        # sigma'(z) = sigma(z) (1 - sigma(z)), from the kept output
        return self.a * (1 - self.a)


class Tanh(Activation):
    function = "tanh"

    def sigma(self, z):
        return np.tanh(z)

    def sigma_prime(self):
        # sigma'(z) = 1 - tanh(z)^2
        return 1 - self.a * self.a


class MaxPool2D(Layer):
    """k x k max-pooling with stride k; records its switches (the argmax "sentinels").

    x: (N, r, s, C) with r, s divisible by k -> y: (N, r/k, s/k, C).
    switches: (N, r/k, s/k, C) int, the winner's index inside its window in row-major order
    (index = a*k + b). Tie rule: the first maximum in row-major order wins (np.argmax).
    """

    kind = "maxpool"

    def __init__(self, name: str, size: int = 2):
        super().__init__(name)
        self.k = size

    def output_shape(self, input_shape):
        r, s, c = input_shape
        if r % self.k or s % self.k:
            raise ValueError(f"{self.name}: input {r}x{s} is not divisible by pool size {self.k}")
        return (r // self.k, s // self.k, c)

    def config(self):
        return {**super().config(), "size": self.k}

    def _windows(self, x):
        """(N, r, s, C) -> (k*k, N, r/k, s/k, C): the window slot a*k + b first (one copy)."""
        n, r, s, c = x.shape
        k = self.k
        return (
            x.reshape(n, r // k, k, s // k, k, c)
            .transpose(2, 4, 0, 1, 3, 5)
            .reshape(k * k, n, r // k, s // k, c)
        )

    def forward(self, x):
        self.x_shape = x.shape
        windows = self._windows(x)
        y = windows.max(axis=0)
        # switch = the first slot a*k + b holding the maximum (row-major tie rule), i.e. the
        # number of leading slots that are not the maximum: ne_0 (1 + ne_1 (1 + ne_2 (...))),
        # built from the back (the last slot needs no test). Stored here, never recomputed.
        not_max = windows != y
        switches = np.zeros(y.shape, np.int16)
        for slot in not_max[-2::-1]:
            switches = slot * (switches + np.int16(1))
        self.switches = switches
        return y

    def backward(self, dy, need_dx=True):
        n, r, s, c = self.x_shape
        k = self.k
        # Each pooled cell's error goes to its switch cell only; every other cell gets 0.
        slots = np.arange(k * k, dtype=np.int16).reshape(k, k, 1, 1, 1, 1)
        routed = (slots == self.switches) * dy  # (a, b, N, r/k, s/k, C)
        return routed.transpose(2, 3, 0, 4, 1, 5).reshape(self.x_shape).astype(dy.dtype, copy=False)

    def switch_cells(self) -> np.ndarray:
        """Switches as input coordinates: (N, r/k, s/k, C, 2) holding (row, col) of each winner,
        i.e. the window's top-left cell (k i, k j) plus the winner's (a, b) inside it."""
        _, rows, cols, _ = self.switches.shape
        cells, first = _switch_table(self.k, rows, cols)
        return np.take(cells, self.switches + first, axis=0)  # one lookup per switch


@functools.lru_cache(maxsize=64)
def _switch_table(k: int, rows: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
    """cells[w k^2 + a k + b] = (k i + a, k j + b) for window w = i cols + j, and first[i, j, 0]
    = w k^2. They depend only on the shapes, so they are built once (read-only)."""
    i, j, a, b = np.indices((rows, cols, k, k), dtype=np.int16)
    cells = np.stack((k * i + a, k * j + b), axis=-1).reshape(-1, 2)
    first = (k * k * np.arange(rows * cols, dtype=np.intp)).reshape(rows, cols, 1)
    for table in (cells, first):
        table.flags.writeable = False
    return cells, first


class Flatten(Layer):
    """(N, r, s, C) -> (N, r*s*C) in row-major (r, s, C) order."""

    kind = "flatten"

    def output_shape(self, input_shape):
        return (int(np.prod(input_shape)),)

    def forward(self, x):
        self.x_shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, dy, need_dx=True):
        return dy.reshape(self.x_shape)


class Dense(Layer):
    """z = W x + b.  x: (N, n_in) -> z: (N, n_out).  W: (n_out, n_in), b: (n_out,)."""

    kind = "dense"

    def __init__(self, name: str, inputs: int, units: int):
        super().__init__(name)
        self.n_in, self.n_out = inputs, units
        self.params = {
            "W": np.zeros((units, inputs), np.float32),
            "b": np.zeros((units,), np.float32),
        }

    def output_shape(self, input_shape):
        return (self.n_out,)

    def config(self):
        return {**super().config(), "units": self.n_out, "inputs": self.n_in}

    def forward(self, x):
        self.x = x
        # z_j = sum_i W_{j,i} x_i + b_j
        return x @ self.params["W"].T + self.params["b"]

    def backward(self, dz, need_dx=True):
        # dL/dW_{j,i} = dL/dz_j x_i ;  dL/db_j = dL/dz_j   (summed over the batch)
        self.grads["W"] = dz.T @ self.x
        self.grads["b"] = _column_sums(dz)
        # dL/dx_i = sum_j W_{j,i} dL/dz_j
        return dz @ self.params["W"]


ACTIVATIONS: dict[str, type[Activation]] = {"relu": ReLU, "sigmoid": Sigmoid, "tanh": Tanh}
