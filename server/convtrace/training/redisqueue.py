"""The Redis trainer: jobs on the RQ queue, run by ``convtrace worker`` processes anywhere; any
API worker answers for any job (its record and event stream are in Redis, see ``redisjobs``).

Each API worker runs a watchdog (every second): a running job whose heartbeat has stopped (its
worker was killed, or lost its machine) is queued again at the front to go on from its last
checkpoint, once; lost a second time, it is reported failed with the reason. Any Redis failure
is a 503 (``TrainError``); redis-py reconnects by itself once Redis is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
import orjson
from redis import Redis
from redis import asyncio as aioredis

from convtrace.networks import pack
from convtrace.redis_down import REDIS_DOWN, redis_down
from convtrace.training import redisjobs as keys
from convtrace.training.service import (
    TERMINAL,
    Event,
    Submission,
    Trainer,
    TrainError,
    not_found,
)

log = logging.getLogger("convtrace.training")
READ_BLOCK_MS = 1000
RETRY_S = 2


def _guard() -> contextlib.AbstractContextManager[None]:
    return redis_down(
        lambda err: TrainError(
            503, "train.unavailable", f"the training queue (Redis) is unavailable: {err}", RETRY_S
        )
    )


def _text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


class RedisTrainer(Trainer):
    def __init__(self, url: str, queue_cap: int = 200) -> None:
        self.url, self.queue_cap = url, queue_cap
        # Any: redis-py is typed for both reply modes at once; this client replies bytes
        self.redis: Any = aioredis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
        self.finish: Any = self.redis.register_script(keys.FINISH)
        self.sync: Redis | None = None  # RQ's enqueue is synchronous: on a thread, own client
        self.watchdog: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.watchdog = asyncio.create_task(self._watch())
        # RQ is imported on first use (~0.1 s): here, so the first student's job is not slower
        await anyio.to_thread.run_sync(self._sync_client)

    def _sync_client(self) -> Redis:
        import rq  # noqa: F401

        if self.sync is None:
            self.sync = Redis.from_url(self.url, socket_timeout=5, socket_connect_timeout=2)
        return self.sync

    async def close(self) -> None:
        if self.watchdog is not None:
            self.watchdog.cancel()
        await self.redis.aclose()

    # ---- submit, status, cancel ----

    async def submit(self, submission: Submission) -> int:
        job_id, client = submission.id, submission.client
        with _guard():
            waiting = await self.redis.llen(keys.RQ_QUEUE_KEY)
            if waiting >= self.queue_cap:
                raise TrainError(
                    503, "train.queue_full",
                    f"{waiting} training jobs are waiting, the most this server queues: "
                    "try again soon", 5, {"waiting": waiting},
                )  # fmt: skip
            if not await self._claim(client, job_id):
                other = _text(await self.redis.hget(keys.CLIENTS, client))
                raise TrainError(
                    429, "train.one_per_client",
                    "you already have a training job queued or running: wait for it or cancel it",
                    5, {"job": other},
                )  # fmt: skip
            record = {
                "client": client,
                "job": orjson.dumps(submission.job.to_dict()),
                "state": "queued",
                "attempt": 1,
                "steps": submission.job.steps(),
            }
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.hset(keys.job_key(job_id), mapping=record)
                pipe.set(keys.start_key(job_id), pack(submission.spec, submission.weights))
                for key in keys.all_keys(job_id)[:3]:
                    pipe.expire(key, 24 * 3600)
                await pipe.execute()
            await self._enqueue(job_id, 1, at_front=False)
            position = await self.position(job_id)
            await self._add(job_id, "queued", {"position": position})
        return position if position is not None else 0

    async def _claim(self, client: str, job_id: str) -> bool:
        """The client's one slot for ``job_id``; taken over from a job that has ended or is
        gone (so a slot can never stay blocked by a job nobody will finish)."""
        if await self.redis.hsetnx(keys.CLIENTS, client, job_id):
            return True
        other = _text(await self.redis.hget(keys.CLIENTS, client)) or ""
        state = _text(await self.redis.hget(keys.job_key(other), "state"))
        if state in ("queued", "running"):
            return False
        await self.redis.hset(keys.CLIENTS, client, job_id)
        return True

    async def _enqueue(self, job_id: str, attempt: int, at_front: bool) -> None:
        rq_id = f"{job_id}-a{attempt}"  # (RQ ids: letters, digits, - and _)
        await self.redis.hset(keys.job_key(job_id), mapping={"rq": rq_id, "attempt": attempt})

        def enqueue() -> None:
            from rq import Queue

            Queue(keys.QUEUE, connection=self._sync_client()).enqueue_call(
                "convtrace.training.rqworker.perform",
                args=(job_id, attempt),
                job_id=rq_id,
                timeout=3600,  # the loop's own CPU budget stops it long before
                result_ttl=60,
                failure_ttl=keys.KEEP_S,
                at_front=at_front,
            )

        await anyio.to_thread.run_sync(enqueue)

    async def position(self, job_id: str) -> int | None:
        rq_id = _text(await self.redis.hget(keys.job_key(job_id), "rq"))
        if rq_id is None:
            return None
        # RQ pushes on the right and takes from the left: the place from the left is the
        # number of jobs that start first
        where = await self.redis.lpos(keys.RQ_QUEUE_KEY, rq_id)
        return None if where is None else int(where)

    async def _add(self, job_id: str, kind: str, data: dict[str, Any]) -> None:
        payload = orjson.dumps(data)
        await self.redis.xadd(
            keys.events_key(job_id), {"kind": kind, "data": payload}, maxlen=keys.STREAM_MAXLEN
        )

    async def _record(self, job_id: str) -> dict[str, str]:
        raw = await self.redis.hgetall(keys.job_key(job_id))
        if not raw:
            raise not_found(job_id)
        return {_text(k) or "": _text(v) or "" for k, v in raw.items()}

    async def status(self, job_id: str) -> dict[str, Any]:
        with _guard():
            record = await self._record(job_id)
            position = await self.position(job_id) if record["state"] == "queued" else None
        number = {"step": int, "steps": int, "test_accuracy": float}
        facts = {k: number.get(k, str)(record[k]) if k in record else None for k in
                 ("step", "steps", "network", "test_accuracy", "reason")}  # fmt: skip
        facts["step"] = facts["step"] or 0
        return {
            "id": job_id,
            "state": record["state"],
            "position": position,
            **facts,
            "job": orjson.loads(record["job"]),
        }

    async def cancel(self, job_id: str) -> dict[str, Any]:
        with _guard():
            record = await self._record(job_id)
            await self.redis.set(keys.cancel_key(job_id), 1, ex=keys.KEEP_S)
            if record["state"] == "queued":
                await self.redis.lrem(keys.RQ_QUEUE_KEY, 0, record.get("rq", ""))
                await self._finish(job_id, "cancelled", {})
        return await self.status(job_id)

    async def _finish(self, job_id: str, kind: str, data: dict[str, Any]) -> None:
        args = [job_id, kind, orjson.dumps(data), keys.KEEP_S]
        await self.finish(keys.finish_keys(job_id), args)
        if kind == "failed":
            await self.redis.hset(keys.job_key(job_id), "reason", data["reason"])

    # ---- events ----

    async def ended_before(self, job_id: str, after: str | None) -> bool:
        with _guard():
            record = await self._record(job_id)
            if record["state"] not in TERMINAL or not after:
                return False
            last = await self.redis.xrevrange(keys.events_key(job_id), count=1)
        return bool(last) and _text(last[0][0]) == after

    async def events(self, job_id: str, after: str | None) -> AsyncIterator[Event]:
        with _guard():
            await self._record(job_id)
        seen, told, failures = after or "0-0", None, 0
        waiting = True  # until the stream says the job started (again, after a retry)
        while True:
            try:
                batch = await self.redis.xread(
                    {keys.events_key(job_id): seen}, count=200, block=READ_BLOCK_MS
                )
                position = None
                if waiting:  # a running job's stream is all there is to tell: no more reads
                    state = _text(await self.redis.hget(keys.job_key(job_id), "state"))
                    position = await self.position(job_id) if state == "queued" else None
                failures = 0
            except REDIS_DOWN:
                failures += 1  # Redis away: keep the page's stream open while it comes back
                if failures > 30:
                    return
                await asyncio.sleep(1)
                continue
            for _, entries in batch:
                for entry_id, fields in entries:
                    seen = _text(entry_id) or seen
                    kind = _text(fields[b"kind"]) or ""
                    data = orjson.loads(fields[b"data"])
                    if kind == "queued":
                        told, waiting = data.get("position"), True
                    elif kind == "started":
                        waiting = False
                    yield Event(seen, kind, data)
                    if kind in TERMINAL:
                        return
            if position is not None and position != told and seen != "0-0":
                told = position
                yield Event(seen, "queued", {"position": position})

    # ---- watchdog ----

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(1)
            try:
                await self.recover()
            except REDIS_DOWN as err:
                log.warning("training watchdog: Redis unavailable (%s)", err)
            except Exception:  # the watchdog must outlive any one job's trouble
                log.exception("training watchdog")

    async def recover(self) -> list[str]:
        """Jobs whose worker stopped: queued again (once) or failed. The ids handled."""
        lost = await self.redis.zrangebyscore(keys.RUNNING, "-inf", time.time())
        handled = []
        for raw in lost:
            job_id = _text(raw) or ""
            # one API worker takes each lost job
            if not await self.redis.set(keys.PREFIX + job_id + ":recover", 1, nx=True, ex=10):
                continue
            await self.redis.zrem(keys.RUNNING, job_id)
            record = await self.redis.hgetall(keys.job_key(job_id))
            state = _text(record.get(b"state"))
            if state != "running":
                continue
            attempt = int(record.get(b"attempt", b"1")) + 1
            handled.append(job_id)
            reason = "the worker running this job stopped"
            if attempt > keys.MAX_ATTEMPTS:
                failed = {"reason": f"{reason}, twice", "code": "train.worker_lost"}
                await self._finish(job_id, "failed", failed)
                continue
            await self.redis.hset(keys.job_key(job_id), "state", "queued")
            await self._enqueue(job_id, attempt, at_front=True)
            retry = {"attempt": attempt, "reason": reason}
            await self._add(job_id, "queued", {"position": 0, "retry": retry})
        return handled
