"""POST /api/trace: one image in, the whole forward and backward pass out, streamed as NDJSON."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from convtrace.api import encode
from convtrace.api.routes import OrjsonRoute, RegistryDep
from convtrace.api.schemas import TraceRequest
from convtrace.compute import input_image
from convtrace.nn import trace as engine_trace
from convtrace.nn.network import Network
from convtrace.registry import Registry

router = APIRouter(tags=["trace"], route_class=OrjsonRoute)
NDJSON = "application/x-ndjson"
STREAM_DOC = {
    200: {
        "description": "One JSON object per line: the records of the forward pass, then the "
        "backward pass, then {'phase': 'result', ...} (or a final {'phase': 'error', ...}).",
        "content": {NDJSON: {"schema": {"type": "string"}}},
    },
    404: {"description": "No such model"},
    422: {"description": "Bad input; each error names its field"},
}


def network_for(registry: Registry, body: TraceRequest) -> tuple[str, Network]:
    """A fresh network: the named (or default) model, with the client's weights if given."""
    model = registry.get(body.model)
    weights = None if body.weights is None else {k: t.data for k, t in body.weights.items()}
    return model.name, model.network(weights)


@router.post("/trace", response_class=StreamingResponse, responses=STREAM_DOC)
async def trace(body: TraceRequest, registry: RegistryDep) -> StreamingResponse:
    name, net = network_for(registry, body)
    image = input_image(body.image, body.drawing)
    records = engine_trace.run(net, image, body.label)
    return StreamingResponse(encode.ndjson_trace(records, body.encoding, name), media_type=NDJSON)
