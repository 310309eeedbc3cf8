"""POST /api/gradcheck: backprop's gradients against central differences, in float64."""

from __future__ import annotations

from fastapi import APIRouter

from server.api import encode
from server.api.routes import OrjsonRoute, RegistryDep
from server.api.routes.trace import network_for
from server.api.schemas import GradcheckRequest, GradcheckResponse
from server.compute import EPSILON, REL_TARGET, gradient_check, input_image

router = APIRouter(tags=["gradcheck"], route_class=OrjsonRoute)


@router.post("/gradcheck", response_model=GradcheckResponse,
             responses={404: {"description": "No such model"}})
def gradcheck(body: GradcheckRequest, registry: RegistryDep):
    name, net = network_for(registry, body)
    image = input_image(body.image, body.drawing)
    label, noise, results = gradient_check(net, image, body.label, body.samples_per_param,
                                           body.seed)
    return encode.json_response(
        {"model": name, "label": label, "epsilon": EPSILON, "noise_floor": noise,
         "target": REL_TARGET, "results": results})
