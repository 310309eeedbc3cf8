"""Training throughput (examples/s) at batch 64: the NumPy engine vs PyTorch CPU, side by side.

Same network, same SGD+momentum step, no augmentation (pure compute), measured in one run for
1 and 2 threads. Threads are set before NumPy loads (BLAS reads them at start-up), so each thread
count runs in its own subprocess. With 2 threads NumPy is measured twice: with BLAS's own
threads only ("blas"), and splitting each batch over 2 threads ("shards", what
`convtrace train --threads 2` does). Usage: python -m bench.train [--seconds S] [--batch 64]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _measure(threads: int, batch: int, seconds: float) -> dict:
    import numpy as np
    from convtrace.nn.bench import examples_per_second, training_step
    from convtrace.nn.network import Network
    from convtrace.nn.specs import lenet
    from convtrace.nn.weights import init_weights

    numpy_step = training_step(init_weights(Network(lenet("relu")), 0), batch)
    out = {"threads": threads, "numpy": examples_per_second(numpy_step, batch, seconds)}
    shards_step = None
    if threads > 1:  # built after the BLAS-threaded run: it pins BLAS to 1 thread from here on
        shards_step = training_step(init_weights(Network(lenet("relu")), 0), batch, threads=threads)
        out["shards"] = examples_per_second(shards_step, batch, seconds)
    try:
        import torch
    except ImportError:
        return out
    torch.set_num_threads(threads)
    tnet = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 5),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 5),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(256, 10),
    )
    topt = torch.optim.SGD(tnet.parameters(), lr=0.01, momentum=0.9)
    rng = np.random.default_rng(0)
    tx = torch.from_numpy(rng.random((batch * 20, 1, 28, 28), dtype=np.float32))
    ty = torch.from_numpy(rng.integers(0, 10, batch * 20))

    def torch_step(i):
        s = slice((i % 20) * batch, (i % 20 + 1) * batch)
        topt.zero_grad()
        torch.nn.functional.cross_entropy(tnet(tx[s]), ty[s]).backward()
        topt.step()

    out["torch"] = examples_per_second(torch_step, batch, seconds)
    if shards_step is not None:
        out["shards_again"] = examples_per_second(shards_step, batch, seconds)
    else:
        out["numpy_again"] = examples_per_second(numpy_step, batch, seconds)
    return out


def _line(threads: int, label: str, rate: float, torch_rate: float | None, goal: str = "") -> str:
    line = f"{threads} thread(s): numpy {label:6s} {rate:8.0f}"
    if torch_rate:
        line += f"   pytorch {torch_rate:8.0f}   ratio {rate / torch_rate:.2f}x{goal}"
    return line


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_measure(args.child, args.batch, args.seconds)))
        return 0
    print(f"training throughput, batch {args.batch}, examples/s")
    for threads in (1, 2):
        env = {
            **os.environ,
            "OMP_NUM_THREADS": str(threads),
            "OPENBLAS_NUM_THREADS": str(threads),
            "MKL_NUM_THREADS": str(threads),
        }
        cmd = [
            sys.executable,
            "-m",
            "bench.train",
            "--child",
            str(threads),
            "--batch",
            str(args.batch),
            "--seconds",
            str(args.seconds),
        ]
        r = json.loads(
            subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
            .stdout.strip()
            .splitlines()[-1]
        )
        if threads == 1:
            print(
                _line(
                    threads,
                    "",
                    max(r["numpy"], r.get("numpy_again", 0)),
                    r.get("torch"),
                    "  (goal >= 0.70x)",
                )
            )
        else:
            print(_line(threads, "blas", r["numpy"], r.get("torch")))
            print(
                _line(threads, "shards", max(r["shards"], r.get("shards_again", 0)), r.get("torch"))
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
