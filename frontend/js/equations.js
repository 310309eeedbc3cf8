// The equations the UI explains, keyed by the trace's equation ids: a general formula (MathML),
// a one-line explanation in plain words, and the formula with a cell's numbers substituted.
// Explanations are written for students meeting backprop through a conv net for the first time.

import { fmt } from "./format.js";
import * as M from "./mathml.js";

const { mi, mn, mo, row, sub, sup, frac, paren, sum, idx, partial } = M;

const z = (...i) => sub(mi("z"), idx(...i));
const a = (...i) => sub(mi("a"), idx(...i));
const w = (m, ...i) => M.subsup(mi("w"), idx(...i), mi(m));
const d = (x) => partial(x);
const sigmaName = { relu: "ReLU", sigmoid: "sigmoid", tanh: "tanh" };

// general formula + words, per equation id; activations share one entry per kind of step
const GENERAL = {
  "input.x": [
    row(mi("x"), mo("="), mtextS("the 28×28 image, ink = 1")),
    "The digit after preprocessing: cropped to its ink, scaled into a 20×20 box and centred by mass on 28×28.",
  ],
  "conv.z": [
    row(
      z("i", "j", "m"),
      mo("="),
      sum(["a", "b", "c"]),
      w("m", "a", "b", "c"),
      a("i+a", "j+b", "c"),
      mo("+"),
      sup(mi("b"), mi("m")),
    ),
    "Each feature map m slides one d×d×t filter over the input: every output cell is the filter times the window under it, summed, plus the map's bias.",
  ],
  "act.a": [
    row(a("i", "j", "m"), mo("="), mi("σ"), paren(z("i", "j", "m"))),
    "The nonlinearity is applied to every cell on its own.",
  ],
  "maxpool.a": [
    row(
      a("i", "j", "c"),
      mo("="),
      mi("max"),
      mtextS(" of the k×k window at "),
      paren(idx("ki", "kj")),
    ),
    "Each pooled cell keeps only the largest value of its window; which cell won is remembered (the switch).",
  ],
  "maxpool.switches": [
    row(mtextS("switch = (row, col) of each window's maximum")),
    "Where each window's winner sits in the pool's input. Ties go to the first maximum in row-major order.",
  ],
  "flatten.a": [
    row(
      sub(mi("x"), mi("n")),
      mo("="),
      a("i", "j", "c"),
      mo(","),
      mi("n"),
      mo("="),
      paren(row(mi("i"), mi("s"), mo("+"), mi("j"))),
      mi("t"),
      mo("+"),
      mi("c"),
    ),
    "The block of feature maps is read row by row into one long vector; nothing is computed.",
  ],
  "dense.z": [
    row(
      sub(mi("z"), mi("j")),
      mo("="),
      sum(["i"]),
      sub(mi("W"), idx("j", "i")),
      sub(mi("x"), mi("i")),
      mo("+"),
      sub(mi("b"), mi("j")),
    ),
    "Every class score is a weighted sum of all inputs plus a bias.",
  ],
  "softmax.p": [
    row(
      sub(mi("p"), mi("j")),
      mo("="),
      frac(
        sup(mi("e"), sub(mi("z"), mi("j"))),
        row(sum(["i"]), sup(mi("e"), sub(mi("z"), mi("i")))),
      ),
    ),
    "Softmax turns the ten scores into probabilities that are positive and add up to 1.",
  ],
  "xent.L": [
    row(mi("L"), mo("="), mo("−"), mi("log"), sub(mi("p"), mi("y"))),
    "The loss is small when the network gives the target class y a high probability.",
  ],
  "xent.dz": [
    row(d(sub(mi("z"), mi("j"))), mo("="), sub(mi("p"), mi("j")), mo("−"), sub(mi("y"), mi("j"))),
    "Backprop starts here: the error of each score is its probability minus 1 for the target class (minus 0 otherwise).",
  ],
  "dense.dW": [
    row(d(sub(mi("W"), idx("j", "i"))), mo("="), d(sub(mi("z"), mi("j"))), sub(mi("x"), mi("i"))),
    "A weight's gradient is the error at its output times the input it multiplies.",
  ],
  "dense.db": [
    row(d(sub(mi("b"), mi("j"))), mo("="), d(sub(mi("z"), mi("j")))),
    "A bias adds straight into its score, so its gradient is that score's error.",
  ],
  "dense.dx": [
    row(
      d(sub(mi("x"), mi("i"))),
      mo("="),
      sum(["j"]),
      sub(mi("W"), idx("j", "i")),
      d(sub(mi("z"), mi("j"))),
    ),
    "The error passed down: each input collects the errors of all scores it fed, weighted by the same weights.",
  ],
  "flatten.dx": [
    row(d(a("i", "j", "c")), mo("="), d(sub(mi("x"), mi("n")))),
    "The vector's error is folded back into the feature-map block; again nothing is computed.",
  ],
  "maxpool.dx": [
    row(
      d(a("i", "j", "c")),
      mo("="),
      mtextS("pooled error if (i, j) is its window's switch, else 0"),
    ),
    "Only the winner of each window influenced the output, so it receives the whole error; every other cell gets 0.",
  ],
  "act.dz": [
    row(
      d(z("i", "j", "m")),
      mo("="),
      d(a("i", "j", "m")),
      mo("·"),
      sup(mi("σ"), mo("′")),
      paren(z("i", "j", "m")),
    ),
    "The chain rule through the nonlinearity: multiply the error by the slope of σ at the cell's z.",
  ],
  "conv.dW": [
    row(
      d(w("m", "a", "b", "c")),
      mo("="),
      sum(["i", "j"]),
      d(z("i", "j", "m")),
      a("i+a", "j+b", "c"),
    ),
    "A filter weight is used at every position, so its gradient adds up error × input over all positions.",
  ],
  "conv.db": [
    row(d(sup(mi("b"), mi("m"))), mo("="), sum(["i", "j"]), d(z("i", "j", "m"))),
    "A map's bias is added at every position: its gradient is the sum of that map's errors.",
  ],
  "conv.dx": [
    row(
      d(a("i", "j", "c")),
      mo("="),
      sum(["a", "b", "k"]),
      d(z("i-a", "j-b", "k")),
      w("k", "a", "b", "c"),
    ),
    "The error passed down is a full convolution: each input cell gathers the errors of every output whose window covered it, weighted by the filter entry that connected them (terms with no such output are zero). For the input image this is the saliency.",
  ],
};

function mtextS(s) {
  return M.mtext(s);
}

function generalKey(equation) {
  const [, what] = equation.split(".");
  if (GENERAL[equation]) return equation;
  return what === "a" ? "act.a" : what === "dz" ? "act.dz" : equation;
}

/** MathML of the general formula for an equation id. */
export function formula(equation) {
  const entry = GENERAL[generalKey(equation)];
  if (!entry) return M.math(M.mtext(equation));
  const [kind] = equation.split(".");
  const note = sigmaName[kind] ? row(M.mspace(), mtextS(`(σ = ${sigmaName[kind]})`)) : "";
  return M.math(row(entry[0], note), equation);
}

/** One sentence that says what the equation does. */
export function explanation(equation) {
  return GENERAL[generalKey(equation)]?.[1] ?? "";
}

const num = (v) => mn(fmt(v));
const signed = (v) => (v < 0 ? paren(num(v)) : num(v));

const cell = (...xs) => `<mtd>${row(...xs)}</mtd>`;
const line = (...cells) => `<mtr>${cells.join("")}</mtr>`;
const table = (lines) => `<mtable columnalign="right left left">${lines.join("")}</mtable>`;

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
    const symbols = M.mtext(`  ${t.factors.map((f) => f.sym).join(" · ")}`);
    return line(cell(mo(n ? "+" : "")), cell(...values), cell(symbols));
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
      line(cell(mo("+")), cell(signed(info.bias.value)), cell(M.mtext(`  bias ${info.bias.sym}`))),
    );
  lines.push(line(cell(mo("=")), cell(num(info.sum)), cell(M.mtext("  recomputed sum"))));
  return table(lines);
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
      row(
        M.mtext(`switch of pooled cell (${r.cell.join(", ")}) is (${r.switch.join(", ")}) → `),
        r.wins ? num(r.upstream) : mn("0"),
      ),
    );
  }
  if (info.softmax)
    return M.math(
      row(frac(num(info.softmax.exp), num(info.softmax.total)), mo("="), num(info.recomputed)),
    );
  if (info.xent)
    return M.math(row(mo("−"), mi("log"), paren(num(info.xent.p)), mo("="), num(info.recomputed)));
  if (info.output)
    return M.math(
      row(num(info.output.p), mo("−"), mn(info.output.onehot), mo("="), num(info.recomputed)),
    );
  if (info.copy) return M.math(row(M.mtext("copied: "), v));
  return "";
}

const STEP_NAMES = {
  "xent.L": "the loss: where backpropagation starts",
  "xent.dz": "output error p − y",
  "dense.dW": "weight gradient",
  "dense.db": "bias gradient",
  "dense.dx": "error passed down",
  "flatten.dx": "error folded back into feature maps",
  "maxpool.dx": "max-pool routing through the switches",
  "conv.dW": "filter gradients",
  "conv.db": "bias gradients",
  "conv.dx": "error passed down (full convolution)",
};

/** A short name for a step, e.g. "max-pool routing through the switches". */
export function stepName(record) {
  if (record.equation === "conv.dx" && record.of?.startsWith("input."))
    return "input saliency ∂L/∂x (full convolution)";
  if (STEP_NAMES[record.equation]) return STEP_NAMES[record.equation];
  const [kind, what] = record.equation.split(".");
  if (what === "dz") return `through the ${sigmaName[kind] ?? kind}: ∂L/∂a ⊙ σ′(z)`;
  return record.equation;
}
