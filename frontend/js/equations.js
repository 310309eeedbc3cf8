// The equations the UI explains, keyed by the trace's equation ids: the formula in the
// derivation's notation (MathML, with the layer's own superscripts when the trace is known), a
// one-line explanation in plain words, and the formula with a cell's numbers substituted.
// Explanations are written for students meeting backprop through a conv net for the first time.

import { fmt } from "./format.js";
import * as M from "./mathml.js";
import { equationKey, generalSymbols, ml, param } from "./notation.js";

const { mi, mn, mo, row, sup, frac, paren, partial } = M;
const sigmaName = { relu: "ReLU", sigmoid: "sigmoid", tanh: "tanh" };

/** ∑ with both limits, e.g. sumTo("i", "0", "r−d"). */
const sumTo = (i, lo, hi) =>
  `<munderover>${mo("∑")}${row(mi(i), mo("="), mn(lo))}${row(...hi.map((h) => (/^[0-9]$/.test(h) ? mn(h) : /^[−+]$/.test(h) ? mo(h) : mi(h))))}</munderover>`;
const d = (x) => partial(x);
const eq = (...xs) => row(...xs);
/** Two aligned lines, so a long right-hand side wraps inside the panel. */
const twoLines = (lhs, first, second) =>
  `<mtable columnalign="right left"><mtr><mtd>${lhs}</mtd><mtd>${row(mo("="), first)}</mtd></mtr><mtr><mtd></mtd><mtd>${second}</mtd></mtr></mtable>`;

// per general equation key: (symbols of the layer) -> MathML, and the words
const GENERAL = {
  "input.x": [
    () =>
      eq(mi("x"), mo("="), ml({ base: "a", l: 0 }), mo("="), M.mtext("the 28×28 image, ink = 1")),
    "The digit after preprocessing: cropped to its ink, scaled into a 20×20 box and centred by mass on 28×28.",
  ],
  "conv.z": [
    (s) =>
      twoLines(
        ml(s.out, "i", "j", "m"),
        row(sumTo("a", "0", ["d", "−", "1"]), sumTo("b", "0", ["d", "−", "1"])),
        row(
          sumTo("c", "0", ["t", "−", "1"]),
          param("w", s.l, "m", "a", "b", "c"),
          ml(s.inp, "i+a", "j+b", "c"),
          mo("+"),
          param("b", s.l, "m"),
        ),
      ),
    "Each feature map m slides one d×d×t filter over the input: every output cell is the filter times the window under it, summed, plus the map's bias.",
  ],
  "act.a": [
    (s) => eq(ml(s.out, "i", "j", "m"), mo("="), mi("σ"), paren(ml(s.inp, "i", "j", "m"))),
    "The nonlinearity is applied to every cell on its own.",
  ],
  "maxpool.a": [
    (s) =>
      twoLines(
        ml(s.out, "i", "j", "c"),
        row(mi("max"), ml(s.inp, "ki+u", "kj+v", "c")),
        M.mtext("over the k×k window, 0 ≤ u, v < k"),
      ),
    "Each pooled cell keeps only the largest value of its window; which cell won is remembered (the switch).",
  ],
  "maxpool.switches": [
    () => row(M.mtext("switch = (row, col) of each window's maximum")),
    "Where each window's winner sits in the pool's input. Ties go to the first maximum in row-major order.",
  ],
  "flatten.a": [
    (s) =>
      twoLines(
        ml(s.out, "n"),
        ml(s.inp, "i", "j", "c"),
        row(
          mi("n"),
          mo("="),
          paren(row(mi("i"), mi("s"), mo("+"), mi("j"))),
          mi("t"),
          mo("+"),
          mi("c"),
        ),
      ),
    "The block of feature maps is read row by row into one long vector; nothing is computed.",
  ],
  "dense.z": [
    (s) =>
      eq(
        ml(s.out, "j"),
        mo("="),
        M.sum(["i"]),
        param("w", s.l, null, "j", "i"),
        ml(s.inp, "i"),
        mo("+"),
        M.subsup(mi("b"), mi("j"), M.ident(s.l)),
      ),
    "Every class score is a weighted sum of all inputs plus a bias.",
  ],
  "softmax.p": [
    (s) =>
      eq(
        M.sub(mi("p"), mi("j")),
        mo("="),
        frac(
          sup(mi("e"), row(ml(s.inp, "j"), mo("−"), mi("max"))),
          row(M.sum(["k"]), sup(mi("e"), row(ml(s.inp, "k"), mo("−"), mi("max")))),
        ),
      ),
    "Softmax turns the ten scores into probabilities that are positive and add up to 1; subtracting the largest score first changes nothing but keeps e^z from overflowing.",
  ],
  "xent.L": [
    () => eq(mi("L"), mo("="), mo("−"), mi("log"), M.sub(mi("p"), mi("y"))),
    "The loss is small when the network gives the target class y a high probability.",
  ],
  "xent.dz": [
    (s) =>
      eq(d(ml(s.out, "j")), mo("="), M.sub(mi("p"), mi("j")), mo("−"), M.sub(mi("y"), mi("j"))),
    "Backprop starts here: the error of each score is its probability minus 1 for the target class (minus 0 otherwise).",
  ],
  "dense.dW": [
    (s) => eq(d(param("w", s.l, null, "j", "i")), mo("="), d(ml(s.out, "j")), ml(s.inp, "i")),
    "A weight's gradient is the error at its output times the input it multiplies.",
  ],
  "dense.db": [
    (s) => eq(d(M.subsup(mi("b"), mi("j"), M.ident(s.l))), mo("="), d(ml(s.out, "j"))),
    "A bias adds straight into its score, so its gradient is that score's error.",
  ],
  "dense.dx": [
    (s) =>
      eq(
        d(ml(s.inp, "i")),
        mo("="),
        M.sum(["j"]),
        param("w", s.l, null, "j", "i"),
        d(ml(s.out, "j")),
      ),
    "The error passed down: each input collects the errors of all scores it fed, weighted by the same weights.",
  ],
  "flatten.dx": [
    (s) => eq(d(ml(s.inp, "i", "j", "c")), mo("="), d(ml(s.out, "n"))),
    "The vector's error is folded back into the feature-map block; again nothing is computed.",
  ],
  "maxpool.dx": [
    (s) =>
      twoLines(
        d(ml(s.inp, "i", "j", "c")),
        d(ml(s.out, "⌊i/k⌋", "⌊j/k⌋", "c")),
        M.mtext("if (i, j) is the switch, else 0"),
      ),
    "Only the winner of each window (its switch) influenced the output, so it receives the whole error; every other cell gets 0.",
  ],
  "act.dz": [
    (s) =>
      eq(
        d(ml(s.inp, "i", "j", "m")),
        mo("="),
        d(ml(s.out, "i", "j", "m")),
        mo("·"),
        sup(mi("σ"), mo("′")),
        paren(ml(s.inp, "i", "j", "m")),
      ),
    "The chain rule through the nonlinearity: multiply the error by the slope of σ at the cell's z.",
  ],
  "conv.dW": [
    (s) =>
      twoLines(
        d(param("w", s.l, "m", "a", "b", "c")),
        row(sumTo("i", "0", ["r", "−", "d"]), sumTo("j", "0", ["s", "−", "d"])),
        row(d(ml(s.out, "i", "j", "m")), ml(s.inp, "i+a", "j+b", "c")),
      ),
    "A filter weight is used at every position, so its gradient adds up error × input over all positions.",
  ],
  "conv.db": [
    (s) =>
      eq(
        d(param("b", s.l, "m")),
        mo("="),
        sumTo("i", "0", ["r", "−", "d"]),
        sumTo("j", "0", ["s", "−", "d"]),
        d(ml(s.out, "i", "j", "m")),
      ),
    "A map's bias is added at every position: its gradient is the sum of that map's errors.",
  ],
  "conv.dx": [
    (s) =>
      twoLines(
        d(ml(s.inp, "i", "j", "c")),
        row(sumTo("a", "0", ["d", "−", "1"]), sumTo("b", "0", ["d", "−", "1"])),
        row(
          sumTo("k", "0", ["K", "−", "1"]),
          d(ml(s.out, "i-a", "j-b", "k")),
          param("w", s.l, "k", "a", "b", "c"),
        ),
      ),
    "The error passed down is a full convolution: each input cell gathers the errors of every output whose window covered it, weighted by the filter entry that connected them (terms with no such output are zero). For the input image this is the saliency.",
  ],
};

/**
 * MathML of an equation in the derivation's notation. `symbols` (from notation.layerSymbols)
 * put the layer's own superscripts in; without them the formula is the general one, layer l.
 */
export function formula(equation, symbols = null) {
  const entry = GENERAL[equationKey(equation)];
  if (!entry) return M.math(M.mtext(equation));
  const [kind] = equation.split(".");
  const note = sigmaName[kind] ? row(M.mspace(), M.mtext(`(σ = ${sigmaName[kind]})`)) : "";
  return M.math(row(entry[0](symbols ?? generalSymbols(equation)), note), equation);
}

/** One sentence that says what the equation does. */
export function explanation(equation) {
  return GENERAL[equationKey(equation)]?.[1] ?? "";
}

const num = (v) => mn(fmt(v));
const signed = (v) => (v < 0 ? paren(num(v)) : num(v));

const cell = (...xs) => `<mtd>${row(...xs)}</mtd>`;
const line = (...cells) => `<mtr>${cells.join("")}</mtr>`;
const table = (lines) => `<mtable columnalign="right left left">${lines.join("")}</mtable>`;

/**
 * A factor's name from the sums ("w[1,0,2,7]", "a[5,5,7]", "δ[3,4,1]", "W[3,16]", "x[16]",
 * "b[2]") in the derivation's notation for the record's layer: w^{2,1}_{0,2,7}, â¹_{5,5,7}, δ²…
 */
function factorMath(text, info) {
  const m = /^(w|W|a|x|δ|b)\[([\d,]+)\]$/.exec(text);
  const s = info.symbols;
  if (!m || !s) return M.mtext(text);
  const idx = m[2].split(",").map(Number);
  const dense = info.record.equation.startsWith("dense.");
  if (m[1] === "w") return param("w", s.l, idx[0], ...idx.slice(1));
  if (m[1] === "W") return param("w", s.l, null, ...idx);
  if (m[1] === "δ") return M.subsup(mi("δ"), M.idx(...idx), M.ident(s.l));
  if (m[1] === "b")
    return dense ? M.subsup(mi("b"), M.idx(...idx), M.ident(s.l)) : param("b", s.l, idx[0]);
  return ml(s.inp, ...idx);
}

/**
 * A sum written one term per line (MathML does not wrap long lines): the `limit` largest terms
 * by size, in index order, each with the symbols it multiplies; then the rest summed; the bias.
 */
function sumOfTerms(info, limit) {
  const order = info.terms
    .map((_, i) => i)
    .sort((p, q) => Math.abs(info.terms[q].product) - Math.abs(info.terms[p].product));
  const shown = order.slice(0, limit).sort((p, q) => p - q);
  const lines = shown.map((i, n) => {
    const t = info.terms[i];
    const values = t.factors.flatMap((f, k) =>
      k ? [mo("·"), signed(f.value)] : [signed(f.value)],
    );
    const names = t.factors.flatMap((f, k) => [...(k ? [mo("·")] : []), factorMath(f.sym, info)]);
    return line(cell(mo(n ? "+" : "")), cell(...values), cell(M.mspace(), ...names));
  });
  const rest = order.slice(limit);
  if (rest.length) {
    const total = rest.reduce((acc, i) => acc + info.terms[i].product, 0);
    lines.push(
      line(
        cell(mo("+")),
        cell(signed(total)),
        cell(M.mtext(`  the other ${rest.length} terms, summed`)),
      ),
    );
  }
  if (info.bias)
    lines.push(
      line(
        cell(mo("+")),
        cell(signed(info.bias.value)),
        cell(M.mspace(), factorMath(info.bias.sym, info)),
      ),
    );
  lines.push(line(cell(mo("=")), cell(num(info.sum)), cell(M.mtext("  recomputed sum"))));
  return table(lines);
}

/**
 * Softmax with its numbers: e^{z_j − max} over the sum of all ten e^{z_k − max}, every term
 * listed and the sum given to 6 digits, so a student can redo the division by hand.
 */
function softmaxTerms(info) {
  const { j, shifted, exps, total } = info.softmax;
  const z = (k) => (info.symbols ? ml(info.symbols.inp, k) : M.sub(mi("z"), M.ident(k)));
  const ez = (k) => sup(mi("e"), row(z(k), mo("−"), mi("max")));
  const terms = exps.map((e, k) => (k ? row(mo("+"), num(e)) : num(e)));
  // three terms a line, so the sum wraps inside the inspector
  const sumLines = [];
  for (let k = 0; k < terms.length; k += 3) {
    const lead = k ? cell("") : cell(row(M.sum(["k"]), ez("k")));
    sumLines.push(line(lead, cell(row(...(k ? [] : [mo("=")]), ...terms.slice(k, k + 3)))));
  }
  return table([
    line(cell(ez(j)), cell(row(mo("="), sup(mi("e"), paren(num(shifted))), mo("="), num(exps[j])))),
    ...sumLines,
    line(cell(""), cell(row(mo("="), mn(fmt(total, 6))))),
    line(
      cell(M.sub(mi("p"), mn(j))),
      cell(row(mo("="), frac(num(exps[j]), mn(fmt(total, 6))), mo("="), num(info.recomputed))),
    ),
  ]);
}

/** The equation with this cell's numbers: MathML, or "" when there is nothing to substitute. */
export function substituted(info, limit = 8) {
  const v = num(info.value);
  if (info.terms?.length) return M.math(sumOfTerms(info, limit));
  if (info.scalar)
    return M.math(row(mi("σ"), paren(num(info.scalar.input)), mo("="), num(info.recomputed)));
  if (info.window)
    return M.math(
      row(
        mi("max"),
        paren(
          row(...info.window.flatMap((c, k) => (k ? [mo(","), num(c.value)] : [num(c.value)]))),
        ),
        mo("="),
        num(info.recomputed),
      ),
    );
  if (info.routing) {
    const r = info.routing;
    return M.math(
      table([
        line(
          cell(M.mtext(`pooled cell (${r.cell.join(", ")})`)),
          cell(M.mtext(`switch at (${r.switch.join(", ")})`)),
        ),
        line(cell(mo("→")), cell(r.wins ? num(r.upstream) : mn("0"))),
      ]),
    );
  }
  if (info.softmax) return M.math(softmaxTerms(info));
  if (info.xent)
    return M.math(row(mo("−"), mi("log"), paren(num(info.xent.p)), mo("="), num(info.recomputed)));
  if (info.output)
    return M.math(
      row(num(info.output.p), mo("−"), mn(info.output.onehot), mo("="), num(info.recomputed)),
    );
  if (info.copy) return M.math(row(M.mtext("copied: "), v));
  return "";
}
