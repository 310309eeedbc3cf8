"""bench/input_gradient.py still runs and prints each of its goals (no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_input_gradient_bench_prints_every_goal():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.input_gradient",
            "--samples",
            "20",
            "--pairs",
            "10",
            "--repeats",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"fgsm eps=0\.25: prediction changed on \d+\.\d%", out), out
    assert re.search(r"reached on \d+\.\d% of 10 \(digit, target\) pairs", out), out
    assert len(re.findall(r"visualise from \w+ .* min \d\.\d{3}", out)) == 2, out
    assert re.search(r"targeted 200 steps \d+\.\d ms \(CPU \d+\.\d ms\)", out), out
    assert re.search(r"visualise 200 steps \d+\.\d ms \(CPU \d+\.\d ms\)", out), out
    assert "convtrace.access" not in out and '"path"' not in out  # no access log in the numbers
