"""Student networks kept by content: ``id = hash(spec, weights)``, so the same network always has
the same id, any worker can serve it, and a share link names it in a few characters.

``NetworkStore`` is the interface (kept beside class sessions: in memory for one process, in
Redis for several workers); ``MemoryNetworks`` is the one-process implementation,
``networks_redis.RedisNetworks`` the shared one. Networks expire after ``ttl_s`` without use and
the store is capped in bytes. ``build`` makes a runnable network from a spec and its weights (or
a seed), checked against the limits before anything is allocated.
"""

from __future__ import annotations

import hashlib
import io
import time
from abc import ABC, abstractmethod
from collections import OrderedDict
from typing import Any

import numpy as np
import orjson

from convtrace.nn.network import Network
from convtrace.nn.spec import build as build_spec
from convtrace.registry import fit_weights

Spec = dict[str, Any]
Weights = dict[str, np.ndarray]
DAY_S = 24 * 3600.0
ID_PATTERN = r"^[0-9a-f]{24}$"
# redis-py (and a Redis) are needed only with several workers: named here, imported on use
NEEDS_REDIS = (
    "stored networks with more than one worker need a shared store: set CONVTRACE_REDIS_URL "
    "or run one worker"
)


class UnknownNetworkError(LookupError):
    """No stored network has this id (never stored, or expired after its idle lifetime)."""

    code = "network.unknown"

    def __init__(self, key: str) -> None:
        super().__init__(f"no network with id {key!r} (unknown, or unused for too long)")
        self.params = {"id": key}


class NetworkStoreUnavailable(RuntimeError):
    """The network store cannot be reached (Redis down) or there is none (several workers
    without Redis). Answered 503 with Retry-After; a Redis store recovers by itself."""

    code = "network.store_unavailable"
    retry_after_s = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.params: dict[str, Any] = {}


def build(spec: Spec, weights: Weights | None = None, init_seed: int | None = None) -> Network:
    """The network a spec describes, checked first (``SpecError`` naming the layer and the
    limit, before anything is allocated), with ``weights`` (``WeightsError`` if they do not fit)
    or fresh seeded He/Glorot weights. ``net.spec`` is the canonical spec (names and defaults
    filled in), the one its id is computed from."""
    if weights is None:
        return build_spec(spec, 0 if init_seed is None else init_seed)
    return fit_weights(build_spec(spec, None), weights)


def pack(spec: Spec, weights: Weights) -> bytes:
    """One network as bytes: the spec as canonical JSON, then the float32 arrays (npz, no
    pickle). Canonical: the same spec and weights always give the same bytes."""
    buf = io.BytesIO()
    arrays: dict[str, Any] = {k: np.asarray(weights[k], np.float32) for k in sorted(weights)}
    np.savez(buf, **arrays)
    head = orjson.dumps(spec, option=orjson.OPT_SORT_KEYS)
    return len(head).to_bytes(4, "big") + head + buf.getvalue()


def unpack(blob: bytes) -> tuple[Spec, Weights]:
    n = int.from_bytes(blob[:4], "big")
    spec = orjson.loads(blob[4 : 4 + n])
    with np.load(io.BytesIO(blob[4 + n :]), allow_pickle=False) as files:
        weights = {k: files[k] for k in files.files}
    return spec, weights


def network_id(spec: Spec, weights: Weights) -> str:
    """The content address: 24 hex digits of SHA-256 over the spec and the float32 weights."""
    digest = hashlib.sha256(orjson.dumps(spec, option=orjson.OPT_SORT_KEYS))
    for key in sorted(weights):
        digest.update(key.encode())
        digest.update(np.ascontiguousarray(weights[key], np.float32).tobytes())
    return digest.hexdigest()[:24]


class NetworkStore(ABC):
    def __init__(self, ttl_s: float = DAY_S, max_bytes: int = 256 << 20) -> None:
        self.ttl_s = ttl_s
        self.max_bytes = max_bytes

    async def put(self, spec: Spec, weights: Weights) -> str:
        """Keep a network; its id (the same network gives the same id)."""
        key = network_id(spec, weights)
        await self.put_blob(key, pack(spec, weights))
        return key

    async def get(self, key: str) -> tuple[Spec, Weights] | None:
        """The network with this id, refreshing its lifetime; None if unknown or expired."""
        blob = await self.get_blob(key)
        return None if blob is None else unpack(blob)

    async def load(self, key: str) -> Network:
        """The stored network, built to run (UnknownNetworkError if there is none)."""
        found = await self.get(key)
        if found is None:
            raise UnknownNetworkError(key)
        net = Network(found[0])
        net.set_weights(found[1])
        return net

    async def close(self) -> None:  # noqa: B027 - a hook: only a networked store has work
        """Release connections (nothing to do in memory)."""

    @abstractmethod
    async def put_blob(self, key: str, blob: bytes) -> None: ...

    @abstractmethod
    async def get_blob(self, key: str) -> bytes | None: ...


class MemoryNetworks(NetworkStore):
    """One process: an LRU of blobs bounded in bytes, each expiring ``ttl_s`` after its last use."""

    def __init__(self, ttl_s: float = DAY_S, max_bytes: int = 256 << 20) -> None:
        super().__init__(ttl_s, max_bytes)
        self._items: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._bytes = 0

    async def put_blob(self, key: str, blob: bytes) -> None:
        self._drop(key)
        self._items[key] = (time.monotonic() + self.ttl_s, blob)
        self._bytes += len(blob)
        while self._bytes > self.max_bytes and self._items:
            self._drop(next(iter(self._items)))

    async def get_blob(self, key: str) -> bytes | None:
        item = self._items.get(key)
        if item is None or item[0] < time.monotonic():
            self._drop(key)
            return None
        self._items[key] = (time.monotonic() + self.ttl_s, item[1])
        self._items.move_to_end(key)
        return item[1]

    def _drop(self, key: str) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._bytes -= len(item[1])


def open_networks(
    redis_url: str, workers: int, ttl_s: float, max_bytes: int
) -> NetworkStore | None:
    """Memory for one worker, Redis when a URL is given; None (network routes then answer 503
    with NEEDS_REDIS) when several workers would each hold their own networks. As class
    sessions do (``classes.classroom.open_classroom``)."""
    if redis_url:
        from convtrace.networks_redis import RedisNetworks  # redis-py only when it is used

        return RedisNetworks(redis_url, ttl_s, max_bytes)
    if workers > 1:
        return None
    return MemoryNetworks(ttl_s, max_bytes)
