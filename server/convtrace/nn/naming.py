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
from typing import Any

from .layers import Layer

INPUT = "input"
LOSS = "loss"

# A record's fields but its array, in ``trace.Record``'s order: those before the array, those
# after it (the array sits where it always did: records compare field by field in that order)
LABEL_FIELDS = (("phase", "layer", "kind", "quantity", "equation"), ("reads", "of", "extra"))
Label = tuple[
    tuple[str, str, str, str, str], tuple[tuple[str, ...], str | None, Mapping[str, Any] | None]
]


def gradient_name(of: str) -> str:
    """The name of ∂L/∂(of): "conv2.z" -> "conv2.dL_dz"."""
    layer, quantity = of.split(".")
    return f"{layer}.dL_d{quantity}"


def _fields(
    phase: str,
    layer: str,
    kind: str,
    quantity: str,
    equation: str,
    reads: tuple[str, ...],
    of: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Label:
    # tuples in Record's order: a trace makes ~30 records, each now one tuple from these and
    # its array (~0.15 us) instead of a keyword call unpacking a dict (~0.3 us)
    return (phase, layer, kind, quantity, equation), (reads, of, extra)


@dataclass(frozen=True, slots=True)
class LayerLabels:
    output: Label  # the layer's output (z or a)
    output_name: str
    sides: tuple[Label, ...]  # further forward quantities, e.g. a max-pool's switches
    grads: tuple[tuple[str, str, Label], ...]  # (param key, name, ∂L/∂param), params order
    below: Label  # ∂L/∂(the layer's input)
    below_name: str


@dataclass(frozen=True, slots=True)
class TraceLabels:
    input: Label
    layers: tuple[LayerLabels, ...]
    p: Label
    loss: Label
    output_error: Label

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
    name, kind, out = layer.name, layer.kind, layer.output
    params = tuple(f"{name}.{key}" for key in layer.params)
    error = f"{name}.dL_d{out}"
    extra = layer.extra()
    grads = tuple(
        # ∂L/∂W pairs the error with the layer's input; ∂L/∂b is the error summed
        (key, f"{name}.dL_d{key}",
         _fields(phase="backward", layer=name, kind=kind, quantity=f"dL_d{key}",
                 equation=f"{kind}.d{key}", of=f"{name}.{key}",
                 reads=(error, below) if key == "W" else (error,), extra=extra))
        for key in layer.params
    )  # fmt: skip
    return LayerLabels(
        output=_fields(phase="forward", layer=name, kind=kind, quantity=out,
                       equation=f"{kind}.{out}", reads=(below, *params), extra=extra),
        output_name=f"{name}.{out}",
        sides=tuple(_fields(**fields) for fields in layer.side_labels(below)),
        grads=grads,
        below=_fields(phase="backward", layer=name, kind=kind,
                      quantity=f"dL_d{below.split('.')[1]}", equation=f"{kind}.d{layer.variable}",
                      of=below, reads=layer.error_reads(error, below), extra=extra),
        below_name=gradient_name(below),
    )  # fmt: skip
