"""bench.classroom still runs end to end (tiny class; no timing asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_classroom_bench_prints_every_phase_without_errors() -> None:
    command = ["-m", "bench.classroom", "--followers", "20", "--crowd", "30", "--hold", "1"]
    done = subprocess.run(
        [sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    for phase in ("step", "trace", "answers", "crowd"):
        assert re.search(rf"^{phase}\s.*p99_ms|^{phase}\s.*counted", done.stdout, re.M), done.stdout
    assert "missing=0" in done.stdout and "counted=20" in done.stdout, done.stdout
    assert "errors=0" in done.stdout and "students=30" in done.stdout, done.stdout
