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

import numpy as np

from .layers import Activation, Layer, MaxPool2D
from .loss import softmax_cross_entropy
from .network import Network

INPUT = "input"
LOSS = "loss"


@dataclass(slots=True)
class Record:
    """One quantity of the trace. ``of`` names the tensor a gradient is taken with respect to,
    as ``layer.quantity`` of a forward record (or ``layer.W`` / ``layer.b`` for parameters)."""

    phase: str  # "forward" | "backward"
    layer: str
    kind: str
    quantity: str
    equation: str
    array: np.ndarray
    of: str | None = None
    extra: dict | None = None  # further self-describing fields, e.g. the pool's tie rule


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


def _forward(net: Network, x: np.ndarray) -> Iterator[Record]:
    yield Record("forward", INPUT, INPUT, "x", "input.x", x[0])
    for layer in net.layers:
        x = layer.forward(x)
        kind = _equation_kind(layer)
        q = _output_quantity(layer)
        yield Record("forward", layer.name, kind, q, f"{kind}.{q}", x[0])
        if isinstance(layer, MaxPool2D):
            yield Record("forward", layer.name, kind, "switches", "maxpool.switches",
                         layer.switch_cells()[0], extra={"tie_rule": "first maximum, row-major"})


def _backward(net: Network, dz: np.ndarray) -> Iterator[Record]:
    names = [INPUT] + [layer.name for layer in net.layers]
    quantities = ["x"] + [_output_quantity(layer) for layer in net.layers]
    for i in range(len(net.layers) - 1, -1, -1):
        layer = net.layers[i]
        kind = _equation_kind(layer)
        dz = layer.backward(dz)
        for key, grad in layer.grads.items():
            yield Record("backward", layer.name, kind, f"dL_d{key}", f"{kind}.d{key}", grad,
                         of=f"{layer.name}.{key}")
        below = quantities[i]
        yield Record("backward", layer.name, kind, f"dL_d{below}",
                     f"{kind}.d{'z' if isinstance(layer, Activation) else 'x'}", dz[0],
                     of=f"{names[i]}.{below}")


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
    records = _forward(net, x[None])
    logits = None
    for record in records:
        logits = record.array
        yield record
    prediction = int(np.argmax(logits))
    target = prediction if label is None else int(label)
    if not 0 <= target < net.classes:
        raise ValueError(f"label {target} outside 0..{net.classes - 1}")
    loss, p, dz = softmax_cross_entropy(logits[None], np.array([target]))
    yield Record("forward", LOSS, "softmax", "p", "softmax.p", p[0])
    yield Record("forward", LOSS, "xent", "L", "xent.L", np.array(loss, dtype=dtype))
    last = net.layers[-1]
    yield Record("backward", last.name, "xent", "dL_dz", "xent.dz", dz[0],
                 of=f"{last.name}.{_output_quantity(last)}")
    yield from _backward(net, dz)
    yield Result(p[0], prediction, target, loss)


def collect(net: Network, image: np.ndarray, label: int | None = None):
    """The whole trace as (records, result)."""
    items = list(run(net, image, label))
    return items[:-1], items[-1]
