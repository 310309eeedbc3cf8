"""Per-worker delivery of one session's events to the followers connected to this worker.

Each follower owns a bounded queue; publishing puts the event in every queue without waiting.
A follower that falls more than ``QUEUE_EVENTS`` behind is dropped (its stream ends and the
browser reconnects, getting the current state again) rather than letting one slow phone make
the worker hold an unbounded backlog.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

QUEUE_EVENTS = 64


@dataclass(frozen=True)
class Event:
    """One change of a session: ``id`` increases within the session; ``data`` is JSON text."""

    id: str
    kind: str
    data: str


# Put in a follower's queue to end its stream (session ended, store lost, follower too slow).
CLOSED = Event("", "closed", "")
# Yielded to a follower's stream after a quiet heartbeat interval: sent as an SSE comment.
HEARTBEAT = Event("", "heartbeat", "")


class Fanout:
    """The followers of one session on this worker."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue[Event]] = set()

    def add(self) -> asyncio.Queue[Event]:
        queue: asyncio.Queue[Event] = asyncio.Queue(QUEUE_EVENTS)
        self.queues.add(queue)
        return queue

    def remove(self, queue: asyncio.Queue[Event]) -> None:
        self.queues.discard(queue)

    def __len__(self) -> int:
        return len(self.queues)

    def publish(self, event: Event) -> None:
        for queue in list(self.queues):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                self.close_one(queue)

    def close_one(self, queue: asyncio.Queue[Event]) -> None:
        self.queues.discard(queue)
        while not queue.empty():  # make room: the follower only needs to learn it is closed
            queue.get_nowait()
        queue.put_nowait(CLOSED)

    def close_all(self) -> None:
        for queue in list(self.queues):
            self.close_one(queue)
