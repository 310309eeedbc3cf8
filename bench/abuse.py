"""Attacks on a real ConvTrace server while a student traces; prints what each one cost.

    python -m bench.abuse [--seconds S] [--only NAME ...]

For each attack a fresh server (`convtrace serve`, 1 worker, default settings) is started on
loopback. A "student" traces the page's usual drawing (140x140) one request after another while
the attackers run for S seconds. Printed per attack: the student's success rate and p50/p95
latency, what the attackers got (status counts; "closed" when the server hung up), the server's
CPU seconds spent after the last attacker's answer, and its peak RSS above the idle baseline.
Goals (issue 11): student >= 95 % and p95 <= 250 ms, RSS +<= 150 MB, CPU after <= 1 s.
Everything is bounded in time and stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import orjson

from bench.http import Connection
from tests.localserver import isolated_env, running_server

HOST = "127.0.0.1"
STUDENT_TIMEOUT_S = 5.0
CPU_WINDOW_S = 3.0  # how long server CPU is watched after the last attacker's answer


def drawing(side: int) -> np.ndarray:
    """A '1'-like stroke of 0/1 pixels (as compact on the wire as a drawing can be)."""
    grid = np.zeros((side, side), np.int8)
    grid[side // 6 : side - side // 6, side // 2 - side // 20 : side // 2 + side // 20] = 1
    return grid


def body(**fields: object) -> bytes:
    return orjson.dumps(fields, option=orjson.OPT_SERIALIZE_NUMPY)


@dataclass
class Tally:
    statuses: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    last_answer: float = 0.0

    def add(self, status: str, started: float) -> None:
        now = time.monotonic()
        self.statuses[status] += 1
        self.latencies.append(now - started)
        self.last_answer = max(self.last_answer, now)


async def send(conn: Connection, path: str, payload: bytes, tally: Tally, timeout: float) -> bool:
    """One request on a keep-alive connection (reopened after a failure); tallied."""
    started = time.monotonic()
    try:
        status, content, *_ = await asyncio.wait_for(conn.request("POST", path, payload), timeout)
    except (TimeoutError, OSError, ValueError, IndexError, asyncio.IncompleteReadError):
        conn.close()
        conn.writer = None
        tally.add("closed", started)
        return False
    complete = not content.startswith(b'{"seq"') or b'"result"' in content[-600:]
    tally.add(str(status) if complete else f"{status}-cut", started)
    return status == 200 and complete


async def repeat(port: int, path: str, payload: bytes, until: float, tally: Tally) -> None:
    """An attacker re-sending one request as soon as it is answered."""
    conn = Connection(port)
    while time.monotonic() < until:
        await send(conn, path, payload, tally, timeout=30)
    conn.close()


async def student(port: int, until: float, tally: Tally) -> None:
    payload = body(drawing=drawing(140), label=1)
    conn = Connection(port)
    while time.monotonic() < until:
        await send(conn, "/api/trace", payload, tally, STUDENT_TIMEOUT_S)
        await asyncio.sleep(0.05)  # reading the trace
    conn.close()


async def hold(port: int, first: bytes, drip: bytes, until: float, tally: Tally) -> None:
    """Sends ``first``, then the next byte of ``drip`` whenever 2 s pass without an answer,
    until the server answers or hangs up (tallied as its status, or "closed"), or the attack
    ends ("still open")."""
    started = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
    except OSError:
        return tally.add("refused", started)
    writer.write(first)
    outcome, more = "still open", iter(drip)
    while time.monotonic() < until:
        try:
            answer = await asyncio.wait_for(reader.read(200), 2.0)
        except TimeoutError:
            byte = next(more, None)
            if byte is not None:
                writer.write(bytes([byte]))
            continue
        except OSError:
            answer = b""
        outcome = answer.split(b" ", 2)[1].decode() if answer else "closed"
        break
    tally.add(outcome, started)
    writer.close()


SLOW_BODY = b"POST /api/trace HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\n{"
SLOWLORIS = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 1000


Attack = Callable[[int, float, Tally], list[Awaitable[None]]]


def attacks(weights: dict[str, object]) -> dict[str, Attack]:
    gradcheck = body(drawing=[[1, 0]], samples_per_param=10)  # 21 bytes: the maximum work
    big = drawing(512)
    huge = body(drawing=drawing(1024), learning_rate=0.1)  # ~2 MB: over the 1.5 MiB limit
    wrong = dict(weights)
    wrong["dense.W"] = {"shape": [300, 300], "data": [0.0] * 90_000}
    return {
        "42-byte gradchecks x64": lambda p, u, t: [
            repeat(p, "/api/gradcheck", gradcheck, u, t) for _ in range(64)
        ],
        "512^2 drawings to /api/sgd x8+8": lambda p, u, t: (
            [
                repeat(p, "/api/sgd", body(drawing=big, learning_rate=0.1, weights=weights), u, t)
                for _ in range(8)
            ]
            + [repeat(p, "/api/trace", body(drawing=big), u, t) for _ in range(8)]
        ),
        "1024^2 drawings (7 MB) x16": lambda p, u, t: [
            repeat(p, "/api/sgd", huge, u, t) for _ in range(16)
        ],
        "wrong-shape weights x16": lambda p, u, t: [
            repeat(p, "/api/trace", body(image=np.zeros((28, 28)), weights=wrong), u, t)
            for _ in range(16)
        ],
        "slow bodies x64": lambda p, u, t: [
            hold(p, SLOW_BODY, b" " * 4000, u, t) for _ in range(64)
        ],
        "idle + slowloris x200+200": lambda p, u, t: (
            [hold(p, b"", b"", u, t) for _ in range(200)]
            + [hold(p, SLOWLORIS[:20], SLOWLORIS[20:], u, t) for _ in range(200)]
        ),
        "512^2 drawing spam x6": lambda p, u, t: [
            repeat(p, "/api/trace", body(drawing=big), u, t) for _ in range(6)
        ],
    }


def proc_tree(pid: int) -> list[int]:
    children = [
        int(p.parent.name) for p in Path("/proc").glob("[0-9]*/stat") if _field(p, 1) == str(pid)
    ]
    return [pid, *children]


def _field(stat: Path, index: int) -> str:
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[index]
    except (OSError, IndexError):
        return ""


def cpu_seconds(pids: list[int]) -> float:
    import os

    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        stat = Path(f"/proc/{pid}/stat")
        total += int(_field(stat, 11) or 0) + int(_field(stat, 12) or 0)
    return total / ticks


def rss_mb(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        except OSError:
            continue
        total += sum(int(x.split()[1]) for x in lines if x.startswith("VmRSS")) / 1024
    return total


async def measure(port: int, pids: list[int], attack: Attack, seconds: float) -> dict:
    base_rss, peak = rss_mb(pids), 0.0
    until = time.monotonic() + seconds
    pupil, attackers = Tally(), Tally()
    tasks = [asyncio.ensure_future(a) for a in attack(port, until, attackers)]
    tasks.append(asyncio.ensure_future(student(port, until, pupil)))
    while not all(t.done() for t in tasks):
        peak = max(peak, rss_mb(pids))
        await asyncio.sleep(0.05)
    await asyncio.gather(*tasks)
    cpu_at_last = cpu_seconds(pids)
    await asyncio.sleep(CPU_WINDOW_S)
    ok = pupil.statuses["200"]
    ms = np.array(pupil.latencies) * 1000
    return {
        "student": f"{100 * ok / max(1, len(ms)):.0f}% of {len(ms)}",
        "p50/p95 ms": f"{np.percentile(ms, 50):.0f}/{np.percentile(ms, 95):.0f}",
        "attackers got": ", ".join(f"{k}:{v}" for k, v in attackers.statuses.most_common()),
        "CPU after (s)": f"{cpu_seconds(pids) - cpu_at_last:.2f}",
        "peak RSS +MB": f"{peak - base_rss:.0f}",
    }


async def run_all(names: list[str], seconds: float) -> list[tuple[str, dict]]:
    rows = []
    for name in names:
        with running_server([], env=isolated_env(), workers=1) as server:
            import httpx

            weights = httpx.get(f"{server.url}/api/models/lenet-relu").json()["weights"]
            attack = {"none (student alone)": lambda p, u, t: [], **attacks(weights)}[name]
            pids = proc_tree(server.process.pid)
            rows.append((name, await measure(server.port, pids, attack, seconds)))
            print(f"{name:<34}", "  ".join(f"{k}: {v}" for k, v in rows[-1][1].items()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per attack")
    parser.add_argument("--only", nargs="*", help="attack names (prefixes) to run")
    args = parser.parse_args()
    names = ["none (student alone)", *attacks({}).keys()]
    if args.only:
        names = [n for n in names if any(n.startswith(p) for p in args.only)]
    asyncio.run(run_all(names, args.seconds))


if __name__ == "__main__":
    main()
