"""The engine's trace, every number checked finite on its way out.

A network whose numbers overflow float32 (weights such as 3e38) gives NaN or infinity, which
JSON would carry as ``null`` and the page would draw as a result. Here the first non-finite
array stops the trace with ``NonFiniteError`` naming it (``conv1.z``, ``dense.dL_dW``, ...).
Once the engine raises that error itself, this check is a cheap second line (~20 us a trace).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from convtrace.nn import trace
from convtrace.nn.finite import require_finite
from convtrace.nn.network import Network


def run(
    net: Network, image: np.ndarray, label: int | None
) -> Iterator[trace.Record | trace.Result]:
    """``convtrace.nn.trace.run``, raising NonFiniteError at the first non-finite item."""
    for item in trace.run(net, image, label):
        if isinstance(item, trace.Record):
            require_finite(f"{item.layer}.{item.quantity}", item.array)
        else:
            require_finite("loss.p", item.probabilities)
            require_finite("loss.L", np.asarray(item.loss))
        yield item
