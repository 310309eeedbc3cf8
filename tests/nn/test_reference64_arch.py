"""Every streamed number of networks built from every layer kind and option, against an
independent float64 reference (the companion of ``test_reference64``, which covers the shipped
models).

The reference is written here from the equations in plain float64 NumPy: one slice per filter
offset (a, b) or window slot over an explicitly zero-padded copy, so it shares no code and no
formulation with the engine (im2col, shift-and-add, slot tables) or with the einsum references
in ``kinds/``. Weights are seeded He/Glorot (``spec.build``); each network is traced on sample
digits with its own prediction as the target after its last layer is scaled up (a confident
answer: L far below float32's rounding of 1), with a wrong target, and unscaled. Every array
must agree with the reference to 1e-4 of the array's largest magnitude.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest
from convtrace.nn import trace
from convtrace.nn.network import Network
from convtrace.nn.spec import build

TOLERANCE = 1e-4  # of the array's largest magnitude
HEAD = [{"kind": "flatten"}, {"kind": "dense", "units": 10}]


def _conv(maps, size, padding=0, stride=1):
    return {"kind": "conv", "maps": maps, "size": size, "padding": padding, "stride": stride}


ARCHITECTURES = {
    "padding-and-stride": [_conv(8, 5, "same", 2), {"kind": "relu"}, _conv(16, 3, 1, 2),
                           {"kind": "relu"}, *HEAD],
    "average-pooling": [_conv(6, 5), {"kind": "tanh"}, {"kind": "avgpool", "size": 2},
                        _conv(12, 5), {"kind": "tanh"}, {"kind": "avgpool", "size": 2}, *HEAD],
    "deeper-3-conv": [_conv(8, 3), {"kind": "relu"}, _conv(8, 3), {"kind": "relu"},
                      {"kind": "maxpool", "size": 2}, _conv(16, 3), {"kind": "relu"},
                      {"kind": "maxpool", "size": 2}, *HEAD],
    "overlapping-max-pool": [_conv(8, 5), {"kind": "relu"},
                             {"kind": "maxpool", "size": 3, "stride": 2}, _conv(12, 3, "same"),
                             {"kind": "sigmoid"}, {"kind": "maxpool", "size": 2}, *HEAD],
    "mlp": [{"kind": "flatten"}, {"kind": "dense", "units": 64}, {"kind": "tanh"},
            {"kind": "dense", "units": 32}, {"kind": "relu"}, {"kind": "dense", "units": 10}],
    "strided-sigmoid-hidden-dense": [_conv(8, 4, 0, 3), {"kind": "sigmoid"}, _conv(8, 3, 1, 2),
                                     {"kind": "relu"}, {"kind": "flatten"},
                                     {"kind": "dense", "units": 16}, {"kind": "sigmoid"},
                                     {"kind": "dense", "units": 10}],
    "avgpool-overlap-1x1": [_conv(4, 1), {"kind": "relu"},
                            {"kind": "avgpool", "size": 3, "stride": 2}, _conv(8, 3, 2),
                            {"kind": "tanh"}, {"kind": "maxpool", "size": 2, "stride": 1}, *HEAD],
}  # fmt: skip


def _padded(a: np.ndarray, p: int) -> np.ndarray:
    out = np.zeros((a.shape[0] + 2 * p, a.shape[1] + 2 * p, a.shape[2]))
    out[p : p + a.shape[0], p : p + a.shape[1]] = a
    return out


def _span(offset: int, count: int, stride: int) -> slice:
    """The rows S i + offset for i < count."""
    return slice(offset, offset + stride * (count - 1) + 1, stride)


def _conv_forward(a, w, b, p, stride):
    d, padded = w.shape[1], _padded(a, p)
    rows, cols = ((n - d) // stride + 1 for n in padded.shape[:2])
    z = np.zeros((rows, cols, w.shape[0])) + b
    for i in range(d):
        for j in range(d):
            z += padded[_span(i, rows, stride), _span(j, cols, stride)] @ w[:, i, j, :].T
    return z


def _conv_backward(a, w, p, stride, dz):
    d, padded = w.shape[1], _padded(a, p)
    rows, cols, _ = dz.shape
    dw, dpadded = np.zeros_like(w), np.zeros_like(padded)
    for i in range(d):
        for j in range(d):
            at = (_span(i, rows, stride), _span(j, cols, stride))
            dw[:, i, j, :] = np.tensordot(dz, padded[at], axes=([0, 1], [0, 1]))
            dpadded[at] += dz @ w[:, i, j, :]
    return dw, dz.sum(axis=(0, 1)), dpadded[p : p + a.shape[0], p : p + a.shape[1]]


def _slots(a, k, stride):
    """(slice rows, slice cols) of every window slot (a, b), and the window counts."""
    rows, cols = ((n - k) // stride + 1 for n in a.shape[:2])
    at = [(_span(i, rows, stride), _span(j, cols, stride)) for i in range(k) for j in range(k)]
    return at, rows, cols


def _avgpool(a, k, stride):
    at, _, _ = _slots(a, k, stride)
    return sum(a[s] for s in at) / k**2


def _avgpool_backward(a, k, stride, dy):
    at, _, _ = _slots(a, k, stride)
    da = np.zeros_like(a)
    for s in at:
        da[s] += dy / k**2
    return da


def _maxpool(a, k, stride, cells):
    """Routed through the engine's switch ``cells`` (the one discrete choice: float32 rounding
    may break a tie differently); each winner must hold its window's float64 maximum."""
    at, _, _ = _slots(a, k, stride)
    largest = np.max([a[s] for s in at], axis=0)
    channel = np.broadcast_to(np.arange(a.shape[2]), cells.shape[:-1])
    pooled = a[cells[..., 0], cells[..., 1], channel]
    np.testing.assert_allclose(pooled, largest, rtol=1e-5, atol=1e-6)
    return pooled, (cells[..., 0], cells[..., 1], channel)


def _relu_mask(z, engine_z):
    """z > 0, but where float64 and float32 may disagree (|z| within rounding of 0) the
    engine's own side of the kink: the loss is not differentiable there."""
    near = np.abs(z) < 1e-5 * max(np.abs(z).max(), 1e-30)
    return np.where(near, engine_z > 0, z > 0)


def _forward(net, w, image, engine):
    """Every forward tensor by trace name; ``kept`` what each layer's backward needs."""
    a, out, kept = image.astype(np.float64).reshape(28, 28, 1), {}, []
    for layer in net.layers:
        kept.append(a)
        name, cfg = layer.name, layer.config()
        if layer.kind == "conv":
            p = layer.p  # "same" resolved: (d - 1) / 2
            a = _conv_forward(a, w[f"{name}.W"], w[f"{name}.b"], p, cfg.get("stride", 1))
        elif layer.kind == "maxpool":
            cells = engine[f"{name}.switches"]
            a, winners = _maxpool(a, cfg["size"], cfg.get("stride", cfg["size"]), cells)
            kept[-1] = (kept[-1], winners)
        elif layer.kind == "avgpool":
            a = _avgpool(a, cfg["size"], cfg.get("stride", cfg["size"]))
        elif layer.kind == "flatten":
            a = a.reshape(-1)
        elif layer.kind == "dense":
            a = w[f"{name}.W"] @ a + w[f"{name}.b"]
        elif layer.kind == "relu":
            kept[-1] = (a, _relu_mask(a, engine[f"{net.names[len(kept) - 1]}"]))
            a = np.maximum(a, 0)
        elif layer.kind == "sigmoid":
            a = 1 / (1 + np.exp(-a))
        else:
            a = np.tanh(a)
        out[f"{name}.{layer.output}"] = a
    return a, out, kept


def _backward(net, w, kept, error, out):
    for layer, below in zip(net.layers[::-1], kept[::-1], strict=True):
        name, cfg = layer.name, layer.config()
        out[f"{name}.dL_d{layer.output}"] = error
        if layer.kind == "dense":
            out[f"{name}.dL_dW"], out[f"{name}.dL_db"] = np.outer(error, below), error
            error = w[f"{name}.W"].T @ error
        elif layer.kind == "flatten":
            error = error.reshape(below.shape)
        elif layer.kind == "maxpool":
            routed = np.zeros_like(below[0])
            np.add.at(routed, below[1], error)
            error = routed
        elif layer.kind == "avgpool":
            error = _avgpool_backward(below, cfg["size"], cfg.get("stride", cfg["size"]), error)
        elif layer.kind == "conv":
            grads = _conv_backward(below, w[f"{name}.W"], layer.p, cfg.get("stride", 1), error)
            out[f"{name}.dL_dW"], out[f"{name}.dL_db"], error = grads
        elif layer.kind == "relu":
            error = error * below[1]
        elif layer.kind == "sigmoid":
            s = 1 / (1 + np.exp(-below))
            error = error * s * (1 - s)
        else:
            error = error * (1 - np.tanh(below) ** 2)
    out["input.dL_dx"] = error


def reference(net: Network, image: np.ndarray, label: int, engine: dict) -> dict:
    """Every tensor of one forward and backward pass in float64, by trace name."""
    w = {key: value.astype(np.float64) for key, value in net.get_weights().items()}
    z, out, kept = _forward(net, w, image, engine)
    others = np.delete(np.arange(10), label)
    e = np.exp(z - z.max())
    p = e / e.sum()
    out["loss.p"], out["loss.L"] = p, np.log1p(np.exp(z[others] - z[label]).sum())
    error = p.copy()
    error[label] = -p[others].sum()  # p_y - 1, exact for p_y near 1
    _backward(net, w, kept, error, out)
    return out


def _images() -> np.ndarray:
    with np.load(resources.files("convtrace") / "models" / "samples.npz") as samples:
        return samples["images"][:40].astype(np.float32) / 255


def _confident(net: Network, images: np.ndarray) -> tuple[int, int]:
    """Scale the last layer until the most decided of the images is sure (L < 1e-6)."""
    logits = net.forward(images.reshape(-1, 28, 28, 1))
    top = np.sort(logits, axis=1)
    best = int(np.argmax(top[:, -1] - top[:, -2]))
    scale = np.float32(20 / max(top[best, -1] - top[best, -2], 1e-3))
    last = net.layers[-1]
    last.params["W"] = last.params["W"] * scale
    last.params["b"] = last.params["b"] * scale
    return best, int(np.argmax(logits[best]))


@pytest.mark.parametrize("name", sorted(ARCHITECTURES))
def test_every_streamed_array_matches_a_float64_reference(name):
    images = _images()
    plain = build({"input": [28, 28, 1], "layers": ARCHITECTURES[name]}, seed=11)
    sure = build({"input": [28, 28, 1], "layers": ARCHITECTURES[name]}, seed=11)
    sample, predicted = _confident(sure, images)
    cases = [(sure, sample, predicted), (sure, sample, (predicted + 3) % 10), (plain, 5, 4),
             (plain, 17, 8)]  # fmt: skip
    losses = []
    for net, image, target in cases:
        records, result = trace.collect(net, images[image], target)
        engine = {r.name: r.array for r in records}
        expected = reference(net, images[image], target, engine)
        streamed = [r for r in records if r.quantity != "switches" and r.name != "input.x"]
        assert {r.name for r in streamed} == set(expected), name
        bad = {}
        for record in streamed:
            want = expected[record.name]
            got = np.asarray(record.array, np.float64).reshape(np.shape(want))
            error = float(np.abs(got - want).max() / max(np.abs(want).max(), 1e-300))
            if error > TOLERANCE:
                bad[record.name] = f"{error:.2g}"
        assert not bad, (name, image, target, float(expected["loss.L"]), bad)
        assert result.loss == pytest.approx(float(expected["loss.L"]), rel=TOLERANCE)
        losses.append(float(expected["loss.L"]))
    assert losses[0] < 1e-6 < losses[1], "a confident digit and a wrong target"
