"""What a request's network costs, and the per-worker budget that bounds custom networks.

A trace of the shipped network is one unit of work (its multiply-adds per image, measured at
import). A student's network costs ``ceil(macs / shipped macs)`` units, up to ~62 for the
largest one the limits allow (``nn.spec.MAX_MACS``). Each worker has ``units`` to spend on
custom networks at once (``max_concurrency``, the same number of cheap slots admission keeps):
a request whose network does not fit in what is left gets a fast 503 ``server.busy``, so a few
huge networks cannot take the worker from a class of students tracing the shipped one. Networks
costing more than ``ON_LOOP_UNITS`` are computed off the event loop.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from convtrace.api.admission import BUSY
from convtrace.api.errors import RequestError
from convtrace.nn.spec import check
from convtrace.nn.specs import lenet

SHIPPED_MACS = int(check(lenet())["macs"])
ON_LOOP_UNITS = 4  # a trace costing more than 4 shipped ones (~4 ms) leaves the event loop


def units(macs: int) -> int:
    """Work units of a network with ``macs`` multiply-adds per image (at least 1)."""
    return max(1, math.ceil(macs / SHIPPED_MACS))


class WorkBudget:
    """Units of custom-network work in flight in this worker (its threads included, hence the
    lock). The shipped networks cost nothing here: admission's slots bound them."""

    def __init__(self, units: int) -> None:
        self.capacity, self.used = units, 0
        self._lock = threading.Lock()

    @contextmanager
    def charge(self, cost: int) -> Iterator[None]:
        """Hold ``cost`` units for the block, or raise 503 server.busy at once."""
        with self._lock:
            if self.used + cost > self.capacity:
                params = {"retry_after": 1, "units": cost, "free": self.capacity - self.used}
                raise RequestError(503, BUSY, "server.busy", params, (), {"Retry-After": "1"})
            self.used += cost
        try:
            yield
        finally:
            with self._lock:
                self.used -= cost
