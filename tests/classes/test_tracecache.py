"""The class trace is computed once per state version, even with several workers asking."""

from __future__ import annotations

import asyncio

import pytest
from convtrace.classes import tracecache
from convtrace.classes.session import Limits, Sessions
from convtrace.classes.store import ClassStore
from convtrace.classes.tracecache import TraceCache
from convtrace.classes.wire import ClassState
from convtrace.registry import Registry

from tests.classes.conftest import Make, run, state


def test_two_workers_asking_at_once_compute_one_trace(
    make: Make,
    registry: Registry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []
    original = tracecache.engine_trace.run
    monkeypatch.setattr(tracecache.engine_trace, "run", lambda *a: calls.append(1) or original(*a))

    async def body(store: ClassStore) -> None:
        sessions = Sessions(store, registry, Limits())
        code, _ = await sessions.create()
        await sessions.set_state(code, ClassState.model_validate(state(label=2)))
        workers = [TraceCache(sessions, registry), TraceCache(sessions, registry)]
        got = await asyncio.gather(*(w.get(code) for w in workers * 10))
        assert {version for version, _ in got} == {1} and len({b for _, b in got}) == 1
        assert len(calls) == 1
        await sessions.set_state(code, ClassState.model_validate(state(label=4)))
        assert (await workers[1].get(code))[0] == 2 and len(calls) == 2  # a new version: anew

    run(make, body)
