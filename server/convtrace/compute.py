"""The gradient check the API offers: backprop's gradients against central differences.

Pure NumPy on ``convtrace.nn``; no HTTP here. It gets a network of its own (see
``convtrace.registry``) and may change it freely.
"""

from __future__ import annotations

import numpy as np

from convtrace.digits import input_image as input_image  # routes/gradcheck imports it from here
from convtrace.nn.layers import MaxPool2D, ReLU
from convtrace.nn.loss import softmax_cross_entropy
from convtrace.nn.network import Network

EPSILON = 1e-5  # central differences: truncation ~eps^2, rounding ~machine eps / eps
# Numeric derivatives in extended precision where the platform has it (x86: 80-bit, eps 1e-19):
# a confidently classified digit has gradients of 1e-9 and below, which float64 differences
# (rounding ~5e-12 after dividing by 2 eps) cannot resolve.
CHECK_DTYPE = np.longdouble
REL_TARGET = 1e-6  # the agreement a check is meant to show


def _batch(net: Network, image: np.ndarray, dtype=np.float32) -> np.ndarray:
    """(28, 28) -> (1, 28, 28, 1) in the network's input layout."""
    return np.asarray(image, dtype=dtype).reshape(1, *net.input_shape)


def _target(net: Network, x: np.ndarray, label: int | None) -> int:
    return int(np.argmax(net.forward(x)[0])) if label is None else int(label)


def _loss(net: Network, x: np.ndarray, labels: np.ndarray) -> tuple[float, bytes]:
    """The loss, and which piece of the piecewise-linear network we are on: every max-pool
    switch and the sign of every ReLU input. Where these differ between w - eps and w + eps the
    loss has a kink between them (a tie in a pooling window, a ReLU input at exactly 0, common
    on blank background) and a central difference does not estimate the one-sided derivative
    backprop uses."""
    loss = softmax_cross_entropy(net.forward(x), labels)[0]
    region = b"".join(
        layer.switches.tobytes() if isinstance(layer, MaxPool2D) else (layer.z > 0).tobytes()
        for layer in net.layers
        if isinstance(layer, MaxPool2D | ReLU)
    )
    return loss, region


def _rel_error(a: float, n: float) -> float:
    return abs(a - n) / max(abs(a) + abs(n), 1e-12)


def noise_floor(loss: float, eps: float, dtype=CHECK_DTYPE) -> float:
    """Rounding uncertainty of a central difference: the loss is known to about machine eps
    times (1 + |L|) (log-sum-exp adds O(1) terms); 10x margin; divided by the 2 eps step."""
    return float(10 * np.finfo(dtype).eps * (1 + abs(loss)) / (2 * eps))


def _check(net, x, labels, array, analytic, count, rng, eps, sigma) -> dict:
    """Central differences at ``count`` random entries of ``array`` (changed in place, restored)."""
    picks = rng.choice(array.size, size=min(count, array.size), replace=False)
    checks = []
    for flat in sorted(int(i) for i in picks):
        index = np.unravel_index(flat, array.shape)
        kept = array[index]
        array[index] = kept + eps
        up, up_region = _loss(net, x, labels)
        array[index] = kept - eps
        down, down_region = _loss(net, x, labels)
        array[index] = kept
        # dL/dw ~ (L(w + eps) - L(w - eps)) / (2 eps)
        numeric, exact = (up - down) / (2 * eps), float(analytic[index])
        numeric = float(numeric)
        checks.append(
            {
                "index": [int(i) for i in index],
                "analytic": exact,
                "numeric": numeric,
                "rel_error": _rel_error(exact, numeric),
                "kink": up_region != down_region,
                # too small to verify to REL_TARGET against the differences' own noise
                "below_noise": (abs(exact) + abs(numeric)) * REL_TARGET < sigma,
            }
        )
    counted = [c["rel_error"] for c in checks if not (c["kink"] or c["below_noise"])]
    return {
        "max_rel_error": max(counted, default=None),
        "kinks": sum(c["kink"] for c in checks),
        "below_noise": sum(c["below_noise"] and not c["kink"] for c in checks),
        "checks": checks,
    }


def gradient_check(
    net: Network,
    image: np.ndarray,
    label: int | None,
    samples_per_param: int,
    seed: int | None,
    eps: float = EPSILON,
) -> tuple[int, float, list[dict]]:
    """Backprop's gradients against numerical ones, in extended precision, for every parameter
    and the input. Returns (target label, noise floor, [{"param", "max_rel_error", "kinks",
    "below_noise", "checks"}]); max_rel_error leaves out checks that straddle a kink and checks
    whose gradient is below what the differences can resolve (both flagged per check)."""
    net.astype(CHECK_DTYPE)
    x = _batch(net, image, CHECK_DTYPE)
    labels = np.array([_target(net, x, label)])
    loss, _, dz = softmax_cross_entropy(net.forward(x), labels)
    dx = net.backward(dz)
    sigma = noise_floor(loss, eps)
    rng = np.random.default_rng(seed)
    results = []
    for layer in net.layers:
        for key, w in layer.params.items():
            found = _check(
                net, x, labels, w, layer.grads[key].copy(), samples_per_param, rng, eps, sigma
            )
            results.append({"param": f"{layer.name}.{key}", **found})
    found = _check(net, x, labels, x, dx, samples_per_param, rng, eps, sigma)
    found["checks"] = [{**c, "index": c["index"][1:]} for c in found["checks"]]  # drop batch axis
    results.append({"param": "input.x", **found})
    return int(labels[0]), sigma, results
