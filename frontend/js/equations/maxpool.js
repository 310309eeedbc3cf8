// The max pool (F3) and its routing (B6): each window keeps its largest value and remembers
// where it was (the switch); backward sends a pooled cell's whole error to its switch. With a
// stride smaller than the window, windows overlap: a cell that won several adds their errors.

import { t } from "../i18n.js";
import * as M from "../mathml.js";
import { ravel, unravel } from "../tiling.js";
import * as S from "../trace-store.js";
import { at, d, lines, recRef, withNotes } from "./common.js";
import { from, geometryNote, poolParts, poolSymbols, windowCells, windowsOf } from "./pools.js";
import { general, ml } from "./symbols.js";

const { mi, mo, row } = M;

const aFormula = (s) =>
  withNotes(
    lines(
      ml(s.out, "i", "j", "c"),
      row(mi("max"), ml(s.inp, from(s, "i", "u"), from(s, "j", "v"), "c")),
      M.mtext(t("eq.maxpool.window")),
    ),
    geometryNote(s),
  );

function dxFormula(s) {
  const overlap = s.pool && s.pool.stride < s.pool.size;
  if (!overlap)
    return withNotes(
      lines(
        d(ml(s.inp, "i", "j", "c")),
        d(ml(s.out, "⌊i/k⌋", "⌊j/k⌋", "c")),
        M.mtext(t("eq.maxpool.if_switch")),
      ),
      geometryNote(s),
    );
  const won = row(M.under(mo("∑"), M.mtext(t("eq.maxpool.won"))), d(ml(s.out, "p", "q", "c")));
  return withNotes(lines(d(ml(s.inp, "i", "j", "c")), won), geometryNote(s));
}

function poolA({ trace, record, idx }) {
  const parts = poolParts(trace, record.layer);
  const { input } = parts;
  const [i, j, c] = idx;
  const win = windowCells(parts, idx);
  const sw = S.switchesOf(trace, record.layer);
  const winner = sw ? ravel([at(sw, [i, j, c, 0]), at(sw, [i, j, c, 1]), c], input.shape) : -1;
  return {
    terms: [],
    recomputed: Math.max(...win.map((f) => input.values[f])),
    window: win.map((f) => ({ flat: f, idx: unravel(f, input.shape), value: input.values[f] })),
    winner,
    refs: [
      { ref: recRef(trace, input), flats: win, role: "input" },
      { ref: recRef(trace, input), flats: [winner], role: "winner" },
    ],
  };
}

/** The error at input cell [i, j, c]: the pooled errors of the windows it won, added. */
function poolDX({ trace, record, idx }) {
  const parts = poolParts(trace, record.layer);
  const sw = S.switchesOf(trace, record.layer);
  const [i, j, c] = idx;
  const routing = windowsOf(parts, idx).map((cell) => {
    const flat = ravel(cell, parts.error.shape);
    const win = [
      sw.values[ravel([...cell, 0], sw.shape)],
      sw.values[ravel([...cell, 1], sw.shape)],
    ];
    return {
      cell,
      flat,
      switch: win,
      wins: win[0] === i && win[1] === j,
      upstream: parts.error.values[flat],
    };
  });
  const won = routing.filter((w) => w.wins);
  return {
    terms: [],
    recomputed: won.reduce((sum, w) => sum + w.upstream, 0),
    routing,
    refs: [
      { ref: recRef(trace, parts.error), flats: routing.map((w) => w.flat), role: "delta" },
      {
        ref: recRef(trace, record),
        flats: routing.map((w) => ravel([w.switch[0], w.switch[1], c], record.shape)),
        role: "winner",
      },
    ],
  };
}

export default {
  kinds: ["maxpool"],
  role: "pool",
  geometry: poolSymbols,
  general: { inp: general("a", "l"), out: general("a", "l", true) },
  equations: {
    a: { map: "F3", formula: aFormula, explain: poolA, ask: [] },
    switches: {
      map: "F3",
      formula: () => row(M.mtext(t("eq.maxpool.switch_formula"))),
      explain: () => ({}),
      ask: [],
    },
    dx: {
      map: "B6",
      formula: dxFormula,
      explain: poolDX,
      ask: ["cellsQuestion", "overlapQuestion", "shapeQuestion"],
      title: () => "eq.title.maxpool.dx",
    },
  },
};
