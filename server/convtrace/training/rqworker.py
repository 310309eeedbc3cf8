"""`convtrace worker`: training worker processes on any machine that reaches the Redis.

The queue is RQ (https://python-rq.org). Chosen among RQ, Dramatiq, arq, taskiq and Celery:

- RQ runs every job in a fresh fork of the worker ("work horse"): a training job (CPU-bound
  NumPy for seconds) gets a process of its own, its memory goes back when it ends, and a crash
  cannot take the worker with it; the digits and NumPy are loaded once, before the forks.
- arq and taskiq are asyncio-first (a CPU-bound job would block their event loop: they would
  need a process pool of their own on top); Dramatiq runs jobs on threads by default and needs
  a further package to abort a running job; Celery brings a broker abstraction, prefetching
  and a far larger dependency tree for what is one queue here.
- Maintenance: RQ is maintained (releases through 2026, 3.0 current); so are the others.
- Measured (no-op jobs, one worker, loopback Redis, this 2-core machine under load ~15):
  RQ 11.6 jobs/s (~90 ms a job: the fork and its bookkeeping), Dramatiq 81 jobs/s (one
  process, one thread; median enqueue-to-run 0.4 s under that load). RQ's cost per job is ~4 %
  of a quick job (~2 s of CPU) and buys the process isolation above.

What RQ does not do, this module and ``redisqueue`` add: events go to a Redis stream per job;
a running job refreshes a heartbeat; the API's watchdog retries a job whose heartbeat stops (a
killed worker) from its last checkpoint, once, then reports it failed; cancelling sets a key the
loop reads every 0.1 s.
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from typing import Any

import numpy as np
import orjson
from redis import Redis
from redis.exceptions import RedisError

from convtrace.networks import network_id, pack, unpack
from convtrace.training import redisjobs as keys
from convtrace.training.jobs import Job
from convtrace.training.service import TERMINAL
from convtrace.training.work import prepare_process, run_one

log = logging.getLogger("convtrace.training")
CANCEL_POLL_S = 0.1
BEAT_EVERY_S = 0.5


class RedisSink:
    """Events to the job's stream; checkpoints to ``ct:net:{id}``; cancel and heartbeat."""

    def __init__(self, redis: Any, job_id: str) -> None:
        self.redis, self.job_id = redis, job_id
        self.stream = keys.events_key(job_id)
        self.finish = redis.register_script(keys.FINISH)
        self._checked, self._cancelled, self._beat = 0.0, False, 0.0

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        payload = orjson.dumps(data, option=orjson.OPT_SERIALIZE_NUMPY)
        if kind in TERMINAL:
            self.finish(keys.finish_keys(self.job_id), [self.job_id, kind, payload, keys.KEEP_S])
            self._facts(kind, data, self.redis)
            return
        # the event, the job's facts and the heartbeat in one round trip
        pipe = self.redis.pipeline(transaction=False)
        pipe.xadd(self.stream, {"kind": kind, "data": payload}, maxlen=keys.STREAM_MAXLEN)
        self._facts(kind, data, pipe)
        self._heartbeat(pipe)
        pipe.execute()

    def _facts(self, kind: str, data: dict[str, Any], target: Any) -> None:
        """The job record's fields an event settles, written through ``target`` (the client,
        or a pipeline)."""
        facts: dict[str, Any] = {
            k: data[k] for k in ("step", "steps", "network", "test_accuracy") if k in data
        }
        if kind == "failed":
            facts["reason"] = data["reason"]
        if facts:
            target.hset(keys.job_key(self.job_id), mapping=facts)

    def _heartbeat(self, pipe: Any) -> None:
        """The running job's deadline pushed on, at most every BEAT_EVERY_S (the START script
        entered the job in the running set; ``xx``: never add one the watchdog took out)."""
        now = time.time()
        if now - self._beat >= BEAT_EVERY_S:
            self._beat = now
            pipe.zadd(keys.RUNNING, {self.job_id: now + keys.HEARTBEAT_S}, xx=True)

    def keep(self, spec: dict[str, Any], weights: dict[str, np.ndarray]) -> str:
        key = network_id(spec, weights)
        self.redis.set(keys.NET_PREFIX + key, pack(spec, weights), ex=keys.NET_TTL_S)
        return key

    def cancelled(self) -> bool:
        now = time.monotonic()
        if not self._cancelled and now - self._checked >= CANCEL_POLL_S:
            self._checked = now
            self._cancelled = bool(self.redis.exists(keys.cancel_key(self.job_id)))
        return self._cancelled

    def save_resume(self, step: int, state: dict[str, np.ndarray]) -> None:
        blob = pack({"step": step}, state)
        self.redis.hset(keys.resume_key(self.job_id), mapping={"step": step, "blob": blob})


def perform(job_id: str, attempt: int) -> str:
    """The RQ job: train ``job_id`` (attempt ``attempt``), from its last checkpoint if any."""
    from rq import get_current_job

    current = get_current_job()
    # Any: redis-py is typed for both reply modes at once; RQ's connection replies bytes
    redis: Any = current.connection if current is not None else Redis()
    record = {k.decode(): v for k, v in redis.hgetall(keys.job_key(job_id)).items()}
    start = redis.register_script(keys.START)
    deadline = time.time() + keys.HEARTBEAT_S
    if not record or not start([keys.job_key(job_id), keys.RUNNING], [job_id, deadline, attempt]):
        return "skipped"  # cancelled while waiting, or already taken over by a retry
    sink = RedisSink(redis, job_id)
    spec, weights = unpack(redis.get(keys.start_key(job_id)) or b"")
    step, resume = 0, None
    saved = redis.hgetall(keys.resume_key(job_id))
    if attempt > 1 and saved:
        step = int(saved[b"step"])
        _, state = unpack(saved[b"blob"])
        weights = {k: v for k, v in state.items() if k in weights}
        resume = {k: v for k, v in state.items() if k not in weights}
    sink.emit("started", {"attempt": attempt, "step": step})
    job = Job.from_dict(orjson.loads(record["job"]))
    return run_one(job, spec, weights, sink, start_step=step, resume=resume)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="convtrace worker", description=__doc__.split("\n")[0])
    p.add_argument("--redis-url", default=os.environ.get("CONVTRACE_REDIS_URL", ""))
    p.add_argument("--burst", action="store_true", help="exit once the queue is empty")
    args = p.parse_args(argv)
    if not args.redis_url:
        p.error("give --redis-url or set CONVTRACE_REDIS_URL")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    prepare_process()  # before the forks: every job's process starts with it done
    from rq import Queue, Worker

    while True:
        try:
            redis = Redis.from_url(args.redis_url)
            worker = Worker([Queue(keys.QUEUE, connection=redis)], connection=redis)
            worker.work(burst=args.burst, logging_level="WARNING")
            return 0
        except (RedisError, OSError) as err:  # Redis away: wait, and serve again
            log.warning("training worker: Redis unavailable (%s); retrying in 2 s", err)
            time.sleep(2)
