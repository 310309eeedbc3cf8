"""Which trainer an API worker uses: the Redis job queue when ``redis_url`` is set (any number
of API workers and ``convtrace worker`` machines), else a local process pool."""

from __future__ import annotations

from typing import Any

from convtrace.networks import MemoryNetworks, NetworkStore
from convtrace.training.service import Trainer


def networks_of(app: Any) -> NetworkStore:
    """The app's network store (checkpoints are networks). Without one (several API workers
    and no Redis: the networks routes refuse stored networks there) the trainer keeps its
    checkpoints in a store of its own, not published as the app's."""
    store: NetworkStore | None = getattr(app.state, "networks", None)
    return MemoryNetworks() if store is None else store


NEEDS_REDIS = (
    "training with more than one server worker needs the shared queue: set "
    "CONVTRACE_REDIS_URL and run `convtrace worker`, or run one server worker"
)


def open_trainer(app: Any) -> Trainer | None:
    """None when no trainer can serve every worker alike (several workers, no Redis): a job
    kept in one worker's memory would be unknown to the others."""
    settings = app.state.settings
    trainer: Trainer
    if not settings.redis_url and settings.workers > 1:
        return None
    if settings.redis_url:
        from convtrace.networks_redis import RedisNetworks
        from convtrace.training.redisqueue import RedisTrainer

        if getattr(app.state, "networks", None) is None:
            app.state.networks = RedisNetworks(settings.redis_url)
        trainer = RedisTrainer(settings.redis_url, settings.train_queue_cap)
    else:
        from convtrace.training.local import LocalTrainer

        trainer = LocalTrainer(networks_of(app), settings.train_workers, settings.train_queue_cap)
    return trainer
