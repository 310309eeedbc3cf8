"""Median time of one full trace (forward + backward, every intermediate kept) of one digit.

Prints the NumPy engine's time and, when torch is installed (`pip install torch==2.13.0`; never a
product dependency), PyTorch CPU on the same network and weights measured in the same run,
side by side, with their ratio. Usage: python -m bench.trace [--repeats N] [--threads N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys


def torch_trace_fn(net, image, label):
    """The same network in PyTorch; returns a function doing one full trace into NumPy arrays."""
    import torch
    import torch.nn.functional as F

    w = {k: torch.from_numpy(v.copy()) for k, v in net.get_weights().items()}
    conv = {k: v.permute(0, 3, 1, 2).contiguous() for k, v in w.items() if v.ndim == 4}
    x0 = torch.from_numpy(image.reshape(1, 1, 28, 28).copy())
    target = torch.tensor([label])

    def run():
        keep = []
        x = x0.clone().requires_grad_(True)
        params = []
        h = x
        for layer in net.layers:
            if layer.kind == "conv":
                wt = conv[f"{layer.name}.W"].clone().requires_grad_(True)
                bt = w[f"{layer.name}.b"].clone().requires_grad_(True)
                params += [wt, bt]
                h = F.conv2d(h, wt, bt)
            elif layer.kind == "activation":
                h = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}[
                    layer.function
                ](h)
            elif layer.kind == "maxpool":
                h, switches = F.max_pool2d(h, layer.k, return_indices=True)
                keep.append(switches)
            elif layer.kind == "flatten":
                h = h.permute(0, 2, 3, 1).reshape(1, -1)  # our flatten is (r, s, C) row-major
            else:
                wt = w[f"{layer.name}.W"].clone().requires_grad_(True)
                bt = w[f"{layer.name}.b"].clone().requires_grad_(True)
                params += [wt, bt]
                h = F.linear(h, wt, bt)
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
    from convtrace.nn.bench import median_ms as _median_ms
    from convtrace.nn.network import Network
    from convtrace.nn.weights import load

    net, _ = load(MODELS_DIR / "lenet-relu")
    samples = np.load(MODELS_DIR / "samples.npz")
    image, label = samples["images"][0].astype(np.float32) / 255, int(samples["labels"][0])
    if not _has_torch():
        ours = _median_ms(lambda: trace.collect(net, image, label), args.repeats)
        print(f"numpy engine full trace: {ours:.3f} ms (median of {args.repeats})")
        print("torch not installed: no side-by-side ratio (pip install torch==2.13.0)")
        return 0
    import torch

    torch.set_num_threads(args.threads)
    run = torch_trace_fn(net, image, label)
    _, torch_loss = run()
    _, result = trace.collect(net, image, label)
    assert abs(torch_loss - result.loss) < 1e-4, (torch_loss, result.loss)
    # Interleaved rounds: a shared machine's speed drifts, and drift within a round hits both.
    per_round = max(args.repeats // args.rounds, 20)
    ours, theirs = [], []
    for _ in range(args.rounds):
        ours.append(_median_ms(lambda: trace.collect(net, image, label), per_round, warmup=10))
        theirs.append(_median_ms(run, per_round, warmup=10))
    ratios = sorted(o / t for o, t in zip(ours, theirs, strict=True))
    spec, weights = net.spec, net.get_weights()

    def fresh_trace() -> object:  # what the API does today: a network built per request
        fresh = Network(spec)
        fresh.set_weights(weights)
        return trace.collect(fresh, image, label)

    rebuilt = _median_ms(fresh_trace, per_round, warmup=10)
    print(f"numpy engine          full trace: {statistics.median(ours):.3f} ms")
    print(
        f"pytorch {torch.__version__} full trace: {statistics.median(theirs):.3f} ms "
        f"({args.threads} thread)"
    )
    print(
        f"numpy engine, network built per trace: {rebuilt:.3f} ms "
        f"({rebuilt / statistics.median(ours):.2f}x a trace on a built network)"
    )
    print(
        f"ratio numpy/pytorch: {statistics.median(ratios):.2f}x median of {args.rounds} "
        f"interleaved rounds of {per_round} (range {ratios[0]:.2f}-{ratios[-1]:.2f}x; "
        f"goal <= 0.40x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
