"""POST /api/batch-trace: one mini-batch opened up. Each example's loss and parameter gradients
∂L_n/∂θ, and the gradient the optimizer applies, ∂L_batch/∂θ = (1/B) Σ_n ∂L_n/∂θ, of the mean
loss L_batch = (1/B) Σ_n L_n. The mean is computed by one backward pass over the whole batch,
the examples' by one pass each, so the page can show (and a test check) that they agree.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from fastapi import APIRouter, Request, Response
from pydantic import Field, model_validator
from starlette.concurrency import run_in_threadpool

from convtrace.api import encode
from convtrace.api.deps import network_for
from convtrace.api.errors import RequestError
from convtrace.api.routes import OrjsonRoute
from convtrace.api.schemas import Digit, Image, NetworkChoice
from convtrace.nn.network import Network

MAX_BATCH = 16

router = APIRouter(tags=["train"], route_class=OrjsonRoute)


class BatchTraceRequest(NetworkChoice):
    images: list[Image] = Field(min_length=1, max_length=MAX_BATCH, description="28x28, 0..1")
    labels: list[Digit] = Field(min_length=1, max_length=MAX_BATCH)
    params: list[str] | None = Field(
        None, max_length=64, description="Parameters to send (e.g. ['conv1.W']); all if absent."
    )

    @model_validator(mode="after")
    def _one_label_each(self) -> BatchTraceRequest:
        if len(self.images) != len(self.labels):
            raise ValueError(f"{len(self.images)} images but {len(self.labels)} labels")
        return self


def _grads(net: Network, keep: list[str]) -> dict[str, np.ndarray]:
    return {
        f"{la.name}.{k}": g.copy()
        for la in net.layers
        for k, g in la.grads.items()
        if f"{la.name}.{k}" in keep
    }


@router.post("/batch-trace", responses={404: {"description": "No such model"}})
async def batch_trace(body: BatchTraceRequest, request: Request) -> Response:
    chosen = await network_for(request, body)
    # the passes are CPU work: off the event loop, like every other route's
    answer = await run_in_threadpool(_opened, chosen.name, chosen.net, body)
    return encode.json_response(answer)


def _opened(name: str, net: Network, body: BatchTraceRequest) -> dict[str, Any]:
    known = list(net.get_weights())
    keep = known if body.params is None else body.params
    unknown = sorted(set(keep) - set(known))
    if unknown:
        msg = f"unknown parameters {unknown}; this network has {known}"
        params = {"unknown": unknown, "known": known}
        raise RequestError(422, msg, "batch.unknown_params", params, ("body", "params"))
    x = np.stack([np.asarray(image, np.float32) for image in body.images])[..., None]
    y = np.asarray(body.labels, np.int64)
    examples: list[dict[str, Any]] = []
    for n in range(len(y)):
        loss, p = net.loss_and_grads(x[n : n + 1], y[n : n + 1])
        grads = _grads(net, keep)
        examples.append(
            {
                "label": int(y[n]),
                "loss": loss,
                "prediction": int(p[0].argmax()),
                "grads": encode.tensors(grads),
            }
        )
    batch_loss, _ = net.loss_and_grads(x, y)
    return {
        "model": name,
        "batch_size": len(y),
        "loss": batch_loss,
        "examples": examples,
        "mean": encode.tensors(_grads(net, keep)),
    }
