"""Cross-cutting HTTP behaviour: body limit, security headers, load shedding, rate limit, CORS,
access logs.

Every middleware here is plain ASGI on purpose: Starlette's BaseHTTPMiddleware would buffer the
NDJSON trace stream. Outermost first, a request meets:

    proxy headers (trusted proxies only) -> access log -> security headers -> CORS
    -> rate limit -> body limit -> concurrency cap + timeout -> the app

so 413/429/503 answers are logged, carry the security (and CORS) headers, and the client address
is the real one. State (in-flight count, token buckets) lives on the middleware instances: one
copy per worker process, never shared, never module-level.
"""

from __future__ import annotations

import json
import logging
import math
import sys
import time
from collections import OrderedDict
from collections.abc import Callable

import anyio
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACCESS_LOGGER = "convtrace.access"
EXEMPT_PATHS = frozenset({"/healthz"})  # probes must answer even when the worker is saturated

# No inline script, nothing from other origins; blob:/data: images let canvases export.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
# FastAPI's /docs and /redoc pages load Swagger UI / ReDoc from a CDN with an inline bootstrap
# script; only those pages get this relaxed policy (see docs/hosting.md).
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net "
    "https://fonts.googleapis.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "font-src 'self' https://fonts.gstatic.com; worker-src 'self' blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def install_middleware(app, settings) -> None:
    """Attach every middleware the app needs, configured from ``settings``.

    ``add_middleware`` makes the last one added the outermost, hence the reverse order."""
    docs = {
        getattr(app, a, None) for a in ("docs_url", "redoc_url", "swagger_ui_oauth2_redirect_url")
    } - {None}
    app.add_middleware(
        ConcurrencyLimitMiddleware,
        max_concurrency=settings.max_concurrency,
        timeout_s=settings.request_timeout_s,
    )
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    if settings.rate_limit_per_minute > 0:
        app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(SecurityHeadersMiddleware, docs_paths=frozenset(docs))
    app.add_middleware(AccessLogMiddleware)
    _ensure_access_log_output(settings.log_level)
    if settings.trusted_proxies:
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))


def route_path(scope: Scope) -> str:
    """The path below the mount point: uvicorn puts root_path in front of ``scope['path']``."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return (path[len(root) :] or "/") if root and path.startswith(root) else path


async def send_json(send: Send, status: int, detail: str, headers: dict | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), str(v).encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _reraise_single(group: BaseExceptionGroup) -> None:
    """Task groups wrap errors; give outer handlers the one real exception, traceback intact."""
    if len(group.exceptions) == 1:
        raise group.exceptions[0]
    raise group


class BodyTooLarge(HTTPException):
    """Raised from ``receive``: FastAPI passes HTTPExceptions through its body parsing."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


class BodyLimitMiddleware:
    """413 when Content-Length says too much, or when a chunked body grows past the limit."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app, self.limit = app, max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers", ())).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await send_json(send, 413, f"request body larger than {self.limit} bytes")
        seen, started = 0, False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(self.limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as err:  # the app did not turn it into a response itself
            if started:
                raise
            await send_json(send, 413, err.detail)


class SecurityHeadersMiddleware:
    """CSP, nosniff and no-referrer on every response (the app's own values win if it sets any)."""

    def __init__(self, app: ASGIApp, docs_paths: frozenset[str] = frozenset()) -> None:
        self.app, self.docs_paths = app, docs_paths
        common = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
        # constant per kind of page: built once, not per request
        self.headers = [(b"content-security-policy", CSP.encode()), *common]
        self.docs_headers = [(b"content-security-policy", DOCS_CSP.encode()), *common]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = self.docs_headers if route_path(scope) in self.docs_paths else self.headers

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", ())}
                add = [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": [*message.get("headers", ()), *add]}
            await send(message)

        await self.app(scope, receive, with_headers)


class ConcurrencyLimitMiddleware:
    """Per worker: at most ``max_concurrency`` requests in flight, each for at most ``timeout_s``.

    Beyond the cap the answer is an immediate 503 + Retry-After, so a crowd sees a fast error it
    can retry rather than a queue that grows until everything times out. On timeout, a request
    whose response has not started gets 503 at once; a started stream is cut off without its
    final chunk, so the client sees an incomplete response, never a silently truncated one.
    Work already running in a thread cannot be interrupted: its slot is freed when it ends."""

    def __init__(self, app: ASGIApp, max_concurrency: int, timeout_s: float) -> None:
        self.app, self.limit, self.timeout_s = app, max_concurrency, timeout_s
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or route_path(scope) in EXEMPT_PATHS:
            return await self.app(scope, receive, send)
        if self.in_flight >= self.limit:
            return await send_json(send, 503, "server busy, retry shortly", {"Retry-After": 1})
        self.in_flight += 1
        try:
            await self._run_with_deadline(scope, receive, send)
        except BaseExceptionGroup as group:
            _reraise_single(group)
        finally:
            self.in_flight -= 1

    async def _run_with_deadline(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = {"started": False, "timed_out": False}

        async def guarded_send(message: Message) -> None:
            if state["timed_out"]:
                return  # the watchdog has answered (or abandoned) this response
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        async with anyio.create_task_group() as tg:

            async def watchdog() -> None:
                await anyio.sleep(self.timeout_s)
                state["timed_out"] = True
                _access_logger().warning(
                    json.dumps(
                        {
                            "event": "timeout",
                            "path": scope.get("path"),
                            "response_started": state["started"],
                            "timeout_s": self.timeout_s,
                        }
                    )
                )
                if not state["started"]:
                    await send_json(send, 503, "request timed out", {"Retry-After": 1})
                tg.cancel_scope.cancel()

            tg.start_soon(watchdog)
            await self.app(scope, receive, guarded_send)
            tg.cancel_scope.cancel()  # finished in time: stop the watchdog


class TokenBuckets:
    """One token bucket per key: ``per_minute`` tokens, refilled continuously, full to start.

    Memory is bounded: at most ``max_keys`` buckets, least recently used evicted first (an evicted
    client simply starts again with a full bucket)."""

    def __init__(
        self, per_minute: int, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity, self.rate = float(per_minute), per_minute / 60.0
        self.max_keys, self.clock = max_keys, clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> tokens, at

    def take(self, key: str) -> float:
        """Spend a token for ``key``: 0.0 if allowed, else the seconds until one is available."""
        now = self.clock()
        tokens, at = self.buckets.pop(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - at) * self.rate)
        wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate
        self.buckets[key] = (tokens - 1.0 if wait == 0.0 else tokens, now)
        while len(self.buckets) > self.max_keys:
            self.buckets.popitem(last=False)
        return wait


class RateLimitMiddleware:
    """429 + Retry-After once a client address has spent its per-minute budget.

    The key is ``scope['client']``: behind a proxy it is the real client only if the proxy is
    listed in ``trusted_proxies`` (then ProxyHeadersMiddleware has rewritten it)."""

    def __init__(
        self,
        app: ASGIApp,
        per_minute: int,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app, self.buckets = app, TokenBuckets(per_minute, max_keys, clock)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or route_path(scope) in EXEMPT_PATHS:
            return await self.app(scope, receive, send)
        wait = self.buckets.take(_client(scope))
        if wait > 0:
            return await send_json(
                send,
                429,
                "too many requests from this address",
                {"Retry-After": max(1, math.ceil(wait))},
            )
        await self.app(scope, receive, send)


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
                        "client": _client(scope),
                    }
                )
            )


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


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
