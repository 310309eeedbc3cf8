// The explainers of a conv layer: z, and its three gradients (filters, bias, the error passed
// down), each as the list of products it adds with their numbers. With stride s and padding p
// the filter at output (i, j) reads input cell (s·i + a − p, s·j + b − p); a cell of the zero
// padding contributes a product of 0, so it is left out of the list (and said so).

import { ravel } from "../tiling.js";
import * as S from "../trace-store.js";
import { inside, params, recRef, term } from "./common.js";
import { convGeometry } from "./geometry.js";

const deltaOf = (trace, record) =>
  S.gradientOf(trace, S.tensorName(S.layerOutput(trace, record.layer)));

function geometry(trace, record, W) {
  return convGeometry(trace.records, record.layer, W?.shape[1] ?? null);
}

const padNote = (skipped) => (skipped ? { padded: skipped } : {});

export function convZ({ trace, weights, record, idx }) {
  const [i, j, m] = idx;
  const x = S.layerInput(trace, record.layer);
  const { W, b } = params(weights, record.layer);
  if (!x || !W) return { terms: [], missing: "weights" };
  const { stride, padding } = geometry(trace, record, W);
  const [, d1, d2, t] = W.shape;
  const terms = [];
  const xs = [];
  const ws = [];
  let skipped = 0;
  for (let a = 0; a < d1; a++) {
    for (let bb = 0; bb < d2; bb++) {
      const [u, v] = [stride * i + a - padding, stride * j + bb - padding];
      if (!inside([u, v], x.shape)) skipped += t; // on the zero padding: the product is 0
      for (let c = 0; c < t && inside([u, v], x.shape); c++) {
        const wi = ravel([m, a, bb, c], W.shape);
        const xi = ravel([u, v, c], x.shape);
        terms.push(
          term([
            { sym: `w[${m},${a},${bb},${c}]`, value: W.values[wi] },
            { sym: `a[${u},${v},${c}]`, value: x.values[xi] },
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
    conv: { stride, padding },
    ...padNote(skipped),
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
  const dz = deltaOf(trace, record);
  const { stride, padding } = geometry(trace, record, { shape: record.shape });
  const [r, s] = dz.shape;
  const terms = [];
  const dzs = [];
  const xs = [];
  let skipped = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < s; j++) {
      const [u, v] = [stride * i + a - padding, stride * j + bb - padding];
      if (!inside([u, v], x.shape)) {
        skipped += 1;
        continue;
      }
      const di = ravel([i, j, m], dz.shape);
      const xi = ravel([u, v, c], x.shape);
      terms.push(
        term([
          { sym: `δ[${i},${j},${m}]`, value: dz.values[di] },
          { sym: `a[${u},${v},${c}]`, value: x.values[xi] },
        ]),
      );
      dzs.push(di);
      xs.push(xi);
    }
  }
  return {
    terms,
    conv: { stride, padding },
    ...padNote(skipped),
    refs: [
      { ref: recRef(trace, dz), flats: dzs, role: "delta" },
      { ref: recRef(trace, x), flats: xs, role: "input" },
    ],
  };
}

export function convDB({ trace, record, idx }) {
  const [m] = idx;
  const dz = deltaOf(trace, record);
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

/**
 * ∂L/∂a at input cell (i, j, c): the error dilated by the stride (s − 1 zeros between
 * neighbours), then the full convolution with the filters, the padding cropped. Output (u, v)
 * read this cell through filter entry (a, b) when s·u + a − p = i: only those terms are listed.
 */
export function convDX({ trace, weights, record, idx }) {
  const [i, j, c] = idx;
  const dz = deltaOf(trace, record);
  const { W } = params(weights, record.layer);
  if (!dz || !W) return { terms: [], missing: "weights" };
  const { stride, padding } = geometry(trace, record, W);
  const [K, d1, d2] = W.shape;
  const terms = [];
  const dzs = [];
  const ws = [];
  for (let a = 0; a < d1; a++) {
    for (let bb = 0; bb < d2; bb++) {
      const [pu, pv] = [i + padding - a, j + padding - bb];
      if (pu % stride || pv % stride) continue; // a zero of the dilated error
      const [u, v] = [pu / stride, pv / stride];
      if (!inside([u, v], dz.shape)) continue; // no such output: the term is 0
      for (let k = 0; k < K; k++) {
        const di = ravel([u, v, k], dz.shape);
        const wi = ravel([k, a, bb, c], W.shape);
        terms.push(
          term([
            { sym: `δ[${u},${v},${k}]`, value: dz.values[di] },
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
    conv: { stride, padding },
    refs: [
      { ref: recRef(trace, dz), flats: dzs, role: "delta" },
      { ref: { weights: `${record.layer}.W` }, flats: ws, role: "weight" },
    ],
  };
}
