"""Request errors, in one place: what the API answers when a request cannot be served.

The domain raises its own errors: ``UnknownModelError``, ``WeightsError``, ``DrawingError``,
``NonFiniteError`` (the weights sent make the numbers overflow float32) and ``DivergedStepError``
(the learning rate does). This module maps each to a 4xx naming the field, in the shape FastAPI
uses for validation errors: ``{"detail": [{"loc": ["body", field], "msg": ..., "type": ...}]}``.
``install`` registers every handler; ``create_app`` calls it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError

from convtrace.api import encode
from convtrace.digits import DrawingError
from convtrace.nn.finite import NonFiniteError
from convtrace.registry import UnknownModelError, WeightsError
from convtrace.training_step import DivergedStepError

# the request field each domain error is about
FIELDS: dict[type[Exception], str] = {
    WeightsError: "weights",
    DrawingError: "drawing",
    NonFiniteError: "weights",
    DivergedStepError: "learning_rate",
}


def detail(loc: tuple[str | int, ...], message: str, kind: str = "value_error") -> dict[str, Any]:
    return {"loc": list(loc), "msg": message, "type": kind}


async def _validation_error(request: Request, exc: Exception) -> Response:
    """422 naming each bad field; never echoes the input back (it may be a 1M-pixel drawing)."""
    assert isinstance(exc, RequestValidationError)
    errors = []
    for err in exc.errors():
        message = err.get("msg", "invalid")
        if err.get("type") == "json_invalid":
            message = f"body is not valid JSON: {err.get('ctx', {}).get('error', '')}"
        errors.append(detail(tuple(err.get("loc", ())), message, err.get("type", "value_error")))
    return encode.json_response({"detail": errors}, status_code=422)


def _on_field(field: str) -> Callable[[Request, Exception], Awaitable[Response]]:
    """A handler answering 422 on ``body.<field>`` with the error's message."""

    async def handler(request: Request, exc: Exception) -> Response:
        return encode.json_response({"detail": [detail(("body", field), str(exc))]}, 422)

    return handler


async def _unknown_model(request: Request, exc: Exception) -> Response:
    return encode.json_response({"detail": str(exc)}, status_code=404)


def install(app: FastAPI) -> None:
    """Register every request-error handler on ``app``."""
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(UnknownModelError, _unknown_model)
    for kind, field in FIELDS.items():
        app.add_exception_handler(kind, _on_field(field))
