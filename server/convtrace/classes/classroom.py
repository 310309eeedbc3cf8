"""Everything the class routes use, built once per worker from the settings."""

from __future__ import annotations

from dataclasses import dataclass

from convtrace.classes.asking import Asking
from convtrace.classes.memory import MemoryStore
from convtrace.classes.session import Limits, Sessions
from convtrace.classes.store import ClassStore
from convtrace.classes.tracecache import TraceCache
from convtrace.config import Settings
from convtrace.networks import NetworkStore
from convtrace.registry import Registry

NEEDS_REDIS = (
    "class sessions with more than one worker need a shared store: set CONVTRACE_REDIS_URL "
    "(e.g. redis://localhost:6379/0) or run one worker"
)
PRESENCE_HEARTBEATS = 3  # a student missing this many heartbeats is no longer counted


@dataclass
class Classroom:
    store: ClassStore
    sessions: Sessions
    asking: Asking
    traces: TraceCache

    async def close(self) -> None:
        await self.asking.close()
        await self.store.close()


def open_classroom(
    settings: Settings, registry: Registry, networks: NetworkStore | None = None
) -> Classroom | None:
    """Memory for one worker, Redis when CONVTRACE_REDIS_URL is set; None (class endpoints then
    answer 503 with NEEDS_REDIS) when several workers would each hold their own sessions."""
    presence_s = PRESENCE_HEARTBEATS * settings.class_heartbeat_s
    store: ClassStore
    if settings.redis_url:
        from convtrace.classes.redis import RedisStore  # redis-py only when it is used

        store = RedisStore(settings.redis_url, settings.class_idle_ttl_s, presence_s)
    elif settings.workers > 1:
        return None
    else:
        store = MemoryStore(settings.class_idle_ttl_s, presence_s)
    limits = Limits(
        settings.class_max_sessions, settings.class_max_students, settings.class_heartbeat_s
    )
    sessions = Sessions(store, registry, limits, networks)
    return Classroom(store, sessions, Asking(sessions), TraceCache(sessions, registry, networks))
