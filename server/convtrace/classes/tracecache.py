"""The class's current trace, computed once per trace key and served to every follower.

The key is a hash of what the trace depends on (image, model, label, network, weights; see
``session.trace_key``): moving the selection, the step or the view changes the state's version
but not the trace. When the instructor changes the digit, 300 followers ask for the trace at
once. The first asker on a worker starts the computation and the others on that worker await the
same task; across workers a short claim in the store lets one compute while the others wait for
the stored result (falling back to computing it themselves if it does not come). The bytes are
exactly those ``POST /api/trace`` returns for the same image, label and network.
"""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import numpy as np

from convtrace.classes.session import Sessions
from convtrace.classes.store import ClassError
from convtrace.encoding import trace_chunks
from convtrace.networks import NetworkStore, UnknownNetworkError
from convtrace.nn import trace as engine_trace
from convtrace.nn.network import Network
from convtrace.registry import Registry

LOCAL_TRACES = 128  # newest trace per class kept by this worker (about 100 KB each)
CLAIM_S = 5.0  # how long others wait for the claimant's trace before computing it themselves
POLL_S = 0.02


async def network_of(
    registry: Registry,
    networks: NetworkStore | None,
    state: dict[str, Any],
    weights: dict[str, Any] | None,
) -> tuple[str, Network]:
    """(name in the trace's result line, network) of a class state: the model with the
    instructor's weights if given (their ``network`` is only where followers fetch them), else
    the instructor's stored network if the state names one, else the shipped model."""
    key = state.get("network")
    if key and weights is None:
        try:
            if networks is None:
                raise UnknownNetworkError(key)
            return f"network:{key}", await networks.load(key)
        except UnknownNetworkError as err:
            message = f"{err}: the instructor must apply the network again"
            raise ClassError(409, message, code=err.code, params=err.params) from None
    model = registry.get(state["model"])
    arrays = None
    if weights is not None:
        arrays = {
            k: np.asarray(t["data"], np.float32).reshape(t["shape"]) for k, t in weights.items()
        }
    return model.name, model.network(arrays)


def compute(name: str, net: Network, state: dict[str, Any]) -> bytes:
    """The NDJSON trace of one class state (b64 encoding, as the trace endpoint's default)."""
    pixels = np.frombuffer(base64.b64decode(state["image"]), np.uint8).reshape(28, 28)
    image = pixels.astype(np.float32) / np.float32(255)
    records = engine_trace.run(net, image, state.get("label"))
    return b"".join(trace_chunks(records, "b64", name))


class TraceCache:
    def __init__(
        self, sessions: Sessions, registry: Registry, networks: NetworkStore | None = None
    ) -> None:
        self.sessions, self.store, self.registry = sessions, sessions.store, registry
        self.networks = networks
        self.running: dict[tuple[str, str], asyncio.Task[bytes]] = {}  # single flight per worker
        # The newest trace of each class, also kept here: 300 students on a worker then cost
        # one read of the (small) state from the store each, not 300 reads of the trace.
        self.local: dict[str, tuple[str, bytes]] = {}

    async def get(self, code: str) -> tuple[int, bytes]:
        """(state version, NDJSON trace) of the class's current state."""
        # state, weights and trace key are written together (the session's "version" counter
        # may already be one ahead of the state's own)
        fields = await self.sessions.fields(code, ["state", "weights", "trace_key"])
        state = json.loads(fields["state"])
        if state is None:
            message = "the instructor has not shared a digit yet"
            raise ClassError(409, message, code="class.no_state")
        version = int(state["version"])
        key = fields.get("trace_key") or f"v{version}"
        held = self.local.get(code)
        if held is not None and held[0] == key:
            return version, held[1]
        cached = await self.store.trace(code)
        if cached is not None and cached[0] == key:
            self._keep(code, cached)
            return version, cached[1]
        if (code, key) not in self.running:
            task = asyncio.create_task(self._fill(code, key, state, fields))
            self.running[(code, key)] = task
            task.add_done_callback(lambda _: self.running.pop((code, key), None))
        body = await asyncio.shield(self.running[(code, key)])
        self._keep(code, (key, body))
        return version, body

    def _keep(self, code: str, trace: tuple[str, bytes]) -> None:
        self.local.pop(code, None)
        self.local[code] = trace  # newest last; the oldest class's trace goes first
        while len(self.local) > LOCAL_TRACES:
            del self.local[next(iter(self.local))]

    async def _fill(
        self, code: str, key: str, state: dict[str, Any], fields: dict[str, str]
    ) -> bytes:
        if not await self.store.claim(f"trace:{code}:{key}", CLAIM_S):
            for _ in range(int(CLAIM_S / POLL_S)):
                await asyncio.sleep(POLL_S)
                cached = await self.store.trace(code)
                if cached is not None and cached[0] == key:
                    return cached[1]
        body = await self._compute(state, fields)
        await self.store.put_trace(code, key, body)
        return body

    async def _compute(self, state: dict[str, Any], fields: dict[str, str]) -> bytes:
        weights = json.loads(fields.get("weights") or "null")
        name, net = await network_of(self.registry, self.networks, state, weights)
        return compute(name, net, state)
