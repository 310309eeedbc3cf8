"""POST /api/gradcheck: backprop's gradients against central differences, in float64."""

from __future__ import annotations

from fastapi import APIRouter, Response

from convtrace.api import encode
from convtrace.api.admission import current_deadline
from convtrace.api.deps import RegistryDep, network_for
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import GradcheckRequest, GradcheckResponse
from convtrace.digits import input_image
from convtrace.nn.gradcheck import REL_TARGET, STEP, gradient_check

router = APIRouter(tags=["gradcheck"], route_class=OrjsonRoute)


@router.post(
    "/gradcheck",
    response_model=GradcheckResponse,
    responses={404: {"description": "No such model"}},
)
def gradcheck(body: GradcheckRequest, registry: RegistryDep) -> Response:
    name, net = network_for(registry, body)
    image = input_image(body.image, body.drawing)
    found = gradient_check(
        net, image, body.label, body.samples_per_param, body.seed, deadline=current_deadline()
    )
    return encode.json_response(
        {
            "model": name,
            "label": found.label,
            "epsilon": STEP,
            "noise_floor": found.noise_floor,
            "target": REL_TARGET,
            "results": [param.summary() for param in found.params],
        }
    )
