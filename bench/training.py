"""The training lab's numbers, side by side in one run (issue 19). Usage:

    python -m bench.training [--seconds 6] [--storm 100] [--storm-window 5] [--tracers 20]
                             [--queue-jobs 16] [--queue-rounds 5] [--queue-train-size N]
                             [--skip-torch] [--parts throughput,quick,queue,storm]

1. Training throughput, batch 64, one thread: the NumPy engine vs PyTorch CPU for the shipped
   net and two architecture-lab presets (bench.train's measurement, in a subprocess pinned to
   one thread).
2. The "quick" preset on the shipped architecture from scratch: test accuracy, CPU seconds.
3. The Redis queue: quick jobs per second with 1 and with 2 `convtrace worker` processes, in
   alternating rounds, beside the same jobs as bare processes (the machine's own ceiling).
4. A class storm on the one-process server (local pool): ``--storm`` quick jobs submitted
   within ``--storm-window`` s by as many clients while ``--tracers`` other clients trace:
   jobs completed and lost, wall time against CPU / cores (all CPU spent, the server's, the
   jobs' alone), trace p99, and the delay from a job's start to its first progress event.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np

from tests.classes.redisserver import start_redis
from tests.localserver import isolated_env, start_server

ROOT = Path(__file__).resolve().parents[1]
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
TERMINAL = ("done", "failed", "cancelled")


def throughput(seconds: float) -> dict:
    """bench.train's one-thread measurement (the shipped net and the editor's "strided instead
    of pooled" and "average pooling" presets, NumPy and PyTorch in interleaved rounds), in a
    subprocess so that BLAS starts with one thread."""
    cmd = [sys.executable, "-m", "bench.train", "--child", "1", "--seconds", str(seconds)]
    done = subprocess.run(
        cmd, env={**os.environ, **ONE_THREAD}, capture_output=True, text=True, check=True, cwd=ROOT
    )
    nets: dict = json.loads(done.stdout.strip().splitlines()[-1])["nets"]
    return nets


class QuietSink:
    """A training loop's sink that keeps nothing: the job's own CPU, no events or stores."""

    def emit(self, kind, data):
        pass

    def keep(self, spec, weights):
        from convtrace.networks import network_id

        return network_id(spec, weights)

    def cancelled(self):
        return False

    def save_resume(self, step, state):
        pass


def quick_preset(seeds: list[int]) -> list[tuple[float, float]]:
    from convtrace.nn.network import Network
    from convtrace.nn.specs import lenet
    from convtrace.nn.weights import init_weights
    from convtrace.training import dataset
    from convtrace.training.jobs import PRESETS, Job
    from convtrace.training.loop import Run
    from threadpoolctl import threadpool_limits

    out = []
    with threadpool_limits(1):
        for seed in seeds:
            net = init_weights(Network(lenet()), seed)
            done = Run(Job(**PRESETS["quick"], seed=seed), net, dataset.load(), QuietSink()).run()
            out.append((done["test_accuracy"], done["cpu_seconds"]))
    return out


async def follow(client: httpx.AsyncClient, base: str, job: str, log: dict) -> None:
    """Read a job's events to its end, noting when each kind first arrived."""
    async with client.stream("GET", f"{base}/api/train/{job}/events", timeout=None) as stream:
        kind = ""
        async for line in stream.aiter_lines():
            if line.startswith("event:"):
                kind = line[6:].strip()
                log.setdefault(kind, time.monotonic())
            elif line.startswith("data:") and kind in TERMINAL:
                log["result"] = (kind, json.loads(line[5:]))
                return


async def submit_jobs(
    base: str, count: int, window_s: float, body: dict
) -> tuple[list[dict], float]:
    """``count`` jobs from as many clients, spread over ``window_s``; each followed to its end.
    Their event logs, and the wall time from the first submission to the last end."""
    logs: list[dict] = [{} for _ in range(count)]
    limits = httpx.Limits(max_connections=count + 50)
    async with httpx.AsyncClient(limits=limits, trust_env=False, timeout=60) as client:
        started, followers = time.monotonic(), []
        for i in range(count):
            await asyncio.sleep(max(0.0, started + i * window_s / count - time.monotonic()))
            headers = {"X-Client-Id": secrets.token_hex(8)}
            answer = await client.post(f"{base}/api/train", json=body, headers=headers)
            logs[i]["status"] = answer.status_code
            if answer.status_code == 202:
                job = answer.json()["id"]
                followers.append(asyncio.create_task(follow(client, base, job, logs[i])))
        await asyncio.gather(*followers)
    return logs, time.monotonic() - started


def _workers(count: int, env: dict[str, str]) -> list[subprocess.Popen]:
    return [
        subprocess.Popen([sys.executable, "-m", "convtrace", "worker"], env=env, cwd=ROOT)
        for _ in range(count)
    ]


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # RQ waits out a blocking dequeue: no need here
            proc.kill()
            proc.wait(timeout=5)


def queue_throughput(counts: list[int], jobs: int, body: dict) -> list[tuple[int, float]]:
    """Jobs per second through the Redis queue, one measurement per entry of ``counts`` (the
    number of worker processes), in that order, on one server and one Redis: (workers, rate)."""
    redis = start_redis()
    env = isolated_env({"CONVTRACE_REDIS_URL": redis.url})
    server = start_server(env=env, cwd=ROOT)
    rates = []
    try:
        server.wait_healthy()
        for workers in counts:
            procs = _workers(workers, env)
            try:
                time.sleep(3)  # the workers load NumPy and the digits before taking jobs
                logs, seconds = asyncio.run(submit_jobs(server.url, jobs, 0.0, body))
                assert all(log.get("result", ("?",))[0] == "done" for log in logs), logs
                rates.append((workers, jobs / seconds))
            finally:
                _stop(procs)
    finally:
        server.stop()
        redis.stop()
    return rates


async def trace_loop(base: str, until: list[bool], latencies: list[float]) -> None:
    """One tracing student: trace a sample digit again and again, timing each whole answer."""
    async with httpx.AsyncClient(trust_env=False, timeout=30) as client:
        sample = (await client.get(f"{base}/api/samples")).json()["samples"][0]
        body = {"image": sample["image"], "label": sample["label"]}
        while not until[0]:
            began = time.monotonic()
            answer = await client.post(f"{base}/api/trace", json=body)
            await answer.aread()
            latencies.append(time.monotonic() - began)
            await asyncio.sleep(0.2)  # a student reads between traces


async def storm_run(base: str, args: argparse.Namespace) -> dict:
    until, latencies = [False], []
    tracers = [asyncio.create_task(trace_loop(base, until, latencies)) for _ in range(args.tracers)]
    await asyncio.sleep(1)
    body = {"preset": "quick", "train_size": args.storm_train_size}
    logs, seconds = await submit_jobs(base, args.storm, args.storm_window, body)
    until[0] = True
    await asyncio.gather(*tracers)
    results = [log.get("result", ("lost", {})) for log in logs]
    cpu = sum(data.get("cpu_seconds", 0.0) for kind, data in results if kind == "done")
    first = [log["progress"] - log["started"] for log in logs if "progress" in log]
    return {
        "submitted": sum(log.get("status") == 202 for log in logs),
        "done": sum(kind == "done" for kind, _ in results),
        "lost": sum(kind != "done" for kind, _ in results),
        "seconds": seconds,
        "cpu": cpu,
        "trace_p99_ms": 1000 * float(np.percentile(latencies, 99)) if latencies else float("nan"),
        "traces": len(latencies),
        "first_progress_max_s": max(first) if first else float("nan"),
    }


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of process ``root`` and every live descendant, from /proc
    (Linux): the server with its training pool. 0.0 where /proc cannot tell."""
    tick = os.sysconf("SC_CLK_TCK")
    parent, cpu = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        pid = int(entry.name)
        parent[pid], cpu[pid] = int(fields[1]), (int(fields[11]) + int(fields[12])) / tick
    total = 0.0
    for pid, seconds in cpu.items():
        up = pid
        while up not in (root, 0, 1) and up in parent:
            up = parent[up]
        total += seconds if up == root else 0.0
    return total


def storm(args: argparse.Namespace) -> dict:
    """The storm on a fresh one-process server; with the CPU the server's process tree (API,
    tracing, relaying, the training pool) and this load generator (the simulated students)
    used meanwhile."""
    import resource

    env = isolated_env({"CONVTRACE_TRAIN_WORKERS": str(args.storm_workers)})
    server = start_server(env=env, cwd=ROOT)
    try:
        server.wait_healthy()
        server_cpu0 = tree_cpu(server.process.pid)
        own = resource.getrusage(resource.RUSAGE_SELF)
        result = asyncio.run(storm_run(server.url, args))
        used = resource.getrusage(resource.RUSAGE_SELF)
        result["server_cpu"] = tree_cpu(server.process.pid) - server_cpu0
        result["client_cpu"] = used.ru_utime + used.ru_stime - own.ru_utime - own.ru_stime
        return result
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=6.0, help="CPU seconds per network")
    p.add_argument("--skip-torch", action="store_true")
    p.add_argument("--queue-jobs", type=int, default=16)
    p.add_argument("--queue-rounds", type=int, default=5)
    p.add_argument(
        "--queue-train-size", type=int, default=0, help="shorter jobs (one epoch of so many digits)"
    )
    p.add_argument("--storm", type=int, default=100, help="quick jobs in the class storm")
    p.add_argument("--storm-window", type=float, default=5.0)
    p.add_argument("--storm-train-size", type=int, default=12_000)
    p.add_argument("--storm-workers", type=int, default=os.cpu_count() or 2)
    p.add_argument("--tracers", type=int, default=20)
    p.add_argument("--parts", default="throughput,quick,queue,storm", help="which to run")
    args = p.parse_args(argv)
    parts = set(args.parts.split(","))
    if "throughput" in parts and not args.skip_torch:
        from bench.train import one_thread_lines

        print("training throughput, batch 64, examples per CPU second:")
        one_thread_lines(throughput(args.seconds))
    if "quick" in parts:
        print_quick()
    if "queue" in parts:
        print_queue(args)
    if "storm" in parts:
        print_storm(args)
    return 0


def print_quick() -> None:
    runs = quick_preset([0, 1, 2])
    print(
        "quick preset (shipped net from scratch): "
        + ", ".join(f"{acc:.1%} in {cpu:.2f} s CPU" for acc, cpu in runs)
        + " (goal >= 95% in <= 5 s)"
    )


def bare_rate(parallel: int, jobs: int) -> float:
    """Quick jobs per second run as ``parallel`` forked processes at a time, with no queue,
    server or Redis: what this machine's cores give two processes, the queue's ceiling."""
    from convtrace.nn.network import Network
    from convtrace.nn.specs import lenet
    from convtrace.nn.weights import init_weights
    from convtrace.training.jobs import PRESETS, Job
    from convtrace.training.work import prepare_process, run_one

    net = init_weights(Network(lenet()), 0)
    started, left, running = time.monotonic(), jobs, set()
    while left or running:
        while left and len(running) < parallel:
            pid = os.fork()
            if pid == 0:  # a child: prepare as a worker does, train, leave at once
                prepare_process()
                run_one(Job(**PRESETS["quick"]), net.spec, net.get_weights(), QuietSink())
                os._exit(0)
            running.add(pid)
            left -= 1
        running.discard(os.wait()[0])
    return jobs / (time.monotonic() - started)


def _ratio_line(one: list[float], two: list[float]) -> str:
    ratios = sorted(b / a for a, b in zip(one, two, strict=True))
    return (
        f"1 {np.median(one):.2f} jobs/s, 2 {np.median(two):.2f} jobs/s; "
        f"ratio {np.median(ratios):.2f}x (rounds {ratios[0]:.2f}-{ratios[-1]:.2f})"
    )


def print_queue(args: argparse.Namespace) -> None:
    """1 and 2 workers in alternation (1, 2, 1, 2, ...): a shared machine's drift hits both."""
    body = {"preset": "quick"}
    if args.queue_train_size:
        body |= {"train_size": args.queue_train_size, "epochs": 1}
    rates = queue_throughput([1, 2] * args.queue_rounds, args.queue_jobs, body)
    one = [rate for workers, rate in rates if workers == 1]
    two = [rate for workers, rate in rates if workers == 2]
    size = f" of {args.queue_train_size} digits x 1 epoch" if args.queue_train_size else ""
    print(
        f"redis queue, {args.queue_jobs} quick jobs{size}, {args.queue_rounds} rounds, "
        f"workers: {_ratio_line(one, two)}; goal >= 1.7x"
    )
    if not args.queue_train_size:
        half = args.queue_jobs // 2
        bare = [bare_rate(n, half) for _ in range(args.queue_rounds) for n in (1, 2)]
        print(
            f"  the machine's own ceiling, {half} quick jobs as bare processes "
            f"(no queue, server or Redis), processes: {_ratio_line(bare[::2], bare[1::2])}"
        )


def print_storm(args: argparse.Namespace) -> None:
    s = storm(args)
    cores = os.cpu_count() or 1
    everything = s["server_cpu"] + s["client_cpu"]
    print(
        f"class storm: {s['submitted']}/{args.storm} jobs accepted within {args.storm_window:g} s, "
        f"{s['done']} done, {s['lost']} lost; {s['seconds']:.1f} s wall on {cores} cores; "
        f"{args.tracers} tracers: p99 {s['trace_p99_ms']:.0f} ms over {s['traces']} traces "
        f"(goal <= 250 ms); first progress <= {s['first_progress_max_s']:.2f} s after start "
        "(goal <= 1 s)"
    )
    print(
        "  wall / (CPU / cores), goal <= 1.3x: "
        f"all CPU spent (server {s['server_cpu']:.1f} s: the jobs, the traces, the relaying; "
        f"load generator {s['client_cpu']:.1f} s) {s['seconds'] / (everything / cores):.2f}x; "
        f"server's CPU {s['seconds'] / (s['server_cpu'] / cores):.2f}x; "
        f"the jobs' CPU alone ({s['cpu']:.1f} s) {s['seconds'] / (s['cpu'] / cores):.2f}x"
    )


if __name__ == "__main__":
    sys.exit(main())
