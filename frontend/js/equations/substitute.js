// The numbers of one cell written into its equation: a sum one term per line (the largest
// terms listed, the rest summed), a softmax with every exponential, a max over its window, a
// max-pool routing. Factors are named in the derivation's notation for the record's layer.

import { fmt } from "../format.js";
import { t } from "../i18n.js";
import * as M from "../mathml.js";
import { cell, d, line, num, signed, table } from "./common.js";
import { delta, ml, param } from "./symbols.js";

const { mi, mn, mo, row, sup, frac, paren } = M;

/**
 * A factor's name from the sums ("w[1,0,2,7]", "a[5,5,7]", "δ[3,4,1]", "W[3,16]", "x[16]",
 * "b[2]") in the derivation's notation for the record's layer: w^{2,1}_{0,2,7}, â¹_{5,5,7}, δ²…
 */
function factorMath(text, info) {
  const share = /^1\/(\d+)$/.exec(text);
  if (share) return M.frac(mn(1), mn(share[1]));
  const m = /^(w|W|a|x|δ|b|dâ)\[([\d,]+)\]$/.exec(text);
  const s = info.symbols;
  if (!m || !s) return M.mtext(text);
  const idx = m[2].split(",").map(Number);
  const dense = info.record.equation.startsWith("dense.");
  if (m[1] === "w") return param("w", s.l, idx[0], ...idx.slice(1));
  if (m[1] === "W") return param("w", s.l, null, ...idx);
  if (m[1] === "δ") return delta(s.l, ...idx);
  if (m[1] === "dâ") return d(ml(s.out, ...idx));
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
        cell(M.mtext(`  ${t("eq.sub.others", { count: rest.length })}`)),
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
  lines.push(line(cell(mo("=")), cell(num(info.sum)), cell(M.mtext(`  ${t("eq.sub.sum")}`))));
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

/** A max-pool routing: each window that holds the cell, its switch, what it sends here. */
function routingTable(info) {
  const rows = info.routing.map((w) =>
    line(
      cell(M.mtext(t("eq.sub.window", { cell: w.cell.join(", "), at: w.switch.join(", ") }))),
      cell(mo("→"), w.wins ? num(w.upstream) : mn("0")),
    ),
  );
  if (info.routing.length > 1) rows.push(line(cell(mo("=")), cell(num(info.recomputed))));
  return table(rows);
}

const list = (xs) => row(...xs.flatMap((c, k) => (k ? [mo(","), num(c.value)] : [num(c.value)])));

/** The equation with this cell's numbers: MathML, or "" when there is nothing to substitute. */
export function substituted(info, limit = 8) {
  if (info.terms?.length) return M.math(sumOfTerms(info, limit));
  if (info.scalar)
    return M.math(row(mi("σ"), M.paren(num(info.scalar.input)), mo("="), num(info.recomputed)));
  if (info.window)
    return M.math(row(mi("max"), M.paren(list(info.window)), mo("="), num(info.recomputed)));
  if (info.routing) return M.math(routingTable(info));
  if (info.softmax) return M.math(softmaxTerms(info));
  if (info.xent)
    return M.math(
      row(mo("−"), mi("log"), M.paren(num(info.xent.p)), mo("="), num(info.recomputed)),
    );
  if (info.output)
    return M.math(
      row(num(info.output.p), mo("−"), mn(info.output.onehot), mo("="), num(info.recomputed)),
    );
  if (info.copy) return M.math(row(M.mtext(t("eq.sub.copied")), num(info.value)));
  return "";
}
