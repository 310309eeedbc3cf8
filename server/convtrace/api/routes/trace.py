"""POST /api/trace: one image in, the whole forward and backward pass out, streamed as NDJSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from convtrace.api import encode
from convtrace.api.deps import RegistryDep, network_for
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import TraceRequest
from convtrace.digits import input_image
from convtrace.nn import trace as engine_trace

router = APIRouter(tags=["trace"], route_class=OrjsonRoute)
NDJSON = "application/x-ndjson"
STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "One JSON object per line: the records of the forward pass, then the "
        "backward pass, then {'phase': 'result', ...} (or a final {'phase': 'error', ...}).",
        "content": {NDJSON: {"schema": {"type": "string"}}},
    },
    404: {"description": "No such model"},
    422: {"description": "Bad input; each error names its field"},
}


@router.post("/trace", response_class=StreamingResponse, responses=STREAM_DOC)
async def trace(body: TraceRequest, registry: RegistryDep) -> StreamingResponse:
    name, net = network_for(registry, body)
    image = input_image(body.image, body.drawing)
    records = engine_trace.run(net, image, body.label)
    return StreamingResponse(encode.ndjson_trace(records, body.encoding, name), media_type=NDJSON)
