"""The class's trace read back from its NDJSON bytes: the records as arrays, in stream order.

The server holds each class trace as the exact bytes ``POST /api/trace`` sends (see
``tracecache``); a question's truth is read from those same records, so the truth the server
keeps is the one every student's page reads from the same bytes. Decoding is the inverse of
``api/encode.array_fields`` (b64 and b64-sparse; little-endian float32, uint16 for switches).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True, slots=True)
class TraceRecord:
    """One record of a class trace: what a question's truth may read."""

    phase: str
    layer: str
    quantity: str
    equation: str
    of: str | None
    array: np.ndarray  # in the record's own shape


def _array(line: dict[str, Any]) -> np.ndarray:
    shape = [int(n) for n in line.get("shape", [])]
    dtype = np.dtype("<u2" if line.get("dtype") == "uint16" else "<f4")
    encoding = line.get("encoding", "b64")
    if encoding == "json":
        return np.asarray(line["data"], dtype).reshape(shape)
    data = np.frombuffer(base64.b64decode(line["data"]), dtype)
    if encoding == "b64-sparse":
        size = int(np.prod(shape, dtype=np.int64))
        mask = np.unpackbits(
            np.frombuffer(base64.b64decode(line["mask"]), np.uint8), bitorder="little"
        )[:size].astype(bool)
        flat = np.zeros(size, dtype)
        flat[mask] = data
        data = flat
    return data.reshape(shape)


def read_records(ndjson: bytes) -> list[TraceRecord]:
    """The records of an NDJSON trace, indexed as the page indexes them (result line skipped)."""
    out = []
    for raw in ndjson.splitlines():
        if not raw.strip():
            continue
        line = json.loads(raw)
        if line.get("phase") in ("result", "error"):
            continue  # not records: indices must match the page's trace.records
        out.append(
            TraceRecord(
                line["phase"],
                line["layer"],
                line["quantity"],
                line["equation"],
                line.get("of"),
                _array(line),
            )
        )
    return out
