// The output: softmax (F6), the cross-entropy loss (F7) and where backprop starts, the output
// error p − y (B1). The recomputations are written to keep full precision when the network is
// sure: 1 − p_y and −log p_y are computed from the scores, not from p_y itself.

import * as M from "../mathml.js";
import * as S from "../trace-store.js";
import { d, eq, recRef } from "./common.js";
import { general, ml } from "./symbols.js";

const { mi, mo, row } = M;
const ez = (s, k) => M.sup(mi("e"), row(ml(s.inp, k), mo("−"), mi("max")));

const pFormula = (s) =>
  eq(M.sub(mi("p"), mi("j")), mo("="), M.frac(ez(s, "j"), row(M.sum(["k"]), ez(s, "k"))));
const lFormula = () => eq(mi("L"), mo("="), mo("−"), mi("log"), M.sub(mi("p"), mi("y")));
const dzFormula = (s) =>
  eq(d(ml(s.out, "j")), mo("="), M.sub(mi("p"), mi("j")), mo("−"), M.sub(mi("y"), mi("j")));

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

const scores = { inp: general("z", "l"), out: general("z", "l") };

export const softmax = {
  kinds: ["softmax"],
  role: "softmax",
  general: { inp: general("z", "l"), out: general("p", "") },
  equations: { p: { map: "F6", formula: pFormula, explain: softmaxP, ask: [] } },
};

export const xent = {
  kinds: ["xent"],
  role: "xent",
  general: scores,
  equations: {
    L: {
      map: "F7",
      formula: lFormula,
      explain: xentL,
      ask: [],
      title: () => "eq.title.xent.L",
    },
    dz: { map: "B1", formula: dzFormula, explain: xentDZ, ask: ["outputValue", "outputSign"] },
  },
};
