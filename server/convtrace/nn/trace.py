"""The trace: every quantity of one forward and one backward pass, in the order computed.

``run(net, image, label)`` is a generator, so a caller (the API) can send each record on as soon
as it exists: the input first, the backward records only after the forward ones.

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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .layers import Activation, Layer, MaxPool2D
from .loss import softmax_cross_entropy
from .network import Network

INPUT = "input"
LOSS = "loss"


@dataclass(slots=True)
class Record:
    """One quantity of the trace. ``of`` names the tensor a gradient is taken with respect to,
    as ``layer.quantity`` of a forward record (or ``layer.W`` / ``layer.b`` for parameters).
    Every field but ``array`` depends only on the architecture (see ``_Plan``)."""

    phase: str  # "forward" | "backward"
    layer: str
    kind: str
    quantity: str
    equation: str
    of: str | None  # forward records: None
    extra: MappingProxyType | None  # further self-describing fields, e.g. the pool's tie rule
    array: np.ndarray


@dataclass(slots=True)
class Result:
    probabilities: np.ndarray
    prediction: int
    label: int
    loss: float


def _equation_kind(layer: Layer) -> str:
    return layer.function if isinstance(layer, Activation) else layer.kind


def _output_quantity(layer: Layer) -> str:
    return "z" if layer.kind in ("conv", "dense") else "a"


def _labels(phase, layer, kind, quantity, equation, of=None, extra=None) -> tuple:
    """A record's fields in order, all but the array."""
    return phase, layer, kind, quantity, equation, of, extra


TIE_RULE = MappingProxyType({"tie_rule": "first maximum, row-major"})


@dataclass(frozen=True, slots=True)
class _Plan:
    """What every record of a trace is called. It depends only on the architecture (each layer's
    class and name), so it is worked out once per architecture and shared by every network of
    it, e.g. the fresh network the API builds per request. Naming ~40 records on every trace
    cost about a tenth of it."""

    input: tuple
    forward: tuple  # per layer: (labels of its output, labels of its switches or None)
    loss: tuple  # labels of p, L and dL/dz of the logits
    backward: tuple  # per layer, last first: (((param key, labels), ...), labels of dL/d input)

    @classmethod
    def of(cls, layers: list[Layer]) -> _Plan:
        names = [INPUT] + [layer.name for layer in layers]
        quantities = ["x"] + [_output_quantity(layer) for layer in layers]
        forward, backward = [], []
        for i, layer in enumerate(layers):
            kind, q = _equation_kind(layer), quantities[i + 1]
            switches = (
                _labels("forward", layer.name, kind, "switches", "maxpool.switches", extra=TIE_RULE)
                if isinstance(layer, MaxPool2D)
                else None
            )
            forward.append((_labels("forward", layer.name, kind, q, f"{kind}.{q}"), switches))
            grads = tuple(
                (
                    key,
                    _labels(
                        "backward",
                        layer.name,
                        kind,
                        f"dL_d{key}",
                        f"{kind}.d{key}",
                        of=f"{layer.name}.{key}",
                    ),
                )
                for key in layer.params
            )
            below = quantities[i]
            backward.append(
                (
                    grads,
                    _labels(
                        "backward",
                        layer.name,
                        kind,
                        f"dL_d{below}",
                        f"{kind}.d{'z' if isinstance(layer, Activation) else 'x'}",
                        of=f"{names[i]}.{below}",
                    ),
                )
            )
        last = layers[-1]
        loss = (
            _labels("forward", LOSS, "softmax", "p", "softmax.p"),
            _labels("forward", LOSS, "xent", "L", "xent.L"),
            _labels(
                "backward",
                last.name,
                "xent",
                "dL_dz",
                "xent.dz",
                of=f"{last.name}.{_output_quantity(last)}",
            ),
        )
        return cls(
            _labels("forward", INPUT, INPUT, "x", "input.x"),
            tuple(forward),
            loss,
            tuple(backward[::-1]),
        )


_PLANS: dict[tuple, _Plan] = {}


def _plan(net: Network) -> _Plan:
    key = tuple((type(layer), layer.name) for layer in net.layers)
    plan = _PLANS.get(key)
    if plan is None:
        if len(_PLANS) >= 256:  # a bound, should clients ever vary architectures
            _PLANS.clear()
        plan = _PLANS[key] = _Plan.of(net.layers)
    return plan


def _forward(net: Network, plan: _Plan, x: np.ndarray) -> Iterator[Record]:
    yield Record(*plan.input, x[0])
    for layer, (output, switches) in zip(net.layers, plan.forward, strict=True):
        x = layer.forward(x)
        yield Record(*output, x[0])
        if switches:
            yield Record(*switches, layer.switch_cells()[0])


def _backward(net: Network, plan: _Plan, dz: np.ndarray) -> Iterator[Record]:
    for layer, (grads, below) in zip(reversed(net.layers), plan.backward, strict=True):
        dz = layer.backward(dz)
        for key, labels in grads:
            yield Record(*labels, layer.grads[key])
        yield Record(*below, dz[0])


def run(net: Network, image: np.ndarray, label: int | None = None) -> Iterator[Record | Result]:
    """Trace one image (r x s x t, or r x s for one channel) through ``net``.

    Yields forward records, the loss records, backward records, then one ``Result``.
    With ``label=None`` the network's own prediction is the target.
    """
    dtype = net.layers[0].params["W"].dtype if net.layers and net.layers[0].params else np.float32
    x = np.asarray(image, dtype=dtype)
    if x.ndim == 2:
        x = x[:, :, None]
    if x.shape != net.input_shape:
        raise ValueError(f"image shape {list(x.shape)} does not fit input {list(net.input_shape)}")
    plan = _plan(net)
    records = _forward(net, plan, x[None])
    logits = None
    for record in records:
        logits = record.array
        yield record
    prediction = int(np.argmax(logits))
    target = prediction if label is None else int(label)
    if not 0 <= target < net.classes:
        raise ValueError(f"label {target} outside 0..{net.classes - 1}")
    loss, p, dz = softmax_cross_entropy(logits[None], np.array([target]))
    p_labels, loss_labels, dz_labels = plan.loss
    yield Record(*p_labels, p[0])
    yield Record(*loss_labels, np.array(loss, dtype=dtype))
    yield Record(*dz_labels, dz[0])
    yield from _backward(net, plan, dz)
    yield Result(p[0], prediction, target, loss)


def collect(net: Network, image: np.ndarray, label: int | None = None):
    """The whole trace as (records, result)."""
    items = list(run(net, image, label))
    return items[:-1], items[-1]
