"""Class sessions under a class's load: 2 workers + Redis, one instructor, N followers on SSE.

    python -m bench.classroom [--followers 300] [--crowd 1000] [--hold 20]

Everything on loopback, bounded in time. Measures (goals from issue 14):
  step        instructor PUTs a state -> every follower has the event (p99 <= 250 ms)
  crowd       --crowd followers connected for --hold s while the instructor steps every second:
              errors (p99 <= 1 s, 0 errors), server memory per connected follower (<= 50 KB)
  trace       digit change -> every follower has fetched the new trace (p99 <= 2 s)
  answers     --followers answers sent within 1 s: none lost, counts right
The followers are raw asyncio sockets (one process, the same 2 cores as the server). The
server runs with a high concurrency cap and request timeout, because until the middleware
exempts event streams each open stream holds a request slot.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import time
from pathlib import Path

import numpy as np

from tests.classes.redisserver import running_redis
from tests.localserver import HOST, isolated_env, running_server


async def request(
    port: int, method: str, path: str, body: object = None, token: str = ""
) -> tuple[int, bytes]:
    """One HTTP/1.1 request on its own connection (Connection: close): status, body."""
    reader, writer = await asyncio.open_connection(HOST, port)
    data = b"" if body is None else json.dumps(body).encode()
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n"
    head += f"Content-Length: {len(data)}\r\nContent-Type: application/json\r\n"
    head += f"Authorization: Bearer {token}\r\n" if token else ""
    writer.write(head.encode() + b"\r\n" + data)
    raw = await reader.read()
    writer.close()
    status_line, _, rest = raw.partition(b"\r\n")
    headers, _, payload = rest.partition(b"\r\n\r\n")
    if b"transfer-encoding: chunked" in headers.lower():
        payload = _unchunk(payload)
    return int(status_line.split()[1]), payload


def _unchunk(data: bytes) -> bytes:
    out, rest = [], data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        out.append(rest[:size])
        rest = rest[size + 2 :]
    return b"".join(out)


class Follower:
    """One student's event stream; records when each state version arrived."""

    def __init__(self, port: int, code: str, student: str, fetch_trace: bool = False) -> None:
        self.port, self.code, self.student, self.fetch_trace = port, code, student, fetch_trace
        self.arrived: dict[int, float] = {}  # state version -> time
        self.traced: dict[int, float] = {}  # state version -> time the trace was fully read
        self.connected = asyncio.Event()
        self.error: str | None = None
        self.fetches: list[asyncio.Task[None]] = []

    async def run(self) -> None:
        try:
            reader, writer = await asyncio.open_connection(HOST, self.port)
            path = f"/api/classes/{self.code}/events?student={self.student}"
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept: text/event-stream\r\n\r\n".encode()
            )
            status = (await reader.readline()).split()[1]
            await reader.readuntil(b"\r\n\r\n")
            if status != b"200":
                detail = (await reader.read(200)).decode(errors="replace")
                raise RuntimeError(f"status {status.decode()}: {detail}")
            self.connected.set()
            while True:
                line = await reader.readline()
                if not line:
                    raise RuntimeError("stream closed")
                if b"data: {" in line and b'"version"' in line:
                    self._on_state(json.loads(line.split(b"data: ", 1)[1]))
        except asyncio.CancelledError:
            raise
        except Exception as err:  # noqa: BLE001 - counted as an error of this follower
            self.error = f"{type(err).__name__}: {err}"
            self.connected.set()

    def _on_state(self, data: dict) -> None:
        version = int(data["version"])
        self.arrived[version] = time.perf_counter()
        if self.fetch_trace:
            self.fetches.append(asyncio.get_running_loop().create_task(self._trace(version)))

    async def _trace(self, version: int) -> None:
        status, body = await request(self.port, "GET", f"/api/classes/{self.code}/trace")
        if status == 200 and body.count(b"\n") > 10:
            self.traced[version] = time.perf_counter()
        else:
            self.error = f"trace: status {status}, {body[:80]!r}"


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000 if values else float("nan")


def image_b64(seed: int) -> str:
    pixels = np.random.default_rng(seed).integers(0, 256, 784, dtype=np.uint8)
    return base64.b64encode(pixels.tobytes()).decode()


class Instructor:
    def __init__(self, port: int) -> None:
        self.port, self.code, self.token = port, "", ""
        self.version, self.sent = 0, {}  # state version -> time of its PUT

    async def start(self) -> None:
        _, body = await request(self.port, "POST", "/api/classes")
        created = json.loads(body)
        self.code, self.token = created["code"], created["instructor_token"]

    async def put(self, step: int, seed: int = 0) -> None:
        body = {"image": image_b64(seed), "model": "lenet-relu", "step": step, "label": 3}
        before = time.perf_counter()
        status, _ = await request(
            self.port, "PUT", f"/api/classes/{self.code}/state", body, self.token
        )
        assert status == 204, status
        self.version += 1  # every PUT is one version
        self.sent[self.version] = before


async def connect(
    port: int, code: str, count: int, prefix: str, fetch: bool = False
) -> tuple[list[Follower], list[asyncio.Task[None]]]:
    followers = [Follower(port, code, f"{prefix}-{i:06}", fetch) for i in range(count)]
    tasks = []
    for i, follower in enumerate(followers):
        tasks.append(asyncio.create_task(follower.run()))
        if i % 50 == 49:
            await asyncio.sleep(0.05)  # a class arrives over a moment, not in one packet
    await asyncio.wait_for(asyncio.gather(*(f.connected.wait() for f in followers)), 60)
    return followers, tasks


def latencies(
    instructor: Instructor, followers: list[Follower], traced: bool = False
) -> tuple[list[float], int]:
    """Delays from each PUT to each follower's arrival, and how many arrivals are missing."""
    delays, missing = [], 0
    for version, sent in instructor.sent.items():
        for follower in followers:
            got = (follower.traced if traced else follower.arrived).get(version)
            if got is None:
                missing += 1
            else:
                delays.append(got - sent)
    return delays, missing


def server_rss_kb(supervisor: int) -> int:
    """Resident memory of the server's worker processes (children of the supervisor)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == supervisor:
                status = (stat.parent / "status").read_text()
                total += int(
                    next(ln for ln in status.splitlines() if ln.startswith("VmRSS")).split()[1]
                )
    return total


def report_errors(phase: str, followers: list[Follower]) -> None:
    """The kinds of errors the followers met, with a count each (nothing when none)."""
    kinds: dict[str, int] = {}
    for follower in followers:
        if follower.error:
            kinds[follower.error[:300]] = kinds.get(follower.error[:300], 0) + 1
    for kind, count in sorted(kinds.items(), key=lambda item: -item[1])[:3]:
        print(f"{phase}: {count} x {kind}")


async def stop(tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def step_phase(port: int, count: int, steps: int) -> dict[str, float]:
    instructor = Instructor(port)
    await instructor.start()
    followers, tasks = await connect(port, instructor.code, count, "step")
    for step in range(steps):
        await instructor.put(step)
        await asyncio.sleep(0.3)
    await asyncio.sleep(1.0)
    await stop(tasks)
    report_errors("step", followers)
    delays, missing = latencies(instructor, followers)
    errors = sum(f.error is not None for f in followers)
    return {
        "p50_ms": pct(delays, 50),
        "p99_ms": pct(delays, 99),
        "missing": missing,
        "errors": errors,
    }


async def trace_phase(port: int, count: int, changes: int) -> dict[str, float]:
    instructor = Instructor(port)
    await instructor.start()
    followers, tasks = await connect(port, instructor.code, count, "trace", fetch=True)
    for seed in range(changes):
        await instructor.put(0, seed)
        await asyncio.sleep(2.0)
    fetches = [t for f in followers for t in f.fetches]
    await asyncio.wait(fetches, timeout=10)
    await stop(tasks + fetches)
    delays, missing = latencies(instructor, followers, traced=True)
    report_errors("trace", followers)
    return {"p50_ms": pct(delays, 50), "p99_ms": pct(delays, 99), "missing": missing}


async def answers_phase(port: int, count: int) -> dict[str, float]:
    instructor = Instructor(port)
    await instructor.start()
    question = {"kind": "sign", "step": 0, "prompt": "sign?", "truth": "+"}
    _, body = await request(
        port, "POST", f"/api/classes/{instructor.code}/questions", question, instructor.token
    )
    qid = json.loads(body)["id"]
    signs = ["+", "-", "0"]

    async def one(i: int) -> int:
        await asyncio.sleep(i / count)  # spread over 1 s
        answer = {"question_id": qid, "student": f"answer-{i:06}", "answer": signs[i % 3]}
        return (await request(port, "POST", f"/api/classes/{instructor.code}/answers", answer))[0]

    start = time.perf_counter()
    statuses = await asyncio.gather(*(one(i) for i in range(count)))
    took = time.perf_counter() - start
    path = f"/api/classes/{instructor.code}/questions/{qid}/results"
    results = json.loads((await request(port, "GET", path, token=instructor.token))[1])
    expected = {s: sum(1 for i in range(count) if signs[i % 3] == s) for s in signs}
    counted = {c["answer"]: c["count"] for c in results["counts"]}
    return {
        "sent_in_s": took,
        "accepted": statuses.count(202),
        "counted": results["answers"],
        "counts_right": float(counted == expected),
    }


async def crowd_phase(port: int, supervisor: int, count: int, hold_s: float) -> dict[str, float]:
    instructor = Instructor(port)
    await instructor.start()
    # Memory per follower at the margin: the first third warms the fixed costs (Redis pools,
    # allocator arenas, the reader), the rest show what each further follower adds.
    first = count // 3
    followers, tasks = await connect(port, instructor.code, first, "crowd-a")
    await asyncio.sleep(1.0)
    before = server_rss_kb(supervisor)
    more, more_tasks = await connect(port, instructor.code, count - first, "crowd-b")
    followers, tasks = followers + more, tasks + more_tasks
    await asyncio.sleep(1.0)
    after = server_rss_kb(supervisor)
    deadline = time.monotonic() + hold_s
    step = 0
    while time.monotonic() < deadline:
        await instructor.put(step)
        step += 1
        await asyncio.sleep(1.0)
    await asyncio.sleep(1.0)
    _, body = await request(port, "GET", f"/api/classes/{instructor.code}")
    students = json.loads(body)["students"]
    await stop(tasks)
    report_errors("crowd", followers)
    delays, missing = latencies(instructor, followers)
    return {
        "p99_ms": pct(delays, 99),
        "missing": missing,
        "errors": sum(f.error is not None for f in followers),
        "students": students,
        "kb_per_follower": (after - before) / (count - first),
    }


async def run(args: argparse.Namespace, port: int, supervisor: int) -> None:
    n = args.followers
    phases = {
        "step": (f"{n} followers, 10 steps", lambda: step_phase(port, n, 10)),
        "trace": (f"{n} followers, 3 digits", lambda: trace_phase(port, n, 3)),
        "answers": (f"{n} students", lambda: answers_phase(port, n)),
        "crowd": (
            f"{args.crowd} followers, {args.hold:g} s",
            lambda: crowd_phase(port, supervisor, args.crowd, args.hold),
        ),
    }
    rows = []
    for name in args.phases.split(","):
        load, phase = phases[name]
        rows.append((name, load, await phase()))
    print(f"{'phase':8} {'load':28} results")
    for name, load, found in rows:
        shown = "  ".join(
            f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in found.items()
        )
        print(f"{name:8} {load:28} {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=300)
    parser.add_argument("--crowd", type=int, default=1000)
    parser.add_argument(
        "--hold", type=float, default=20.0, help="seconds the crowd stays (issue: 60)"
    )
    parser.add_argument("--phases", default="step,trace,answers,crowd")
    args = parser.parse_args()
    with running_redis() as redis:
        env = isolated_env(
            {
                "CONVTRACE_REDIS_URL": redis.url,
                "CONVTRACE_MAX_CONCURRENCY": "5000",
                "CONVTRACE_REQUEST_TIMEOUT_S": "3600",
                "CONVTRACE_LOG_LEVEL": "warning",
            }
        )
        with running_server(workers=2, env=env) as server:
            asyncio.run(run(args, server.port, server.process.pid))


if __name__ == "__main__":
    main()
