"""The training lab: /api/train. A job trains a network in a worker process (the local pool, or
the Redis queue's workers: ``convtrace.training``) while the page follows its event stream.

    POST   /api/train              202 {id, events_url, status_url, position}
    GET    /api/train/{id}/events  SSE: queued, started, progress, filters, checkpoint, eval,
                                   done | failed | cancelled (resumable with Last-Event-ID)
    GET    /api/train/{id}         status
    DELETE /api/train/{id}         cancel (a running job stops within a second)
    GET    /api/train/{id}/batch?step=N   the examples of step N's mini-batch

A client is named by its ``X-Client-Id`` header (a random id the page keeps), else by its
address: a class behind one NAT address would otherwise share a single job.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import anyio.to_thread
import numpy as np
from fastapi import (
    APIRouter,
    Depends,
    FastAPI,
    Header,
    Path,
    Query,
    Request,
    Response,
)
from sse_starlette import EventSourceResponse, ServerSentEvent

from convtrace.api import encode
from convtrace.api.errors import RequestError
from convtrace.api.routes import OrjsonRoute
from convtrace.api.train_wire import TrainRequest, make_submission
from convtrace.training import dataset
from convtrace.training.jobs import Job
from convtrace.training.loop import Batches
from convtrace.training.service import Trainer

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
JOB_ID = r"^[A-Za-z0-9_-]{16,64}$"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One trainer per API worker, made in its event loop, closed on shutdown."""
    from convtrace.training.runner import open_trainer

    trainer = open_trainer(app)
    app.state.trainer = trainer
    if trainer is None:
        yield
        return
    await trainer.start()
    # every submission checks train_size against the digits: read them now, off the event loop,
    # not in the first student's request (~30 ms of disk reads on the loop)
    await anyio.to_thread.run_sync(dataset.load)
    try:
        yield
    finally:
        await trainer.close()


TRAIN_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such job (unknown id, or finished more than an hour ago)"},
    422: {"description": "Bad input, or a job over the cost limit; each error names its field"},
    429: {"description": "You already have a job queued or running; retry after `Retry-After`"},
    503: {"description": "The queue is full or unavailable; retry after `Retry-After`"},
}
router = APIRouter(
    prefix="/train",
    tags=["train"],
    route_class=OrjsonRoute,
    lifespan=lifespan,
    responses=TRAIN_ERRORS,
)


def get_trainer(request: Request) -> Trainer:
    trainer: Trainer | None = getattr(request.app.state, "trainer", None)
    if trainer is None:
        from convtrace.training.runner import NEEDS_REDIS

        raise RequestError(503, NEEDS_REDIS, "train.needs_redis")
    return trainer


TrainerDep = Annotated[Trainer, Depends(get_trainer)]
JobId = Annotated[str, Path(pattern=JOB_ID, description="the job's id")]


def client_of(request: Request, client_id: str | None) -> str:
    if client_id and CLIENT_ID.fullmatch(client_id):
        return f"id:{client_id}"
    return f"ip:{request.client.host if request.client else 'unknown'}"


@router.post("", status_code=202)
async def start(
    body: TrainRequest,
    request: Request,
    trainer: TrainerDep,
    x_client_id: Annotated[str | None, Header()] = None,
) -> Response:
    budget = request.app.state.settings.train_cpu_budget_s
    submission = await make_submission(body, request, client_of(request, x_client_id), budget)
    position = await trainer.submit(submission)
    base = f"{request.scope.get('root_path', '')}/api/train/{submission.id}"
    answer = {
        "id": submission.id,
        "events_url": f"{base}/events",
        "status_url": base,
        "position": position,
        "steps": submission.job.steps(),
        "job": submission.job.to_dict(),
    }
    return encode.json_response(answer, status_code=202)


@router.get("/{job_id}")
async def status(job_id: JobId, trainer: TrainerDep) -> dict[str, Any]:
    return await trainer.status(job_id)


@router.delete("/{job_id}")
async def cancel(job_id: JobId, trainer: TrainerDep) -> dict[str, Any]:
    return await trainer.cancel(job_id)


@router.get(
    "/{job_id}/events",
    response_class=EventSourceResponse,
    responses={204: {"description": "Last-Event-ID is the job's last event: nothing follows"}},
)
async def events(
    job_id: JobId,
    trainer: TrainerDep,
    last_event_id: Annotated[str | None, Header(max_length=64)] = None,
) -> Response:
    if await trainer.ended_before(job_id, last_event_id):
        return Response(status_code=204)  # tells the browser's EventSource to stop

    async def sse() -> AsyncIterator[ServerSentEvent]:
        async for event in trainer.events(job_id, last_event_id):
            yield ServerSentEvent(
                data=encode.dumps(event.data).decode(), event=event.kind, id=event.id, retry=1000
            )

    return EventSourceResponse(
        sse(), ping=15, headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )


MAX_SHOWN = 16  # the examples of a batch a page opens (POST /api/batch-trace takes 16)


@router.get("/{job_id}/batch")
async def batch(
    job_id: JobId,
    trainer: TrainerDep,
    step: Annotated[int, Query(ge=1, description="the step, 1-based as in progress events")],
) -> Response:
    """The first 16 examples of the mini-batch of ``step``, as the network saw them (after
    augmentation), to open with POST /api/batch-trace at the checkpoint before the step."""
    job = Job.from_dict((await trainer.status(job_id))["job"])
    if step > job.steps():
        loc = ("query", "step")
        max_step = {"max": job.steps()}
        raise RequestError(422, f"at most {job.steps()}", "train.step_range", max_step, loc)
    batches = Batches(job, dataset.load())
    x, labels = batches.batch(step - 1)
    answer = {
        "step": step,
        "batch_size": len(labels),
        "indices": batches.indices(step - 1)[:MAX_SHOWN],
        "labels": labels[:MAX_SHOWN],
        "images": np.round(x[:MAX_SHOWN, :, :, 0], 4),
    }
    return encode.json_response(answer)
