"""Admission: expensive requests get a small pool of their own threads, a short queue, a deadline
they can see, and a rate-limit price; cheap requests keep their own path."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
from convtrace.api.admission import AdmissionMiddleware, Policy, current_deadline
from convtrace.api.app import create_app
from convtrace.config import Settings
from fastapi import FastAPI, Request

RELEASE_AFTER_S = 5.0  # every held route gives up by itself: a failing test cannot hang


def build_app(**policy) -> FastAPI:
    """/api/gradcheck and /api/sgd (heavy by path) hold until released; /api/trace is cheap
    unless its body is large; /api/loop works until its deadline."""
    app = FastAPI()
    app.state.release = threading.Event()
    app.state.stopped_at = []

    @app.post("/api/gradcheck")
    def held() -> dict:
        app.state.release.wait(RELEASE_AFTER_S)
        return {"ok": True}

    @app.post("/api/sgd")
    async def blocks_its_loop() -> dict:  # like parsing a big body: holds whatever loop runs it
        app.state.heavy_started = time.monotonic()
        time.sleep(0.5)
        return {"ok": True}

    @app.post("/api/trace")
    async def trace(request: Request) -> dict:
        app.state.cheap_at = time.monotonic()
        return {"received": len(await request.body())}

    @app.post("/api/loop")
    def loop() -> dict:
        deadline = current_deadline()
        end = time.monotonic() + RELEASE_AFTER_S
        while time.monotonic() < end:
            if deadline is not None and time.monotonic() > deadline:
                app.state.stopped_at.append(time.monotonic())
                raise TimeoutError
            time.sleep(0.01)
        app.state.stopped_at.append(time.monotonic())
        return {"ok": True}

    app.add_middleware(AdmissionMiddleware, policy=Policy(**policy))
    return app


def run(coro):
    return asyncio.run(coro)


def client(app: FastAPI, address: str = "127.0.0.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 1234))
    return httpx.AsyncClient(transport=transport, base_url="http://t", timeout=10)


def test_heavy_requests_beyond_pool_and_queue_get_fast_503_while_cheap_ones_pass():
    app = build_app(heavy_workers=1, heavy_queue=1, max_concurrency=8)

    async def scenario():
        async with client(app) as c:
            held = [asyncio.create_task(c.post("/api/gradcheck")) for _ in range(2)]
            await asyncio.sleep(0.2)
            t0 = time.perf_counter()
            refused = await c.post("/api/gradcheck")
            refused_in = time.perf_counter() - t0
            cheap = await c.post("/api/trace", content=b"{}")
            app.state.release.set()
            return refused, refused_in, cheap, await asyncio.gather(*held)

    refused, refused_in, cheap, held = run(scenario())
    assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
    assert 0.5 <= refused_in < 1.0  # a short pause, then the refusal
    assert cheap.status_code == 200
    assert [r.status_code for r in held] == [200, 200]


def test_a_large_body_makes_any_request_heavy():
    app = build_app(heavy_workers=1, heavy_queue=0, heavy_body_bytes=1000)

    async def scenario():
        async with client(app) as c:
            held = asyncio.create_task(c.post("/api/gradcheck"))
            await asyncio.sleep(0.2)
            small = await c.post("/api/trace", content=b"x" * 1000)
            large = await c.post("/api/trace", content=b"x" * 1001)
            app.state.release.set()
            await held
            return small, large

    small, large = run(scenario())
    assert small.status_code == 200 and large.status_code == 503


def test_heavy_work_runs_off_the_event_loop_so_cheap_requests_are_not_delayed():
    app = build_app(heavy_workers=1)
    app.state.heavy_started = None

    async def scenario():
        async with client(app) as c:
            heavy = asyncio.create_task(c.post("/api/sgd"))
            while app.state.heavy_started is None:  # (on a blocked loop: only after the block)
                await asyncio.sleep(0.01)
            cheap = await c.post("/api/trace", content=b"{}")
            return cheap, await heavy

    cheap, heavy = run(scenario())
    assert cheap.status_code == 200 and heavy.status_code == 200
    waited = app.state.cheap_at - app.state.heavy_started
    assert waited < 0.3, f"a cheap request waited {waited:.2f} s behind heavy work"


@pytest.mark.parametrize("size", [0, 2000], ids=["cheap", "heavy (large body)"])
def test_work_sees_its_deadline_and_stops_soon_after_the_503(size):
    app = build_app(timeout_s=0.3, heavy_body_bytes=1000)

    async def scenario():
        async with client(app) as c:
            t0 = time.monotonic()
            response = await c.post("/api/loop", content=b"x" * size)
            return response, t0, time.monotonic()

    response, t0, answered = run(scenario())
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert answered - t0 < 2.0
    [stopped] = app.state.stopped_at
    assert stopped - t0 < 2.0, "the work went on after its deadline"  # else 5 s


def test_no_deadline_outside_a_request():
    assert current_deadline() is None


def test_rate_limit_charges_heavy_requests_more_than_cheap_ones():
    app = build_app(rate_limit_per_minute=20, heavy_cost=10, heavy_body_bytes=100)

    async def scenario():
        async with client(app, "10.0.0.1") as heavy, client(app, "10.0.0.2") as cheap:
            big = [
                (await heavy.post("/api/trace", content=b"x" * 101)).status_code for _ in range(3)
            ]
            small = [(await cheap.post("/api/trace", content=b"{}")).status_code for _ in range(21)]
            return big, small

    big, small = run(scenario())
    assert big == [200, 200, 429]
    assert small == [200] * 20 + [429]


@pytest.mark.parametrize("path", ["/api/gradcheck", "/api/sgd"])
def test_real_app_503s_when_the_heavy_pool_is_full_and_says_when_to_retry(path, image_list):
    settings = Settings(heavy_workers=1, heavy_queue=0)
    app = create_app(settings)
    mw_started = threading.Event()

    async def scenario():
        async with client(app) as c:
            body = {"image": image_list, "samples_per_param": 10}
            hog = asyncio.create_task(c.post("/api/gradcheck", json=body))
            mw_started.set()
            await asyncio.sleep(0.02)
            extra = {"learning_rate": 0.1} if path.endswith("sgd") else {}
            refused = await c.post(path, json={"image": image_list, **extra})
            return refused, await hog

    refused, hog = run(scenario())
    assert hog.status_code == 200
    assert refused.status_code == 503 and int(refused.headers["retry-after"]) >= 1


def test_store_calls_from_a_heavy_loop_run_on_the_main_loop():
    """A heavy request runs in an event loop of its own on a heavy thread; the stores' Redis
    clients belong to the main loop, so their calls hop over (admission.on_main_loop)."""
    import threading

    import anyio
    import anyio.lowlevel
    import anyio.to_thread
    from convtrace.api import admission

    where: dict[str, int] = {}

    async def store_call(value: int) -> int:
        where["call"] = threading.get_ident()
        return value * 2

    async def main() -> int:
        where["main"] = threading.get_ident()
        admission._MAIN_LOOP.set(anyio.lowlevel.current_token())

        def heavy() -> int:
            where["heavy"] = threading.get_ident()
            return anyio.run(admission.on_main_loop, store_call, 21)

        return await anyio.to_thread.run_sync(heavy)

    assert anyio.run(main) == 42
    assert where["call"] == where["main"] != where["heavy"]


def test_without_a_main_loop_the_call_runs_where_it_is():
    import anyio
    from convtrace.api import admission

    async def call(value: int) -> int:
        return value + 1

    assert anyio.run(admission.on_main_loop, call, 1) == 2
