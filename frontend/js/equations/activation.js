// The nonlinearities σ: ReLU, sigmoid, tanh (F2, and B7, boxed in the source). Each function is
// one entry of FUNCTIONS; a kind that is not there is unknown to the registry, so it is a loud
// error, never a NaN.

import { t } from "../i18n.js";
import * as M from "../mathml.js";
import * as S from "../trace-store.js";
import { d, eq, recRef, term } from "./common.js";
import { general, ml } from "./symbols.js";

const { mi, mo, row } = M;

// σ(z) and σ′ from z and a = σ(z) (the slope of sigmoid and tanh is cheapest from a)
export const FUNCTIONS = {
  relu: { name: "ReLU", f: (z) => Math.max(0, z), slope: (z) => (z > 0 ? 1 : 0) },
  sigmoid: { name: "sigmoid", f: (z) => 1 / (1 + Math.exp(-z)), slope: (_, a) => a * (1 - a) },
  tanh: { name: "tanh", f: Math.tanh, slope: (_, a) => 1 - a * a },
};

// "(σ = ReLU)" beside a layer's own formula; the general formula (kind "act") has none
const which = (kind) =>
  FUNCTIONS[kind]
    ? row(M.mspace(), M.mtext(t("eq.act.which", { name: FUNCTIONS[kind].name })))
    : "";

const aFormula = (s, kind) =>
  eq(ml(s.out, "i", "j", "m"), mo("="), mi("σ"), M.paren(ml(s.inp, "i", "j", "m")), which(kind));
const dzFormula = (s, kind) =>
  eq(
    d(ml(s.inp, "i", "j", "m")),
    mo("="),
    d(ml(s.out, "i", "j", "m")),
    mo("·"),
    M.sup(mi("σ"), mo("′")),
    M.paren(ml(s.inp, "i", "j", "m")),
    which(kind),
  );

function activationA({ trace, record, flat, kind }) {
  const z = S.layerInput(trace, record.layer);
  const zv = z.values[flat];
  const out = FUNCTIONS[kind].f(zv);
  return {
    terms: [],
    scalar: { name: kind, input: zv, output: out },
    recomputed: out,
    refs: [{ ref: recRef(trace, z), flats: [flat], role: "input" }],
  };
}

function activationDZ({ trace, record, flat, kind }) {
  const out = S.layerOutput(trace, record.layer);
  const z = S.layerInput(trace, record.layer);
  const da = S.gradientOf(trace, S.tensorName(out));
  const slope = FUNCTIONS[kind].slope(z.values[flat], out.values[flat]);
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

export default {
  kinds: Object.keys(FUNCTIONS),
  generalKind: "act",
  role: "act",
  general: { inp: general("z", "l"), out: general("a", "l") },
  equations: {
    a: { map: "F2", formula: aFormula, explain: activationA, ask: [] },
    dz: {
      map: "B7",
      boxed: true,
      formula: dzFormula,
      explain: activationDZ,
      ask: ["activationValue", "activationSign"],
      title: () => "eq.title.act.dz",
    },
  },
};
