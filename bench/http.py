"""HTTP benchmark: starts the real server (uvicorn subprocess on loopback) and prints a table.

    python -m bench.http [--workers N] [--seconds S] [--clients C]

Measures /healthz latency, full-trace latency to the last byte and to the first record (b64 and
json), traces/s with C concurrent clients, bytes per trace on the wire, errors, and the in-process
encode time per trace. Each phase is bounded in time; the whole run takes well under a minute.
The client is a minimal asyncio HTTP/1.1 reader so that its own cost stays small next to the
server's on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

import numpy as np
import orjson

from tests.localserver import ServerStartError, isolated_env, running_server

REPO = Path(__file__).resolve().parents[1]


class Connection:
    """One keep-alive HTTP/1.1 connection; returns (status, body, wire bytes, first-line time)."""

    def __init__(self, port: int):
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b""):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        start = time.perf_counter()
        self.writer.write(head + body)
        status_line = await self.reader.readline()
        wire, headers = len(status_line), {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            wire += len(line)
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        wire += 2
        chunks, first = [], None
        if "content-length" in headers:
            chunks.append(await self.reader.readexactly(int(headers["content-length"])))
            wire += len(chunks[0])
        else:  # chunked: one chunk per record
            while True:
                size_line = await self.reader.readline()
                size = int(size_line.split(b";")[0], 16)
                data = await self.reader.readexactly(size + 2)
                wire += len(size_line) + size + 2
                if size == 0:
                    break
                first = first or time.perf_counter() - start
                chunks.append(data[:-2])
        total = time.perf_counter() - start
        return int(status_line.split()[1]), b"".join(chunks), wire, first or total, total

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def percentiles(values: list[float]) -> tuple[float, float]:
    ms = np.array(values) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 99))


async def sequential(port: int, method: str, path: str, body: bytes, seconds: float, limit: int):
    conn, firsts, totals, wires, errors = Connection(port), [], [], [], 0
    deadline = time.monotonic() + seconds
    for _ in range(limit):
        if time.monotonic() > deadline:
            break
        status, content, wire, first, total = await conn.request(method, path, body)
        ok = status == 200 and (not content.startswith(b'{"seq"') or b'"result"' in content[-600:])
        errors += not ok
        firsts.append(first), totals.append(total), wires.append(wire)
    conn.close()
    return firsts, totals, wires, errors


async def concurrent(port: int, body: bytes, clients: int, seconds: float):
    done, errors = [], 0
    deadline = time.monotonic() + seconds

    async def client() -> None:
        nonlocal errors
        conn = Connection(port)
        while time.monotonic() < deadline:
            status, content, *_rest, total = await conn.request("POST", "/api/trace", body)
            if status != 200 or b'"result"' not in content[-600:]:
                errors += 1
            done.append(total)
        conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return len(done) / (time.perf_counter() - start), done, errors


def encode_times(image: np.ndarray, repeats: int = 200) -> dict[str, float]:
    """In-process: encoding one whole trace (records + result line), per encoding, in ms."""
    from convtrace.api.encode import record_line, result_line
    from convtrace.config import Settings
    from convtrace.nn.trace import collect
    from convtrace.registry import Registry

    settings = Settings()
    registry = Registry.load(settings.models_dir, settings.default_model)
    records, result = collect(registry.get().network(), image.reshape(28, 28, 1), None)
    out = {}
    for encoding in ("b64", "json"):
        start = time.perf_counter()
        for _ in range(repeats):
            for seq, record in enumerate(records):
                record_line(seq, record, encoding)
            result_line(len(records), result, "lenet-relu")
        out[encoding] = (time.perf_counter() - start) / repeats * 1000
    start = time.perf_counter()
    for _ in range(repeats):
        collect(registry.get().network(), image.reshape(28, 28, 1), None)
    out["engine"] = (time.perf_counter() - start) / repeats * 1000
    return out


def row(name: str, values: list, unit: str = "") -> str:
    return f"{name:<44}" + "".join(f"{v:>12}" for v in values) + (f"  {unit}" if unit else "")


async def run(args: argparse.Namespace) -> None:
    samples = np.load(REPO / "server/convtrace/models/samples.npz")
    image = samples["images"][0].astype(np.float32) / 255
    bodies = {
        enc: orjson.dumps(
            {"image": image.tolist(), "label": int(samples["labels"][0]), "encoding": enc}
        )
        for enc in ("b64", "json")
    }
    # measure the server, not the load shedding
    env = isolated_env({"CONVTRACE_MAX_CONCURRENCY": "256"})
    start = time.monotonic()
    with running_server(env=env, workers=args.workers, cwd=REPO, timeout_s=20) as server:
        ready, port = time.monotonic() - start, server.port
        phase = args.seconds / 5
        await sequential(port, "POST", "/api/trace", bodies["b64"], 2, 100)  # warm up
        print(f"server: {args.workers} worker(s), ready in {ready * 1000:.0f} ms from spawn\n")
        print(row("", ["p50", "p99", "n", "errors"]))
        _, totals, _, errors = await sequential(port, "GET", "/healthz", b"", phase, 2000)
        print(
            row(
                "GET /healthz latency",
                [*(f"{v:.2f}" for v in percentiles(totals)), len(totals), errors],
                "ms",
            )
        )
        wire = {}
        for enc, body in bodies.items():
            firsts, totals, wires, errors = await sequential(
                port, "POST", "/api/trace", body, phase, 2000
            )
            wire[enc] = statistics.median(wires)
            print(
                row(
                    f"POST /api/trace {enc}: last byte",
                    [*(f"{v:.2f}" for v in percentiles(totals)), len(totals), errors],
                    "ms",
                )
            )
            print(
                row(
                    f"POST /api/trace {enc}: first record",
                    [*(f"{v:.2f}" for v in percentiles(firsts)), len(firsts), ""],
                    "ms",
                )
            )
        for enc, body in bodies.items():
            rate, totals, errors = await concurrent(port, body, args.clients, phase)
            print(
                row(
                    f"{args.clients} clients {enc}: traces/s, p50, p99",
                    [f"{rate:.0f}", *(f"{v:.1f}" for v in percentiles(totals)), errors],
                    "/s, ms",
                )
            )
        print()
        for enc in bodies:
            print(row(f"bytes per trace on the wire ({enc})", [f"{wire[enc] / 1000:.1f}"], "KB"))
    times = encode_times(image)
    for name, ms in times.items():
        label = "engine trace (collect)" if name == "engine" else f"encode one trace ({name})"
        print(row(f"in-process {label}", [f"{ms:.2f}"], "ms"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30, help="total measuring time")
    try:
        asyncio.run(run(parser.parse_args()))
    except ServerStartError as err:
        raise SystemExit(f"server did not start: {err}") from err


if __name__ == "__main__":
    main()
