"""The trace: every quantity of one forward and one backward pass, in the order computed.

``run(net, image, label)`` is a generator, so a caller (the API) can send each record on as soon
as it exists: the input first, the backward records only after the forward ones.

Names. A forward tensor is ``layer.quantity`` ("conv2.z", "pool1.a", "pool1.switches",
"loss.p"), a parameter ``layer.W`` / ``layer.b``. A gradient is named after the tensor it is
taken with respect to (its ``of``): ∂L/∂(conv2.z) is "conv2.dL_dz", ∂L/∂(conv1.W) is
"conv1.dL_dW". Every record lists in ``reads`` the names of the tensors it was computed from,
so a reader of the trace never has to infer the graph from the order of the records.

Equation ids (the browser keys its explanations on them):

forward   input.x        the image the network sees
          conv.z         z_{i,j,m} = sum_{a,b,c} w^m_{a,b,c} a_{i+a,j+b,c} + b^m
          <fn>.a         a = sigma(z)             for fn in relu, sigmoid, tanh
          maxpool.a      the largest value of each k x k window
          maxpool.switches  (row, col) of the winner of each window
          flatten.a      the r x s x t block read row-major into a vector
          dense.z        z_j = sum_i W_{j,i} x_i + b_j
          softmax.p      p_j = exp(z_j) / sum_i exp(z_i)
          xent.L         L = -log p_y
backward  xent.dz        dL/dz = p - onehot(y)
          dense.dW       dL/dW_{j,i} = dL/dz_j x_i
          dense.db       dL/db_j = dL/dz_j
          dense.dx       dL/dx_i = sum_j W_{j,i} dL/dz_j
          flatten.dx     the vector's error reshaped back to r x s x t
          maxpool.dx     each pooled cell's error copied to its switch cell, 0 elsewhere
          <fn>.dz        dL/dz = dL/da * sigma'(z)
          conv.dW        dL/dw^m_{a,b,c} = sum_{i,j} dL/dz_{i,j,m} a_{i+a,j+b,c}
          conv.db        dL/db^m = sum_{i,j} dL/dz_{i,j,m}
          conv.dx        dL/da_{i,j,c} = sum_{a,b,k} dL/dz_{i-a,j-b,k} w^k_{a,b,c}  (full conv.)

A record that holds NaN or infinity (e.g. weights so large that z overflows) ends the trace
with ``NonFiniteError`` naming it; nothing non-finite is ever yielded. Only the tensors that add
up products (the input, z, L, and the gradients of conv and dense layers) are tested: every other
step maps finite numbers to finite numbers (σ, σ′, max, copies, softmax of finite z), so the
first non-finite tensor is always one of them. That keeps the test to 14 small checks per trace.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .equations import TIE_RULE
from .finite import require_finite
from .kernels import Array
from .layers import Activation, Layer, MaxPool2D
from .loss import softmax_cross_entropy
from .network import Network

INPUT = "input"
LOSS = "loss"
POOL_EXTRA = MappingProxyType({"tie_rule": TIE_RULE})


@dataclass(slots=True, kw_only=True)
class Record:
    """One quantity of the trace. ``of`` names the tensor a gradient is taken with respect to
    (None for forward records); ``reads`` the tensors it was computed from (see the module
    docstring for the names); ``extra`` further self-describing fields, e.g. the tie rule."""

    phase: str  # "forward" | "backward"
    layer: str
    kind: str
    quantity: str
    equation: str
    array: np.ndarray
    reads: tuple[str, ...]
    of: str | None = None
    extra: Mapping[str, str] | None = None

    @property
    def name(self) -> str:
        """The tensor's own name: ``layer.quantity``, or for a gradient its ``of`` as
        ``layer.dL_dquantity``."""
        return f"{self.layer}.{self.quantity}" if self.of is None else gradient_name(self.of)


@dataclass(slots=True)
class Result:
    probabilities: np.ndarray
    prediction: int
    label: int
    loss: float


def gradient_name(of: str) -> str:
    """The name of ∂L/∂(of): "conv2.z" -> "conv2.dL_dz"."""
    layer, quantity = of.split(".")
    return f"{layer}.dL_d{quantity}"


def _equation_kind(layer: Layer) -> str:
    return layer.function if isinstance(layer, Activation) else layer.kind


def _forward(net: Network, x: Array, names: list[str]) -> Iterator[Record]:
    """names[i]: the tensor entering layer i (names[0] = "input.x"; names[-1] the logits)."""
    yield Record(
        phase="forward",
        layer=INPUT,
        kind=INPUT,
        quantity="x",
        equation="input.x",
        reads=(),
        array=require_finite(names[0], x)[0],
    )
    for layer, below, out in zip(net.layers, names, names[1:], strict=False):
        kind = _equation_kind(layer)
        x = layer.forward(x)
        if layer.params:  # only a sum of products can overflow (see the module docstring)
            require_finite(out, x)
        yield Record(
            phase="forward",
            layer=layer.name,
            kind=kind,
            quantity=layer.output,
            equation=f"{kind}.{layer.output}",
            array=x[0],
            reads=(below, f"{layer.name}.W", f"{layer.name}.b") if layer.params else (below,),
        )
        if isinstance(layer, MaxPool2D):
            yield Record(
                phase="forward",
                layer=layer.name,
                kind=kind,
                quantity="switches",
                equation="maxpool.switches",
                reads=(below,),
                extra=POOL_EXTRA,
                array=layer.switch_cells()[0],
            )


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


def _backward(net: Network, dz: Array, names: list[str]) -> Iterator[Record]:
    errors = net.errors
    for i in range(len(net.layers) - 1, -1, -1):
        layer, below, error = net.layers[i], names[i], errors[i + 1]
        kind = _equation_kind(layer)
        dz = layer.backward(dz)  # type: ignore[assignment]  # need_dx: never None here
        for key, grad in layer.grads.items():
            # ∂L/∂W pairs the error with the layer's input; ∂L/∂b is the error summed
            yield Record(
                phase="backward",
                layer=layer.name,
                kind=kind,
                quantity=f"dL_d{key}",
                equation=f"{kind}.d{key}",
                of=f"{layer.name}.{key}",
                reads=(error, below) if key == "W" else (error,),
                array=require_finite(f"{layer.name}.dL_d{key}", grad),
            )
        if layer.params:
            require_finite(errors[i], dz)
        variable = "z" if isinstance(layer, Activation) else "x"
        yield Record(
            phase="backward",
            layer=layer.name,
            kind=kind,
            quantity=errors[i].split(".")[1],
            equation=f"{kind}.d{variable}",
            of=below,
            reads=_error_reads(layer, error, below),
            array=dz[0],
        )


def _input(net: Network, image: Array) -> Array:
    """The image as a batch of one in the network's layout and precision."""
    first = net.layers[0].params if net.layers else {}
    dtype = first["W"].dtype if "W" in first else np.dtype(np.float32)
    x = np.asarray(image, dtype=dtype)
    if x.ndim == 2:
        x = x[:, :, None]
    if x.shape != net.input_shape:
        raise ValueError(f"image shape {list(x.shape)} does not fit input {list(net.input_shape)}")
    return x[None]


def run(net: Network, image: Array, label: int | None = None) -> Iterator[Record | Result]:
    """Trace one image (r x s x t, or r x s for one channel) through ``net``.

    Yields forward records, the loss records, backward records, then one ``Result``.
    With ``label=None`` the network's own prediction is the target.
    """
    x = _input(net, image)
    names = net.names
    logits = x
    for record in _forward(net, x, names):
        logits = record.array
        yield record
    prediction = int(np.argmax(logits))
    target = prediction if label is None else int(label)
    if not 0 <= target < net.classes:
        raise ValueError(f"label {target} outside 0..{net.classes - 1}")
    loss, p, dz = softmax_cross_entropy(logits[None], np.array([target]))
    last = net.layers[-1].name
    yield Record(
        phase="forward",
        layer=LOSS,
        kind="softmax",
        quantity="p",
        equation="softmax.p",
        reads=(names[-1],),
        array=p[0],
    )
    yield Record(
        phase="forward",
        layer=LOSS,
        kind="xent",
        quantity="L",
        equation="xent.L",
        reads=("loss.p",),
        array=require_finite("loss.L", np.array(loss, dtype=logits.dtype)),
    )
    yield Record(
        phase="backward",
        layer=last,
        kind="xent",
        quantity="dL_dz",
        equation="xent.dz",
        of=names[-1],
        reads=("loss.p",),
        array=dz[0],
    )
    yield from _backward(net, dz, names)
    yield Result(p[0], prediction, target, loss)


def collect(net: Network, image: Array, label: int | None = None) -> tuple[list[Record], Result]:
    """The whole trace as (records, result)."""
    items = list(run(net, image, label))
    records = [item for item in items if isinstance(item, Record)]
    result = items[-1]
    assert isinstance(result, Result)
    return records, result
