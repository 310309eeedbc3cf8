"""`convtrace bench`: time a full trace and training throughput of the shipped default model.

The scripts in bench/ reuse these timers and add the side-by-side PyTorch comparison.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from importlib import resources

import numpy as np

from .network import Network


def median_ms(fn: Callable[[], object], repeats: int, warmup: int = 50) -> float:
    """Median wall time of fn() in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e3


def examples_per_second(
    step: Callable[[int], object],
    batch: int,
    seconds: float,
    clock: Callable[[], float] = time.perf_counter,
    warmup: int = 5,
) -> float:
    """Run step(i) for about ``seconds`` of ``clock`` after a short warm-up; examples per
    second of that clock (wall time by default; ``time.process_time`` gives CPU seconds)."""
    for i in range(warmup):
        step(i)
    n, start = 0, clock()
    while clock() - start < seconds:
        step(n)
        n += 1
    return n * batch / (clock() - start)


def training_step(
    net: Network, batch: int, lr: float = 0.01, seed: int = 0, threads: int = 1
) -> Callable[[int], object]:
    """An SGD+momentum step on random batches (pure compute, no augmentation); ``threads`` > 1
    splits each batch over threads (``parallel.DataParallel``, left open for the process)."""
    from .parallel import DataParallel
    from .train import SGD

    rng = np.random.default_rng(seed)
    x = rng.random((batch * 20, *net.input_shape), dtype=np.float32)
    y = rng.integers(0, net.classes, batch * 20)
    opt = SGD(lr, 0.9)
    model = DataParallel(net, threads)

    def step(i: int) -> None:
        s = slice((i % 20) * batch, (i % 20 + 1) * batch)
        model.loss_and_grads(x[s], y[s])
        opt.step(net)

    return step


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="convtrace bench", description=__doc__)
    parser.add_argument("--repeats", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args(argv)
    from . import trace
    from .weights import load

    # the shipped model, found as package data: the engine does not read the app's config
    with resources.as_file(resources.files("convtrace") / "models") as models:
        net, _ = load(models / "lenet-relu")
        samples = np.load(models / "samples.npz")
    image, label = samples["images"][0] / np.float32(255), int(samples["labels"][0])
    ms = median_ms(lambda: trace.collect(net, image, label), args.repeats)
    print(f"full trace of one digit: {ms:.3f} ms (median of {args.repeats})")
    rate = examples_per_second(training_step(net, args.batch), args.batch, args.seconds)
    print(f"training at batch {args.batch}: {rate:.0f} examples/s")
    return 0
