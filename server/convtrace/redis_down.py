"""What every Redis-backed store does when Redis cannot be reached: its own error, in its words.

A command to an unreachable or dying Redis raises redis-py's RedisError (ConnectionError,
TimeoutError, ...) or, from a socket mid-reply, a plain OSError. Each store (class sessions,
networks, the training queue) turns those into the error its routes answer with a clear 503.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from redis.exceptions import RedisError

REDIS_DOWN = (RedisError, OSError)


@contextlib.contextmanager
def redis_down(error: Callable[[Exception], Exception]) -> Iterator[None]:
    """Run the block; Redis unreachable: raise ``error(err)`` from the Redis error instead."""
    try:
        yield
    except REDIS_DOWN as err:
        raise error(err) from err
