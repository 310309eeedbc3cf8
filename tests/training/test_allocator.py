"""A training process keeps its per-step arrays in the heap, whatever MALLOC_* it inherits.

The server's allocator settings (convtrace/allocator.py) make every array of 128 KiB or more a
fresh mmap: in a training loop, page faults on every step (a quick job took 4x its CPU). The
check counts minor page faults while a 1 MiB array is made and dropped again and again.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from convtrace import allocator

PROBE = """
import resource, sys
import numpy as np
from convtrace import allocator
if sys.argv[1] == "training":
    assert allocator.tune_for_training()
for _ in range(5):
    np.ones(2**17)  # warm up: the first arrays may take fresh pages whatever the settings
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(200):
    np.ones(2**17)  # 1 MiB, made and dropped as a training step's temporaries are
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str) -> int:
    env = {"PATH": "/usr/bin:/bin", **allocator.SERVING_ENV}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], env=env, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip())


@pytest.mark.skipif(allocator._mallopt() is None, reason="not glibc")
def test_training_processes_reuse_heap_memory_under_the_servers_allocator_settings():
    serving, training = _faults("serving"), _faults("training")
    # serving settings: 256 pages touched anew for each of the 200 arrays
    assert serving > 200 * 200
    assert training < 2_000, (serving, training)


def test_the_training_worker_applies_the_training_settings(monkeypatch):
    import threadpoolctl
    from convtrace.training import work

    called = []
    monkeypatch.setattr(threadpoolctl, "threadpool_limits", lambda limits: None)
    monkeypatch.setattr(work, "tune_for_training", lambda: called.append(True) or True)
    monkeypatch.setattr(work.os, "nice", lambda n: 0)
    monkeypatch.setattr(work.dataset, "load", lambda: None)
    work.prepare_process()
    assert called == [True]
