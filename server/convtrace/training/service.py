"""What the API's training routes talk to: a ``Trainer`` (the local process pool, or the Redis
job queue), the errors it answers with, and the job record they share.

States: ``queued`` -> ``running`` -> ``done`` | ``failed`` | ``cancelled``. Every job has an
event log; an event's id is its place in the log (the SSE id, so a reconnecting page resumes
with Last-Event-ID). Events: ``queued {position}``, ``started {attempt, step}``, then the
loop's (``convtrace.training.loop``), then one of ``done``, ``failed {reason, code}``,
``cancelled``.

Per client: one job queued or running at a time (a second one: 429 naming the first), so
first-in first-out is fair: no client can queue ahead of another twice. Beyond ``queue_cap``
jobs waiting: 503. Both carry Retry-After.
"""

from __future__ import annotations

import secrets
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from convtrace.training.jobs import Job

TERMINAL = frozenset({"done", "failed", "cancelled"})
KEEP_FINISHED_S = 3600.0  # a finished job's status and events stay readable this long


def new_job_id() -> str:
    """Unguessable: 128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


class TrainError(Exception):
    """A request the trainer refuses: ``status`` (404, 409, 429, 503), a stable ``code``, the
    message, and seconds to wait before retrying (None: retrying will not help)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        retry_after: float | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.retry_after = status, code, retry_after
        self.params = dict(params or {})


def not_found(job_id: str) -> TrainError:
    return TrainError(404, "train.not_found", "no such training job (unknown id, or expired)")


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    data: dict[str, Any]


@dataclass
class Submission:
    """What a worker needs: the job, its client, and the network to start from."""

    id: str
    client: str
    job: Job
    spec: dict[str, Any]
    weights: dict[str, np.ndarray]


class Trainer(ABC):
    @abstractmethod
    async def submit(self, submission: Submission) -> int:
        """Queue the job; its position (0: next to start). TrainError 429/503 if refused."""

    @abstractmethod
    async def status(self, job_id: str) -> dict[str, Any]:
        """{id, state, position, step, steps, network, test_accuracy, reason}; 404 if unknown."""

    @abstractmethod
    async def cancel(self, job_id: str) -> dict[str, Any]:
        """Stop the job (a running one within a second); its status."""

    @abstractmethod
    def events(self, job_id: str, after: str | None) -> AsyncIterator[Event]:
        """The job's events after id ``after`` (all if None), live until a terminal one; while
        the job waits, a ``queued`` event whenever its position changes."""

    @abstractmethod
    async def ended_before(self, job_id: str, after: str | None) -> bool:
        """True if the client has already seen the job's last event (an SSE reconnect after
        the end is then answered 204, which tells the browser not to reconnect again)."""

    async def start(self) -> None:  # noqa: B027 - optional hook, nothing to do by default
        """Begin serving (background tasks); called once in the worker's event loop."""

    async def close(self) -> None:  # noqa: B027 - optional hook, nothing to do by default
        """Stop background tasks and worker processes."""
