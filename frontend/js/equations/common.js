// What every equation record shares: MathML pieces for formulas and substituted sums, and the
// small helpers the explainers use to read a trace (a term, a reference to a record, the
// layer's parameters). Pure; no DOM.

import { fmt } from "../format.js";
import * as M from "../mathml.js";
import { ravel } from "../tiling.js";

const { mi, mn, mo, row } = M;

/** ∑ with both limits, e.g. sumTo("i", "0", "r−d"); the upper limit is tokenised by M.ident. */
export const sumTo = (i, lo, hi) =>
  `<munderover>${mo("∑")}${row(mi(i), mo("="), mn(lo))}${M.ident(hi)}</munderover>`;
export const d = (x) => M.partial(x);
export const eq = (...xs) => row(...xs);

/**
 * Aligned lines `lhs = first`, then each of `rest` under `first`: a long right-hand side is
 * split where the derivation would split it, and a line of words may follow.
 */
export const lines = (lhs, first, ...rest) =>
  `<mtable displaystyle="true" columnalign="right left"><mtr><mtd>${lhs}</mtd><mtd>${row(mo("="), first)}</mtd></mtr>${rest
    .filter(Boolean)
    .map((x) => `<mtr><mtd></mtd><mtd>${row(M.mspace(), x)}</mtd></mtr>`)
    .join("")}</mtable>`;

/**
 * A formula with lines of words under it (the layer's stride, padding, window): words wrap on a
 * narrow screen, so they go beside the MathML rather than into it. Empty notes are dropped.
 */
export const withNotes = (math, ...notes) => ({ math, notes: notes.filter(Boolean) });

export const num = (v) => mn(fmt(v));
export const signed = (v) => (v < 0 ? M.paren(num(v)) : num(v));
export const cell = (...xs) => `<mtd>${row(...xs)}</mtd>`;
export const line = (...cells) => `<mtr>${cells.join("")}</mtr>`;
export const table = (lines) => `<mtable columnalign="right left left">${lines.join("")}</mtable>`;

/** A product of named factors: {factors: [{sym, value}], product}. */
export function term(factors) {
  return { factors, product: factors.reduce((p, f) => p * f.value, 1) };
}

/** A reference views can outline: the trace record's index. */
export const recRef = (trace, record) => ({ record: trace.records.indexOf(record) });

/** The value of `arr` at a multi-index. */
export const at = (arr, idx) => arr.values[ravel(idx, arr.shape)];

/** A layer's parameters {W, b} from the weights in use (either may be missing). */
export function params(weights, layer) {
  return { W: weights?.[`${layer}.W`], b: weights?.[`${layer}.b`] };
}

/** Is the multi-index inside the shape (every axis 0 ≤ i < n)? */
export const inside = (idx, shape) => idx.every((i, k) => i >= 0 && i < shape[k]);
