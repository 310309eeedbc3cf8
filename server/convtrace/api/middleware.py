"""Cross-cutting HTTP behaviour: security headers, CORS, access logs, and admission (body
limits, load shedding, rate limit, deadlines: see ``admission.py``).

Every middleware here is plain ASGI on purpose: Starlette's BaseHTTPMiddleware would buffer the
NDJSON trace stream. Outermost first, a request meets:

    proxy headers (trusted proxies only) -> access log -> security headers -> CORS
    -> admission (whole body, rate limit, cheap or heavy slot, deadline) -> the app

so 408/413/429/503 answers are logged, carry the security (and CORS) headers, and the client
address is the real one. State (slot counts, token buckets) lives on the middleware instances:
one copy per worker process, never shared, never module-level.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from convtrace.api.admission import AdmissionMiddleware, Policy
from convtrace.api.limits import client_address

if TYPE_CHECKING:
    from fastapi import FastAPI

    from convtrace.config import Settings

ACCESS_LOGGER = "convtrace.access"


def content_security_policy(frame_ancestors: Sequence[str] = ()) -> str:
    """No inline script, nothing from other origins; blob:/data: images let canvases export.
    Framing only by ``frame_ancestors`` (origins such as https://lms.example.edu, or 'self').
    The API reference (/docs) runs under this policy too."""
    for source in frame_ancestors:
        if not source or (source != "'self'" and any(c in source for c in ";,'\"\r\n\t ")):
            raise ValueError(f"frame ancestor {source!r}: give an origin or 'self'")
    ancestors = " ".join(frame_ancestors) or "'none'"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        f"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors {ancestors}; "
        "form-action 'self'"
    )


CSP = content_security_policy()  # the default: no framing


def install_middleware(app: FastAPI, settings: Settings) -> None:
    """Attach every middleware the app needs, configured from ``settings``.

    ``add_middleware`` makes the last one added the outermost, hence the reverse order."""
    app.add_middleware(AdmissionMiddleware, policy=Policy.from_settings(settings))
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(
        SecurityHeadersMiddleware,
        csp=content_security_policy(settings.frame_ancestors),
    )
    app.add_middleware(AccessLogMiddleware)
    _ensure_access_log_output(settings.log_level)
    if settings.trusted_proxies:
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))


class SecurityHeadersMiddleware:
    """CSP, nosniff and no-referrer on every response (the app's own values win if it sets any)."""

    def __init__(self, app: ASGIApp, csp: str = CSP) -> None:
        self.app = app
        # constant: built once, not per request
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = self.headers

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", ())}
                add = [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": [*message.get("headers", ()), *add]}
            await send(message)

        await self.app(scope, receive, with_headers)


class AccessLogMiddleware:
    """One JSON line per request on logger ``convtrace.access`` at INFO."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start, status, sent = time.perf_counter(), 500, 0

        async def measuring_send(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, measuring_send)
        finally:
            _access_logger().info(
                json.dumps(
                    {
                        "method": scope.get("method"),
                        "path": scope.get("path"),
                        "status": status,
                        "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                        "bytes": sent,
                        "client": client_address(scope),
                    }
                )
            )


def _access_logger() -> logging.Logger:
    return logging.getLogger(ACCESS_LOGGER)


def _ensure_access_log_output(log_level: str) -> None:
    """uvicorn configures only its own loggers: give ours a stdout line format and a level,
    unless someone (a test, a host's logging config) already handles records."""
    logger = _access_logger()
    logger.setLevel(getattr(logging, str(log_level).upper(), logging.INFO))
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
