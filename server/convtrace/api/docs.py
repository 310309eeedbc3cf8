"""The API reference at /docs (Swagger UI), served from assets installed with the package
(`fastapi-offline` bundles them): no request leaves the server, so the reference works offline
and students' browsers contact no third party. The page holds no inline script or style, so it
runs under the app's own Content-Security-Policy: a small same-origin script reads the schema's
URL from a data attribute and starts the viewer.

There is no /redoc: ReDoc (bundled too) injects inline styles and fetches its logo from its
vendor's CDN.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

ASSETS = Path(str(files("fastapi_offline"))) / "static"
SHIPPED = frozenset(
    {"swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png"}
)
ASSET_PATH = "/docs/assets"
CACHE = {"Cache-Control": "public, max-age=86400"}

# Starts Swagger UI (without its validator badge, which would call a third party).
START = """\
const target = document.getElementById("api-reference");
window.SwaggerUIBundle({
  url: target.dataset.openapi,
  domNode: target,
  deepLinking: true,
  validatorUrl: null,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
"""

router = APIRouter(include_in_schema=False)


def _page(request: Request, title: str, scripts: list[str], styles: list[str]) -> HTMLResponse:
    root = escape(request.scope.get("root_path", ""), quote=True)
    openapi = escape(str(request.app.openapi_url), quote=True)
    links = "".join(f'<link rel="stylesheet" href="{root}{ASSET_PATH}/{s}">' for s in styles)
    tags = "".join(f'<script src="{root}{ASSET_PATH}/{s}"></script>' for s in scripts)
    return HTMLResponse(
        "<!doctype html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="{root}{ASSET_PATH}/favicon.png">{links}</head>'
        f'<body><div id="api-reference" data-openapi="{root}{openapi}"></div>{tags}'
        "</body></html>"
    )


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    scripts = ["swagger-ui-bundle.js", "start.js"]
    return _page(request, "ConvTrace API", scripts, ["swagger-ui.css"])


@router.get(ASSET_PATH + "/{name}")
async def asset(name: str) -> Response:
    if name == "start.js":
        return Response(START, media_type="text/javascript", headers=CACHE)
    if name not in SHIPPED:
        raise HTTPException(404)
    return FileResponse(ASSETS / name, headers=CACHE)
