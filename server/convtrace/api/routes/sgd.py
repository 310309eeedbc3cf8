"""POST /api/sgd: one gradient-descent step on one image; the client keeps the new weights, and
a student's own network (a spec or a stored network) is stored again under its new id."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from convtrace.api import encode
from convtrace.api.deps import BudgetDep, RegistryDep, keep, network_for
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import SgdRequest, SgdResponse
from convtrace.digits import input_image
from convtrace.training_step import sgd_step

router = APIRouter(tags=["sgd"], route_class=OrjsonRoute)


@router.post(
    "/sgd",
    response_model=SgdResponse,
    responses={404: {"description": "No such model or stored network"}},
)
async def sgd(
    body: SgdRequest, request: Request, registry: RegistryDep, budget: BudgetDep
) -> Response:
    # (async: admission runs this route on a heavy thread in an event loop of its own)
    chosen = await network_for(request, body)
    net = chosen.net
    image = input_image(body.image, body.drawing)
    with budget.charge(chosen.units if chosen.custom else 0):
        step = sgd_step(net, image, body.label, body.learning_rate, registry.samples)
    stored = await keep(request, net) if chosen.custom else None
    return encode.json_response(
        {
            "model": chosen.name,
            "label": step.label,
            "weights": encode.tensors(net.get_weights()),
            "before": step.before.as_dict(),
            "after": step.after.as_dict(),
            "update_norms": step.update_norms,
            "samples_accuracy": dict(zip(("before", "after"), step.samples_accuracy, strict=True)),
            "network": stored,
        }
    )
