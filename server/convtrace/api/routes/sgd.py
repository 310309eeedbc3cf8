"""POST /api/sgd: one gradient-descent step on one image; the client keeps the new weights."""

from __future__ import annotations

from fastapi import APIRouter

from convtrace.api import encode
from convtrace.api.routes import OrjsonRoute, RegistryDep
from convtrace.api.routes.trace import network_for
from convtrace.api.schemas import SgdRequest, SgdResponse
from convtrace.compute import input_image, sgd_step

router = APIRouter(tags=["sgd"], route_class=OrjsonRoute)


@router.post("/sgd", response_model=SgdResponse, responses={404: {"description": "No such model"}})
def sgd(body: SgdRequest, registry: RegistryDep):
    name, net = network_for(registry, body)
    image = input_image(body.image, body.drawing)
    label, before, after, norms = sgd_step(net, image, body.label, body.learning_rate)
    return encode.json_response(
        {
            "model": name,
            "label": label,
            "weights": encode.tensors(net.get_weights()),
            "before": before.as_dict(),
            "after": after.as_dict(),
            "update_norms": norms,
        }
    )
