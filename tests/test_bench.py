"""The benchmark scripts still run and print their numbers (briefly: no timing is asserted).
Without torch installed (as in CI) they print the NumPy side only."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_trace_bench_prints_the_engine_time():
    out = _run("-m", "bench.trace", "--repeats", "40", "--rounds", "2")
    assert re.search(r"numpy engine\s+full trace: \d+\.\d+ ms", out), out


def test_train_bench_prints_rates_for_one_and_two_threads():
    out = _run("-m", "bench.train", "--seconds", "0.2")
    assert re.search(r"^1 thread\(s\): numpy\s+\d+", out, re.M), out
    assert re.search(r"^2 thread\(s\): numpy shards\s+\d+", out, re.M), out


def test_convtrace_bench_command():
    out = _run("-m", "convtrace", "bench", "--repeats", "20", "--seconds", "0.2")
    assert re.search(r"full trace of one digit: \d+\.\d+ ms", out), out
    assert re.search(r"training at batch 64: \d+ examples/s", out), out
