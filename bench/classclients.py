"""The clients of bench.classroom: raw asyncio HTTP on loopback, an instructor, SSE followers.

Raw sockets rather than an HTTP library: one process must hold a thousand event streams open
on the same 2 cores as the server, so each follower is one connection and a line reader.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import time
from pathlib import Path

import numpy as np

from tests.localserver import HOST


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
