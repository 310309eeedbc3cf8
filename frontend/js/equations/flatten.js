// Flatten (F4) and unflatten (B5): the block of maps read row by row into one vector, and the
// vector's error folded back. Nothing is computed, so the explainer names the copied cell.

import * as M from "../mathml.js";
import { ravel, unravel } from "../tiling.js";
import * as S from "../trace-store.js";
import { d, eq, lines, recRef } from "./common.js";
import { general, ml } from "./symbols.js";

const { mi, mo, row } = M;

const aFormula = (s) =>
  lines(
    ml(s.out, "n"),
    ml(s.inp, "i", "j", "c"),
    row(
      mi("n"),
      mo("="),
      M.paren(row(mi("i"), mi("s"), mo("+"), mi("j"))),
      mi("t"),
      mo("+"),
      mi("c"),
    ),
  );
const dxFormula = (s) => eq(d(ml(s.inp, "i", "j", "c")), mo("="), d(ml(s.out, "n")));

function flattenA({ trace, record, idx }) {
  const x = S.layerInput(trace, record.layer);
  return {
    terms: [],
    copy: { from: unravel(idx[0], x.shape) },
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

export default {
  kinds: ["flatten"],
  role: "flatten",
  general: { inp: general("a", "l", true), out: general("a", "l", true, true) },
  equations: {
    a: { map: "F4", formula: aFormula, explain: flattenA, ask: [] },
    dx: { map: "B5", formula: dxFormula, explain: flattenDX, ask: ["shapeQuestion"] },
  },
};
