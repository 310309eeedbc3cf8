"""Every streamed number against an independent float64 reference, confident digits included.

The reference below is written from the derivation in plain float64 NumPy, one loop over the
filter offsets (a, b) per convolution sum, so it shares no code and no formulation with the
engine (im2col, shift-and-add) or with ``equations.py`` (einsum). It uses the shipped weights and
sample digits. For a digit the network is sure of, traced with its true label, L is 1e-6 down to
1e-12 and p_y − 1 as small: computed from p_y ≈ 1 in float32, they keep only rounding (the
gradients were 4-5 % off). Every array the trace streams must agree with the reference to 1e-4
of the array's largest magnitude.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest
from convtrace.nn import trace
from convtrace.nn.network import Network
from convtrace.nn.weights import load

MODELS = resources.files("convtrace") / "models"
TOLERANCE = 1e-4  # of the array's largest magnitude


def _conv(a: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """z_{i,j,m} = Σ_{a,b,c} w^m_{a,b,c} a_{i+a,j+b,c} + b^m, one offset (a, b) at a time."""
    d = w.shape[1]
    rows, cols = a.shape[0] - d + 1, a.shape[1] - d + 1
    z = np.zeros((rows, cols, w.shape[0])) + b
    for i in range(d):
        for j in range(d):
            z += a[i : i + rows, j : j + cols, :] @ w[:, i, j, :].T
    return z


def _conv_backward(a: np.ndarray, w: np.ndarray, dz: np.ndarray) -> tuple[np.ndarray, ...]:
    """(dL/dw, dL/db, dL/da) from dz, offset by offset: the same sums read the other way."""
    d, (rows, cols, _) = w.shape[1], dz.shape
    dw, da = np.zeros_like(w), np.zeros_like(a)
    for i in range(d):
        for j in range(d):
            window = a[i : i + rows, j : j + cols, :]
            dw[:, i, j, :] = np.tensordot(dz, window, axes=([0, 1], [0, 1]))
            da[i : i + rows, j : j + cols, :] += dz @ w[:, i, j, :]
    return dw, dz.sum(axis=(0, 1)), da


def _pool(a: np.ndarray, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pooled values and the mask of the winners, at the engine's switch ``cells``.

    The switches are the one discrete choice of the forward pass, so the reference routes
    through the same ones: a sigmoid saturates to exactly 1.0 in float32, a tie the first
    cell wins, where float64 still tells the cells apart. Each winner must hold its window's
    float64 maximum up to float32 rounding.
    """
    r, s, c = a.shape
    k = r // cells.shape[0]
    channel = np.broadcast_to(np.arange(c), cells.shape[:-1])
    mask = np.zeros_like(a)
    mask[cells[..., 0], cells[..., 1], channel] = 1
    pooled = a[cells[..., 0], cells[..., 1], channel]
    largest = a.reshape(r // k, k, s // k, k, c).max(axis=(1, 3))
    np.testing.assert_allclose(pooled, largest, rtol=1e-6, atol=1e-6)
    return pooled, mask


def reference(
    net: Network, image: np.ndarray, label: int, switches: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Every tensor of one forward and backward pass in float64, by trace name; the pools
    route through ``switches`` (the engine's, by pool name; see ``_pool``)."""
    w = {key: value.astype(np.float64) for key, value in net.get_weights().items()}
    a, out = image.astype(np.float64).reshape(28, 28, 1), {}
    kept = []
    for layer in net.layers:
        kept.append(a)
        if layer.kind == "conv":
            a = _conv(a, w[f"{layer.name}.W"], w[f"{layer.name}.b"])
        elif layer.kind == "maxpool":
            a, mask = _pool(a, switches[layer.name])
            kept[-1] = mask
        elif layer.kind == "flatten":
            a = a.reshape(-1)
        elif layer.kind == "dense":
            a = w[f"{layer.name}.W"] @ a + w[f"{layer.name}.b"]
        elif layer.function == "relu":
            a = np.maximum(a, 0)
        else:
            a = 1 / (1 + np.exp(-a))
        out[f"{layer.name}.{layer.output}"] = a
    # p_k and, for the target, 1 - p_y = Σ_{k≠y} p_k; L = log1p(Σ_{k≠y} e^{z_k - z_y})
    others = np.delete(np.arange(10), label)
    e = np.exp(a - a.max())
    p = e / e.sum()
    out["loss.p"], out["loss.L"] = p, np.log1p(np.exp(a[others] - a[label]).sum())
    error = p.copy()
    error[label] = -p[others].sum()
    for layer, below in zip(net.layers[::-1], kept[::-1], strict=True):
        out[f"{layer.name}.dL_d{layer.output}"] = error
        if layer.kind == "dense":
            out["dense.dL_dW"], out["dense.dL_db"] = np.outer(error, below), error
            error = w["dense.W"].T @ error
        elif layer.kind == "flatten":
            error = error.reshape(4, 4, 16)
        elif layer.kind == "maxpool":
            error = np.repeat(np.repeat(error, 2, axis=0), 2, axis=1) * below
        elif layer.kind == "conv":
            grads = _conv_backward(below, w[f"{layer.name}.W"], error)
            out[f"{layer.name}.dL_dW"], out[f"{layer.name}.dL_db"], error = grads
        else:  # σ′(z) from the kept input z
            s = 1 / (1 + np.exp(-below))
            error = error * ((below > 0) if layer.function == "relu" else s * (1 - s))
    out["input.dL_dx"] = error
    return out


def _model(name: str) -> Network:
    return load(MODELS / name)[0]


def _samples() -> tuple[np.ndarray, np.ndarray]:
    with np.load(MODELS / "samples.npz") as samples:
        return samples["images"].astype(np.float32) / 255, samples["labels"]


def _cases(name: str) -> list[tuple[int, int]]:
    """(sample, target): the most confident digit with its true label, two more with loss
    <= 1e-6, and two of them with a wrong target."""
    net, (images, labels) = _model(name), _samples()
    logits = net.forward(images.reshape(-1, 28, 28, 1).astype(np.float64))
    margin = logits[np.arange(len(labels)), labels] - np.sort(logits, axis=1)[:, -2]
    order = np.argsort(margin)[::-1]
    # loss <= 1e-6 takes a margin of about log(9e6) (the sigmoid model has only one such digit:
    # then its three most confident)
    sure = order[: max(3, int(np.sum(margin > np.log(9e6))))]
    confident = [int(sure[0]), int(sure[len(sure) // 3]), int(sure[2 * len(sure) // 3])]
    cases = [(i, int(labels[i])) for i in confident]
    return cases + [(i, (int(labels[i]) + 3) % 10) for i in confident[:2]]


def _worst(records: list[trace.Record], expected: dict[str, np.ndarray]) -> dict[str, float]:
    """Per streamed float array: max |engine - reference| / max |reference|."""
    errors = {}
    for record in records:
        if record.quantity == "switches":
            continue
        want = expected.get(record.name) if record.name != "input.x" else None
        if want is None:
            continue
        got = np.asarray(record.array, np.float64).reshape(want.shape)
        errors[record.name] = float(np.abs(got - want).max() / max(np.abs(want).max(), 1e-300))
    return errors


@pytest.mark.parametrize(("name", "smallest"), [("lenet-relu", 1e-10), ("lenet-sigmoid", 1e-6)])
def test_every_streamed_array_matches_a_float64_reference(name, smallest):
    net, (images, _) = _model(name), _samples()
    losses = []
    for sample, target in _cases(name):
        records, result = trace.collect(net, images[sample], target)
        switches = {r.layer: r.array for r in records if r.quantity == "switches"}
        expected = reference(net, images[sample], target, switches)
        errors = _worst(records, expected)
        assert {"loss.p", "loss.L", "dense.dL_dz", "conv1.dL_dW", "input.dL_dx"} <= errors.keys()
        bad = {key: f"{value:.2g}" for key, value in errors.items() if value > TOLERANCE}
        assert not bad, (name, sample, target, float(expected["loss.L"]), bad)
        assert result.loss == pytest.approx(float(expected["loss.L"]), rel=TOLERANCE)
        losses.append(float(expected["loss.L"]))
    assert min(losses) < smallest, "the most confident sample (relu: 2e-11)"
    assert sum(loss <= 3e-6 for loss in losses) >= 3
