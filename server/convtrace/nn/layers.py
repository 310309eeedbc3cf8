"""The layer contract every kind in ``kinds/`` follows, written to read like the derivation.

Axis convention (the only one in the engine): activations are batches of images laid out
N x r x s x t (batch, height, width, channels); a single image in the trace drops N.
Conv filters are M x d x d x t (feature map, row offset a, column offset b, channel c).
Dense weights are n_out x n_in, so z = W x + b.

Layer contract: ``forward(x)`` keeps exactly what ``backward`` needs (and what the trace shows);
``backward(dy)`` returns dx and fills ``grads[k]`` for every ``params[k]``. ``d<name>`` is always
dL/d<name>. Every layer carries an explicit ``kind``; nothing dispatches on names.

A kind also describes itself to the rest of the engine, so that no other module needs to know
it: its spec fields and the shape it makes (``plan``, ``cost``: the spec check walks these
without allocating), and how its trace records read (``extra``, ``error_reads``, side records
such as max-pool switches), and where its loss has kinks (``kink_state``, for the gradient check).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy.typing as npt

from .fields import At, Field
from .kernels import Array

Fields = Mapping[str, Any]  # keyword arguments of a trace Record, all but ``array``
Shape = tuple[int, ...]


class Layer:
    kind: ClassVar[str] = "layer"
    output: ClassVar[str] = "a"  # the derivation's letter for what forward returns: a or z
    variable: ClassVar[str] = "x"  # the letter of its input in the error's equation id
    description: ClassVar[str] = ""
    fields: ClassVar[tuple[Field, ...]] = ()
    derived: ClassVar[tuple[str, ...]] = ()  # fields ``config`` adds, e.g. in_channels
    he_init: ClassVar[bool] = False  # the layer feeding it is initialised He (not Glorot)

    def __init__(self, name: str) -> None:
        self.name = name
        self.params: dict[str, Array] = {}
        self.grads: dict[str, Array] = {}

    # ---- the spec: shapes and costs, worked out without building anything ----

    @classmethod
    def plan(cls, cfg: Mapping[str, Any], shape: Shape, at: At) -> Shape:
        """The per-image output shape for input ``shape``, or ``at.error(...)``."""
        return shape

    @classmethod
    def cost(cls, cfg: Mapping[str, Any], shape: Shape, out: Shape) -> tuple[int, int]:
        """(parameters, multiply-adds per image of the forward pass)."""
        return 0, 0

    @classmethod
    def from_config(cls, name: str, cfg: Mapping[str, Any], shape: Shape) -> Layer:
        """The layer for a checked spec entry (``cfg``: every field, defaults filled in)."""
        return cls(name)

    def output_shape(self, input_shape: Shape) -> Shape:
        return input_shape

    def config(self) -> dict[str, Any]:
        """The spec entry that rebuilds this layer."""
        return {"kind": self.kind, "name": self.name}

    # ---- the passes ----

    def forward(self, x: Array) -> Array:  # pragma: no cover - interface
        raise NotImplementedError

    def backward(self, dy: Array, need_dx: bool = True) -> Array | None:
        """dL/dy -> dL/dx; fills grads. ``need_dx=False`` (the first layer in training) lets a
        layer skip computing dx and return None."""
        raise NotImplementedError  # pragma: no cover - interface

    # ---- the trace and the gradient check ----

    def extra(self) -> Fields | None:
        """Fields every record of this layer carries besides the array (e.g. conv's padding)."""
        return None

    def error_reads(self, error: str, below: str) -> tuple[str, ...]:
        """The tensors ∂L/∂(input) is computed from: the error at the output and, for a layer
        with weights, its W (the full convolution / Wᵀ δ)."""
        return (error, f"{self.name}.W") if self.params else (error,)

    def side_labels(self, below: str) -> tuple[Fields, ...]:
        """Record fields of further forward quantities this layer shows (max-pool switches)."""
        return ()

    def side_arrays(self) -> tuple[npt.NDArray[Any], ...]:
        """The arrays of ``side_labels``' records, after a forward pass (batch axis first)."""
        return ()

    def kink_state(self) -> bytes:
        """Which linear piece of the loss the last forward pass was on (a ReLU's signs, a
        max-pool's switches): where it changes inside a difference stencil, the loss has a kink
        there and the difference is no derivative. Smooth layers: empty."""
        return b""
