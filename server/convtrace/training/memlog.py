"""Jobs kept in this process's memory (the local runner's records): each job's state, its event
log, and the per-client and queue limits. ``Records`` leaves running the jobs to a subclass."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from convtrace.training.jobs import Job
from convtrace.training.service import (
    KEEP_FINISHED_S,
    TERMINAL,
    Event,
    Submission,
    Trainer,
    TrainError,
    not_found,
)

RETRY_QUEUED_S = 5  # what a refused client is told to wait (a quick job takes a few seconds)


@dataclass
class Record:
    id: str
    client: str
    job: Job
    state: str = "queued"
    log: list[Event] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    blob: bytes = b""
    facts: dict[str, Any] = field(default_factory=dict)  # step, network, test_accuracy, reason
    finished_at: float | None = None

    def append(self, kind: str, data: dict[str, Any]) -> None:
        self.log.append(Event(str(len(self.log) + 1), kind, data))
        self.bump()

    def bump(self) -> None:
        """Wake every stream waiting on this job."""
        self.changed.set()
        self.changed = asyncio.Event()

    def note(self, kind: str, data: dict[str, Any]) -> None:
        """Keep what the status tells from an event."""
        if kind == "started":
            self.state = "running"
        if kind in ("progress", "checkpoint", "done"):
            self.facts.update({k: data[k] for k in ("step", "steps", "network") if k in data})
        if kind in ("eval", "done"):
            self.facts["test_accuracy"] = data["test_accuracy"]
        if kind == "failed":
            self.facts["reason"] = data["reason"]


class Records(Trainer):
    """Records, limits and event streams; subclasses run the jobs and report ``position``."""

    def __init__(self, queue_cap: int) -> None:
        self.queue_cap = queue_cap
        self.records: dict[str, Record] = {}
        self.active: dict[str, str] = {}  # client -> its queued or running job

    def position(self, job_id: str) -> int | None:
        raise NotImplementedError

    def get(self, job_id: str) -> Record:
        record = self.records.get(job_id)
        if record is None:
            raise not_found(job_id)
        return record

    def admit(self, submission: Submission) -> Record:
        self._forget_old()
        other = self.active.get(submission.client)
        if other is not None:
            raise TrainError(
                429,
                "train.one_per_client",
                "you already have a training job queued or running: wait for it or cancel it",
                RETRY_QUEUED_S,
                {"job": other},
            )
        waiting = sum(1 for r in self.records.values() if r.state == "queued")
        if waiting >= self.queue_cap:
            raise TrainError(
                503,
                "train.queue_full",
                f"{waiting} training jobs are waiting, the most this server queues: try again soon",
                RETRY_QUEUED_S,
                {"waiting": waiting},
            )
        record = Record(submission.id, submission.client, submission.job)
        record.facts["steps"] = submission.job.steps()
        self.records[record.id] = record
        self.active[record.client] = record.id
        return record

    def finish(self, record: Record, kind: str, data: dict[str, Any]) -> None:
        record.note(kind, data)
        record.state = kind
        record.finished_at = time.monotonic()
        record.blob = b""
        if self.active.get(record.client) == record.id:
            del self.active[record.client]
        record.append(kind, data)

    def _forget_old(self) -> None:
        now = time.monotonic()
        for job_id, record in list(self.records.items()):
            if record.finished_at is not None and now - record.finished_at > KEEP_FINISHED_S:
                del self.records[job_id]

    async def status(self, job_id: str) -> dict[str, Any]:
        record = self.get(job_id)
        return {
            "id": record.id,
            "state": record.state,
            "position": self.position(job_id),
            "step": record.facts.get("step", 0),
            "steps": record.facts.get("steps"),
            "network": record.facts.get("network"),
            "test_accuracy": record.facts.get("test_accuracy"),
            "reason": record.facts.get("reason"),
            "job": record.job.to_dict(),
        }

    async def ended_before(self, job_id: str, after: str | None) -> bool:
        record = self.get(job_id)
        seen = int(after) if after and after.isdigit() else 0
        return record.state in TERMINAL and seen >= len(record.log)

    async def events(self, job_id: str, after: str | None) -> AsyncIterator[Event]:
        record = self.get(job_id)
        seen = int(after) if after and after.isdigit() else 0
        told: int | None = None
        while True:
            waiter = record.changed
            while seen < len(record.log):
                event = record.log[seen]
                seen += 1
                yield event
                if event.kind in TERMINAL:
                    return
            position = self.position(job_id) if record.state == "queued" else None
            if position is not None and position != told and seen > 0:
                told = position
                if record.log[seen - 1].data.get("position") != position:
                    yield Event(str(seen), "queued", {"position": position})
            await waiter.wait()
