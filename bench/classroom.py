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
import json
import time

from bench.classclients import (
    Instructor,
    connect,
    latencies,
    pct,
    report_errors,
    request,
    server_rss_kb,
    stop,
)
from tests.classes.redisserver import running_redis
from tests.localserver import isolated_env, running_server


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
