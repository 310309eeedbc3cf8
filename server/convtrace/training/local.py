"""The one-process runner (``make run``, nothing to install): a pool of worker processes owned
by the API process.

Training is CPU work for seconds, so it runs neither on the event loop nor on request threads
but in ``workers`` processes of its own (``multiprocessing``, spawned). The API process keeps
the queue (first in, first out), hands a job to an idle worker, and relays what the worker
sends back (events, and the checkpoint networks for the network store) through one
``multiprocessing.Queue`` read by a thread. Cancelling sets the worker's shared cancel mark to
the job's number; the loop reads it before every step (milliseconds), so the work stops at
once. A worker that dies fails its job with the reason and is replaced.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing as mp
import queue
import threading
import time
from collections import deque
from typing import Any

import numpy as np

from convtrace.networks import NetworkStore, network_id, pack, unpack
from convtrace.training.jobs import Job
from convtrace.training.memlog import Records
from convtrace.training.service import Submission
from convtrace.training.work import prepare_process, run_one

log = logging.getLogger("convtrace.training")
STOP_WAIT_S = 5.0  # for the workers at shutdown (the server grants 10 s in all)
NETWORK = "_network"  # a message carrying a checkpoint's blob, stored before its event


class _PipeSink:
    def __init__(self, job_id: str, number: int, outbox: Any, cancel: Any) -> None:
        self.job_id, self.number, self.outbox, self.cancel = job_id, number, outbox, cancel

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        self.outbox.put((self.job_id, kind, data))

    def keep(self, spec: dict[str, Any], weights: dict[str, np.ndarray]) -> str:
        key = network_id(spec, weights)
        self.outbox.put((self.job_id, NETWORK, {"id": key, "blob": pack(spec, weights)}))
        return key

    def cancelled(self) -> bool:
        return bool(self.cancel.value == self.number)

    def save_resume(self, step: int, state: dict[str, np.ndarray]) -> None:
        """Nothing: a job whose process dies here is reported failed, not resumed."""


def _worker(inbox: Any, outbox: Any, cancel: Any) -> None:
    """A pool process: jobs from ``inbox`` until None."""
    prepare_process()
    while (item := inbox.get()) is not None:
        job_id, number, job, blob = item
        spec, weights = unpack(blob)
        sink = _PipeSink(job_id, number, outbox, cancel)
        sink.emit("started", {"attempt": 1, "step": 0})
        run_one(Job.from_dict(job), spec, weights, sink)


class LocalTrainer(Records):
    def __init__(self, networks: NetworkStore, workers: int = 1, queue_cap: int = 200) -> None:
        super().__init__(queue_cap)
        self.networks = networks
        self.size = max(1, workers)
        self.ctx = mp.get_context("spawn")  # the API process has threads: never fork it
        self.outbox: Any = None
        self.procs: list[Any] = []
        self.inboxes: list[Any] = []
        self.cancels: list[Any] = []
        self.busy: dict[int, str] = {}  # worker -> job id
        self.pending: deque[str] = deque()
        self.numbers: dict[str, int] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.inq: asyncio.Queue[tuple[str, str, dict[str, Any]]] | None = None
        self.tasks: list[asyncio.Task[None]] = []
        self.stopping = threading.Event()  # the relay's signal, once the workers have ended
        self.closing = False  # set first in close(): the relay still runs, workers may end
        self.relay: threading.Thread | None = None

    # ---- queue ----

    async def submit(self, submission: Submission) -> int:
        self._ensure_started()
        record = self.admit(submission)
        self.numbers[record.id] = len(self.numbers) + 1
        record.blob = pack(submission.spec, submission.weights)
        self.pending.append(record.id)
        position = len(self.pending) - 1
        record.append("queued", {"position": position})
        self._dispatch()
        return position

    def position(self, job_id: str) -> int | None:
        try:
            return self.pending.index(job_id)
        except ValueError:
            return None

    async def cancel(self, job_id: str) -> dict[str, Any]:
        record = self.get(job_id)
        if record.state == "queued":
            self.pending.remove(job_id)
            self.finish(record, "cancelled", {})
            self._bump_pending()
        elif record.state == "running":
            for worker, running in self.busy.items():
                if running == job_id:
                    self.cancels[worker].value = self.numbers[job_id]
        return await self.status(job_id)

    def _dispatch(self) -> None:
        idle = [w for w in range(len(self.procs)) if w not in self.busy]
        while idle and self.pending:
            worker, job_id = idle.pop(0), self.pending.popleft()
            record = self.get(job_id)
            record.state = "running"
            self.busy[worker] = job_id
            item = (job_id, self.numbers[job_id], record.job.to_dict(), record.blob)
            self.inboxes[worker].put(item)
        self._bump_pending()

    def _bump_pending(self) -> None:
        for job_id in self.pending:
            self.records[job_id].bump()

    # ---- processes ----

    def _ensure_started(self) -> None:
        if self.procs:
            return
        self.loop = asyncio.get_running_loop()
        self.inq = asyncio.Queue()
        self.outbox = self.ctx.Queue()
        for _ in range(self.size):
            self.inboxes.append(self.ctx.Queue())
            self.cancels.append(self.ctx.Value("q", 0, lock=False))
            self.procs.append(self._spawn(len(self.procs)))
        self.relay = threading.Thread(target=self._read, name="convtrace-train-relay", daemon=True)
        self.relay.start()
        self.tasks.append(asyncio.create_task(self._pump()))

    def _spawn(self, worker: int) -> Any:
        args = (self.inboxes[worker], self.outbox, self.cancels[worker])
        proc = self.ctx.Process(target=_worker, args=args, name=f"convtrace-train-{worker}")
        proc.daemon = True
        proc.start()
        return proc

    def _read(self) -> None:
        """Thread: the workers' messages into the event loop; notices dead workers."""
        assert self.loop is not None and self.inq is not None
        while not self.stopping.is_set():
            try:
                message = self.outbox.get(timeout=0.5)
            except queue.Empty:
                self.loop.call_soon_threadsafe(self._check_workers)
                continue
            except (EOFError, OSError):
                return
            self.loop.call_soon_threadsafe(self.inq.put_nowait, message)

    async def _pump(self) -> None:
        assert self.inq is not None
        while True:
            job_id, kind, data = await self.inq.get()
            if kind == NETWORK:
                await self.networks.put_blob(data["id"], data["blob"])
                continue
            record = self.records.get(job_id)
            if record is None or record.state in ("done", "failed", "cancelled"):
                continue
            if kind in ("done", "failed", "cancelled"):
                self._free(job_id)
                self.finish(record, kind, data)
                self._dispatch()
            else:
                record.note(kind, data)
                record.append(kind, data)

    def _free(self, job_id: str) -> None:
        for worker, running in list(self.busy.items()):
            if running == job_id:
                del self.busy[worker]

    def _check_workers(self) -> None:
        if self.closing:  # workers are meant to end now: none is replaced
            return
        for worker, proc in enumerate(self.procs):
            if proc.is_alive():
                continue
            job_id = self.busy.pop(worker, None)
            log.warning("training worker %d stopped (exit code %s)", worker, proc.exitcode)
            self.procs[worker] = self._spawn(worker)
            record = self.records.get(job_id) if job_id else None
            if record is not None and record.state == "running":
                reason = f"the training process stopped unexpectedly (exit code {proc.exitcode})"
                self.finish(record, "failed", {"reason": reason, "code": "train.worker_lost"})
        self._dispatch()

    async def close(self) -> None:
        """Stop the pool, so that nothing is left behind: running jobs are cancelled, each
        worker is told to stop and waited for (on a thread: the loop goes on meanwhile), and
        only then do the relay and the queues stop. A worker ends by flushing its last events
        into the outbox, which the relay must still be draining (a checkpoint is larger than a
        pipe's buffer); one that does not end in time is terminated. Every queue holds named
        semaphores: closed and let go here, they are unlinked now rather than reported leaked
        by multiprocessing's resource tracker at exit."""
        self.closing = True
        for task in self.tasks:
            task.cancel()
        for worker, inbox in enumerate(self.inboxes):
            if worker in self.busy:
                self.cancels[worker].value = self.numbers[self.busy[worker]]
            inbox.put(None)
        await asyncio.to_thread(self._join_workers, STOP_WAIT_S)
        self.stopping.set()
        if self.relay is not None:  # it checks `stopping` at least every 0.5 s
            await asyncio.to_thread(self.relay.join, 1)
        for inbox, proc in zip(self.inboxes, self.procs, strict=True):
            inbox.close()
            if proc.exitcode == 0:
                inbox.join_thread()  # its worker read it to the end: flushed at once
            else:
                inbox.cancel_join_thread()  # a worker that died may never read what is left
        if self.outbox is not None:
            self.outbox.close()
        self.inboxes, self.outbox, self.procs, self.cancels = [], None, [], []
        gc.collect()

    def _join_workers(self, wait_s: float) -> None:
        deadline = time.monotonic() + wait_s
        for proc in self.procs:
            proc.join(timeout=max(0.0, deadline - time.monotonic()))
        for proc in self.procs:
            if proc.is_alive():
                log.warning("training worker %s did not stop in time: terminated", proc.name)
                proc.terminate()
                proc.join(timeout=2)
