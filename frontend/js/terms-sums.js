// The explainers of the weighted sums: a conv or dense layer's z, and its three gradients
// (weights, bias, the error passed down). Each lists the products it adds, with their numbers.

import { ravel } from "./tiling.js";
import * as S from "./trace-store.js";

export const recRef = (trace, record) => ({ record: trace.records.indexOf(record) });

export function term(factors) {
  return { factors, product: factors.reduce((p, f) => p * f.value, 1) };
}

function params(weights, layer) {
  return { W: weights?.[`${layer}.W`], b: weights?.[`${layer}.b`] };
}

export function convZ({ trace, weights, record, idx }) {
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

export function convDW({ trace, record, idx }) {
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

export function convDB({ trace, record, idx }) {
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

export function convDX({ trace, weights, record, idx }) {
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

export function denseZ({ trace, weights, record, idx }) {
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

export function denseDW({ trace, record, idx }) {
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

export function denseDB({ trace, record, idx }) {
  const dz = denseDelta(trace, record);
  return {
    terms: [term([{ sym: `δ[${idx[0]}]`, value: dz.values[idx[0]] }])],
    refs: [{ ref: recRef(trace, dz), flats: [idx[0]], role: "delta" }],
  };
}

export function denseDX({ trace, weights, record, idx }) {
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
