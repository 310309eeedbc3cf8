"""POST /api/gradcheck: backprop's gradients against central differences, in float64."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from convtrace.api import encode
from convtrace.api.admission import current_deadline
from convtrace.api.deps import BudgetDep, network_for
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import GradcheckRequest, GradcheckResponse
from convtrace.digits import input_image
from convtrace.nn.gradcheck import REL_TARGET, STEP, gradient_check

router = APIRouter(tags=["gradcheck"], route_class=OrjsonRoute)


@router.post(
    "/gradcheck",
    response_model=GradcheckResponse,
    responses={404: {"description": "No such model or stored network"}},
)
async def gradcheck(body: GradcheckRequest, request: Request, budget: BudgetDep) -> Response:
    # (async: admission runs this route on a heavy thread in an event loop of its own)
    chosen = await network_for(request, body)
    image = input_image(body.image, body.drawing)
    with budget.charge(chosen.units if chosen.custom else 0):
        found = gradient_check(
            chosen.net,
            image,
            body.label,
            body.samples_per_param,
            body.seed,
            deadline=current_deadline(),
        )
    return encode.json_response(
        {
            "model": chosen.name,
            "label": found.label,
            "epsilon": STEP,
            "noise_floor": found.noise_floor,
            "target": REL_TARGET,
            "results": [param.summary() for param in found.params],
        }
    )
