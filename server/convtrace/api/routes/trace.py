"""POST /api/trace: one image in, the whole forward and backward pass out, streamed as NDJSON."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

import anyio.to_thread
import numpy as np
from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from convtrace.api import encode
from convtrace.api.cost import ON_LOOP_UNITS
from convtrace.api.deps import BudgetDep, Chosen, network_for
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import TraceRequest
from convtrace.digits import input_image
from convtrace.encoding import trace_chunks
from convtrace.nn import trace as engine
from convtrace.nn.trace import Record, Result

router = APIRouter(tags=["trace"], route_class=OrjsonRoute)
Item = Record | Result
NDJSON = "application/x-ndjson"
STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "One JSON object per line: the records of the forward pass, then the "
        "backward pass, then {'phase': 'result', ...} (or a final {'phase': 'error', ...}).",
        "content": {NDJSON: {"schema": {"type": "string"}}},
    },
    404: {"description": "No such model or stored network"},
    503: {"description": "Busy (a large custom network needs more than this worker has free)"},
    422: {
        "description": "Bad input; each error names its field (also: the forward pass "
        "overflows float32 with the weights sent)"
    },
}


def _forward_first(items: Iterator[Item]) -> Iterator[Item]:
    """The same items, the forward pass computed already (~0.1 ms): an overflow there (weights
    far too large) raises now, before the response starts, and becomes a 422. The backward pass
    is computed as it streams; a failure there ends the stream with an error line."""
    forward = []
    for item in items:
        forward.append(item)
        if isinstance(item, Record) and item.phase == "backward":
            break
    return chain(forward, items)


def whole_trace(chosen: Chosen, image: np.ndarray, label: int | None, encoding: str) -> bytes:
    """The whole NDJSON body at once (the forward pass first, so its failure is a 422)."""
    items = _forward_first(engine.run(chosen.net, image, label))
    return b"".join(trace_chunks(items, encoding, chosen.name))


@router.post("/trace", response_class=StreamingResponse, responses=STREAM_DOC)
async def trace(body: TraceRequest, request: Request, budget: BudgetDep) -> Response:
    """A shipped network streams as it is computed (~1 ms of work). A student's network may
    cost up to ~60 times that: it is charged to the worker's budget and computed whole (off the
    event loop when large), then sent in the same format."""
    chosen = await network_for(request, body)
    image = input_image(body.image, body.drawing)
    if not chosen.custom:
        items = _forward_first(engine.run(chosen.net, image, body.label))
        chunks = encode.ndjson_trace(items, body.encoding, chosen.name)
        return StreamingResponse(chunks, media_type=NDJSON)
    with budget.charge(chosen.units):
        if chosen.units > ON_LOOP_UNITS:
            text = await anyio.to_thread.run_sync(
                whole_trace, chosen, image, body.label, body.encoding
            )
        else:
            text = whole_trace(chosen, image, body.label, body.encoding)
    return Response(text, media_type=NDJSON)
