"""relu, sigmoid, tanh: a = σ(z) elementwise on any shape; backward ∂L/∂z = ∂L/∂a ⊙ σ′(z).

Reference equations first, then the fast derivatives the layers call (from the kept output a
where that saves work), then the layers. Equation ids: ``<fn>.a`` and ``<fn>.dz``.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from .. import kernels
from ..kernels import Array
from ..layers import Layer

# ---- reference ----


def relu(z: Array) -> Array:
    """a = σ(z) = max(z, 0)."""
    return np.maximum(z, 0)


def relu_prime(z: Array) -> Array:
    """σ′(z) = 1 where z > 0, else 0 (the derivative at the kink z = 0 is taken as 0)."""
    return (z > 0).astype(z.dtype)


def sigmoid(z: Array) -> Array:
    """a = σ(z) = 1 / (1 + e^{-z}), written as (1 + tanh(z/2)) / 2, which never overflows."""
    a: Array = 0.5 * (1 + np.tanh(0.5 * z))
    return a


def sigmoid_prime(z: Array) -> Array:
    """σ′(z) = σ(z) (1 − σ(z))."""
    return sigmoid(z) * (1 - sigmoid(z))


def tanh(z: Array) -> Array:
    """a = σ(z) = tanh z."""
    return np.tanh(z)


def tanh_prime(z: Array) -> Array:
    """σ′(z) = 1 − tanh² z."""
    return 1 - np.tanh(z) ** 2


def activation_backward(da: Array, sigma_prime_z: Array) -> Array:
    """∂L/∂z_{i,j,m} = ∂L/∂a_{i,j,m} ⊙ σ′(z_{i,j,m})."""
    return da * sigma_prime_z


# ---- fast forms ----


def fast_relu(z: Array) -> Array:
    """relu: max(z, 0) with zeros as an array operand (``kernels.positive_part``, ~3x faster)."""
    return kernels.positive_part(z)


def fast_sigmoid_prime(a: Array) -> Array:
    """sigmoid_prime from the kept output a = σ(z): σ′ = a (1 − a), no second tanh."""
    return a * (1 - a)


def fast_tanh_prime(a: Array) -> Array:
    """tanh_prime from the kept output a = tanh z: σ′ = 1 − a²."""
    return 1 - a * a


# ---- the layers ----


class Activation(Layer):
    """a = σ(z) elementwise, any shape; backward is dL/dz = dL/da * σ′(z)."""

    variable = "z"

    @property
    def function(self) -> str:
        return self.kind

    def forward(self, z: Array) -> Array:
        self.z = z
        self.a = self.sigma(z)
        return self.a

    def backward(self, da: Array, need_dx: bool = True) -> Array:
        return activation_backward(da, self.sigma_prime())

    def error_reads(self, error: str, below: str) -> tuple[str, ...]:
        return (error, below)  # ⊙ σ′(z)

    def sigma(self, z: Array) -> Array:  # pragma: no cover - interface
        raise NotImplementedError

    def sigma_prime(self) -> Array:  # pragma: no cover - interface
        raise NotImplementedError


class ReLU(Activation):
    kind = "relu"
    description = "a = max(z, 0): passes positive values, blocks the rest."
    he_init: ClassVar[bool] = True  # half the inputs are cut: He's scaling keeps the variance

    def sigma(self, z: Array) -> Array:
        return fast_relu(z)

    def sigma_prime(self) -> Array:
        return relu_prime(self.z)

    def kink_state(self) -> bytes:
        return (self.z > 0).tobytes()


class Sigmoid(Activation):
    kind = "sigmoid"
    description = "a = 1 / (1 + e^-z): squashes every value into (0, 1)."

    def sigma(self, z: Array) -> Array:
        return sigmoid(z)

    def sigma_prime(self) -> Array:
        return fast_sigmoid_prime(self.a)


class Tanh(Activation):
    kind = "tanh"
    description = "a = tanh z: squashes every value into (-1, 1), keeping its sign."

    def sigma(self, z: Array) -> Array:
        return tanh(z)

    def sigma_prime(self) -> Array:
        return fast_tanh_prime(self.a)


ACTIVATIONS: dict[str, type[Activation]] = {"relu": ReLU, "sigmoid": Sigmoid, "tanh": Tanh}
