"""Is a student's network priced fairly? The admission budget charges ``ceil(macs / shipped
macs)`` work units (api/cost.py); this prints, in one interleaved run, the CPU time of one whole
trace encoded as the API sends it, for the shipped network and networks of growing size, with
the units each is charged and the time per unit relative to the shipped network's (near 1 or
below: the budget charges at least what the work costs). BLAS threads matter: run it also with
OPENBLAS_NUM_THREADS=1 (on a busy 2-core machine the multi-threaded BLAS of a large network
costs ~15x the CPU time of one thread).
Usage: python -m bench.network_cost [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from convtrace.api.cost import units
from convtrace.config import Settings
from convtrace.encoding import trace_chunks
from convtrace.networks import build
from convtrace.nn import trace as engine
from convtrace.nn.network import Network
from convtrace.nn.spec import check
from convtrace.registry import Registry

HEAD = [{"kind": "flatten"}, {"kind": "dense", "units": 10}]
SPECS = {
    "conv 5x5x32": [{"kind": "conv", "maps": 32, "size": 5}, {"kind": "relu"}, *HEAD],
    "conv 5x5x64, 3x3x16": [
        {"kind": "conv", "maps": 64, "size": 5},
        {"kind": "relu"},
        {"kind": "conv", "maps": 16, "size": 3},
        {"kind": "relu"},
        *HEAD,
    ],
    "conv 5x5x64, 3x3x32 (same)": [
        {"kind": "conv", "maps": 64, "size": 5, "padding": "same"},
        {"kind": "relu"},
        {"kind": "maxpool", "size": 2},
        {"kind": "conv", "maps": 32, "size": 3, "padding": "same"},
        {"kind": "relu"},
        {"kind": "maxpool", "size": 2},
        *HEAD,
    ],
}


def cpu_ms(net: Network, image: np.ndarray) -> float:
    start = time.process_time()
    b"".join(trace_chunks(engine.run(net, image, 3), "b64", "bench"))
    return (time.process_time() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    settings = Settings()
    registry = Registry.load(settings.models_dir, settings.default_model)
    image = registry.samples.images[0]
    nets = {"shipped (lenet-relu)": registry.get().network()}
    for name, layers in SPECS.items():
        nets[name] = build({"input": [28, 28, 1], "layers": layers}, init_seed=1)
    times: dict[str, list[float]] = {name: [] for name in nets}
    for _ in range(rounds):  # interleaved: a busy moment slows every network alike
        for name, net in nets.items():
            times[name].append(cpu_ms(net, image))
    base = statistics.median(times["shipped (lenet-relu)"])
    print(
        f"{'network':30} {'macs':>10} {'units':>5} {'CPU ms':>7} {'x shipped':>9} {'per unit':>8}"
    )
    for name, net in nets.items():
        macs = int(check(net.spec)["macs"])
        ms = statistics.median(times[name])
        n = units(macs)
        print(f"{name:30} {macs:>10} {n:>5} {ms:>7.2f} {ms / base:>9.2f} {ms / base / n:>8.2f}")


if __name__ == "__main__":
    main()
