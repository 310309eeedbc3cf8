// The dense layer's equations: z (F5) and its three gradients (B2–B4). The explainers list
// every product of a score's weighted sum, or the one product of a weight's gradient.

import * as M from "../mathml.js";
import * as S from "../trace-store.js";
import { d, eq, params, recRef, term } from "./common.js";
import { general, ml, param } from "./symbols.js";

const { mi, mo } = M;
const bias = (l) => M.subsup(mi("b"), mi("j"), M.ident(l));

const zFormula = (s) =>
  eq(
    ml(s.out, "j"),
    mo("="),
    M.sum(["i"]),
    param("w", s.l, null, "j", "i"),
    ml(s.inp, "i"),
    mo("+"),
    bias(s.l),
  );
const dwFormula = (s) =>
  eq(d(param("w", s.l, null, "j", "i")), mo("="), d(ml(s.out, "j")), ml(s.inp, "i"));
const dbFormula = (s) => eq(d(bias(s.l)), mo("="), d(ml(s.out, "j")));
const dxFormula = (s) =>
  eq(d(ml(s.inp, "i")), mo("="), M.sum(["j"]), param("w", s.l, null, "j", "i"), d(ml(s.out, "j")));

function denseZ({ trace, weights, record, idx }) {
  const [j] = idx;
  const x = S.layerInput(trace, record.layer);
  const { W, b } = params(weights, record.layer);
  if (!x || !W) return { terms: [], missing: "weights" };
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
  if (!W) return { terms: [], missing: "weights" };
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

export default {
  kinds: ["dense"],
  role: "learns",
  general: { inp: general("a", "l-1"), out: general("z", "l") },
  equations: {
    z: { map: "F5", formula: zFormula, explain: denseZ, ask: [] },
    dW: { map: "B2", formula: dwFormula, explain: denseDW, ask: ["shapeQuestion"] },
    db: { map: "B3", formula: dbFormula, explain: denseDB, ask: ["denseBiasSign"] },
    dx: { map: "B4", formula: dxFormula, explain: denseDX, ask: ["shapeQuestion"] },
  },
};
