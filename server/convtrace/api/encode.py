"""numpy -> HTTP responses. The encodings themselves live in ``convtrace.encoding`` (shared with
the class trace cache); this module adds the response types."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

from fastapi import Response

from convtrace.encoding import (
    ENCODINGS,
    array_fields,
    dumps,
    error_line,
    record_line,
    result_line,
    tensors,
    trace_chunks,
    wire_array,
)
from convtrace.nn.trace import Record, Result

__all__ = [
    "ENCODINGS",
    "array_fields",
    "dumps",
    "error_line",
    "json_response",
    "ndjson_trace",
    "record_line",
    "result_line",
    "tensors",
    "wire_array",
]


def json_response(
    content: object, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        dumps(content), status_code=status_code, media_type="application/json", headers=headers
    )


async def ndjson_trace(
    items: Iterable[Record | Result], encoding: str, model: str
) -> AsyncIterator[bytes]:
    """The trace's NDJSON chunks as the engine yields them (see ``encoding.trace_chunks``).
    Computed on the event loop: a whole trace is ~1 ms of NumPy, less than the thread hops a
    sync generator would need per record."""
    for chunk in trace_chunks(items, encoding, model):
        yield chunk
