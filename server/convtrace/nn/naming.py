"""What each record of a network's trace is called: every field but the array.

The names depend on the architecture only (each layer's class and name), so a ``Network`` works
them out once, on its first trace (``Network.labels``), and every trace on it only fills in the
arrays: naming the ~30 records on every trace cost about a seventh of it.

Names. A forward tensor is ``layer.quantity`` ("conv2.z", "pool1.a", "pool1.switches",
"loss.p"), a parameter ``layer.W`` / ``layer.b``. A gradient is named after the tensor it is
taken with respect to (its ``of``): ∂L/∂(conv2.z) is "conv2.dL_dz", ∂L/∂(conv1.W) is
"conv1.dL_dW". ``reads`` lists the names of the tensors a record was computed from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .equations import TIE_RULE
from .layers import Activation, Layer, MaxPool2D

INPUT = "input"
LOSS = "loss"

Fields = Mapping[str, Any]  # keyword arguments of a trace Record, all but ``array``


def gradient_name(of: str) -> str:
    """The name of ∂L/∂(of): "conv2.z" -> "conv2.dL_dz"."""
    layer, quantity = of.split(".")
    return f"{layer}.dL_d{quantity}"


def _fields(**fields: Any) -> Fields:
    # a plain dict, read-only by its type: Record(**fields) unpacks a dict 2x faster than a
    # MappingProxyType, and this runs ~30 times per trace
    return fields


def _kind(layer: Layer) -> str:
    """The prefix of a layer's equation ids: its kind, or for an activation its function."""
    return layer.function if isinstance(layer, Activation) else layer.kind


def _error_reads(layer: Layer, error: str, below: str) -> tuple[str, ...]:
    """The tensors ∂L/∂(layer's input) is computed from: the error at the layer's output and,
    depending on the layer, its filters or weights, z, or its switches."""
    if layer.params:
        return (error, f"{layer.name}.W")  # the full convolution / Wᵀ δ
    if isinstance(layer, Activation):
        return (error, below)  # ⊙ σ′(z)
    if isinstance(layer, MaxPool2D):
        return (error, f"{layer.name}.switches")  # routed to the winners
    return (error,)  # reshaped


@dataclass(frozen=True, slots=True)
class LayerLabels:
    output: Fields  # the layer's output (z or a)
    output_name: str
    switches: Fields | None  # a max-pool's switches
    grads: tuple[tuple[str, str, Fields], ...]  # (param key, name, ∂L/∂param), params order
    below: Fields  # ∂L/∂(the layer's input)
    below_name: str


@dataclass(frozen=True, slots=True)
class TraceLabels:
    input: Fields
    layers: tuple[LayerLabels, ...]
    p: Fields
    loss: Fields
    output_error: Fields

    @classmethod
    def of(cls, layers: Sequence[Layer], names: Sequence[str]) -> TraceLabels:
        """``names[i]``: the tensor entering layer i, then the network's output."""
        return cls(
            input=_fields(phase="forward", layer=INPUT, kind=INPUT, quantity="x",
                          equation="input.x", reads=()),
            layers=tuple(_layer_labels(layer, names[i]) for i, layer in enumerate(layers)),
            p=_fields(phase="forward", layer=LOSS, kind="softmax", quantity="p",
                      equation="softmax.p", reads=(names[-1],)),
            loss=_fields(phase="forward", layer=LOSS, kind="xent", quantity="L",
                         equation="xent.L", reads=("loss.p",)),
            output_error=_fields(phase="backward", layer=layers[-1].name, kind="xent",
                                 quantity="dL_dz", equation="xent.dz", of=names[-1],
                                 reads=("loss.p",)),
        )  # fmt: skip


def _layer_labels(layer: Layer, below: str) -> LayerLabels:
    name, kind, out = layer.name, _kind(layer), layer.output
    params = tuple(f"{name}.{key}" for key in layer.params)
    error = f"{name}.dL_d{out}"
    switches = None
    if isinstance(layer, MaxPool2D):
        switches = _fields(phase="forward", layer=name, kind=kind, quantity="switches",
                           equation="maxpool.switches", reads=(below,),
                           extra=MappingProxyType({"tie_rule": TIE_RULE}))  # fmt: skip
    grads = tuple(
        # ∂L/∂W pairs the error with the layer's input; ∂L/∂b is the error summed
        (key, f"{name}.dL_d{key}",
         _fields(phase="backward", layer=name, kind=kind, quantity=f"dL_d{key}",
                      equation=f"{kind}.d{key}", of=f"{name}.{key}",
                      reads=(error, below) if key == "W" else (error,)))
        for key in layer.params
    )  # fmt: skip
    variable = "z" if isinstance(layer, Activation) else "x"
    return LayerLabels(
        output=_fields(phase="forward", layer=name, kind=kind, quantity=out,
                       equation=f"{kind}.{out}", reads=(below, *params)),
        output_name=f"{name}.{out}",
        switches=switches,
        grads=grads,
        below=_fields(phase="backward", layer=name, kind=kind,
                      quantity=f"dL_d{below.split('.')[1]}", equation=f"{kind}.d{variable}",
                      of=below, reads=_error_reads(layer, error, below)),
        below_name=gradient_name(below),
    )  # fmt: skip
