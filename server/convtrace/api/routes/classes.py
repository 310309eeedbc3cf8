"""Class sessions: /api/classes. An instructor's view mirrored live to a class (see
``convtrace.classes``). The instructor authenticates by ``Authorization: Bearer <token>`` only:
no cookie (so no CSRF), never a URL (so no token in logs, history or a projected address bar).

Long-lived: GET /api/classes/{code}/events is an event stream held open for a whole lecture; the
middleware's per-request timeout and concurrency cap must not apply to it (its paths match
``^/api/classes/[^/]+/events$`` below the mount point). Each open stream costs memory, not
compute, and is bounded by the students-per-class cap instead.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import segno
from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sse_starlette import EventSourceResponse, ServerSentEvent

from convtrace.api import encode
from convtrace.api.routes import OrjsonRoute
from convtrace.classes.classroom import NEEDS_REDIS, Classroom, open_classroom
from convtrace.classes.fanout import HEARTBEAT
from convtrace.classes.session import InstructorState
from convtrace.classes.store import ClassError
from convtrace.classes.wire import (
    MAX_STATE_BYTES,
    QUESTION_ID,
    STUDENT_ID,
    AnswerIn,
    QuestionIn,
)

NDJSON = "application/x-ndjson"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """One class store per worker, created in the worker's event loop, closed on shutdown."""
    networks = getattr(app.state, "networks", None)  # (opened by the networks router first)
    app.state.classroom = open_classroom(app.state.settings, app.state.registry, networks)
    try:
        yield
    finally:
        if app.state.classroom is not None:
            await app.state.classroom.close()


# What any class endpoint may answer besides its success (documented for every route, so the
# OpenAPI contract that clients and the fuzzer read lists them).
CLASS_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Instructor endpoint without `Authorization: Bearer <token>`"},
    403: {"description": "Wrong instructor token"},
    404: {"description": "No such class (unknown code, expired or ended) or question"},
    409: {"description": "Not possible now (class full, answers closed, no state yet)"},
    413: {"description": "Body over the limit"},
    422: {"description": "Bad input; each error names its field"},
    429: {"description": "Too many changes or answers; retry after `Retry-After`"},
    503: {"description": "Class store unavailable (Redis down, or several workers without one)"},
}
router = APIRouter(
    prefix="/classes",
    tags=["classes"],
    route_class=OrjsonRoute,
    lifespan=lifespan,
    responses=CLASS_ERRORS,
)


def get_classroom(request: Request) -> Classroom:
    classroom: Classroom | None = getattr(request.app.state, "classroom", None)
    if classroom is None:
        raise ClassError(503, NEEDS_REDIS, code="class.needs_redis")
    return classroom


ClassroomDep = Annotated[Classroom, Depends(get_classroom)]
Code = Annotated[str, Path(pattern=r"^[A-Z0-9]{6}$", description="the class's join code")]
QuestionId = Annotated[str, Path(pattern=QUESTION_ID)]


async def instructor(
    code: Code, classroom: ClassroomDep, authorization: Annotated[str | None, Header()] = None
) -> str:
    """The class code, once the bearer token is the instructor's (404, 401, 403 otherwise)."""
    scheme, _, token = (authorization or "").partition(" ")
    await classroom.sessions.authorize(code, token.strip() if scheme.lower() == "bearer" else None)
    return code


InstructorCode = Annotated[str, Depends(instructor)]


@router.post("", status_code=201)
async def start(request: Request, classroom: ClassroomDep) -> Response:
    code, token = await classroom.sessions.create()
    ttl = timedelta(seconds=classroom.store.ttl_s)
    return encode.json_response(
        {
            "code": code,
            "instructor_token": token,
            "join_url": f"{request.base_url}#class={code}",
            "expires_at": (datetime.now(UTC) + ttl).isoformat(timespec="seconds"),
        },
        status_code=201,
    )


@router.get("/{code}")
async def info(code: Code, classroom: ClassroomDep) -> dict[str, Any]:
    return await classroom.sessions.info(code)


@router.get("/{code}/qr.svg", response_class=Response)
async def qr(code: Code, request: Request, classroom: ClassroomDep) -> Response:
    await classroom.sessions.fields(code)
    # a standalone SVG document (with its namespace), so it works as an <img> and a download
    out = io.BytesIO()
    segno.make(f"{request.base_url}#class={code}", error="m").save(
        out, kind="svg", scale=8, xmldecl=False, svgns=True, title=f"Join class {code}"
    )
    return Response(out.getvalue(), media_type="image/svg+xml")


def _too_large(limit: int) -> ClassError:
    message = f"state body larger than {limit} bytes"
    return ClassError(413, message, code="request.too_large", params={"limit": limit})


async def _body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it passes ``limit`` bytes."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise _too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


@router.put(
    "/{code}/state",
    status_code=204,
    openapi_extra={
        "requestBody": {
            "content": {"application/json": {"schema": InstructorState.model_json_schema()}},
            "required": True,
        }
    },
)
async def put_state(code: InstructorCode, request: Request, classroom: ClassroomDep) -> Response:
    try:
        state = InstructorState.model_validate_json(await _body(request, MAX_STATE_BYTES))
    except ValidationError as err:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in err.errors()]
        ) from None
    await classroom.sessions.set_state(code, state)
    return Response(status_code=204)


@router.get("/{code}/events", response_class=EventSourceResponse)
async def events(
    code: Code,
    classroom: ClassroomDep,
    student: Annotated[str | None, Query(pattern=STUDENT_ID)] = None,
) -> EventSourceResponse:
    stream = await classroom.sessions.open_stream(code, student)

    async def sse() -> AsyncIterator[ServerSentEvent]:
        async for event in stream:
            if event is HEARTBEAT:
                yield ServerSentEvent(comment="heartbeat")
            else:
                # retry: a dropped stream is reopened after 1 s (browsers default to ~3 s)
                yield ServerSentEvent(data=event.data, event=event.kind, id=event.id, retry=1000)

    return EventSourceResponse(
        sse(),
        ping=0,  # heartbeats come from the stream itself
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


@router.get("/{code}/trace", response_class=Response, responses={200: {"content": {NDJSON: {}}}})
async def trace(code: Code, classroom: ClassroomDep) -> Response:
    version, body = await classroom.traces.get(code)
    return Response(body, media_type=NDJSON, headers={"X-Class-Version": str(version)})


@router.post("/{code}/questions", status_code=201)
async def pose(code: InstructorCode, body: QuestionIn, classroom: ClassroomDep) -> dict[str, str]:
    return {"id": await classroom.asking.pose(code, body)}


@router.post("/{code}/answers", status_code=202)
async def answer(code: Code, body: AnswerIn, classroom: ClassroomDep) -> Response:
    await classroom.asking.answer(code, body)
    return Response(status_code=202)


@router.get("/{code}/questions/{question_id}/results")
async def results(
    code: InstructorCode, question_id: QuestionId, classroom: ClassroomDep
) -> dict[str, Any]:
    return await classroom.asking.results(code, question_id)


@router.post("/{code}/questions/{question_id}/reveal", status_code=204)
async def reveal(
    code: InstructorCode, question_id: QuestionId, classroom: ClassroomDep
) -> Response:
    await classroom.asking.reveal(code, question_id)
    return Response(status_code=204)


@router.delete("/{code}", status_code=204)
async def end(code: InstructorCode, classroom: ClassroomDep) -> Response:
    await classroom.sessions.end(code)
    return Response(status_code=204)
