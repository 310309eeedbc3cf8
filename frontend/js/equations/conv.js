// The conv layer's equations: z (F1) and its three gradients (B8–B10, boxed in the source).
// With the layer's stride s and padding p (from its records) the formulas say so: the filter
// reads a_{s·i+a, s·j+b, c} of the zero-padded input, and the error passed down is the error
// dilated by the stride, then the full convolution, the padding cropped (a transposed conv).

import { t } from "../i18n.js";
import * as M from "../mathml.js";
import { d, lines, sumTo, withNotes } from "./common.js";
import { convDB, convDW, convDX, convZ } from "./conv-terms.js";
import { convGeometry } from "./geometry.js";
import { general, ml, param } from "./symbols.js";

const { mi, mo, row } = M;

const plain = (g) => !g || (g.stride === 1 && g.padding === 0);
const at = (g, i, a) => (!g || g.stride === 1 ? `${i}+${a}` : `${g.stride}${i}+${a}`);
const padded = (g) => (g?.padding ? t("eq.conv.padded", { p: g.padding }) : "");
const sumsAB = () => row(sumTo("a", "0", "d−1"), sumTo("b", "0", "d−1"));
// over every output position: limits r−d, s−d only when the filter moves one cell at a time
const sumsIJ = (g) =>
  plain(g) ? row(sumTo("i", "0", "r−d"), sumTo("j", "0", "s−d")) : M.sum(["i", "j"]);

function zFormula(s) {
  const g = s.conv;
  const math = lines(
    ml(s.out, "i", "j", "m"),
    sumsAB(),
    row(
      sumTo("c", "0", "t−1"),
      param("w", s.l, "m", "a", "b", "c"),
      ml(s.inp, at(g, "i", "a"), at(g, "j", "b"), "c"),
      mo("+"),
      param("b", s.l, "m"),
    ),
  );
  return withNotes(math, padded(g));
}

function dwFormula(s) {
  const g = s.conv;
  const math = lines(
    d(param("w", s.l, "m", "a", "b", "c")),
    sumsIJ(g),
    row(d(ml(s.out, "i", "j", "m")), ml(s.inp, at(g, "i", "a"), at(g, "j", "b"), "c")),
  );
  return withNotes(math, padded(g));
}

const dbFormula = (s) =>
  row(d(param("b", s.l, "m")), mo("="), sumsIJ(s.conv), d(ml(s.out, "i", "j", "m")));

// δ̃^l: the error at z^l dilated by the stride
const dilated = (l, ...idx) =>
  M.subsup(`<mover accent="true">${mi("δ")}${mo("~")}</mover>`, M.idx(...idx), M.ident(l));

function dxFormula(s) {
  const g = s.conv;
  if (plain(g))
    return lines(
      d(ml(s.inp, "i", "j", "c")),
      sumsAB(),
      row(
        sumTo("k", "0", "K−1"),
        d(ml(s.out, "i-a", "j-b", "k")),
        param("w", s.l, "k", "a", "b", "c"),
      ),
    );
  const shift = (i, a) => (g.padding ? `${i}+${g.padding}−${a}` : `${i}−${a}`);
  // stride 1: the error itself; stride s: the error dilated by s (δ̃)
  const error = (...idx) => (g.stride > 1 ? dilated(s.l, ...idx) : d(ml(s.out, ...idx)));
  const math = lines(
    d(ml(s.inp, "i", "j", "c")),
    sumsAB(),
    row(
      sumTo("k", "0", "K−1"),
      error(shift("i", "a"), shift("j", "b"), "k"),
      param("w", s.l, "k", "a", "b", "c"),
    ),
  );
  return withNotes(
    math,
    g.stride > 1 ? t("eq.conv.dilated", { s: g.stride, count: g.stride - 1 }) : "",
    g.padding ? t("eq.conv.cropped", { p: g.padding }) : "",
  );
}

/** {conv: {stride, padding}} for the formulas; "same" padding needs d, from ∂L/∂w once there. */
function geometry(records, r) {
  const dW = records.find((x) => x.layer === r.layer && x.quantity === "dL_dW");
  return { conv: convGeometry(records, r.layer, dW?.shape[1] ?? null) };
}

export default {
  kinds: ["conv"],
  role: "learns",
  weights: "filters",
  geometry,
  general: { inp: general("a", "l-1"), out: general("z", "l") },
  equations: {
    z: { map: "F1", formula: zFormula, explain: convZ, ask: [] },
    dW: {
      map: "B8",
      boxed: true,
      formula: dwFormula,
      explain: convDW,
      ask: ["strideQuestion", "shapeQuestion"],
    },
    db: {
      map: "B9",
      boxed: true,
      formula: dbFormula,
      explain: convDB,
      ask: ["biasValue", "biasSign"],
    },
    dx: {
      map: "B10",
      boxed: true,
      formula: dxFormula,
      explain: convDX,
      ask: ["saliencyQuestion", "unreadQuestion", "shapeQuestion"],
      // the error at the input image is the saliency map
      title: (sym) => (sym.text === "x" ? "eq.title.conv.dx_input" : "eq.title.conv.dx"),
    },
  },
};
