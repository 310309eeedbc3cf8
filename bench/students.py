"""A class of students against a real ConvTrace server on loopback; prints numbers.

    python -m bench.students   # 200 students for 60 s, then overload, then scaling
    python -m bench.students --duration 20 --skip-saturate

Open loop: each student opens the page (GET /api/models, /api/samples), then draws a digit every
few seconds (POST /api/trace with a sample image, b64 encoding, whole stream read); steps through
the trace in the browser (no request); about one drawing in ten is followed by an SGD step
(POST /api/sgd) and a trace with the returned weights. Arrivals do not wait for answers, as in a
real class: a slow server gets a growing backlog, not a politely slower load. 200 students make
about 70 requests/s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

from tests.localserver import (
    LocalServer,
    ServerStartError,
    isolated_env,
    running_server,
)

ROOT = Path(__file__).resolve().parents[1]
REQUESTS_PER_STUDENT_S = 0.35  # -> ~70 requests/s for 200 students
SGD_SHARE = 0.10
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
REQUEST_DEADLINE_S = 15.0  # whole request, queueing in the client included


# ---- the server under test -------------------------------------------------------------------
def class_server(
    workers: int, extra: list[str] | None = None
) -> contextlib.AbstractContextManager[LocalServer]:
    """`convtrace serve` on a free loopback port; its JSON access log goes to ``log_path``."""
    return running_server(
        extra or [],
        env=isolated_env(),
        workers=workers,
        log_level=None,
        cwd=ROOT,
        capture_stdout=True,
        stop_timeout_s=20,
    )


def server_side(server: LocalServer, since: int) -> Stats:
    """Durations as the server measured them (its access log), from byte offset ``since``:
    what the students' requests cost the server, without the load generator's own delays."""
    stats = Stats()
    with open(server.log_path, "rb") as f:
        f.seek(since)
        for line in f:
            if line.startswith(b"{"):
                x = json.loads(line)
                if x.get("path") != "/healthz":
                    stats.add(f"{x['method']} {x['path']}", str(x["status"]), x["duration_ms"])
    return stats


def log_size(server: LocalServer) -> int:
    return os.path.getsize(server.log_path)


def tree_rss_mb(pid: int) -> float:
    """VmRSS of the server and all its descendants (the uvicorn workers), from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {pid}, True
    while grew:
        more = {p for p, pp in parents.items() if pp in tree} - tree
        tree |= more
        grew = bool(more)
    total_kb = 0
    for p in tree:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


# ---- measuring -------------------------------------------------------------------------------
class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)  # ms, successful requests
        self.failed_latency: dict[str, list[float]] = defaultdict(list)
        self.outcomes: dict[str, Counter] = defaultdict(Counter)

    def add(self, endpoint: str, outcome: str, ms: float) -> None:
        self.outcomes[endpoint][outcome] += 1
        (self.latency if outcome == "200" else self.failed_latency)[endpoint].append(ms)

    def report(self, title: str, seconds: float) -> None:
        print(f"\n{title}")
        print(
            f"  {'endpoint':<18}{'req/s':>8}{'ok':>7}{'p50 ms':>9}{'p99 ms':>9}  "
            f"other outcomes (p99 ms of those)"
        )
        for endpoint in sorted(self.outcomes):
            ok = sorted(self.latency[endpoint])
            total = sum(self.outcomes[endpoint].values())
            others = {k: v for k, v in self.outcomes[endpoint].items() if k != "200"}
            fail = sorted(self.failed_latency[endpoint])
            print(
                f"  {endpoint:<18}{total / seconds:>8.1f}{len(ok):>7}{pct(ok, 50):>9.1f}"
                f"{pct(ok, 99):>9.1f}  {dict(others) or '-'}"
                f"{f' ({pct(fail, 99):.1f})' if fail else ''}"
            )


def pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q / 100))] if values else float("nan")


async def timed(
    stats: Stats, client: httpx.AsyncClient, endpoint: str, method: str, url: str, **kw
) -> bytes | None:
    """One request, whole body read; records outcome (status or exception name) and latency."""
    t0 = time.perf_counter()

    async def fetch() -> tuple[int, bytes]:
        async with client.stream(method, url, **kw) as r:
            return r.status_code, b"".join([chunk async for chunk in r.aiter_bytes()])

    try:
        status, body = await asyncio.wait_for(fetch(), REQUEST_DEADLINE_S)
        outcome = str(status)
        if status == 200 and "trace" in endpoint and b'"result"' not in body[-4096:]:
            outcome = "incomplete-stream"
    except (httpx.HTTPError, TimeoutError) as err:
        body, outcome = None, type(err).__name__
    stats.add(endpoint, outcome, (time.perf_counter() - t0) * 1000)
    return body if outcome == "200" else None


# ---- the class -------------------------------------------------------------------------------
JSON = {"content-type": "application/json"}


async def fetch_samples(base: str) -> list[dict]:
    """Sample digits with their request bodies encoded once (the client's CPU is the server's)."""
    async with httpx.AsyncClient(timeout=TIMEOUT) as c:
        samples = (await c.get(f"{base}/api/samples", params={"count": 50})).json()["samples"]
    for s in samples:
        s["body"] = {"image": s["image"], "label": s["label"], "encoding": "b64"}
        s["trace"] = json.dumps(s["body"]).encode()
        s["sgd"] = json.dumps({**s["body"], "learning_rate": 0.05}).encode()
    return samples


async def drawing(stats: Stats, client: httpx.AsyncClient, base: str, sample: dict) -> None:
    await timed(
        stats,
        client,
        "POST /api/trace",
        "POST",
        f"{base}/api/trace",
        content=sample["trace"],
        headers=JSON,
    )
    if random.random() < SGD_SHARE:
        answer = await timed(
            stats,
            client,
            "POST /api/sgd",
            "POST",
            f"{base}/api/sgd",
            content=sample["sgd"],
            headers=JSON,
        )
        if answer is not None:
            weights = json.loads(answer)["weights"]
            await timed(
                stats,
                client,
                "POST /api/trace+w",
                "POST",
                f"{base}/api/trace",
                json={**sample["body"], "weights": weights},
            )


async def student(stats, client, base, samples, until, tasks: set) -> None:
    await asyncio.sleep(random.uniform(0, 3))  # the class opens the page within a few seconds
    await timed(stats, client, "GET /api/models", "GET", f"{base}/api/models")
    await timed(
        stats, client, "GET /api/samples", "GET", f"{base}/api/samples", params={"count": 10}
    )
    per_drawing = 1 + 2 * SGD_SHARE
    while True:
        next_at = time.monotonic() + random.expovariate(REQUESTS_PER_STUDENT_S / per_drawing)
        if next_at >= until:
            return
        await asyncio.sleep(next_at - time.monotonic())
        task = asyncio.create_task(drawing(stats, client, base, random.choice(samples)))
        tasks.add(task)
        task.add_done_callback(tasks.discard)


async def run_class(base: str, students: int, seconds: float) -> tuple[Stats, float]:
    samples, stats, tasks = await fetch_samples(base), Stats(), set()
    limits = httpx.Limits(max_connections=students * 2, max_keepalive_connections=students)
    async with httpx.AsyncClient(timeout=TIMEOUT, limits=limits) as client:
        t0 = time.monotonic()
        await asyncio.gather(
            *(student(stats, client, base, samples, t0 + seconds, tasks) for _ in range(students))
        )
        while tasks:  # answers still owed when the bell rings (bounded by the client timeout)
            await asyncio.gather(*list(tasks), return_exceptions=True)
        return stats, time.monotonic() - t0


async def hammer(base: str, clients: int, seconds: float) -> tuple[int, Counter]:
    """Closed loop: each client sends the next trace as soon as the last one is read."""
    samples, stats = await fetch_samples(base), Stats()
    until = time.monotonic() + seconds

    async def one(client: httpx.AsyncClient) -> None:
        while time.monotonic() < until:
            await drawing_only(stats, client, base, random.choice(samples))

    async with httpx.AsyncClient(timeout=TIMEOUT) as client:
        await asyncio.gather(*(one(client) for _ in range(clients)))
    return len(stats.latency["POST /api/trace"]), stats.outcomes["POST /api/trace"]


async def drawing_only(stats, client, base, sample) -> None:
    await timed(
        stats,
        client,
        "POST /api/trace",
        "POST",
        f"{base}/api/trace",
        content=sample["trace"],
        headers=JSON,
    )


# ---- phases ----------------------------------------------------------------------------------
def class_phase(args) -> None:
    with class_server(args.workers) as server:
        base, pid = server.url, server.process.pid
        cold = tree_rss_mb(pid)
        asyncio.run(run_class(base, 20, 3))  # warm-up: imports, allocator pools, first traces
        warm, since = tree_rss_mb(pid), log_size(server)
        stats, took = asyncio.run(run_class(base, args.students, args.duration))
        after = tree_rss_mb(pid)
        stats.report(
            f"class: {args.students} students, {args.duration:.0f} s, "
            f"workers={args.workers} (wall {took:.1f} s; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores) - client side",
            took,
        )
        total = sum(sum(c.values()) for c in stats.outcomes.values())
        errors = sum(v for c in stats.outcomes.values() for k, v in c.items() if k != "200")
        print(f"  total {total / took:.1f} req/s, errors {errors}")
        print(
            f"  server RSS (parent + workers): cold {cold:.0f} MB, warm {warm:.0f} MB, "
            f"after {after:.0f} MB, growth since warm {100 * (after - warm) / warm:+.1f} %"
        )
        server_side(server, since).report("  same requests, server side (access log)", took)


def overload_phase(args) -> None:
    for label, extra in (
        ("no rate limit", []),
        ("rate limit 30/min/address", ["--rate-limit-per-minute", "30"]),
    ):
        with class_server(args.workers, extra) as server:
            stats, took = asyncio.run(
                run_class(server.url, args.overload_students, args.overload_duration)
            )
            stats.report(
                f"overload: {args.overload_students} students, "
                f"{args.overload_duration:.0f} s, workers={args.workers}, {label} "
                f"- client side",
                took,
            )
            server_side(server, 0).report("  server side (access log)", took)


def saturate_phase(args) -> None:
    rates = {}
    for workers in (1, 2):
        with class_server(workers) as server:
            asyncio.run(hammer(server.url, 4, 1))  # warm-up
            ok, outcomes = asyncio.run(hammer(server.url, args.clients, args.saturate_duration))
            rates[workers] = ok / args.saturate_duration
            print(
                f"\nsaturated: {args.clients} closed-loop clients on /api/trace, "
                f"workers={workers}: {rates[workers]:.1f} traces/s  {dict(outcomes)}"
            )
    print(
        f"  scaling workers 1 -> 2: x{rates[2] / rates[1]:.2f} "
        f"(the load generator shares the same {os.cpu_count()} cores)"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=200)
    p.add_argument("--duration", type=float, default=60)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--overload-students", type=int, default=1000)
    p.add_argument("--overload-duration", type=float, default=15)
    p.add_argument("--clients", type=int, default=16, help="closed-loop clients when saturating")
    p.add_argument("--saturate-duration", type=float, default=10)
    p.add_argument("--skip-overload", action="store_true")
    p.add_argument("--skip-saturate", action="store_true")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    random.seed(args.seed)
    try:
        class_phase(args)
        if not args.skip_overload:
            overload_phase(args)
        if not args.skip_saturate:
            saturate_phase(args)
    except ServerStartError as err:
        raise SystemExit(f"server did not start: {err}") from err
    return 0


if __name__ == "__main__":
    sys.exit(main())
