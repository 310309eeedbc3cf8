"""Traces of networks the shipped models do not cover (padding, stride, average pools,
overlapping windows, hidden dense layers, no conv at all), computed here by the engine with
seeded weights and encoded as the API streams them, so the browser's modules can be handed a
trace of any architecture without a server route for it."""

from __future__ import annotations

import json
import re

import numpy as np
from convtrace.api.encode import dumps, record_line, tensors
from convtrace.nn import trace as trace_module
from convtrace.nn.spec import build
from convtrace.nn.trace import collect

# each uses the new options somewhere; together they use every layer kind and option
ARCHITECTURES = {
    "strided-padded-avg-overlap": [
        {"kind": "conv", "maps": 4, "size": 3, "padding": 1, "stride": 2},
        {"kind": "tanh"},
        {"kind": "avgpool", "size": 2},
        {"kind": "conv", "maps": 6, "size": 3, "padding": "same"},
        {"kind": "relu"},
        {"kind": "maxpool", "size": 3, "stride": 2},
        {"kind": "flatten"},
        {"kind": "dense", "units": 16},
        {"kind": "sigmoid"},
        {"kind": "dense", "units": 10},
    ],
    "strided-instead-of-pooled": [
        {"kind": "conv", "maps": 4, "size": 5, "stride": 2},
        {"kind": "relu"},
        {"kind": "conv", "maps": 8, "size": 3, "stride": 2, "padding": 1},
        {"kind": "relu"},
        {"kind": "flatten"},
        {"kind": "dense", "units": 10},
    ],
    "overlapping-avgpool": [
        {"kind": "conv", "maps": 3, "size": 3},
        {"kind": "sigmoid"},
        {"kind": "avgpool", "size": 3, "stride": 2},
        {"kind": "flatten"},
        {"kind": "dense", "units": 10},
    ],
    "mlp": [
        {"kind": "flatten"},
        {"kind": "dense", "units": 32},
        {"kind": "relu"},
        {"kind": "dense", "units": 10},
    ],
}


def digit_image(seed: int = 0) -> np.ndarray:
    """A 28×28 image with a stroke-like blob of ink (not noise: ReLUs die on noise less)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:28, 0:28]
    ink = np.exp(-(((xx - 14) / 4.0) ** 2 + ((yy - 12) / 7.0) ** 2))
    return np.clip(ink + 0.05 * rng.random((28, 28)), 0, 1).astype(np.float32)


def engine_trace(layers: list[dict], seed: int = 3, label: int | None = None) -> dict:
    """{lines, weights, result}: the records as API lines (JSON), weights in the API's format.
    The target is a class the network does not predict, so every gradient is sizeable."""
    net = build({"input": [28, 28, 1], "layers": layers}, seed=seed)
    image = digit_image(seed)
    _, result = collect(net, image, 0)
    target = (result.prediction + 1) % 10 if label is None else label
    records, result = collect(net, image, target)
    lines = [json.loads(record_line(k, r, "json")) for k, r in enumerate(records)]
    result_json = {"prediction": result.prediction, "label": result.label, "loss": result.loss}
    result_json["probabilities"] = [float(p) for p in result.probabilities]
    return {
        "lines": lines,
        "weights": json.loads(dumps(tensors(net.get_weights()))),
        "result": result_json,
    }


def documented_equations() -> set[str]:
    """Every equation id in nn/trace.py's docstring, <fn> spelled out for each activation."""
    ids = set(
        re.findall(r"^\s*(?:forward|backward)?\s+([<\w>]+\.\w+)\s", trace_module.__doc__, re.M)
    )
    out = set()
    for eq in ids:
        fns = ("relu", "sigmoid", "tanh") if eq.startswith("<fn>") else (None,)
        out |= {eq.replace("<fn>", fn) if fn else eq for fn in fns}
    return out


def recompute_checks(
    trace: str = "window.convtrace.trace()",
    weights: str = "window.convtrace.weights()",
    per_record: int = 7,
) -> str:
    """JS (for page.evaluate): for each record of ``trace`` (a JS expression), a few cells
    (first, last, middle, largest, and about ``per_record`` more spread through it), each with
    the browser's check (the inspector's sum or recomputed value), the streamed value and the
    record's largest magnitude. Switches and the input have no equation to check."""
    return f"""async () => {{
  const T = await import('./js/terms.js');
  const trace = {trace};
  const weights = {weights};
  const out = [];
  trace.records.forEach((r, index) => {{
    if (r.quantity === 'switches' || r.equation === 'input.x') return;
    const n = r.values.length;
    let top = 0;
    for (let i = 1; i < n; i++) if (Math.abs(r.values[i]) > Math.abs(r.values[top])) top = i;
    const cells = new Set([0, n - 1, n >> 1, top]);
    for (let i = 0; i < n; i += Math.max(1, Math.floor(n / {per_record}))) cells.add(i);
    const scale = Math.abs(r.values[top]);
    for (const flat of cells) {{
      const info = T.explain(trace, weights, index, flat);
      out.push({{equation: r.equation, of: r.of, layer: r.layer, flat, scale,
                api: r.values[flat], check: info.sum ?? info.recomputed ?? null}});
    }}
  }});
  return out;
}}"""
