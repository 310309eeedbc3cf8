"""numpy -> the wire: the one home of how arrays and trace records are written as JSON.

Neutral ground between the domain and the web layer: ``api.encode`` (HTTP responses) and
``classes.tracecache`` (a class's cached trace) both write through it, so a class follower gets
exactly the bytes ``POST /api/trace`` sends. It imports nothing from ``convtrace.api``.

Every array is sent row-major and little-endian in one of three encodings:

``b64``         ``data`` = base64 of the raw bytes.
``b64-sparse``  ``mask`` = base64 of ``np.packbits(flat != 0, bitorder="little")`` and
                ``data`` = base64 of the nonzero values in order; cells whose mask bit is 0 are
                +0.0 (so a -0.0 from the engine arrives as +0.0: equal, not bit-identical).
                Chosen automatically in b64 mode whenever it is the smaller of the two.
``json``        ``data`` = a flat list of numbers (float32 in their shortest round-trip form).

Switch records (``quantity == "switches"``) are sent as uint16 (row, col) pairs.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import numpy as np
import orjson

from convtrace.nn.trace import Record, Result

NUMPY = orjson.OPT_SERIALIZE_NUMPY
ENCODINGS = ("b64", "json")
log = logging.getLogger("convtrace.encoding")


def dumps(content: object) -> bytes:
    """JSON bytes for any mix of plain values and numpy arrays/scalars."""
    return orjson.dumps(content, option=NUMPY)


def wire_array(array: np.ndarray) -> np.ndarray:
    """The array as it travels: little-endian float32, or uint16 for integer (switch) arrays."""
    dtype = "<u2" if np.issubdtype(array.dtype, np.integer) else "<f4"
    return np.asarray(array, dtype=dtype, order="C")  # (ascontiguousarray would make 0-d 1-d)


def b64(array: np.ndarray) -> str:
    """Base64 of the array's raw bytes (C order, its own dtype)."""
    return base64.b64encode(np.ascontiguousarray(array).data).decode("ascii")


def array_fields(array: np.ndarray, encoding: str) -> dict[str, Any]:
    """shape, dtype, encoding, data (and mask) for one array."""
    wire = wire_array(array)
    fields = {"shape": list(wire.shape), "dtype": "uint16" if wire.dtype == "<u2" else "float32"}
    flat = wire.reshape(-1)
    if encoding == "json":
        return {**fields, "encoding": "json", "data": flat}
    nonzero = flat != 0
    count = int(np.count_nonzero(nonzero))
    if (flat.size + 7) // 8 + count * flat.itemsize < flat.nbytes:
        mask = np.packbits(nonzero, bitorder="little")
        return {**fields, "encoding": "b64-sparse", "mask": b64(mask), "data": b64(flat[nonzero])}
    return {**fields, "encoding": "b64", "data": b64(flat)}


def tensors(weights: Mapping[str, np.ndarray]) -> dict[str, dict[str, Any]]:
    """{name: {"shape", "data"}} with data flat row-major float32 (the weights wire format)."""
    return {
        key: {"shape": list(value.shape), "data": wire_array(value).reshape(-1)}
        for key, value in weights.items()
    }


def record_line(seq: int, record: Record, encoding: str) -> bytes:
    head = {
        "seq": seq,
        "phase": record.phase,
        "layer": record.layer,
        "kind": record.kind,
        "quantity": record.quantity,
        "equation": record.equation,
        "of": record.of,
        "reads": list(record.reads),
    }
    return dumps({**head, **array_fields(record.array, encoding), **(record.extra or {})}) + b"\n"


def result_line(seq: int, result: Result, model: str) -> bytes:
    line = {
        "seq": seq,
        "phase": "result",
        "probabilities": wire_array(result.probabilities),
        "prediction": result.prediction,
        "label": result.label,
        "loss": result.loss,
        "model": model,
    }
    return dumps(line) + b"\n"


def error_line(seq: int, message: str) -> bytes:
    return dumps({"seq": seq, "phase": "error", "message": message}) + b"\n"


def trace_chunks(items: Iterable[Record | Result], encoding: str, model: str) -> Iterator[bytes]:
    """The NDJSON lines of a trace in three chunks: the input record alone, then the forward
    phase, then the backward phase with the result (one send per record through the middleware
    stack cost more than the records themselves). A failure ends the chunks with one ``error``
    line instead of a cut connection."""
    seq, pending, phase = 0, [], "forward"
    try:
        for item in items:
            if isinstance(item, Result):
                pending.append(result_line(seq, item, model))
            else:
                if item.phase != phase and pending:
                    yield b"".join(pending)
                    pending = []
                phase = item.phase
                pending.append(record_line(seq, item, encoding))
            if seq == 0:
                yield pending.pop()
            seq += 1
        yield b"".join(pending)
    except Exception as err:  # noqa: BLE001 - anything at all must end the stream cleanly
        log.exception("trace failed after %d records", seq)
        yield b"".join(pending) + error_line(seq, f"trace failed: {err}")
