"""Training throughput (examples/s) at batch 64: the NumPy engine vs PyTorch CPU, side by side.

Same network, same SGD+momentum step, no augmentation (pure compute). With 1 thread: the
shipped net and two of the architecture editor's presets ("strided instead of pooled",
"average pooling"; see bench/trace.py), both engines in interleaved rounds, in examples per CPU
second (what a busy machine distorts least), with the ratio's median and range over the rounds.
Threads are set before NumPy loads (BLAS reads them at start-up), so each thread count runs in
its own subprocess. With 2 threads (wall-clock rates, shipped net only) NumPy is measured twice:
with BLAS's own threads only ("blas"), and splitting each batch over 2 threads ("shards", what
`convtrace train --threads 2` does).
Usage: python -m bench.train [--seconds CPU_S_PER_NET] [--batch 64] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _torch_net(net):
    """The engine network as a torch.nn.Sequential (NCHW), layer by layer."""
    import torch.nn as tnn

    out = []
    for layer in net.layers:
        if layer.kind == "conv":
            out.append(tnn.Conv2d(layer.t, layer.m, layer.d, layer.stride, layer.p))
        elif layer.kind in ("maxpool", "avgpool"):
            pool = tnn.MaxPool2d if layer.kind == "maxpool" else tnn.AvgPool2d
            out.append(pool(layer.k, layer.stride))
        elif layer.kind == "dense":
            out.append(tnn.Linear(layer.n_in, layer.n_out))
        else:
            out.append({"relu": tnn.ReLU, "sigmoid": tnn.Sigmoid, "tanh": tnn.Tanh,
                        "flatten": tnn.Flatten}[layer.kind]())  # fmt: skip
    return tnn.Sequential(*out)


def _torch_step(net, batch: int):
    import numpy as np
    import torch

    tnet = _torch_net(net)
    topt = torch.optim.SGD(tnet.parameters(), lr=0.01, momentum=0.9)
    rng = np.random.default_rng(0)
    tx = torch.from_numpy(rng.random((batch * 20, 1, 28, 28), dtype=np.float32))
    ty = torch.from_numpy(rng.integers(0, 10, batch * 20))

    def step(i):
        s = slice((i % 20) * batch, (i % 20 + 1) * batch)
        topt.zero_grad()
        torch.nn.functional.cross_entropy(tnet(tx[s]), ty[s]).backward()
        topt.step()

    return step


def _cpu_rate(step, batch: int, seconds: float) -> float:
    """Examples per CPU second (this process, every thread) over about ``seconds`` of CPU."""
    import time

    from convtrace.nn.bench import examples_per_second

    return examples_per_second(step, batch, seconds, clock=time.process_time, warmup=3)


def _nets():
    from convtrace.nn.network import Network
    from convtrace.nn.spec import build
    from convtrace.nn.specs import lenet
    from convtrace.nn.weights import init_weights

    from bench.trace import ARCHITECTURES

    yield "lenet-relu (shipped)", init_weights(Network(lenet("relu")), 0)
    for name in ("strided instead of pooled", "average pooling"):
        yield name, build({"input": [28, 28, 1], "layers": ARCHITECTURES[name]}, seed=0)


def _measure_one_thread(batch: int, seconds: float, rounds: int) -> dict:
    """Per network, examples per CPU second of NumPy and of PyTorch in interleaved rounds."""
    from convtrace.nn.bench import training_step

    try:
        import torch
    except ImportError:
        torch = None
    out = {}
    steps = {}
    for name, net in _nets():
        steps[name] = [training_step(net, batch)]
        if torch is not None:
            torch.set_num_threads(1)
            steps[name].append(_torch_step(net, batch))
        out[name] = [[] for _ in steps[name]]
    for _ in range(rounds):
        for name, fns in steps.items():
            for i, step in enumerate(fns):
                out[name][i].append(_cpu_rate(step, batch, seconds / rounds))
    return out


def _measure(threads: int, batch: int, seconds: float, rounds: int) -> dict:
    if threads == 1:
        return {"nets": _measure_one_thread(batch, seconds, rounds)}
    from convtrace.nn.bench import examples_per_second, training_step
    from convtrace.nn.network import Network
    from convtrace.nn.specs import lenet
    from convtrace.nn.weights import init_weights

    numpy_step = training_step(init_weights(Network(lenet("relu")), 0), batch)
    out = {"threads": threads, "numpy": examples_per_second(numpy_step, batch, seconds)}
    # built after the BLAS-threaded run: it pins BLAS to 1 thread from here on
    shards_step = training_step(init_weights(Network(lenet("relu")), 0), batch, threads=threads)
    out["shards"] = examples_per_second(shards_step, batch, seconds)
    try:
        import torch
    except ImportError:
        return out
    torch.set_num_threads(threads)
    out["torch"] = examples_per_second(
        _torch_step(init_weights(Network(lenet("relu")), 0), batch), batch, seconds
    )
    out["shards_again"] = examples_per_second(shards_step, batch, seconds)
    return out


def _line(threads: int, label: str, rate: float, torch_rate: float | None, goal: str = "") -> str:
    line = f"{threads} thread(s): numpy {label:6s} {rate:8.0f}"
    if torch_rate:
        line += f"   pytorch {torch_rate:8.0f}   ratio {rate / torch_rate:.2f}x{goal}"
    return line


def one_thread_lines(nets: dict) -> None:
    """1 thread: per network NumPy's and PyTorch's rates (median over rounds) and the ratio's
    median and range over the rounds."""
    for name, rates in nets.items():
        numpy_rate = statistics.median(rates[0])
        line = f"1 thread(s): numpy {numpy_rate:8.0f}"
        if len(rates) > 1:
            ratios = sorted(o / t for o, t in zip(rates[0], rates[1], strict=True))
            line += (
                f"   pytorch {statistics.median(rates[1]):8.0f}   ratio "
                f"{statistics.median(ratios):.2f}x ({ratios[0]:.2f}-{ratios[-1]:.2f})"
                "  goal >= 0.70x"
            )
        print(f"{line}   {name}")


def _child(threads: int, args) -> dict:
    env = {
        **os.environ,
        "OMP_NUM_THREADS": str(threads),
        "OPENBLAS_NUM_THREADS": str(threads),
        "MKL_NUM_THREADS": str(threads),
    }
    cmd = [sys.executable, "-m", "bench.train", "--child", str(threads), "--batch",
           str(args.batch), "--seconds", str(args.seconds),
           "--rounds", str(args.rounds)]  # fmt: skip
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=4.0, help="CPU seconds per network")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_measure(args.child, args.batch, args.seconds, args.rounds)))
        return 0
    print(
        f"training throughput, batch {args.batch}, examples per CPU second (1 thread) and per "
        f"second (2 threads); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    one_thread_lines(_child(1, args)["nets"])
    r = _child(2, args)
    print(_line(2, "blas", r["numpy"], r.get("torch")) + "   lenet-relu (shipped)")
    shards = max(r["shards"], r.get("shards_again", 0))
    print(_line(2, "shards", shards, r.get("torch")) + "   lenet-relu (shipped)")
    print(f"load average {os.getloadavg()[0]:.1f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
