"""POST /api/input-gradient: experiments on ∂L/∂x (FGSM, targeted steps, class visualisation,
occlusion beside saliency). Heavy by path (``admission.HEAVY_PATHS``): it runs on the heavy
lane under the request's deadline, and ``steps`` ≤ 500 and the patch bounds cap its cost."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from annotated_types import Interval
from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from convtrace.api import encode
from convtrace.api.admission import current_deadline
from convtrace.api.deps import BudgetDep, network_for
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import Digit, Image, NetworkChoice, Seed, whole_number
from convtrace.nn import input_gradient as engine
from convtrace.nn import occlusion
from convtrace.nn.network import Network

router = APIRouter(tags=["input-gradient"], route_class=OrjsonRoute)

MAX_STEPS = 500
# Defaults, tuned on the 500 shipped samples with the default model (bench/input_gradient.py)
FGSM_EPSILON = 0.25
TARGETED_EPSILON = 0.3  # the L∞ budget of a targeted change
TARGETED_STEP = 1 / 255  # one grey level per pixel per step: small changes, a visible animation
VISUALISE_STEP = 1.0
DEFAULT_STEPS = 200
NOISE_HIGH = 0.2  # a "noise" start: uniform grey levels in 0..0.2

Steps = Annotated[int, Strict(), Interval(ge=1, le=MAX_STEPS), BeforeValidator(whole_number)]
PatchSide = Annotated[int, Strict(), Interval(ge=2, le=14), BeforeValidator(whole_number)]
Stride = Annotated[int, Strict(), Interval(ge=1, le=14), BeforeValidator(whole_number)]


class Regularisation(BaseModel):
    """What keeps a class visualisation image-like."""

    model_config = ConfigDict(extra="forbid")
    l2: float = Field(default=0.02, ge=0, le=10, allow_inf_nan=False, description="λ of −λ/2‖x‖²")
    blur: float = Field(
        default=0.5,
        ge=0,
        le=3,
        allow_inf_nan=False,
        description="Gaussian σ in pixels after each step",
    )


class Patch(BaseModel):
    """The grey square slid over the image for occlusion (at most 27 x 27 positions)."""

    model_config = ConfigDict(extra="forbid")
    size: PatchSide = 6
    stride: Stride = 2


class InputGradientRequest(NetworkChoice):
    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")
    image: Image = Field(description="28x28 in 0..1: the digit (visualise: used if start=image)")
    mode: Literal["fgsm", "targeted", "visualise", "occlusion"]
    label: Digit | None = Field(
        None, description="fgsm, occlusion: the true digit y; null: the network's prediction."
    )
    target: Digit | None = Field(None, description="targeted, visualise: the class k (required).")
    epsilon: float | None = Field(
        None,
        gt=0,
        le=1,
        allow_inf_nan=False,
        description=f"fgsm: the step ε (default {FGSM_EPSILON}); targeted: the L∞ budget "
        f"(default {TARGETED_EPSILON}).",
    )
    steps: Steps | None = Field(None, description=f"At most {MAX_STEPS} (default {DEFAULT_STEPS}).")
    step_size: float | None = Field(
        None,
        gt=0,
        le=10,
        allow_inf_nan=False,
        description=f"η: targeted (default 1/255), visualise (default {VISUALISE_STEP}).",
    )
    regularisation: Regularisation | None = None
    patch: Patch | None = None
    start: Literal["blank", "noise", "image"] = Field(
        "noise", description="visualise: where the ascent starts."
    )
    seed: Seed = Field(0, description="visualise: the noise of a 'noise' start.")


def _field_error(field: str, message: str, code: str) -> RequestValidationError:
    """A 422 on body.<field>; ``type`` carries a stable code a page can word itself."""
    return RequestValidationError([{"loc": ("body", field), "msg": message, "type": code}])


def _checked(body: InputGradientRequest, net: Network) -> None:
    """What the field types cannot say: a target where one is needed, classes the net has."""
    if body.mode in ("targeted", "visualise") and body.target is None:
        message = f"mode '{body.mode}' needs a target digit"
        raise _field_error("target", message, "input_gradient.target_required")
    for name in ("label", "target"):
        value = getattr(body, name)
        if value is not None and value >= net.classes:
            message = f"must be below {net.classes}, the network's classes"
            raise _field_error(name, message, "input_gradient.no_such_class")


def _start(body: InputGradientRequest) -> np.ndarray:
    if body.start == "image":
        return np.asarray(body.image, np.float32)
    if body.start == "blank":
        return np.zeros((28, 28), np.float32)
    noise = np.random.default_rng(body.seed).uniform(0, NOISE_HIGH, (28, 28))
    return engine.on_grid(noise)


def _run(body: InputGradientRequest, net: Network) -> tuple[engine.Outcome, dict[str, Any]]:
    """The experiment the body asks for, and the parameters it ran with."""
    clock = engine.Clock(current_deadline())
    image, steps = np.asarray(body.image, np.float32), body.steps or DEFAULT_STEPS
    if body.mode == "fgsm":
        eps = body.epsilon or FGSM_EPSILON
        return engine.fgsm(net, image, body.label, eps), {"epsilon": eps}
    assert body.mode == "occlusion" or body.target is not None  # (_checked)
    if body.mode == "targeted":
        eps, eta = body.epsilon or TARGETED_EPSILON, body.step_size or TARGETED_STEP
        used = {"epsilon": eps, "step_size": eta, "steps": steps}
        return engine.targeted(net, image, int(body.target or 0), eps, eta, steps, clock), used
    if body.mode == "visualise":
        reg, eta = body.regularisation or Regularisation(), body.step_size or VISUALISE_STEP
        used = {"step_size": eta, "steps": steps, "l2": reg.l2, "blur": reg.blur}
        target = int(body.target or 0)
        outcome = engine.visualise(net, _start(body), target, eta, steps, reg.l2, reg.blur, clock)
        return outcome, {**used, "start": body.start}
    patch = body.patch or Patch()
    outcome = occlusion.occlusion(net, image, body.label, patch.size, patch.stride, clock)
    return outcome, {"size": patch.size, "stride": patch.stride, "fill": engine.GREY}


def _frame(frame: engine.Frame) -> dict[str, Any]:
    update = frame.update
    return {
        "step": frame.step,
        "image": encode.array_fields(frame.image, "b64"),
        "prediction": frame.prediction,
        "probabilities": encode.wire_array(frame.probabilities),
        "linf": frame.linf,
        "l2": frame.l2,
        "update": None
        if update is None
        else {
            "row": update.row,
            "col": update.col,
            "x": update.x,
            "dx": update.dx,
            "next": update.next,
        },
    }


@router.post("/input-gradient", responses={404: {"description": "No such model"}})
async def input_gradient(
    body: InputGradientRequest, request: Request, budget: BudgetDep
) -> Response:
    """Run one input-gradient experiment; every frame is an 8-bit image with the prediction
    and probabilities a trace of it gives. (async: admission runs it on a heavy thread in an
    event loop of its own, as /api/gradcheck)"""
    chosen = await network_for(request, body)
    name, net = chosen.name, chosen.net
    _checked(body, net)
    with budget.charge(chosen.units if chosen.custom else 0):
        outcome, used = _run(body, net)
    extra = {
        key: encode.array_fields(value, "b64") if isinstance(value, np.ndarray) else value
        for key, value in outcome.extra.items()
    }
    return encode.json_response(
        {
            "model": name,
            "mode": body.mode,
            "parameters": used,
            **extra,
            "frames": [_frame(f) for f in outcome.frames],
        }
    )
