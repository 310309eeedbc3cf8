// What produced one value: the terms of its equation, with the numbers from the trace and the
// weights. The browser only multiplies and adds to SHOW the terms; the value a student reads as
// "the result" is always the API's (info.value), with the recomputed sum beside it.
//
// explain(trace, weights, index, flat) -> {
//   record, idx, value, equation, terms: [{factors: [{sym, value}], product}], bias?, sum?,
//   scalar? (one-input equations: {input, output, name}), refs: [{ref, flats, role}], note }
// A ref is {record: i} (a trace record) or {weights: "conv1.W"} so views can highlight cells.

import {
  convDB,
  convDW,
  convDX,
  convZ,
  denseDB,
  denseDW,
  denseDX,
  denseZ,
  recRef,
  term,
} from "./terms-sums.js";
import { ravel, unravel } from "./tiling.js";
import * as S from "./trace-store.js";

const at = (arr, idx) => arr.values[ravel(idx, arr.shape)];

function sigma(fn, z) {
  if (fn === "relu") return Math.max(0, z);
  if (fn === "sigmoid") return 1 / (1 + Math.exp(-z));
  if (fn === "tanh") return Math.tanh(z);
  return NaN;
}

function sigmaPrime(fn, z, a) {
  if (fn === "relu") return z > 0 ? 1 : 0;
  if (fn === "sigmoid") return a * (1 - a);
  if (fn === "tanh") return 1 - a * a;
  return NaN;
}

const EXPLAINERS = {
  conv: { z: convZ, dW: convDW, db: convDB, dx: convDX },
  dense: { z: denseZ, dW: denseDW, db: denseDB, dx: denseDX },
  maxpool: { a: poolA, dx: poolDX },
  flatten: { a: flattenA, dx: flattenDX },
  softmax: { p: softmaxP },
  xent: { L: xentL, dz: xentDZ },
  input: { x: () => ({ terms: [] }) },
};

export function explain(trace, weights, index, flat) {
  const record = trace.records[index];
  const idx = unravel(flat, record.shape);
  const base = { record, idx, value: record.values[flat], equation: record.equation, refs: [] };
  const [kind, what] = record.equation.split(".");
  const activation = !EXPLAINERS[kind];
  const fn = activation ? (what === "a" ? activationA : activationDZ) : EXPLAINERS[kind][what];
  const info = fn ? fn({ trace, weights, record, idx, flat, kind }) : { terms: [] };
  const out = {
    ...base,
    ...info,
    refs: [{ ref: { record: index }, flats: [flat], role: "self" }, ...(info.refs ?? [])],
  };
  if (out.terms?.length) out.sum = out.terms.reduce((s, t) => s + t.product, out.bias?.value ?? 0);
  return out;
}

function activationA({ trace, record, flat, kind }) {
  const z = S.layerInput(trace, record.layer);
  const zv = z.values[flat];
  return {
    terms: [],
    scalar: { name: kind, input: zv, output: sigma(kind, zv) },
    recomputed: sigma(kind, zv),
    refs: [{ ref: recRef(trace, z), flats: [flat], role: "input" }],
  };
}

function activationDZ({ trace, record, flat, kind }) {
  const out = S.layerOutput(trace, record.layer);
  const z = S.layerInput(trace, record.layer);
  const da = S.gradientOf(trace, S.tensorName(out));
  const slope = sigmaPrime(kind, z.values[flat], out.values[flat]);
  return {
    terms: [
      term([
        { sym: "∂L/∂a", value: da.values[flat] },
        { sym: "σ′(z)", value: slope },
      ]),
    ],
    scalar: { name: kind, input: z.values[flat], output: out.values[flat], slope },
    refs: [
      { ref: recRef(trace, da), flats: [flat], role: "delta" },
      { ref: recRef(trace, z), flats: [flat], role: "input" },
    ],
  };
}

function poolSize(inShape, outShape) {
  return Math.round(inShape[0] / outShape[0]);
}

function poolA({ trace, record, idx }) {
  const [i, j, c] = idx;
  const x = S.layerInput(trace, record.layer);
  const k = poolSize(x.shape, record.shape);
  const sw = S.switchesOf(trace, record.layer);
  const win = [];
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) win.push(ravel([i * k + a, j * k + b, c], x.shape));
  }
  const winner = sw ? ravel([at(sw, [i, j, c, 0]), at(sw, [i, j, c, 1]), c], x.shape) : -1;
  const recomputed = Math.max(...win.map((f) => x.values[f]));
  return {
    terms: [],
    recomputed,
    window: win.map((f) => ({ flat: f, idx: unravel(f, x.shape), value: x.values[f] })),
    winner,
    refs: [
      { ref: recRef(trace, x), flats: win, role: "input" },
      { ref: recRef(trace, x), flats: [winner], role: "winner" },
    ],
  };
}

function poolDX({ trace, record, idx }) {
  const [i, j, c] = idx;
  const out = S.layerOutput(trace, record.layer);
  const up = S.gradientOf(trace, S.tensorName(out));
  const sw = S.switchesOf(trace, record.layer);
  const k = poolSize(record.shape, out.shape);
  const cell = [Math.floor(i / k), Math.floor(j / k), c];
  const win = [at(sw, [...cell, 0]), at(sw, [...cell, 1])];
  const wins = win[0] === i && win[1] === j;
  const upFlat = ravel(cell, up.shape);
  return {
    terms: [],
    recomputed: wins ? up.values[upFlat] : 0,
    routing: { cell, switch: win, wins, upstream: up.values[upFlat] },
    refs: [
      { ref: recRef(trace, up), flats: [upFlat], role: "delta" },
      {
        ref: recRef(trace, record),
        flats: [ravel([win[0], win[1], c], record.shape)],
        role: "winner",
      },
    ],
  };
}

function flattenA({ trace, record, idx }) {
  const x = S.layerInput(trace, record.layer);
  const src = unravel(idx[0], x.shape);
  return {
    terms: [],
    copy: { from: src },
    recomputed: x.values[idx[0]],
    refs: [{ ref: recRef(trace, x), flats: [idx[0]], role: "input" }],
  };
}

function flattenDX({ trace, record, idx }) {
  const up = S.gradientOf(trace, S.tensorName(S.layerOutput(trace, record.layer)));
  const n = ravel(idx, record.shape);
  return {
    terms: [],
    copy: { from: [n] },
    recomputed: up.values[n],
    refs: [{ ref: recRef(trace, up), flats: [n], role: "delta" }],
  };
}

// Softmax with the largest score subtracted first (as the engine does), so no exp overflows.
function shiftedSoftmax(z) {
  const max = Math.max(...z.values);
  const exps = Array.from(z.values, (v) => Math.exp(v - max));
  return { max, exps, total: exps.reduce((s, e) => s + e, 0) };
}

function softmaxP({ trace, record, idx }) {
  const z = S.layerInput(trace, record.layer);
  const { max, exps, total } = shiftedSoftmax(z);
  return {
    terms: [],
    recomputed: exps[idx[0]] / total,
    softmax: { j: idx[0], shifted: z.values[idx[0]] - max, exps, total },
    refs: [{ ref: recRef(trace, z), flats: [...z.values.keys()], role: "input" }],
  };
}

// The scores z the softmax read, the target y, and 1 − p_y = Σ_{k≠y} p_k from the scores:
// computed from p itself it would cancel to nothing when the network is sure of y.
function outputError(trace) {
  const p = trace.records.find((r) => r.equation === "softmax.p");
  const z = S.layerInput(trace, p.layer);
  const y = trace.result?.label ?? 0;
  const { exps, total } = shiftedSoftmax(z);
  const others = exps.reduce((s, e, k) => (k === y ? s : s + e), 0);
  return { p, z, y, exps, total, others };
}

function xentL({ trace }) {
  const { p, z, y } = outputError(trace);
  // L = −log p_y = log(1 + Σ_{k≠y} e^{z_k − z_y}), exact even when p_y rounds to 1
  let sum = 0;
  z.values.forEach((v, k) => {
    if (k !== y) sum += Math.exp(v - z.values[y]);
  });
  return {
    terms: [],
    recomputed: Math.log1p(sum),
    xent: { y, p: p.values[y] },
    refs: [{ ref: recRef(trace, p), flats: [y], role: "input" }],
  };
}

function xentDZ({ trace, idx }) {
  const { p, y, exps, total, others } = outputError(trace);
  const j = idx[0];
  return {
    terms: [],
    recomputed: j === y ? -others / total : exps[j] / total,
    output: { j, y, p: p.values[j], onehot: j === y ? 1 : 0 },
    refs: [{ ref: recRef(trace, p), flats: [j], role: "input" }],
  };
}
