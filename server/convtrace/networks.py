"""Student networks kept by content: ``id = hash(spec, weights)``, so the same network always has
the same id, any worker can serve it, and a share link names it in a few characters.

``NetworkStore`` is the interface (kept beside class sessions: in memory for one process, in
Redis for several workers); ``MemoryNetworks`` is the one-process implementation. Networks
expire after ``ttl_s`` without use and the store is capped in bytes.
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

Spec = dict[str, Any]
Weights = dict[str, np.ndarray]
DAY_S = 24 * 3600.0


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
