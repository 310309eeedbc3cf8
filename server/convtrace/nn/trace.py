"""The trace: every quantity of one forward and one backward pass, in the order computed.

``run(net, image, label)`` is a generator, so a caller (the API) can send each record on as soon
as it exists: the input first, the backward records only after the forward ones. What each record
is called, and the tensors it reads, are in ``naming.py`` (worked out once per network).

Equation ids (the browser keys its explanations on them; ``<kind>.<quantity>``, one prefix per
layer kind in ``kinds/``). Records of conv, max-pool and avg-pool layers carry their options in
``extra``: conv ``padding`` (P, "same" resolved to its number) and ``stride`` (S); pools
``size`` (k) and ``stride`` (S); max-pool switches also ``tie_rule``.

forward   input.x        the image the network sees
          conv.z         z_{i,j,m} = sum_{a,b,c} w^m_{a,b,c} a~_{S i+a,S j+b,c} + b^m
                         (a~: the input with P rings of zeros)
          <fn>.a         a = sigma(z)             for fn in relu, sigmoid, tanh
          maxpool.a      the largest value of each k x k window (windows S apart)
          maxpool.switches  (row, col) of the winner of each window
          avgpool.a      the mean of each k x k window (windows S apart)
          flatten.a      the r x s x t block read row-major into a vector
          dense.z        z_j = sum_i W_{j,i} x_i + b_j
          softmax.p      p_j = exp(z_j) / sum_i exp(z_i)
          xent.L         L = -log p_y
backward  xent.dz        dL/dz = p - onehot(y)
          dense.dW       dL/dW_{j,i} = dL/dz_j x_i
          dense.db       dL/db_j = dL/dz_j
          dense.dx       dL/dx_i = sum_j W_{j,i} dL/dz_j
          flatten.dx     the vector's error reshaped back to r x s x t
          maxpool.dx     each pooled cell's error added at its switch cell, 0 elsewhere
          avgpool.dx     each pooled cell's error shared equally (1/k^2) by its window's cells
          <fn>.dz        dL/dz = dL/da * sigma'(z)
          conv.dW        dL/dw^m_{a,b,c} = sum_{i,j} dL/dz_{i,j,m} a~_{S i+a,S j+b,c}
                         (the padded input correlated with the error dilated by S)
          conv.db        dL/db^m = sum_{i,j} dL/dz_{i,j,m}
          conv.dx        dL/da~_{i,j,c} = sum_{a,b,k} dz^_{i-a,j-b,k} w^k_{a,b,c}  (full conv.
                         of the error dilated by S, dz^; then the padding cropped)

A record that holds NaN or infinity (e.g. weights so large that z overflows) ends the trace
with ``NonFiniteError`` naming it; nothing non-finite is ever yielded. Only the tensors that add
up products (the input, z, L, and the gradients of conv and dense layers) are tested: every other
step maps finite numbers to finite numbers (σ, σ′, max, copies, softmax of finite z), so the
first non-finite tensor is always one of them. That keeps the test to a few small checks per
trace (14 for the shipped net).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

import numpy as np

from .finite import require_finite
from .kernels import Array
from .loss import softmax_cross_entropy
from .naming import INPUT, LABEL_FIELDS, LOSS, Label, gradient_name
from .network import Network, as_batch

__all__ = ["INPUT", "LOSS", "Record", "Result", "collect", "run"]


class Record(NamedTuple):
    """One quantity of the trace. ``of`` names the tensor a gradient is taken with respect to
    (None for forward records); ``reads`` the tensors it was computed from (the names are
    explained in ``naming.py``); ``extra`` further self-describing fields, e.g. the tie rule.
    Read it by field name (built by keyword elsewhere); the trace builds each one as a tuple
    from a ``naming.Label`` and the array."""

    phase: str  # "forward" | "backward"
    layer: str
    kind: str
    quantity: str
    equation: str
    array: np.ndarray
    reads: tuple[str, ...]
    of: str | None = None
    extra: Mapping[str, Any] | None = None

    @property
    def name(self) -> str:
        """The tensor's own name: ``layer.quantity``, or for a gradient its ``of`` as
        ``layer.dL_dquantity``."""
        return f"{self.layer}.{self.quantity}" if self.of is None else gradient_name(self.of)


assert Record._fields == (*LABEL_FIELDS[0], "array", *LABEL_FIELDS[1])

# Record(*before, array, *after) without NamedTuple's keyword-parsing __new__: tuple's, 2x faster
_tuple_new = cast(Callable[[type[Record], tuple[Any, ...]], Record], tuple.__new__)


def _record(label: Label, array: np.ndarray) -> Record:
    return _tuple_new(Record, (*label[0], array, *label[1]))


@dataclass(slots=True)
class Result:
    probabilities: np.ndarray
    prediction: int
    label: int
    loss: float


def run(net: Network, image: Array, label: int | None = None) -> Iterator[Record | Result]:
    """Trace one image (r x s x t, or r x s for one channel) through ``net``.

    Yields forward records, the loss records, backward records, then one ``Result``.
    With ``label=None`` the network's own prediction is the target.

    One generator, not one per phase: every record passing through a second generator (and a
    method call per layer for side arrays it does not have) cost ~3 % of a trace.
    """
    x = as_batch(net, image)
    labels = net.labels
    yield _record(labels.input, require_finite("input.x", x)[0])
    # forward: each layer's output, then its side arrays (a max-pool's switches)
    for layer, named in zip(net.layers, labels.layers, strict=True):
        x = layer.forward(x)
        if layer.params:  # only a sum of products can overflow (see the module docstring)
            require_finite(named.output_name, x)
        yield _record(named.output, x[0])
        if named.sides:
            for fields, side in zip(named.sides, layer.side_arrays(), strict=True):
                yield _record(fields, side[0])
    # the loss, against the label (or the prediction)
    logits = x[0]
    prediction = int(np.argmax(logits))
    target = prediction if label is None else int(label)
    if not 0 <= target < net.classes:
        raise ValueError(f"label {target} outside 0..{net.classes - 1}")
    loss, p, dz = softmax_cross_entropy(x, np.array([target]))
    yield _record(labels.p, p[0])
    yield _record(labels.loss, require_finite("loss.L", np.array(loss, logits.dtype)))
    yield _record(labels.output_error, dz[0])
    # backward: each layer's parameter gradients, then the error it passes down
    for layer, named in zip(reversed(net.layers), reversed(labels.layers), strict=True):
        dz = layer.backward(dz)  # type: ignore[assignment]  # need_dx: never None here
        for key, name, fields in named.grads:
            yield _record(fields, require_finite(name, layer.grads[key]))
        if layer.params:
            require_finite(named.below_name, dz)
        yield _record(named.below, dz[0])
    yield Result(p[0], prediction, target, loss)


def collect(net: Network, image: Array, label: int | None = None) -> tuple[list[Record], Result]:
    """The whole trace as (records, result)."""
    items = list(run(net, image, label))
    result = items.pop()  # run yields records, and the Result last
    assert isinstance(result, Result)
    return cast(list[Record], items), result
