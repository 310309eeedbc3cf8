"""Median time of one full trace (forward + backward, every intermediate kept) of one digit.

Prints the NumPy engine's time and, when torch is installed (`pip install torch==2.13.0`; never a
product dependency), PyTorch CPU on the same network and weights measured in the same run,
side by side, with their ratio: for the shipped model and for every other preset of the
architecture editor (what a student gets from its menu), in interleaved rounds.
In each round every network runs on both engines in turn; ratios are of the median CPU time
(what a busy machine distorts least) and of the median wall time per trace in a round, then the
median over the rounds and their range.
Usage: python -m bench.trace [--repeats N] [--threads N] [--rounds N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys

HEAD = [{"kind": "flatten"}, {"kind": "dense", "units": 10}]
RELU = {"kind": "relu"}
MAXPOOL = {"kind": "maxpool", "size": 2}
AVGPOOL = {"kind": "avgpool", "size": 2}


def _conv(maps: int, size: int, **options: object) -> dict:
    return {"kind": "conv", "maps": maps, "size": size, **options}


def _same(maps: int) -> dict:
    return _conv(maps, 3, padding="same")


# The editor's presets but the shipped LeNet (frontend/js/arch-spec.js, PRESETS), by their
# English names; tests/browser/test_arch_modules.py checks that they are the page's, exactly:
# every architecture the menu offers, not a selection that benchmarks well.
ARCHITECTURES = {
    "no pooling": [_conv(8, 5), RELU, _conv(16, 5), RELU, *HEAD],
    "3x3 filters": [_same(8), RELU, MAXPOOL, _same(16), RELU, MAXPOOL, *HEAD],
    "strided instead of pooled": [
        _conv(8, 5, padding=2, stride=2),
        RELU,
        _conv(16, 5, padding=2, stride=2),
        RELU,
        *HEAD,
    ],
    "average pooling": [_conv(8, 5), RELU, AVGPOOL, _conv(16, 5), RELU, AVGPOOL, *HEAD],
    "deeper (3 conv)": [
        *(_same(8), RELU, MAXPOOL, _same(16), RELU, MAXPOOL, _same(32), RELU),
        *HEAD,
    ],
    "MLP (no conv)": [{"kind": "flatten"}, {"kind": "dense", "units": 64}, RELU, HEAD[1]],
}
# the catalogue key (arch.preset.<key>) of each
PRESET_KEYS = dict(
    zip(ARCHITECTURES, ("nopool", "small", "strided", "avgpool", "deeper", "mlp"), strict=True)
)


def _torch_op(layer, w, params):
    """One engine layer as a PyTorch function of h (NCHW), made once per network: the trace
    then pays for PyTorch's work only, not for reading our layers' settings."""
    import torch
    import torch.nn.functional as F

    if layer.kind in ("conv", "dense"):
        wt, bt = (w[f"{layer.name}.{k}"].requires_grad_(True) for k in "Wb")
        params += [wt, bt]
        if layer.kind == "dense":
            return functools.partial(F.linear, weight=wt, bias=bt)
        return functools.partial(F.conv2d, weight=wt, bias=bt, stride=layer.stride, padding=layer.p)
    if layer.kind == "maxpool":  # returns (a, switches)
        return functools.partial(F.max_pool2d, kernel_size=layer.k, stride=layer.stride,
                                 return_indices=True)  # fmt: skip
    if layer.kind == "avgpool":
        return functools.partial(F.avg_pool2d, kernel_size=layer.k, stride=layer.stride)
    if layer.kind == "flatten":
        return lambda h: h.permute(0, 2, 3, 1).reshape(1, -1)  # our flatten is (r, s, C)
    return {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}[layer.kind]


def torch_trace_fn(net, image, label):
    """The same network in PyTorch; returns a function doing one full trace into NumPy arrays:
    every layer's output and its gradient, max-pool switches, every parameter's gradient."""
    import torch.nn.functional as F
    from torch import from_numpy, tensor

    w = {k: from_numpy(v.copy()) for k, v in net.get_weights().items()}
    w = {k: v.permute(0, 3, 1, 2).contiguous() if v.ndim == 4 else v for k, v in w.items()}
    x = from_numpy(image.reshape(1, 1, 28, 28).copy()).requires_grad_(True)
    target = tensor([label])
    params: list = []  # leaves made once, as a framework's model holds them
    ops = [(layer.kind == "maxpool", _torch_op(layer, w, params)) for layer in net.layers]

    def run():
        for leaf in (x, *params):
            leaf.grad = None
        keep = []
        h = x
        for pooled, op in ops:
            h = op(h)
            if pooled:
                h, switches = h
                keep.append(switches)
            h.retain_grad()
            keep.append(h)
        loss = F.cross_entropy(h, target)
        loss.backward()
        out = [t.detach().numpy() for t in keep] + [x.grad.numpy()]
        out += [t.grad.numpy() for t in keep if t.grad is not None]
        out += [p.grad.numpy() for p in params]
        return out, loss.item()

    return run


def _has_torch() -> bool:
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def _nets(only=()):
    """(name, network): the shipped model, then the presets (those named in ``only``, if any)
    with seeded weights."""
    from convtrace.config import MODELS_DIR
    from convtrace.nn.spec import build
    from convtrace.nn.weights import load

    yield "lenet-relu (shipped)", load(MODELS_DIR / "lenet-relu")[0]
    for name, layers in ARCHITECTURES.items():
        if not only or name in only:
            yield name, build({"input": [28, 28, 1], "layers": layers}, seed=1)


def _timed(fn, repeats: int, warmup: int = 10) -> tuple[float, float]:
    """(median CPU ms, median wall ms) per call of fn(), ``repeats`` calls in a row. CPU time
    (this process's, every thread) is what another process's load changes least; wall time is
    what a student waits. (Alternating the engines call by call instead measures each with
    caches the other has just flushed: both slower, NumPy's many small arrays the most.)"""
    import time

    for _ in range(warmup):
        fn()
    cpu, wall = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
        fn()
        cpu.append(time.process_time_ns() - start_cpu)
        wall.append(time.perf_counter_ns() - start)
    return statistics.median(cpu) / 1e6, statistics.median(wall) / 1e6


def _ratios(ours: list[float], theirs: list[float]) -> str:
    ratios = sorted(o / t for o, t in zip(ours, theirs, strict=True))
    return f"{statistics.median(ratios):5.2f}x {ratios[0]:.2f}-{ratios[-1]:.2f}"


def _side_by_side(nets, image, label, args):
    """Interleaved rounds: a shared machine's speed drifts, and drift within a round hits
    every network and both engines alike."""
    import torch
    from convtrace.nn import trace

    torch.set_num_threads(args.threads)
    runs = {}
    for name, net in nets:
        run = torch_trace_fn(net, image, label)
        _, result = trace.collect(net, image, label)
        assert abs(run()[1] - result.loss) < 1e-4 * max(1.0, result.loss), name
        runs[name] = (net, run)
    per_round = max(args.repeats // args.rounds, 20)
    times: dict[str, dict[str, list[float]]] = {
        name: {k: [] for k in ("cpu", "wall", "torch cpu", "torch wall")} for name in runs
    }
    load = os.getloadavg()[0]
    for _ in range(args.rounds):
        for name, (net, run) in runs.items():
            cpu, wall = _timed(functools.partial(trace.collect, net, image, label), per_round)
            tcpu, twall = _timed(run, per_round)
            for key, value in zip(times[name], (cpu, wall, tcpu, twall), strict=True):
                times[name][key].append(value)
    print(
        f"full trace of one digit, {args.rounds} interleaved rounds of {per_round}; pytorch "
        f"{torch.__version__} CPU, {args.threads} thread; load average {load:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after (on {os.cpu_count()} cores)"
    )
    print(
        f"{'network':26} {'CPU ms numpy':>12} {'torch':>6} {'CPU ratio  range':>17}"
        f" {'wall ratio range':>17}  goal"
    )
    med = statistics.median
    met = []
    for name, t in times.items():
        goal = 0.40 if "shipped" in name else 0.50
        ratio = med([o / t for o, t in zip(t["cpu"], t["torch cpu"], strict=True)])
        met.append(ratio <= goal)
        print(
            f"{name:26} {med(t['cpu']):12.3f} {med(t['torch cpu']):6.3f} "
            f"{_ratios(t['cpu'], t['torch cpu']):>17} {_ratios(t['wall'], t['torch wall']):>17}"
            f"  <= {goal:.2f}x {'met' if ratio <= goal else 'MISSED'}"
        )
    print(f"CPU-ratio goal met for {sum(met[1:])} of {len(met) - 1} presets", end="")
    print(f"; shipped model {'met' if met[0] else 'MISSED'}")
    shipped = times[next(iter(times))]
    print(
        f"numpy engine  full trace: {med(shipped['cpu']):.3f} ms CPU, "
        f"{med(shipped['wall']):.3f} ms wall  (shipped model)"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--only", nargs="*", default=(), choices=list(ARCHITECTURES),
                        metavar="NAME", help="these presets only (default: all)")  # fmt: skip
    args = parser.parse_args(argv)
    import numpy as np
    from convtrace.config import MODELS_DIR
    from convtrace.nn import trace
    from threadpoolctl import threadpool_limits

    # NumPy's OpenBLAS reads OPENBLAS_NUM_THREADS, not OMP_NUM_THREADS: limited here, both
    # engines run on the same number of threads
    threadpool_limits(args.threads)

    samples = np.load(MODELS_DIR / "samples.npz")
    image, label = samples["images"][0].astype(np.float32) / 255, int(samples["labels"][0])
    nets = list(_nets(args.only))
    if not _has_torch():
        print(f"load average {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
        for name, net in nets:
            cpu, wall = _timed(lambda net=net: trace.collect(net, image, label), args.repeats)
            print(f"numpy engine  full trace: {cpu:.3f} ms CPU, {wall:.3f} ms wall  ({name})")
        print("torch not installed: no side-by-side ratio (pip install torch==2.13.0)")
        return 0
    _side_by_side(nets, image, label, args)
    _rebuilt(nets[0][1], image, label, max(args.repeats // args.rounds, 20))
    return 0


def _rebuilt(net, image, label, repeats) -> None:
    """What a request with its own weights costs: a network built (and checked) per trace."""
    from convtrace.nn import trace
    from convtrace.nn.network import Network

    spec, weights = net.spec, net.get_weights()

    def fresh_trace() -> object:
        fresh = Network(spec)
        fresh.set_weights(weights)
        return trace.collect(fresh, image, label)

    shared = _timed(lambda: trace.collect(net.replica(), image, label), repeats)[0]
    rebuilt = _timed(fresh_trace, repeats)[0]
    print(
        f"shipped model, network built per trace: {rebuilt:.3f} ms CPU; on a replica of a shared "
        f"network (the registry's way): {shared:.3f} ms CPU"
    )


if __name__ == "__main__":
    sys.exit(main())
