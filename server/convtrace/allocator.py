"""glibc's allocator, tuned for what a process does. Two kinds of process, two settings.

Serving (``convtrace serve``): memory taken by a burst of large requests should go back to the
system. So a fixed mmap threshold (glibc otherwise raises it after the first large free, and
then keeps big arrays in the heap), trimming above 128 KiB free, and two arenas rather than 8
per core. Measured with 8+8 clients sending 512x512 drawings to /api/sgd and /api/trace for
8 s (1 worker): RSS +32 MB at peak and still +32 MB afterwards by default; +16 MB at peak and
+7 MB afterwards with these.

Training (a pool process or ``convtrace worker``): the same arrays are made and dropped every
step. With the serving settings each one is a fresh mmap whose pages the kernel zeroes on
first touch and unmaps on free: measured, a "quick" job took 5.6-6.2 s of CPU in a pool process
(mostly system time) against 1.5 s without them. A training process keeps its working set in
the heap instead (mmap only above 32 MiB, trim above 64 MiB); the memory goes back when the job
or the process ends.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from collections.abc import Callable

SERVING_ENV = {
    "MALLOC_ARENA_MAX": "2",
    "MALLOC_MMAP_THRESHOLD_": "131072",
    "MALLOC_TRIM_THRESHOLD_": "131072",
}
# mallopt(3) parameters
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8
SERVING_PARAMS = {
    "MALLOC_TRIM_THRESHOLD_": M_TRIM_THRESHOLD,
    "MALLOC_MMAP_THRESHOLD_": M_MMAP_THRESHOLD,
    "MALLOC_ARENA_MAX": M_ARENA_MAX,
}
TRAINING = {M_MMAP_THRESHOLD: 32 * 2**20, M_TRIM_THRESHOLD: 64 * 2**20}


def _mallopt() -> Callable[[int, int], int] | None:
    path = ctypes.util.find_library("c")
    libc = ctypes.CDLL(path) if path else None
    found: Callable[[int, int], int] | None = getattr(libc, "mallopt", None)
    return found  # None: not glibc, nothing to tune


def tune_for_serving() -> None:
    """Worker processes read MALLOC_* from the environment at start; this process is already
    running, so it is told the same through mallopt(3). Values set by the host win."""
    for name, value in SERVING_ENV.items():
        os.environ.setdefault(name, value)
    mallopt = _mallopt()
    if mallopt is not None:
        for name, param in SERVING_PARAMS.items():
            mallopt(param, int(os.environ[name]))


def tune_for_training() -> bool:
    """This process trains: whatever MALLOC_* it inherited (the server's, or a container's
    environment), keep per-step arrays in the heap. False where there is no glibc."""
    mallopt = _mallopt()
    if mallopt is None:
        return False
    return all(mallopt(param, value) == 1 for param, value in TRAINING.items())
