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

from fastapi import FastAPI

from convtrace.api import docs, errors
from convtrace.api.cost import WorkBudget
from convtrace.api.middleware import install_middleware
from convtrace.api.routes import (
    batch_trace,  # training lab (issue 19)
    classes,
    gradcheck,
    health,
    models,
    networks,
    samples,
    sgd,
    trace,
    train,  # training lab (issue 19)
)
from convtrace.api.routes import input_gradient as input_gradient_route  # issue 20
from convtrace.api.webroot import mount_frontend
from convtrace.config import Settings
from convtrace.registry import Registry

log = logging.getLogger("convtrace.api")
# networks.router's lifespan opens the network store and classes.router's the class store in each
# worker (FastAPI merges them into the app's, in this order: the class store uses the network one)
API_ROUTERS = (
    networks.router,
    models.router,
    samples.router,
    trace.router,
    sgd.router,
    gradcheck.router,
    classes.router,
    input_gradient_route.router,
    train.router,  # its lifespan starts the trainer (local process pool or Redis queue)
    batch_trace.router,
)


def settings_to_env(settings: Settings, environ: MutableMapping[str, str] | None = None) -> None:
    """Write every setting to CONVTRACE_<NAME> (what ``Settings.from_env`` reads back)."""
    environ = os.environ if environ is None else environ
    for f in fields(settings):
        value = getattr(settings, f.name)
        if isinstance(value, list | tuple):
            value = ",".join(str(v) for v in value)
        environ[f"CONVTRACE_{f.name.upper()}"] = str(value)


def create_app_from_env() -> FastAPI:
    """The served app (``convtrace serve``, each of its workers), its matrix products on one
    BLAS thread."""
    one_blas_thread()
    return create_app(Settings.from_env())


def one_blas_thread() -> None:
    """A request's matrix products run on one core: a server's parallelism is its requests,
    threads and workers. OpenBLAS would otherwise wake a thread per core for every large
    product, each spinning while it waits: a large student network's trace cost ~15x the CPU
    time of one thread on a busy 2-core machine (bench/network_cost.py), taken from the other
    requests. OPENBLAS_NUM_THREADS set by the host wins (NumPy's OpenBLAS ignores
    OMP_NUM_THREADS)."""
    if "OPENBLAS_NUM_THREADS" not in os.environ:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1, user_api="blas")


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
    app.state.budget = WorkBudget(settings.max_concurrency)
    errors.install(app)
    app.include_router(health.router)
    app.include_router(docs.router)
    for router in API_ROUTERS:
        app.include_router(router, prefix="/api")
    install_middleware(app, settings)
    mount_frontend(app, Path(settings.frontend_dir))
    return app
