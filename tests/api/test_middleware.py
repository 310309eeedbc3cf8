"""The hosting middleware, against a small app built here: fast, slow, streaming and echo routes."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from urllib.parse import unquote

import anyio
import httpx
import pytest
import uvicorn
from convtrace.api.admission import AdmissionMiddleware, Policy
from convtrace.api.limits import TokenBuckets
from convtrace.api.middleware import CSP, install_middleware
from convtrace.config import Settings
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient

SECRET = "TOP-SECRET-CONFIG"


def build_app(tmp_path, **overrides) -> FastAPI:
    """fast, slow (async and thread), streaming and echo routes + static files with a secret
    file one directory above them."""
    settings = Settings(
        **{"max_body_bytes": 1000, "max_concurrency": 4, "request_timeout_s": 5.0, **overrides}
    )
    app = FastAPI()
    app.state.release = anyio.Event()

    @app.get("/healthz")
    async def healthz():
        return {"status": "ok"}

    @app.get("/api/fast")
    async def fast():
        return {"ok": True}

    @app.get("/api/slow")
    async def slow():
        with anyio.fail_after(10):
            await app.state.release.wait()
        return {"ok": True}

    @app.get("/api/sleep")
    def sleep(s: float = 1.0):  # a sync route: runs in the threadpool, cannot be cancelled
        time.sleep(s)
        return {"ok": True}

    @app.get("/api/stream")
    async def stream(pause: float = 0.5):
        async def lines():
            yield b'{"seq": 0}\n'
            await anyio.sleep(pause)
            yield b'{"seq": 1}\n'

        return StreamingResponse(lines(), media_type="application/x-ndjson")

    @app.post("/api/echo")
    async def echo(request: Request):
        return {"received": len(await request.body())}

    @app.post("/api/json")
    async def json_body(payload: dict):
        return {"keys": sorted(payload)}

    static = tmp_path / "frontend"
    (static / "js").mkdir(parents=True, exist_ok=True)
    (static / "index.html").write_text("<!doctype html><title>page</title>")
    (static / "js" / "main.js").write_text("export {};")
    (tmp_path / "secret.py").write_text(SECRET)
    install_middleware(app, settings)
    app.mount("/", StaticFiles(directory=static, html=True))
    return app


@pytest.fixture
def client(tmp_path):
    with TestClient(build_app(tmp_path)) as c:
        yield c


def run(coro):
    return asyncio.run(coro)


def call(app, scope: dict, receive=None) -> list[dict]:
    """One ASGI request through ``app`` (an empty body unless ``receive`` is given); returns
    every message the app sent."""
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def empty():
        return {"type": "http.request", "body": b""}

    run(app(scope, receive or empty, send))
    return sent


# ---- security headers ----------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/api/fast", "/nope", "/js/main.js"])
def test_every_response_carries_security_headers(client, path):
    r = client.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_csp_forbids_inline_and_foreign_script_on_every_page(client):
    script_src = next(d for d in CSP.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "http" not in script_src


def test_api_reference_comes_from_this_server_under_the_same_policy(registry):
    from convtrace.api.app import create_app

    with TestClient(create_app(Settings(), registry)) as c:
        docs = c.get("/docs")
        assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text
        assert "http" not in docs.text.split("<body>")[0].replace("http-equiv", "")
        assert docs.headers["content-security-policy"] == CSP
        assert c.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
        assert c.get("/docs/assets/start.js").headers["content-type"].startswith("text/javascript")
        assert c.get("/docs/assets/core.py").status_code == 404
        assert c.get("/redoc").status_code == 404


# ---- body limit ------------------------------------------------------------------------------
def test_body_within_limit_reaches_the_route(client):
    assert client.post("/api/echo", content=b"x" * 1000).json() == {"received": 1000}


def test_declared_oversize_body_is_413_json(client):
    r = client.post("/api/echo", content=b"x" * 1001)
    (item,) = r.json()["detail"]
    assert r.status_code == 413 and "1000 bytes" in item["msg"]
    assert item["code"] == "request.too_large" and item["params"] == {"limit": 1000}
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/api/echo", "/api/json"])
def test_chunked_body_growing_past_limit_is_413(client, path):
    def chunks():  # no Content-Length: httpx sends Transfer-Encoding: chunked
        for _ in range(20):
            yield b"{" + b" " * 99

    r = client.post(path, content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_body_limit_answers_413_for_a_raw_asgi_app_too():
    async def raw_app(scope, receive, send):
        raise AssertionError("the app saw an oversize body")

    chunks = [{"type": "http.request", "body": b"x" * 60, "more_body": True}] * 3

    async def receive():
        return chunks.pop() if chunks else {"type": "http.request", "body": b""}

    mw = AdmissionMiddleware(raw_app, Policy(max_body_bytes=100))
    sent = call(mw, {"type": "http", "path": "/", "headers": []}, receive)
    assert sent[0]["status"] == 413


def test_declared_oversize_body_is_refused_before_reading_it():
    async def app(scope, receive, send):
        raise AssertionError("the app saw an oversize request")

    async def receive():
        raise AssertionError("the body was read")

    scope = {"type": "http", "path": "/", "headers": [(b"content-length", b"101")]}
    sent = call(AdmissionMiddleware(app, Policy(max_body_bytes=100)), scope, receive)
    assert sent[0]["status"] == 413


# ---- concurrency cap and timeout -------------------------------------------------------------
def test_requests_beyond_the_cap_get_fast_503_and_healthz_still_answers(tmp_path):
    app = build_app(tmp_path, max_concurrency=2)

    async def scenario():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            slow = [asyncio.create_task(c.get("/api/slow")) for _ in range(2)]
            await asyncio.sleep(0.2)
            t0 = time.perf_counter()
            busy = await c.get("/api/fast")
            elapsed = time.perf_counter() - t0
            health = await c.get("/healthz")
            app.state.release.set()
            done = await asyncio.gather(*slow)
            after = await c.get("/api/fast")
        return busy, elapsed, health, done, after

    busy, elapsed, health, done, after = run(scenario())
    assert busy.status_code == 503 and busy.headers["retry-after"] == "1" and elapsed < 1.0
    assert busy.json()["detail"][0]["code"] == "server.busy"
    assert health.status_code == 200
    assert [r.status_code for r in done] == [200, 200] and after.status_code == 200


def test_slow_request_gets_503_at_the_deadline(tmp_path):
    app = build_app(tmp_path, request_timeout_s=0.3)

    async def scenario():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            t0 = time.perf_counter()
            r = await c.get("/api/slow")
            return r, time.perf_counter() - t0, await c.get("/api/fast")

    r, elapsed, after = run(scenario())
    (item,) = r.json()["detail"]
    assert r.status_code == 503 and "timed out" in item["msg"] and elapsed < 2
    assert item["code"] == "server.timeout"
    assert after.status_code == 200  # the slot was given back


def test_started_stream_is_cut_off_not_replaced_by_503():
    async def stream_app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"line\n", "more_body": True})
        await anyio.sleep(10)
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    mw = AdmissionMiddleware(stream_app, Policy(max_concurrency=1, timeout_s=0.2))
    sent = call(mw, {"type": "http", "path": "/api/trace", "headers": []})
    assert [m.get("status") for m in sent if m["type"] == "http.response.start"] == [200]
    assert all(m.get("more_body") for m in sent if m["type"] == "http.response.body")
    assert mw.cheap_in_flight == 0


def test_work_that_ignores_cancellation_cannot_answer_after_the_503():
    async def stubborn_app(scope, receive, send):
        with anyio.CancelScope(shield=True):  # like a thread that must run to its end
            await anyio.sleep(0.4)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"late"})

    mw = AdmissionMiddleware(stubborn_app, Policy(max_concurrency=1, timeout_s=0.1))
    sent = call(mw, {"type": "http", "path": "/api/sgd", "headers": []})
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [503]
    assert b"late" not in b"".join(m.get("body", b"") for m in sent)


# ---- on a real server: streaming is not buffered, threads time out promptly ------------------
@pytest.fixture
def live(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(build_app(tmp_path, request_timeout_s=0.5), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(5)


def test_ndjson_stream_reaches_the_client_line_by_line(live):
    with httpx.stream("GET", f"{live}/api/stream", params={"pause": 0.4}, timeout=5) as r:
        t0, lines = time.perf_counter(), r.iter_lines()
        assert json.loads(next(lines)) == {"seq": 0}
        first = time.perf_counter() - t0
        assert json.loads(next(lines)) == {"seq": 1}
    assert first < 0.3, "the first line waited for the second: the stream was buffered"
    assert r.headers["content-security-policy"] == CSP


def test_thread_bound_request_gets_503_before_its_work_finishes(live):
    t0 = time.perf_counter()
    r = httpx.get(f"{live}/api/sleep", params={"s": 2.0}, timeout=5)
    assert r.status_code == 503 and time.perf_counter() - t0 < 1.5


def test_stream_past_the_deadline_ends_as_an_incomplete_response(live):
    with pytest.raises(httpx.RemoteProtocolError):
        with httpx.stream("GET", f"{live}/api/stream", params={"pause": 2}, timeout=5) as r:
            list(r.iter_lines())


# ---- rate limit ------------------------------------------------------------------------------
def test_rate_limit_answers_429_with_retry_after_and_spares_healthz(tmp_path):
    with TestClient(build_app(tmp_path, rate_limit_per_minute=3)) as c:
        assert [c.get("/api/fast").status_code for _ in range(3)] == [200] * 3
        r = c.get("/api/fast")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        (item,) = r.json()["detail"]
        assert item["code"] == "request.rate_limited" and item["params"]["retry_after"] >= 1
        assert c.get("/healthz").status_code == 200


def test_rate_limit_is_off_by_default(client):
    assert {client.get("/api/fast").status_code for _ in range(100)} == {200}


def _statuses(app, client_ip, n, headers=None):
    async def scenario():
        transport = httpx.ASGITransport(app=app, client=(client_ip, 1234))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return [(await c.get("/api/fast", headers=headers)).status_code for _ in range(n)]

    return run(scenario())


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(tmp_path):
    app = build_app(tmp_path, rate_limit_per_minute=2)
    for i in range(3):  # spoofed headers do not buy a fresh bucket
        statuses = _statuses(app, "10.0.0.9", 1, {"x-forwarded-for": f"1.2.3.{i}"})
    assert statuses == [429]


def test_trusted_proxy_rate_limits_each_forwarded_client(tmp_path):
    app = build_app(tmp_path, rate_limit_per_minute=2, trusted_proxies=["10.0.0.1"])
    assert _statuses(app, "10.0.0.1", 3, {"x-forwarded-for": "5.5.5.5"}) == [200, 200, 429]
    assert _statuses(app, "10.0.0.1", 1, {"x-forwarded-for": "6.6.6.6"}) == [200]


def test_token_bucket_refills_over_time_and_bounds_its_memory():
    now = [0.0]
    buckets = TokenBuckets(per_minute=6, max_keys=3, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(6)] == [0.0] * 6
    assert buckets.take("a") == pytest.approx(10.0)
    now[0] += 10.0
    assert buckets.take("a") == 0.0 and buckets.take("a") > 0
    for key in "bcdef":
        buckets.take(key)
    assert len(buckets.buckets) == 3 and "a" not in buckets.buckets


# ---- CORS ------------------------------------------------------------------------------------
def test_no_cross_origin_access_by_default(client):
    r = client.get("/api/fast", headers={"origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_allows_only_configured_origins(tmp_path):
    with TestClient(build_app(tmp_path, cors_origins=["https://course.example"])) as c:
        ok = c.get("/api/fast", headers={"origin": "https://course.example"})
        other = c.get("/api/fast", headers={"origin": "https://elsewhere.example"})
    assert ok.headers["access-control-allow-origin"] == "https://course.example"
    assert "access-control-allow-origin" not in other.headers


# ---- access log ------------------------------------------------------------------------------
def test_one_json_access_line_per_request(client, caplog):
    with caplog.at_level(logging.INFO, logger="convtrace.access"):
        client.get("/api/fast")
        client.post("/api/echo", content=b"x" * 5000)
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "convtrace.access"]
    assert [(x["method"], x["path"], x["status"]) for x in lines] == [
        ("GET", "/api/fast", 200),
        ("POST", "/api/echo", 413),
    ]
    assert lines[0]["bytes"] == len(b'{"ok":true}') and lines[0]["duration_ms"] >= 0
    assert lines[0]["client"] == "testclient"


# ---- static files stay inside their directory ------------------------------------------------
TRAVERSALS = [
    "/../secret.py",
    "/%2e%2e/secret.py",
    "/..%2fsecret.py",
    "/js/../../secret.py",
    "/js/..%2f..%2fsecret.py",
    "/%2e%2e%2fsecret.py",
    "/../server/config.py",
    "/..%2f..%2fetc/passwd",
    "/js/../../pyproject.toml",
    "/%2e%2e/%2e%2e/etc/passwd",
]


async def asgi_get(app, raw_target: str) -> tuple[int, bytes]:
    """Send the path exactly as uvicorn would (percent-decoded, dot segments kept): HTTP
    clients normalise `..` away before sending, attackers do not."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(raw_target),
        "raw_path": raw_target.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"t")],
        "client": ("127.0.0.1", 1),
        "server": ("t", 80),
    }
    status, body = 0, b""
    events = [{"type": "http.disconnect"}, {"type": "http.request", "body": b""}]

    async def receive():  # the request, then the client has gone
        return events.pop() if len(events) > 1 else events[0]

    async def send(message):
        nonlocal status, body
        status = message.get("status", status)
        body += message.get("body", b"")

    await app(scope, receive, send)
    return status, body


@pytest.mark.parametrize("target", TRAVERSALS)
def test_static_files_cannot_escape_their_directory(tmp_path, target):
    status, body = run(asgi_get(build_app(tmp_path), target))
    assert status != 200 or SECRET.encode() not in body


@pytest.mark.parametrize("target", TRAVERSALS)
def test_real_app_static_files_cannot_escape_frontend(target):
    app_module = pytest.importorskip("convtrace.api.app")
    app = app_module.create_app(Settings())
    status, body = run(asgi_get(app, target))
    assert status != 200 or not any(
        marker in body for marker in (b"class Settings", b"[project]", b"root:")
    )


# ---- embedding: frame-ancestors --------------------------------------------------------------
def frame_ancestors(response) -> str:
    policy = response.headers["content-security-policy"]
    return next(d for d in policy.split(";") if "frame-ancestors" in d).strip()


def test_page_may_not_be_framed_by_default(client):
    assert frame_ancestors(client.get("/")) == "frame-ancestors 'none'"


def test_frame_ancestors_setting_reaches_the_header_of_the_real_app(registry):
    from convtrace.api.app import create_app

    env = {"CONVTRACE_FRAME_ANCESTORS": "https://lms.example.edu, 'self'"}
    with TestClient(create_app(Settings.from_env(env), registry)) as c:
        for path in ("/", "/api/models", "/nope"):
            assert frame_ancestors(c.get(path)) == (
                "frame-ancestors https://lms.example.edu 'self'"
            )


@pytest.mark.parametrize("bad", ["https://a.example; script-src *", "'unsafe-inline'", ""])
def test_frame_ancestors_cannot_smuggle_other_directives(bad):
    from convtrace.api.middleware import content_security_policy

    with pytest.raises(ValueError, match="frame ancestor"):
        content_security_policy([bad])
