"""Per-worker fan-out: a follower that stops reading is dropped, not buffered without end."""

from __future__ import annotations

import asyncio

from convtrace.classes.fanout import CLOSED, QUEUE_EVENTS, Event, Fanout


def test_a_follower_that_falls_behind_is_closed_and_the_others_keep_going() -> None:
    async def body() -> None:
        fanout = Fanout()
        slow, fast = fanout.add(), fanout.add()
        for i in range(QUEUE_EVENTS + 1):
            fanout.publish(Event(str(i), "state", "{}"))
            if i < QUEUE_EVENTS:
                assert (await fast.get()).id == str(i)
        assert slow.qsize() == 1 and slow.get_nowait() is CLOSED
        assert len(fanout) == 1 and (await fast.get()).id == str(QUEUE_EVENTS)

    asyncio.run(body())
