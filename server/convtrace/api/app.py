"""create_app(settings): the API routers under /api, /healthz, then the frontend as static files.

Nothing heavy happens at import. ``create_app`` loads the shipped models once (a few ms); each
uvicorn worker is a fresh process that rebuilds its settings from CONVTRACE_* variables
(``settings_to_env`` writes them, ``create_app_from_env`` reads them).
"""

from __future__ import annotations

import logging
import os
from collections.abc import MutableMapping
from dataclasses import fields
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError

from convtrace.api import docs, encode
from convtrace.api.middleware import install_middleware
from convtrace.api.routes import gradcheck, health, models, samples, sgd, trace
from convtrace.api.webroot import mount_frontend
from convtrace.config import Settings
from convtrace.registry import InputError, Registry, UnknownModelError

log = logging.getLogger("convtrace.api")
API_ROUTERS = (models.router, samples.router, trace.router, sgd.router, gradcheck.router)


def settings_to_env(settings: Settings, environ: MutableMapping[str, str] | None = None) -> None:
    """Write every setting to CONVTRACE_<NAME> (what ``Settings.from_env`` reads back)."""
    environ = os.environ if environ is None else environ
    for f in fields(settings):
        value = getattr(settings, f.name)
        if isinstance(value, list | tuple):
            value = ",".join(str(v) for v in value)
        environ[f"CONVTRACE_{f.name.upper()}"] = str(value)


def create_app_from_env() -> FastAPI:
    return create_app(Settings.from_env())


def _error(loc: tuple, message: str, kind: str = "value_error") -> dict:
    return {"loc": list(loc), "msg": message, "type": kind}


async def _validation_error(request: Request, exc: RequestValidationError):
    """422 naming each bad field; never echoes the input back (it may be a 1M-pixel drawing)."""
    errors = []
    for err in exc.errors():
        message = err.get("msg", "invalid")
        if err.get("type") == "json_invalid":
            message = f"body is not valid JSON: {err.get('ctx', {}).get('error', '')}"
        errors.append(_error(tuple(err.get("loc", ())), message, err.get("type", "value_error")))
    return encode.json_response({"detail": errors}, status_code=422)


async def _input_error(request: Request, exc: InputError):
    return encode.json_response({"detail": [_error(("body", *exc.loc), str(exc))]}, 422)


async def _unknown_model(request: Request, exc: UnknownModelError):
    return encode.json_response({"detail": str(exc)}, status_code=404)


def create_app(settings: Settings | None = None, registry: Registry | None = None) -> FastAPI:
    """The whole app; ``registry`` defaults to the models in ``settings.models_dir``."""
    settings = settings or Settings()
    app = FastAPI(
        title="ConvTrace",
        version="0.1.0",
        description="Backpropagation through a NumPy conv net, one equation at a time.",
        docs_url=None,  # served by api/docs.py from installed assets instead of a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.registry = registry or Registry.load(settings.models_dir, settings.default_model)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(UnknownModelError, _unknown_model)
    app.include_router(health.router)
    app.include_router(docs.router)
    for router in API_ROUTERS:
        app.include_router(router, prefix="/api")
    install_middleware(app, settings)
    mount_frontend(app, Path(settings.frontend_dir))
    return app
