"""Decode trace records (b64, b64-sparse, json) back to numpy arrays, as a client would."""

from __future__ import annotations

import base64

import numpy as np
import orjson

DTYPES = {"float32": np.dtype("<f4"), "uint16": np.dtype("<u2")}


def decode(record: dict) -> np.ndarray:
    dtype, shape = DTYPES[record["dtype"]], tuple(record["shape"])
    size = int(np.prod(shape))
    if record["encoding"] == "json":
        flat = np.array(record["data"], dtype=dtype)
    elif record["encoding"] == "b64":
        flat = np.frombuffer(base64.b64decode(record["data"]), dtype=dtype)
    elif record["encoding"] == "b64-sparse":
        bits = np.frombuffer(base64.b64decode(record["mask"]), dtype=np.uint8)
        mask = np.unpackbits(bits, bitorder="little", count=size).astype(bool)
        flat = np.zeros(size, dtype=dtype)
        flat[mask] = np.frombuffer(base64.b64decode(record["data"]), dtype=dtype)
    else:
        raise ValueError(f"unknown encoding {record['encoding']!r}")
    assert flat.size == size, (record["layer"], record["quantity"], flat.size, size)
    return flat.reshape(shape)


def parse_lines(body: bytes) -> list[dict]:
    """NDJSON -> objects; every line must be complete JSON and end with a newline."""
    assert body.endswith(b"\n"), "stream must end with a newline"
    return [orjson.loads(line) for line in body.split(b"\n")[:-1]]
