"""Request errors, in one place: what the API answers when a request cannot be served.

The domain raises its own errors, each carrying a stable ``code`` and its ``params`` where it
knows them: ``UnknownModelError``, ``UnknownNetworkError``, ``WeightsError``, ``SpecError``,
``DrawingError``, ``NonFiniteError`` (the weights sent make the numbers overflow float32),
``DivergedStepError`` (the learning rate does), ``ClassError`` (class sessions), ``TrainError``
(the training queue) and the stores' ``StoreUnavailable`` / ``NetworkStoreUnavailable``. This
module alone maps them to HTTP: a status and
``{"detail": [{"loc", "msg", "type", "code", "params"}]}``, the shape FastAPI uses for validation
errors plus the code the page words in the reader's language. ``install`` registers every
handler; ``create_app`` calls it.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from convtrace.api import encode
from convtrace.api.limits import problem
from convtrace.classes.store import ClassError
from convtrace.digits import DrawingError
from convtrace.networks import NetworkStoreUnavailable, UnknownNetworkError
from convtrace.nn.finite import NonFiniteError
from convtrace.nn.spec import SpecError
from convtrace.registry import UnknownModelError, WeightsError
from convtrace.training.service import TrainError
from convtrace.training_step import DivergedStepError

Loc = tuple[str | int, ...]
HTTP_CODES = {404: "request.not_found", 405: "request.method_not_allowed"}


class RequestError(Exception):
    """An error of the web layer itself (a request naming its network twice, a worker out of
    budget): status, the field's ``loc``, code, params and headers, rendered as the others."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str,
        params: dict[str, Any] | None = None,
        loc: Loc = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.params, self.loc = status, code, dict(params or {}), loc
        self.headers = headers


def answer(
    status: int,
    message: str,
    code: str,
    params: dict[str, Any] | None = None,
    loc: Loc = (),
    headers: dict[str, str] | None = None,
) -> Response:
    body = {"detail": [problem(message, code, params, loc)]}
    return encode.json_response(body, status, headers)


def _plain(value: Any) -> Any:
    """A pydantic context value as JSON can carry it (exceptions and odd types as text)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def validation_item(err: Any) -> dict[str, Any]:
    """One pydantic error -> a detail item. Our own validators raise errors whose type is a
    stable code with a dot ("drawing.too_large"): that is the code, and the type stays
    "value_error" for older clients; pydantic's own types become "request.<type>"
    ("request.missing"), a plain ValueError "request.invalid"."""
    kind = str(err.get("type", "value_error"))
    ctx = {k: _plain(v) for k, v in (err.get("ctx") or {}).items()}
    message = str(err.get("msg", "invalid"))
    if kind == "json_invalid":
        message = f"body is not valid JSON: {ctx.get('error', '')}"
    if "." in kind:
        return problem(message, kind, ctx, tuple(err.get("loc", ())))
    if kind == "value_error":
        ctx.pop("error", None)
        return problem(message, "request.invalid", ctx, tuple(err.get("loc", ())))
    return problem(message, f"request.{kind}", ctx, tuple(err.get("loc", ())), kind)


async def _validation_error(request: Request, exc: Exception) -> Response:
    """422 naming each bad field; never echoes the input back (it may be a 1M-pixel drawing)."""
    assert isinstance(exc, RequestValidationError)
    items = [validation_item(err) for err in exc.errors()]
    return encode.json_response({"detail": items}, status_code=422)


def _spec_loc(exc: SpecError) -> Loc:
    loc: Loc = ("body", "spec")
    if exc.layer is not None:
        loc += ("layers", exc.layer)
        if exc.field is not None:
            loc += (exc.field,)
    return loc


# domain error -> (status, the request field it is about, default code)
FIELDS: dict[type[Exception], tuple[str, str]] = {
    WeightsError: ("weights", "weights.invalid"),
    DrawingError: ("drawing", "drawing.invalid"),
    NonFiniteError: ("weights", "weights.overflow"),
    DivergedStepError: ("learning_rate", "sgd.diverged"),
}


def _on_field(field: str, default: str) -> Callable[[Request, Exception], Awaitable[Response]]:
    """A handler answering 422 on ``body.<field>`` with the error's message, code and params."""

    async def handler(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "code", default)
        params = dict(getattr(exc, "params", {}))
        if isinstance(exc, NonFiniteError | DivergedStepError):
            params.setdefault("tensor", exc.tensor)
        return answer(422, str(exc), code, params, ("body", field))

    return handler


async def _spec_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SpecError)
    return answer(422, str(exc), exc.code, exc.params, _spec_loc(exc))


def _unknown(
    path_field: str, body_field: str
) -> Callable[[Request, Exception], Awaitable[Response]]:
    """404 for an unknown model or network: named in the path (GET) or in the body."""

    async def handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, UnknownModelError | UnknownNetworkError)
        loc = ("path", path_field) if request.method == "GET" else ("body", body_field)
        return answer(404, str(exc), exc.code, exc.params, loc)

    return handler


async def _store_unavailable(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NetworkStoreUnavailable)
    headers = {"Retry-After": str(exc.retry_after_s)}
    return answer(503, str(exc), exc.code, {"retry_after": exc.retry_after_s}, (), headers)


async def _class_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ClassError)
    headers = exc.headers or None
    if isinstance(exc.detail, list):  # ready items: keep them, fill in what they lack
        items = [
            problem(
                str(item.get("msg", "")),
                str(item.get("code", exc.code)),
                item.get("params") or {},
                tuple(item.get("loc", ())),
                str(item.get("type", "value_error")),
            )
            for item in exc.detail
        ]
        return encode.json_response({"detail": items}, exc.status_code, headers)
    loc: Loc = ("body", exc.field) if exc.field else ()
    return answer(exc.status_code, exc.detail, exc.code, exc.params, loc, headers)


async def _train_error(request: Request, exc: Exception) -> Response:
    """What the trainer refuses (no such job, one per client, queue full, Redis away)."""
    assert isinstance(exc, TrainError)
    headers = None if exc.retry_after is None else {"Retry-After": str(round(exc.retry_after))}
    return answer(exc.status, str(exc), exc.code, exc.params, (), headers)


async def _request_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestError)
    return answer(exc.status, str(exc), exc.code, exc.params, exc.loc, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own (an unknown path, a wrong method): the same shape, a code per status."""
    assert isinstance(exc, HTTPException)
    code = HTTP_CODES.get(exc.status_code, f"request.http_{exc.status_code}")
    return answer(exc.status_code, str(exc.detail), code, {}, (), dict(exc.headers or {}) or None)


def install(app: FastAPI) -> None:
    """Register every request-error handler on ``app``."""
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(UnknownModelError, _unknown("name", "model"))
    app.add_exception_handler(UnknownNetworkError, _unknown("id", "network"))
    app.add_exception_handler(SpecError, _spec_error)
    app.add_exception_handler(NetworkStoreUnavailable, _store_unavailable)
    app.add_exception_handler(ClassError, _class_error)
    app.add_exception_handler(TrainError, _train_error)
    app.add_exception_handler(RequestError, _request_error)
    for kind, (field, default) in FIELDS.items():
        app.add_exception_handler(kind, _on_field(field, default))
