"""The class's current trace, computed once per state version and served to every follower.

When the instructor changes the digit, 300 followers ask for the trace at once. The first asker
on a worker starts the computation and the others on that worker await the same task; across
workers a short claim in the store lets one compute while the others wait for the stored result
(falling back to computing it themselves if it does not come). The bytes are exactly those
``POST /api/trace`` returns for the same image, label, model and weights.
"""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import numpy as np

from convtrace.api import encode
from convtrace.classes.session import Sessions
from convtrace.classes.store import ClassError
from convtrace.nn import trace as engine_trace
from convtrace.registry import Registry

LOCAL_TRACES = 128  # newest trace per class kept by this worker (about 100 KB each)
CLAIM_S = 5.0  # how long others wait for the claimant's trace before computing it themselves
POLL_S = 0.02


async def compute(
    registry: Registry, state: dict[str, Any], weights: dict[str, Any] | None
) -> bytes:
    """The NDJSON trace of one class state (b64 encoding, as the trace endpoint's default)."""
    model = registry.get(state["model"])
    arrays = None
    if weights is not None:
        arrays = {
            k: np.asarray(t["data"], np.float32).reshape(t["shape"]) for k, t in weights.items()
        }
    net = model.network(arrays)
    pixels = np.frombuffer(base64.b64decode(state["image"]), np.uint8).reshape(28, 28)
    image = pixels.astype(np.float32) / np.float32(255)
    records = engine_trace.run(net, image, state.get("label"))
    return b"".join([chunk async for chunk in encode.ndjson_trace(records, "b64", model.name)])


class TraceCache:
    def __init__(self, sessions: Sessions, registry: Registry) -> None:
        self.sessions, self.store, self.registry = sessions, sessions.store, registry
        self.running: dict[tuple[str, int], asyncio.Task[bytes]] = {}  # single flight per worker
        # The newest trace of each class, also kept here: 300 students on a worker then cost
        # one read of the (small) state from the store each, not 300 reads of the trace.
        self.local: dict[str, tuple[int, bytes]] = {}

    async def get(self, code: str) -> tuple[int, bytes]:
        """(state version, NDJSON trace) of the class's current state."""
        # state and weights are written together and the state carries its version: all three
        # agree (the session's "version" counter may already be one ahead of them)
        fields = await self.sessions.fields(code, ["state", "weights"])
        state = json.loads(fields["state"])
        if state is None:
            raise ClassError(409, "the instructor has not shared a digit yet")
        version = int(state["version"])
        held = self.local.get(code)
        if held is not None and held[0] == version:
            return held
        cached = await self.store.trace(code)
        if cached is not None and cached[0] == version:
            self._keep(code, cached)
            return cached
        key = (code, version)
        if key not in self.running:
            task = asyncio.create_task(self._fill(code, version, state, fields))
            self.running[key] = task
            task.add_done_callback(lambda _: self.running.pop(key, None))
        body = await asyncio.shield(self.running[key])
        self._keep(code, (version, body))
        return version, body

    def _keep(self, code: str, trace: tuple[int, bytes]) -> None:
        self.local.pop(code, None)
        self.local[code] = trace  # newest last; the oldest class's trace goes first
        while len(self.local) > LOCAL_TRACES:
            del self.local[next(iter(self.local))]

    async def _fill(
        self, code: str, version: int, state: dict[str, Any], fields: dict[str, str]
    ) -> bytes:
        if not await self.store.claim(f"trace:{code}:{version}", CLAIM_S):
            for _ in range(int(CLAIM_S / POLL_S)):
                await asyncio.sleep(POLL_S)
                cached = await self.store.trace(code)
                if cached is not None and cached[0] >= version:
                    return cached[1] if cached[0] == version else await self._compute(state, fields)
        body = await self._compute(state, fields)
        await self.store.put_trace(code, version, body)
        return body

    async def _compute(self, state: dict[str, Any], fields: dict[str, str]) -> bytes:
        weights = json.loads(fields.get("weights") or "null")
        return await compute(self.registry, state, weights)
