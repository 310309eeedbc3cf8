"""The ClassStore contract, run against both stores: what the session logic relies on."""

from __future__ import annotations

import asyncio

import pytest
from convtrace.classes.store import ClassStore, TooManySessions, event_order

from tests.classes.conftest import Make, run


def test_fields_create_read_write_incr(make: Make) -> None:
    async def body(store: ClassStore) -> None:
        assert await store.create("ABCDEF", {"token": "t", "version": "0"}, 10)
        assert not await store.create("ABCDEF", {"token": "other"}, 10)  # taken
        await store.write("ABCDEF", {"state": "s"})
        assert await store.incr("ABCDEF", "version") == 1
        assert await store.read("ABCDEF") == {"token": "t", "version": "1", "state": "s"}
        assert await store.read("ABCDEF", ["version", "nope"]) == {"version": "1"}
        assert await store.read("ZZZZZZ") is None

    run(make, body)


def test_session_cap(make: Make) -> None:
    async def body(store: ClassStore) -> None:
        assert await store.create("AAAAAA", {"version": "0"}, 2)
        assert await store.create("BBBBBB", {"version": "0"}, 2)
        with pytest.raises(TooManySessions):
            await store.create("CCCCCC", {"version": "0"}, 2)

    run(make, body)


def test_idle_sessions_expire_and_activity_refreshes(make: Make) -> None:
    async def body(store: ClassStore) -> None:
        await store.create("AAAAAA", {"version": "0"}, 10)
        await store.create("BBBBBB", {"version": "0"}, 10)
        for _ in range(3):
            await asyncio.sleep(0.25)
            await store.write("BBBBBB", {"state": "busy"})  # activity
        assert await store.read("AAAAAA") is None
        assert await store.read("BBBBBB") is not None
        await store.create("CCCCCC", {"version": "0"}, 2)  # the expired one no longer counts

    run(make, body, ttl_s=0.5)


def test_events_reach_subscribers_in_order(make: Make) -> None:
    async def body(store: ClassStore) -> None:
        await store.create("AAAAAA", {"version": "0"}, 10)
        first, second = await store.subscribe("AAAAAA"), await store.subscribe("AAAAAA")
        sent = [await store.publish("AAAAAA", "state", str(i)) for i in range(3)]
        assert await store.last_event_id("AAAAAA") == sent[-1].id
        for queue in (first, second):
            got = [await asyncio.wait_for(queue.get(), 5) for _ in range(3)]
            assert [(e.kind, e.data) for e in got] == [
                ("state", "0"),
                ("state", "1"),
                ("state", "2"),
            ]
        orders = [event_order(e.id) for e in sent]
        assert orders == sorted(orders) and len(set(orders)) == 3
        await store.unsubscribe("AAAAAA", first)
        await store.unsubscribe("AAAAAA", second)

    run(make, body)


def test_one_answer_per_student_last_wins(make: Make) -> None:
    async def body(store: ClassStore) -> None:
        await store.create("AAAAAA", {"version": "0"}, 10)
        await store.put_answer("AAAAAA", "q1", "student-a", '"+"')
        await store.put_answer("AAAAAA", "q1", "student-a", '"-"')
        await store.put_answer("AAAAAA", "q1", "student-b", '"0"')
        assert await store.answers("AAAAAA", "q1") == {"student-a": '"-"', "student-b": '"0"'}
        assert await store.answer_count("AAAAAA", "q1") == 2
        assert await store.answers("AAAAAA", "q2") == {}

    run(make, body)


def test_presence_lapses_without_heartbeat(make: Make) -> None:
    async def body(store: ClassStore) -> None:
        await store.create("AAAAAA", {"version": "0"}, 10)
        await store.seen("AAAAAA", "a")
        await store.seen("AAAAAA", "b")
        await store.gone("AAAAAA", "b")
        assert await store.students("AAAAAA") == ["a"]
        await asyncio.sleep(0.5)
        assert await store.students("AAAAAA") == []

    run(make, body, presence_s=0.3)


def test_claim_and_windowed_hits(make: Make) -> None:
    async def body(store: ClassStore) -> None:
        assert await store.claim("k", 0.3)
        assert not await store.claim("k", 0.3)
        assert [await store.hits("h", 0.3) for _ in range(3)] == [1, 2, 3]
        await asyncio.sleep(0.4)
        assert await store.claim("k", 0.3)
        assert await store.hits("h", 0.3) == 1

    run(make, body)


def test_trace_cache_and_delete(make: Make) -> None:
    async def body(store: ClassStore) -> None:
        await store.create("AAAAAA", {"version": "0"}, 10)
        assert await store.trace("AAAAAA") is None
        await store.put_trace("AAAAAA", "k3", b"\x00ndjson\n")
        assert await store.trace("AAAAAA") == ("k3", b"\x00ndjson\n")
        await store.delete("AAAAAA")
        assert await store.read("AAAAAA") is None
        assert await store.trace("AAAAAA") is None

    run(make, body)
