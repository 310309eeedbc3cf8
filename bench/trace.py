"""Median time of one full trace (forward + backward, every intermediate kept) of one digit.

Prints the NumPy engine's time and, when torch is installed (`pip install torch==2.13.0`; never a
product dependency), PyTorch CPU on the same network and weights measured in the same run,
side by side, with their ratio: for the shipped model and for three non-default architectures
(padding + stride, average pooling, a deeper 3-conv net), all in interleaved rounds.
Usage: python -m bench.trace [--repeats N] [--threads N] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

HEAD = [{"kind": "flatten"}, {"kind": "dense", "units": 10}]
ARCHITECTURES = {
    "padding+stride": [
        {"kind": "conv", "maps": 8, "size": 5, "padding": "same", "stride": 2},
        {"kind": "relu"},
        {"kind": "conv", "maps": 16, "size": 3, "padding": 1, "stride": 2},
        {"kind": "relu"},
        *HEAD,
    ],
    "avgpool": [
        {"kind": "conv", "maps": 8, "size": 5},
        {"kind": "tanh"},
        {"kind": "avgpool", "size": 2},
        {"kind": "conv", "maps": 16, "size": 5},
        {"kind": "tanh"},
        {"kind": "avgpool", "size": 2},
        *HEAD,
    ],
    "deeper 3-conv": [
        {"kind": "conv", "maps": 8, "size": 3},
        {"kind": "relu"},
        {"kind": "conv", "maps": 8, "size": 3},
        {"kind": "relu"},
        {"kind": "maxpool", "size": 2},
        {"kind": "conv", "maps": 16, "size": 3},
        {"kind": "relu"},
        {"kind": "maxpool", "size": 2},
        *HEAD,
    ],
}


def _torch_layer(layer, h, w, params, keep):
    """One engine layer in PyTorch (NCHW), reading the layer's own settings."""
    import torch
    import torch.nn.functional as F

    cfg = layer.config()
    if layer.kind in ("conv", "dense"):
        wt, bt = (w[f"{layer.name}.{k}"].clone().requires_grad_(True) for k in "Wb")
        params += [wt, bt]
        if layer.kind == "dense":
            return F.linear(h, wt, bt)
        return F.conv2d(h, wt, bt, stride=cfg.get("stride", 1), padding=layer.p)
    if layer.kind == "maxpool":
        h, switches = F.max_pool2d(h, layer.k, layer.stride, return_indices=True)
        keep.append(switches)
        return h
    if layer.kind == "avgpool":
        return F.avg_pool2d(h, layer.k, layer.stride)
    if layer.kind == "flatten":
        return h.permute(0, 2, 3, 1).reshape(1, -1)  # our flatten is (r, s, C) row-major
    return {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}[layer.kind](h)


def torch_trace_fn(net, image, label):
    """The same network in PyTorch; returns a function doing one full trace into NumPy arrays."""
    import torch
    import torch.nn.functional as F

    w = {k: torch.from_numpy(v.copy()) for k, v in net.get_weights().items()}
    w = {k: v.permute(0, 3, 1, 2).contiguous() if v.ndim == 4 else v for k, v in w.items()}
    x0 = torch.from_numpy(image.reshape(1, 1, 28, 28).copy())
    target = torch.tensor([label])

    def run():
        keep, params = [], []
        x = x0.clone().requires_grad_(True)
        h = x
        for layer in net.layers:
            h = _torch_layer(layer, h, w, params, keep)
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


def _nets():
    """(name, network): the shipped model, then the three architectures with seeded weights."""
    from convtrace.config import MODELS_DIR
    from convtrace.nn.spec import build
    from convtrace.nn.weights import load

    yield "lenet-relu (shipped)", load(MODELS_DIR / "lenet-relu")[0]
    for name, layers in ARCHITECTURES.items():
        yield name, build({"input": [28, 28, 1], "layers": layers}, seed=1)


def _side_by_side(nets, image, label, args):
    """Interleaved rounds: a shared machine's speed drifts, and drift within a round hits
    every network and both engines alike."""
    import torch
    from convtrace.nn import trace
    from convtrace.nn.bench import median_ms

    torch.set_num_threads(args.threads)
    runs = {}
    for name, net in nets:
        run = torch_trace_fn(net, image, label)
        _, result = trace.collect(net, image, label)
        assert abs(run()[1] - result.loss) < 1e-4 * max(1.0, result.loss), name
        runs[name] = (net, run)
    per_round = max(args.repeats // args.rounds, 20)
    ours = {name: [] for name in runs}
    theirs = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, (net, run) in runs.items():
            ours[name].append(
                median_ms(lambda net=net: trace.collect(net, image, label), per_round, warmup=10)
            )
            theirs[name].append(median_ms(run, per_round, warmup=10))
    print(
        f"full trace of one digit, median of {args.rounds} interleaved rounds of {per_round}; "
        f"pytorch {torch.__version__} CPU, {args.threads} thread"
    )
    print(f"{'network':24} {'numpy ms':>9} {'torch ms':>9} {'ratio':>6}  range        goal")
    for name in runs:
        ratios = sorted(o / t for o, t in zip(ours[name], theirs[name], strict=True))
        goal = "0.40x" if "shipped" in name else "0.50x"
        print(
            f"{name:24} {statistics.median(ours[name]):9.3f} {statistics.median(theirs[name]):9.3f}"
            f" {statistics.median(ratios):5.2f}x  {ratios[0]:.2f}-{ratios[-1]:.2f}x  <= {goal}"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    import numpy as np
    from convtrace.config import MODELS_DIR
    from convtrace.nn import trace
    from convtrace.nn.bench import median_ms

    samples = np.load(MODELS_DIR / "samples.npz")
    image, label = samples["images"][0].astype(np.float32) / 255, int(samples["labels"][0])
    nets = list(_nets())
    if not _has_torch():
        for name, net in nets:
            ms = median_ms(lambda net=net: trace.collect(net, image, label), args.repeats)
            print(f"numpy engine full trace, {name}: {ms:.3f} ms (median of {args.repeats})")
        print("torch not installed: no side-by-side ratio (pip install torch==2.13.0)")
        return 0
    _side_by_side(nets, image, label, args)
    _rebuilt(nets[0][1], image, label, max(args.repeats // args.rounds, 20))
    return 0


def _rebuilt(net, image, label, repeats) -> None:
    """What a request with its own weights costs: a network built (and checked) per trace."""
    from convtrace.nn import trace
    from convtrace.nn.bench import median_ms
    from convtrace.nn.network import Network

    spec, weights = net.spec, net.get_weights()

    def fresh_trace() -> object:
        fresh = Network(spec)
        fresh.set_weights(weights)
        return trace.collect(fresh, image, label)

    shared = median_ms(lambda: trace.collect(net.replica(), image, label), repeats, warmup=10)
    rebuilt = median_ms(fresh_trace, repeats, warmup=10)
    print(
        f"shipped model, network built per trace: {rebuilt:.3f} ms; on a replica of a shared "
        f"network (the registry's way): {shared:.3f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
