"""The training lab's request: which network to start from, and how to train it.

Fields left out take the preset's value (``preset``, "quick" by default). A network given by
name (``model``) starts from random weights (``init_seed``, the job's ``seed`` if absent), so
the student sees it learn from scratch; given with ``weights`` it starts from those.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from annotated_types import Interval
from fastapi import Request
from pydantic import BeforeValidator, Field, Strict

from convtrace.api.deps import network_for
from convtrace.api.errors import RequestError
from convtrace.api.schemas import NetworkChoice, Seed, whole_number
from convtrace.nn.weights import init_weights
from convtrace.training import dataset
from convtrace.training.jobs import PRESETS, CostError, Job, check_cost
from convtrace.training.service import Submission, new_job_id

# JSON integers in a range (3.0 counts as 3, as everywhere in the API)
BatchSize = Annotated[int, Strict(), Interval(ge=1, le=256), BeforeValidator(whole_number)]
Epochs = Annotated[int, Strict(), Interval(ge=1, le=50), BeforeValidator(whole_number)]
TrainSize = Annotated[int, Strict(), Interval(ge=10, le=60_000), BeforeValidator(whole_number)]


class TrainRequest(NetworkChoice):
    preset: Literal["quick", "good"] = Field("quick", description="Defaults for the rest.")
    init_seed: Seed | None = Field(None, description="Random start (the job's seed if absent).")
    optimizer: Literal["sgd", "momentum", "adam"] | None = None
    learning_rate: float | None = Field(None, gt=0, le=1, allow_inf_nan=False)
    batch_size: BatchSize | None = None
    epochs: Epochs | None = None
    train_size: TrainSize | None = None
    augment: bool | None = Field(None, description="Random warps of the digits while training.")
    seed: Seed = 0


def _field_error(field: str, message: str, extra: dict[str, Any] | None = None) -> Exception:
    """422 in the API's error shape: the field's loc, a stable ``code`` and its ``params``."""
    extra = extra or {}
    code = extra.get("code", "train.invalid")
    return RequestError(422, message, code, extra.get("params"), ("body", field))


def make_job(body: TrainRequest, cpu_budget_s: float) -> Job:
    chosen = {
        key: getattr(body, key)
        for key in ("optimizer", "learning_rate", "batch_size", "epochs", "train_size", "augment")
        if getattr(body, key) is not None
    }
    job = Job(**{**PRESETS[body.preset], **chosen, "seed": body.seed, "cpu_budget_s": cpu_budget_s})
    available = len(dataset.load().train_labels)
    if job.train_size > available:
        raise _field_error("train_size", f"at most {available} training digits on this server")
    return job


async def make_submission(
    body: TrainRequest, request: Request, client: str, cpu_budget_s: float = 60.0
) -> Submission:
    """The job and its starting network, or a 422 naming the field (the cost limit too)."""
    job = make_job(body, cpu_budget_s)
    # a shipped model by name starts from fresh weights seeded here (its init_seed is the
    # training lab's, not the spec's, so network_for does not see it)
    fresh = body.weights is None and body.network is None and body.spec is None
    choice = body.model_copy(update={"init_seed": None}) if body.spec is None else body
    net = (await network_for(request, choice)).net
    if fresh:
        init_weights(net, body.seed if body.init_seed is None else body.init_seed)
    try:
        check_cost(job, net.spec)
    except CostError as err:
        extra = {"code": err.code, "params": err.params}
        raise _field_error(err.field, str(err), extra) from None
    return Submission(new_job_id(), client, job, net.spec, net.get_weights())
