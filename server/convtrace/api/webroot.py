"""The frontend at ``/``, without shadowing the API: a path that a route claims, or anything under
``/api``, never reaches the static files, so a wrong method gets 405 with the methods the route
does allow (not the static files' 405 or 404)."""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match, Mount
from starlette.types import Scope

from convtrace.api.limits import problem, route_path

log = logging.getLogger("convtrace.api")
STATIC_METHODS = ("GET", "HEAD")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


# What the page is made of. Anything else under the web root (a stray __init__.py, a
# __pycache__, an editor's backup, a dotfile) is not served, whatever the package ships.
ASSET_SUFFIXES = frozenset(
    {".html", ".js", ".mjs", ".css", ".svg", ".ico", ".png", ".webp", ".woff2", ".webmanifest"}
)


class AssetFiles(StaticFiles):
    """StaticFiles that serves web assets only: 404 for other suffixes, for any path part
    starting with "." or "_", and for dot segments."""

    def get_path(self, scope: Scope) -> str:
        parts = [p for p in route_path(scope).replace("\\", "/").split("/") if p]
        hidden = any(p.startswith((".", "_")) for p in parts)
        suffix = PurePosixPath(parts[-1]).suffix if parts else ""
        if hidden or (suffix and suffix.lower() not in ASSET_SUFFIXES):
            raise HTTPException(status_code=404)
        return super().get_path(scope)


class FrontendMount(Mount):
    """``Mount("/", files)`` that steps aside for the API and for every path a route claims."""

    def __init__(self, files: StaticFiles, routes: list[BaseRoute]) -> None:
        super().__init__("/", app=files, name="frontend")
        self.api_routes = routes  # the app's live route list: routers added later count too

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http":
            path = route_path(scope)
            if path == "/api" or path.startswith("/api/") or _claimed(self.api_routes, scope):
                return Match.NONE, {}
        return super().matches(scope)


def _claimed(routes: list[BaseRoute], scope: Scope) -> bool:
    return any(not isinstance(r, Mount) and r.matches(scope)[0] is not Match.NONE for r in routes)


def allowed_methods(routes: list[BaseRoute], scope: Scope) -> list[str]:
    """Every method some route serves at this path (the static files' when none does).

    Asked of each route through ``matches`` alone: included routers keep their routes to
    themselves."""
    allowed = [
        method
        for method in METHODS
        if any(
            not isinstance(r, Mount) and r.matches({**scope, "method": method})[0] is Match.FULL
            for r in routes
        )
    ]
    return allowed or list(STATIC_METHODS)


async def method_not_allowed(request: Request, exc: Exception) -> Response:
    """405 whose Allow lists the union over all routes at the path (Starlette names only the
    first route it tried)."""
    allow = ", ".join(allowed_methods(request.app.routes, request.scope))
    detail = f"method {request.method} not allowed here; allowed: {allow}"
    item = problem(detail, "request.method_not_allowed", {"allowed": allow.split(", ")})
    return JSONResponse({"detail": [item]}, status_code=405, headers={"Allow": allow})


def mount_frontend(app: FastAPI, directory: Path) -> None:
    """Serve ``directory`` at ``/`` (added last, and never in the API's way)."""
    app.add_exception_handler(405, method_not_allowed)
    if directory.is_dir():
        files = AssetFiles(directory=directory, html=True)
        app.router.routes.append(FrontendMount(files, app.router.routes))
    else:
        log.warning("frontend directory %s not found: serving the API only", directory)
