"""bench/sgd_lr.py runs on MNIST-format files and prints the cost of a step per learning rate.

Run on the shipped sample digits written as IDX files (tests never need the MNIST download)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
from convtrace.config import MODELS_DIR

from tests.nn.idxfiles import write_mnist

ROOT = Path(__file__).resolve().parents[1]
ROW = re.compile(r"^(lenet-\w+)\s+([\d.]+)\s+(-?[\d.]+) pt\s+(-?[\d.]+) pt", re.M)


def test_prints_a_drop_per_model_and_rate_larger_for_a_larger_rate(tmp_path):
    with np.load(MODELS_DIR / "samples.npz") as samples:
        write_mnist(tmp_path, "t10k", samples["images"], samples["labels"], gz=False)
    done = subprocess.run(
        [sys.executable, "-m", "bench.sgd_lr", "--data", str(tmp_path), "--test", "200"]
        + ["--rates", "0.005,0.5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "on 200 MNIST test images" in done.stdout and "default learning rate" in done.stdout
    rows = {(m, float(rate)): float(mean) for m, rate, mean, _ in ROW.findall(done.stdout)}
    assert len(rows) == 4, done.stdout
    for model in ("lenet-relu", "lenet-sigmoid"):
        assert rows[(model, 0.5)] > rows[(model, 0.005)] + 10, done.stdout
