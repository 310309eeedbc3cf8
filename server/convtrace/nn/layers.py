"""Layers of the network, written to read like the derivation.

Axis convention (the only one in the engine): activations are batches of images laid out
N x r x s x t (batch, height, width, channels); a single image in the trace drops N.
Conv filters are M x d x d x t (feature map, row offset a, column offset b, channel c).
Dense weights are n_out x n_in, so z = W x + b.

Layer contract: ``forward(x)`` keeps exactly what ``backward`` needs (and what the trace shows);
``backward(dy)`` returns dx and fills ``grads[k]`` for every ``params[k]``. ``d<name>`` is always
dL/d<name>. Every layer carries an explicit ``kind``; nothing dispatches on names.
The arithmetic is in ``kernels`` (fast forms of the equations in ``equations``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from . import equations, kernels
from .kernels import Array, Switches, SwitchTable


class Layer:
    kind: ClassVar[str] = "layer"
    output: ClassVar[str] = "a"  # the derivation's letter for what forward returns: a or z

    def __init__(self, name: str) -> None:
        self.name = name
        self.params: dict[str, Array] = {}
        self.grads: dict[str, Array] = {}

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        return input_shape

    def forward(self, x: Array) -> Array:  # pragma: no cover - interface
        raise NotImplementedError

    def backward(self, dy: Array, need_dx: bool = True) -> Array | None:
        """dL/dy -> dL/dx; fills grads. ``need_dx=False`` (the first layer in training) lets a
        layer skip computing dx and return None."""
        raise NotImplementedError  # pragma: no cover - interface

    def config(self) -> dict[str, Any]:
        """The spec entry that rebuilds this layer."""
        return {"kind": self.kind, "name": self.name}


class Conv2D(Layer):
    """M feature maps of d x d x t: valid cross-correlation, stride 1, one bias per map.

    x: (N, r, s, t) -> z: (N, r-d+1, s-d+1, M).  w: (M, d, d, t), b: (M,).
    """

    kind = "conv"
    output = "z"

    def __init__(self, name: str, in_channels: int, maps: int, size: int) -> None:
        super().__init__(name)
        self.t, self.m, self.d = in_channels, maps, size
        self.params = {
            "W": np.zeros((maps, size, size, in_channels), np.float32),
            "b": np.zeros((maps,), np.float32),
        }

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        r, s, _ = input_shape
        return (r - self.d + 1, s - self.d + 1, self.m)

    def config(self) -> dict[str, Any]:
        return {**super().config(), "maps": self.m, "size": self.d, "in_channels": self.t}

    def forward(self, x: Array) -> Array:
        n, r, s, _ = x.shape
        d = self.d
        self.cols = kernels.patches(x, d)  # kept: dL/dW needs a^{l-1}_{i+a, j+b, c}
        out = (n, r - d + 1, s - d + 1, self.m)
        return kernels.conv_forward(self.cols, self.params["W"], self.params["b"], out)

    def backward(self, dz: Array, need_dx: bool = True) -> Array | None:
        w = self.params["W"]
        self.grads["W"] = kernels.conv_dw(self.cols, dz).reshape(w.shape)
        self.grads["b"] = kernels.conv_db(dz)
        return kernels.conv_dx(dz, w) if need_dx else None


class Activation(Layer):
    """a = sigma(z) elementwise; backward is dL/dz = dL/da * sigma'(z)."""

    kind = "activation"
    function: ClassVar[str] = ""

    def forward(self, z: Array) -> Array:
        self.z = z
        self.a = self.sigma(z)
        return self.a

    def backward(self, da: Array, need_dx: bool = True) -> Array:
        # dL/dz_{i,j,m} = dL/da_{i,j,m} * sigma'(z_{i,j,m})
        return da * self.sigma_prime()

    def config(self) -> dict[str, Any]:
        return {"kind": self.function, "name": self.name}

    def sigma(self, z: Array) -> Array:  # pragma: no cover - interface
        raise NotImplementedError

    def sigma_prime(self) -> Array:  # pragma: no cover - interface
        raise NotImplementedError


class ReLU(Activation):
    function = "relu"

    def sigma(self, z: Array) -> Array:
        return equations.relu(z)

    def sigma_prime(self) -> Array:
        return kernels.relu_prime(self.z)


class Sigmoid(Activation):
    function = "sigmoid"

    def sigma(self, z: Array) -> Array:
        return equations.sigmoid(z)

    def sigma_prime(self) -> Array:
        return kernels.sigmoid_prime(self.a)


class Tanh(Activation):
    function = "tanh"

    def sigma(self, z: Array) -> Array:
        return equations.tanh(z)

    def sigma_prime(self) -> Array:
        return kernels.tanh_prime(self.a)


class MaxPool2D(Layer):
    """k x k max-pooling with stride k; records its switches (the argmax "sentinels").

    x: (N, r, s, C) with r, s divisible by k -> y: (N, r/k, s/k, C).
    switches: (N, r/k, s/k, C) int, the winner's index inside its window in row-major order
    (index = a*k + b). Tie rule: the first maximum in row-major order wins (equations.TIE_RULE).
    """

    kind = "maxpool"

    def __init__(self, name: str, size: int = 2) -> None:
        super().__init__(name)
        self.k = size
        self._table: dict[tuple[int, int], SwitchTable] = {}

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        r, s, c = input_shape
        if r % self.k or s % self.k:
            raise ValueError(f"{self.name}: input {r}x{s} is not divisible by pool size {self.k}")
        return (r // self.k, s // self.k, c)

    def config(self) -> dict[str, Any]:
        return {**super().config(), "size": self.k}

    def forward(self, x: Array) -> Array:
        # stored here, never recomputed: backward and the trace use these same switches
        y, self.switches = kernels.maxpool_forward(x, self.k)
        return y

    def backward(self, dy: Array, need_dx: bool = True) -> Array:
        # Each pooled cell's error goes to its switch cell only; every other cell gets 0.
        return kernels.maxpool_backward(dy, self.switches, self.k)

    def switch_cells(self) -> Switches:
        """Switches as input coordinates: (N, r/k, s/k, C, 2) holding (row, col) of each winner,
        i.e. the window's top-left cell (k i, k j) plus the winner's (a, b) inside it."""
        _, rows, cols, _ = self.switches.shape
        table = self._table.get((rows, cols))
        if table is None:  # this layer's own lookup table, built on its first trace
            table = self._table[rows, cols] = kernels.switch_table(self.k, rows, cols)
        return kernels.switch_cells(self.switches, table)


class Flatten(Layer):
    """(N, r, s, C) -> (N, r*s*C) in row-major (r, s, C) order."""

    kind = "flatten"

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        return (int(np.prod(input_shape)),)

    def forward(self, x: Array) -> Array:
        self.x_shape = x.shape
        return equations.flatten(x)

    def backward(self, dy: Array, need_dx: bool = True) -> Array:
        return equations.unflatten(dy, self.x_shape)


class Dense(Layer):
    """z = W x + b.  x: (N, n_in) -> z: (N, n_out).  W: (n_out, n_in), b: (n_out,)."""

    kind = "dense"
    output = "z"

    def __init__(self, name: str, inputs: int, units: int) -> None:
        super().__init__(name)
        self.n_in, self.n_out = inputs, units
        self.params = {
            "W": np.zeros((units, inputs), np.float32),
            "b": np.zeros((units,), np.float32),
        }

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        return (self.n_out,)

    def config(self) -> dict[str, Any]:
        return {**super().config(), "units": self.n_out, "inputs": self.n_in}

    def forward(self, x: Array) -> Array:
        self.x = x
        return kernels.dense_forward(x, self.params["W"], self.params["b"])

    def backward(self, dz: Array, need_dx: bool = True) -> Array:
        self.grads["W"] = kernels.dense_dw(dz, self.x)
        self.grads["b"] = kernels.column_sums(dz)
        return kernels.dense_dx(dz, self.params["W"])


ACTIVATIONS: dict[str, type[Activation]] = {"relu": ReLU, "sigmoid": Sigmoid, "tanh": Tanh}
