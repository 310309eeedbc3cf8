"""bench/abuse.py still runs and prints its numbers (two short scenarios; no timing asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_abuse_bench_prints_a_row_per_attack():
    done = subprocess.run(
        [sys.executable, "-m", "bench.abuse", "--seconds", "2", "--only", "none", "slow"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()
    assert len(rows) == 2, done.stdout
    for row in rows:
        assert re.search(r"student: \d+% of \d+ +p50/p95 ms: \d+/\d+", row), row
        assert re.search(r"CPU after \(s\): \d+\.\d+ +peak RSS \+MB: -?\d+", row), row
    assert re.search(r"attackers got: [a-z0-9 ]+:64", rows[1]), rows[1]  # all 64 tallied
