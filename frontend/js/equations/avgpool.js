// The average pool (F8) and its backward (B11): each window's mean; backward spreads a pooled
// cell's error equally, 1/k² to every cell of its window. The contrast to the max pool, whose
// switch gives the whole error to one cell, is said in the words.

import { t } from "../i18n.js";
import * as M from "../mathml.js";
import { ravel, unravel } from "../tiling.js";
import { d, lines, recRef, term, withNotes } from "./common.js";
import {
  from,
  geometryNote,
  poolParts,
  poolSymbols,
  share,
  windowCells,
  windowsOf,
} from "./pools.js";
import { general, ml } from "./symbols.js";

const { mo, row } = M;
const sumUV = () => M.under(mo("∑"), row(M.mi("u"), mo(","), M.mi("v")));

const aFormula = (s) =>
  withNotes(
    lines(
      ml(s.out, "i", "j", "c"),
      row(share(s), sumUV(), ml(s.inp, from(s, "i", "u"), from(s, "j", "v"), "c")),
      M.mtext(t("eq.avgpool.window")),
    ),
    geometryNote(s),
  );

function dxFormula(s) {
  const overlap = s.pool && s.pool.stride < s.pool.size;
  const error = overlap
    ? row(M.under(mo("∑"), M.mtext(t("eq.avgpool.holding"))), d(ml(s.out, "p", "q", "c")))
    : d(ml(s.out, "⌊i/k⌋", "⌊j/k⌋", "c"));
  return withNotes(lines(d(ml(s.inp, "i", "j", "c")), row(share(s), error)), geometryNote(s));
}

const shareSym = (k) => `1/${k * k}`;

function avgA({ trace, record, idx }) {
  const parts = poolParts(trace, record.layer);
  const win = windowCells(parts, idx);
  const k2 = parts.size * parts.size;
  return {
    terms: win.map((f) =>
      term([
        { sym: shareSym(parts.size), value: 1 / k2 },
        { sym: `a[${unravel(f, parts.input.shape).join(",")}]`, value: parts.input.values[f] },
      ]),
    ),
    refs: [{ ref: recRef(trace, parts.input), flats: win, role: "input" }],
  };
}

/** The error at input cell [i, j, c]: 1/k² of the error of every window that holds it. */
function avgDX({ trace, record, idx }) {
  const parts = poolParts(trace, record.layer);
  const k2 = parts.size * parts.size;
  const windows = windowsOf(parts, idx);
  const flats = windows.map((w) => ravel(w, parts.error.shape));
  return {
    terms: windows.map((w, n) =>
      term([
        { sym: shareSym(parts.size), value: 1 / k2 },
        { sym: `dâ[${w.join(",")}]`, value: parts.error.values[flats[n]] },
      ]),
    ),
    spread: { k: parts.size },
    refs: [{ ref: recRef(trace, parts.error), flats, role: "delta" }],
  };
}

export default {
  kinds: ["avgpool"],
  role: "pool",
  geometry: poolSymbols,
  general: { inp: general("a", "l"), out: general("a", "l", true) },
  equations: {
    a: { map: "F8", formula: aFormula, explain: avgA, ask: [] },
    dx: {
      map: "B11",
      formula: dxFormula,
      explain: avgDX,
      ask: ["shareQuestion", "shapeQuestion"],
      title: () => "eq.title.avgpool.dx",
    },
  },
};
