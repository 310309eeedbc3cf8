"""POST /api/sgd: one gradient-descent step on one image; the client keeps the new weights."""

from __future__ import annotations

from fastapi import APIRouter, Response

from convtrace.api import encode
from convtrace.api.deps import RegistryDep, network_for
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import SgdRequest, SgdResponse
from convtrace.digits import input_image
from convtrace.training_step import sgd_step

router = APIRouter(tags=["sgd"], route_class=OrjsonRoute)


@router.post("/sgd", response_model=SgdResponse, responses={404: {"description": "No such model"}})
def sgd(body: SgdRequest, registry: RegistryDep) -> Response:
    name, net = network_for(registry, body)
    image = input_image(body.image, body.drawing)
    step = sgd_step(net, image, body.label, body.learning_rate, registry.samples)
    return encode.json_response(
        {
            "model": name,
            "label": step.label,
            "weights": encode.tensors(net.get_weights()),
            "before": step.before.as_dict(),
            "after": step.after.as_dict(),
            "update_norms": step.update_norms,
            "samples_accuracy": dict(zip(("before", "after"), step.samples_accuracy, strict=True)),
        }
    )
