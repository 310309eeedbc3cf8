"""POST /api/trace: one image in, the whole forward and backward pass out, streamed as NDJSON."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from convtrace.api import encode
from convtrace.api.deps import RegistryDep, network_for
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import TraceRequest
from convtrace.digits import input_image
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
    404: {"description": "No such model"},
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


@router.post("/trace", response_class=StreamingResponse, responses=STREAM_DOC)
async def trace(body: TraceRequest, registry: RegistryDep) -> StreamingResponse:
    name, net = network_for(registry, body)
    image = input_image(body.image, body.drawing)
    items = _forward_first(engine.run(net, image, body.label))
    return StreamingResponse(encode.ndjson_trace(items, body.encoding, name), media_type=NDJSON)
