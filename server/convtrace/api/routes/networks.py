"""Students' own networks: the layer kinds, checking a spec, storing and fetching a network.

``GET /api/layers`` lists what the architecture editor may offer; ``POST /api/networks/check``
answers the shape after every layer (or a 422 naming the layer and the limit) without building
anything; ``POST /api/networks`` stores a spec with its weights (or fresh seeded ones) under its
content address; ``GET /api/networks/{id}`` gives it back. The store is opened per worker by this
router's lifespan: in memory for one worker, in Redis (CONVTRACE_REDIS_URL) for several.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Path, Query, Response
from starlette.convertors import Convertor, register_url_convertor

from convtrace.api import encode
from convtrace.api.admission import on_main_loop
from convtrace.api.deps import NetworksDep
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import (
    LayerCatalogue,
    NetworkCheck,
    NetworkCreated,
    NetworkDetail,
    NetworkIn,
    SpecIn,
)
from convtrace.encoding import b64
from convtrace.networks import ID_PATTERN, UnknownNetworkError, build, open_networks
from convtrace.nn import spec as specs


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One network store per worker, created in the worker's event loop, closed on shutdown.
    A store another part of the app opened first (training keeps checkpoints in it) is used as
    it is: there must be one per worker."""
    settings = app.state.settings
    mine = getattr(app.state, "networks", None) is None
    if mine:
        app.state.networks = open_networks(
            settings.redis_url,
            settings.workers,
            settings.network_idle_ttl_s,
            settings.network_max_bytes,
        )
    try:
        yield
    finally:
        if mine and app.state.networks is not None:
            await app.state.networks.close()


ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"description": "Bad spec or weights; the detail names the layer, field and limit"},
    503: {"description": "Network store unavailable (Redis down, or several workers without)"},
}


class NetworkIdConvertor(Convertor[str]):
    """Only a network id matches ``{network_id:network_id}``: GET /api/networks/check is then
    no GET of a network called "check" but a 405 (the path is POST only)."""

    regex = ID_PATTERN.strip("^$")

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("network_id", NetworkIdConvertor())
router = APIRouter(tags=["networks"], route_class=OrjsonRoute, lifespan=lifespan, responses=ERRORS)
NetworkIdPath = Annotated[str, Path(pattern=ID_PATTERN, description="24 hex digits")]


def limits() -> dict[str, Any]:
    return {
        "max_layers": specs.MAX_LAYERS,
        "max_params": specs.MAX_PARAMS,
        "max_macs": specs.MAX_MACS,
        "input": list(specs.INPUT_SHAPE),
        "classes": specs.CLASSES,
    }


@router.get("/layers", response_model=LayerCatalogue)
async def layers() -> Response:
    return encode.json_response({"kinds": specs.layer_catalogue(), "limits": limits()})


@router.post("/networks/check", response_model=NetworkCheck)
async def check(body: SpecIn) -> Response:
    return encode.json_response(specs.check(body.spec))


@router.post("/networks", status_code=201, response_model=NetworkCreated)
async def create(body: NetworkIn, store: NetworksDep) -> Response:
    weights = None if body.weights is None else {k: t.data for k, t in body.weights.items()}
    net = build(body.spec, weights, body.init_seed)
    # (a body over heavy_body_bytes runs on a heavy thread: the store's client is the main loop's)
    key = await on_main_loop(store.put, net.spec, net.get_weights())
    return encode.json_response({"id": key}, status_code=201)


@router.get(
    "/networks/{network_id:network_id}",
    response_model=NetworkDetail,
    responses={404: {"description": "No such network (never stored, or expired)"}},
)
async def fetch(
    network_id: NetworkIdPath,
    store: NetworksDep,
    encoding: Annotated[
        Literal["json", "b64"],
        Query(
            description="json: data as lists (as GET /api/models/{name}); b64: base64 of "
            "little-endian float32, as requests accept it (a third of the size)"
        ),
    ] = "json",
) -> Response:
    found = await on_main_loop(store.get, network_id)
    if found is None:
        raise UnknownNetworkError(network_id)
    spec, weights = found
    tensors = encode.tensors(weights)
    if encoding == "b64":
        tensors = {k: {**t, "data": b64(t["data"])} for k, t in tensors.items()}
    return encode.json_response({"spec": spec, "weights": tensors})
