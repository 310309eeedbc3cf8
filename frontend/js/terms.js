// What produced one value: the terms of its equation, with the numbers from the trace and the
// weights. The browser only multiplies and adds to SHOW the terms; the value a student reads as
// "the result" is always the API's (info.value), with the recomputed sum beside it.
//
// explain(trace, weights, index, flat) -> {
//   record, idx, value, equation, terms: [{factors: [{sym, value}], product}], bias?, sum?,
//   scalar? (one-input equations: {input, output, name}), refs: [{ref, flats, role}], note }
// A ref is {record: i} (a trace record) or {weights: "conv1.W"} so views can highlight cells.

import * as S from "./state.js";
import { ravel, unravel } from "./tiling.js";

const at = (arr, idx) => arr.values[ravel(idx, arr.shape)];
const recRef = (trace, record) => ({ record: trace.records.indexOf(record) });

function term(factors) {
  return { factors, product: factors.reduce((p, f) => p * f.value, 1) };
}

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

function params(weights, layer) {
  return { W: weights?.[`${layer}.W`], b: weights?.[`${layer}.b`] };
}

function convZ({ trace, weights, record, idx }) {
  const [i, j, m] = idx;
  const x = S.layerInput(trace, record.layer);
  const { W, b } = params(weights, record.layer);
  if (!x || !W) return { terms: [], note: "weights not loaded" };
  const [, d1, d2, t] = W.shape;
  const terms = [];
  const xs = [];
  const ws = [];
  for (let a = 0; a < d1; a++) {
    for (let bb = 0; bb < d2; bb++) {
      for (let c = 0; c < t; c++) {
        const wi = ravel([m, a, bb, c], W.shape);
        const xi = ravel([i + a, j + bb, c], x.shape);
        terms.push(
          term([
            { sym: `w[${m},${a},${bb},${c}]`, value: W.values[wi] },
            { sym: `a[${i + a},${j + bb},${c}]`, value: x.values[xi] },
          ]),
        );
        xs.push(xi);
        ws.push(wi);
      }
    }
  }
  return {
    terms,
    bias: { sym: `b[${m}]`, value: b.values[m] },
    refs: [
      { ref: recRef(trace, x), flats: xs, role: "input" },
      { ref: { weights: `${record.layer}.W` }, flats: ws, role: "weight" },
      { ref: { weights: `${record.layer}.b` }, flats: [m], role: "weight" },
    ],
  };
}

function convDW({ trace, record, idx }) {
  const [m, a, bb, c] = idx;
  const x = S.layerInput(trace, record.layer);
  const dz = S.gradientOf(trace, S.tensorName(S.layerOutput(trace, record.layer)));
  const [r, s] = dz.shape;
  const terms = [];
  const dzs = [];
  const xs = [];
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < s; j++) {
      const di = ravel([i, j, m], dz.shape);
      const xi = ravel([i + a, j + bb, c], x.shape);
      terms.push(
        term([
          { sym: `δ[${i},${j},${m}]`, value: dz.values[di] },
          { sym: `a[${i + a},${j + bb},${c}]`, value: x.values[xi] },
        ]),
      );
      dzs.push(di);
      xs.push(xi);
    }
  }
  return {
    terms,
    refs: [
      { ref: recRef(trace, dz), flats: dzs, role: "delta" },
      { ref: recRef(trace, x), flats: xs, role: "input" },
    ],
  };
}

function convDB({ trace, record, idx }) {
  const [m] = idx;
  const dz = S.gradientOf(trace, S.tensorName(S.layerOutput(trace, record.layer)));
  const [r, s] = dz.shape;
  const terms = [];
  const flats = [];
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < s; j++) {
      const di = ravel([i, j, m], dz.shape);
      terms.push(term([{ sym: `δ[${i},${j},${m}]`, value: dz.values[di] }]));
      flats.push(di);
    }
  }
  return { terms, refs: [{ ref: recRef(trace, dz), flats, role: "delta" }] };
}

function convDX({ trace, weights, record, idx }) {
  const [i, j, c] = idx;
  const dz = S.gradientOf(trace, S.tensorName(S.layerOutput(trace, record.layer)));
  const { W } = params(weights, record.layer);
  if (!dz || !W) return { terms: [], note: "weights not loaded" };
  const [K, d1, d2] = W.shape;
  const [r, s] = dz.shape;
  const terms = [];
  const dzs = [];
  const ws = [];
  for (let a = 0; a < d1; a++) {
    for (let bb = 0; bb < d2; bb++) {
      const zi = i - a;
      const zj = j - bb;
      if (zi < 0 || zj < 0 || zi >= r || zj >= s) continue; // no such z: the term is 0
      for (let k = 0; k < K; k++) {
        const di = ravel([zi, zj, k], dz.shape);
        const wi = ravel([k, a, bb, c], W.shape);
        terms.push(
          term([
            { sym: `δ[${zi},${zj},${k}]`, value: dz.values[di] },
            { sym: `w[${k},${a},${bb},${c}]`, value: W.values[wi] },
          ]),
        );
        dzs.push(di);
        ws.push(wi);
      }
    }
  }
  return {
    terms,
    refs: [
      { ref: recRef(trace, dz), flats: dzs, role: "delta" },
      { ref: { weights: `${record.layer}.W` }, flats: ws, role: "weight" },
    ],
  };
}

function denseZ({ trace, weights, record, idx }) {
  const [j] = idx;
  const x = S.layerInput(trace, record.layer);
  const { W, b } = params(weights, record.layer);
  if (!x || !W) return { terms: [], note: "weights not loaded" };
  const n = W.shape[1];
  const terms = [];
  const ws = [];
  for (let i = 0; i < n; i++) {
    terms.push(
      term([
        { sym: `W[${j},${i}]`, value: W.values[j * n + i] },
        { sym: `x[${i}]`, value: x.values[i] },
      ]),
    );
    ws.push(j * n + i);
  }
  return {
    terms,
    bias: { sym: `b[${j}]`, value: b.values[j] },
    refs: [
      { ref: recRef(trace, x), flats: [...x.values.keys()], role: "input" },
      { ref: { weights: `${record.layer}.W` }, flats: ws, role: "weight" },
      { ref: { weights: `${record.layer}.b` }, flats: [j], role: "weight" },
    ],
  };
}

function denseDelta(trace, record) {
  return S.gradientOf(trace, S.tensorName(S.layerOutput(trace, record.layer)));
}

function denseDW({ trace, record, idx }) {
  const [j, i] = idx;
  const dz = denseDelta(trace, record);
  const x = S.layerInput(trace, record.layer);
  return {
    terms: [
      term([
        { sym: `δ[${j}]`, value: dz.values[j] },
        { sym: `x[${i}]`, value: x.values[i] },
      ]),
    ],
    refs: [
      { ref: recRef(trace, dz), flats: [j], role: "delta" },
      { ref: recRef(trace, x), flats: [i], role: "input" },
    ],
  };
}

function denseDB({ trace, record, idx }) {
  const dz = denseDelta(trace, record);
  return {
    terms: [term([{ sym: `δ[${idx[0]}]`, value: dz.values[idx[0]] }])],
    refs: [{ ref: recRef(trace, dz), flats: [idx[0]], role: "delta" }],
  };
}

function denseDX({ trace, weights, record, idx }) {
  const [i] = idx;
  const dz = denseDelta(trace, record);
  const { W } = params(weights, record.layer);
  if (!W) return { terms: [], note: "weights not loaded" };
  const [nOut, nIn] = W.shape;
  const terms = [];
  const ws = [];
  for (let j = 0; j < nOut; j++) {
    terms.push(
      term([
        { sym: `W[${j},${i}]`, value: W.values[j * nIn + i] },
        { sym: `δ[${j}]`, value: dz.values[j] },
      ]),
    );
    ws.push(j * nIn + i);
  }
  return {
    terms,
    refs: [
      { ref: recRef(trace, dz), flats: [...dz.values.keys()], role: "delta" },
      { ref: { weights: `${record.layer}.W` }, flats: ws, role: "weight" },
    ],
  };
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

function softmaxP({ trace, record, idx }) {
  const z = S.layerInput(trace, record.layer);
  const exps = Array.from(z.values, (v) => Math.exp(v));
  const total = exps.reduce((s, e) => s + e, 0);
  return {
    terms: [],
    recomputed: exps[idx[0]] / total,
    softmax: { j: idx[0], z: z.values[idx[0]], exp: exps[idx[0]], total },
    refs: [{ ref: recRef(trace, z), flats: [...z.values.keys()], role: "input" }],
  };
}

function xentL({ trace }) {
  const p = trace.records.find((r) => r.equation === "softmax.p");
  const y = trace.result?.label ?? 0;
  return {
    terms: [],
    recomputed: -Math.log(p.values[y]),
    xent: { y, p: p.values[y] },
    refs: [{ ref: recRef(trace, p), flats: [y], role: "input" }],
  };
}

function xentDZ({ trace, idx }) {
  const p = trace.records.find((r) => r.equation === "softmax.p");
  const y = trace.result?.label ?? 0;
  const j = idx[0];
  return {
    terms: [],
    recomputed: p.values[j] - (j === y ? 1 : 0),
    output: { j, y, p: p.values[j], onehot: j === y ? 1 : 0 },
    refs: [{ ref: recRef(trace, p), flats: [j], role: "input" }],
  };
}
