// The inspector's content for a selected cell: pure (trace, weights, cell) -> view data.

import { explanation, formula, substituted } from "./equations.js";
import { fmt } from "./format.js";
import { equationOf, layerSymbols, stepTitle, tensorSymbols } from "./notation.js";
import { explain } from "./terms.js";
import { unravel } from "./tiling.js";

const SHOWN_TERMS = 8;

function notes(info) {
  const out = [];
  if (info.terms?.length > SHOWN_TERMS) {
    out.push(
      `Listed: the ${SHOWN_TERMS} terms with the largest |term| of all ${info.terms.length}, in index order, since they decide the sum; the other ${info.terms.length - SHOWN_TERMS} are added up in one line. The listed terms' factors are outlined in their heatmaps (green: activations or errors, purple: weights).`,
    );
  }
  if (info.terms?.some((t) => t.factors.some((f) => f.sym.startsWith("δ")))) {
    out.push("δ is short for ∂L/∂z, the error at a layer's weighted output z.");
  }
  if (info.routing) {
    out.push(
      info.routing.wins
        ? "This cell won its window, so it receives the pooled error."
        : "This cell lost its window: no error reaches it.",
    );
  }
  if (info.scalar?.slope != null)
    out.push(`z = ${fmt(info.scalar.input)}, σ′(z) = ${fmt(info.scalar.slope)}`);
  if (info.note) out.push(info.note);
  return out;
}

// a record's name in the derivation's notation and in words, e.g. "z² — conv2's weighted sums"
function heading(trace, r) {
  if (r.phase === "backward" || r.equation === "xent.L") return stepTitle(r, trace.records).text;
  const sym = tensorSymbols(trace.records).get(`${r.layer}.${r.quantity}`);
  return sym ? `${sym.text} — ${sym.words}` : `${r.layer}.${r.quantity}`;
}

/**
 * For a sum of many terms, outline only the factors of the listed terms (the largest |term|),
 * not every cell the sum reads: a ref whose flats run parallel to the terms is cut to those.
 */
function listedRefs(info) {
  const n = info.terms?.length ?? 0;
  if (n <= SHOWN_TERMS) return info.refs;
  const order = info.terms.map((_, i) => i);
  order.sort((p, q) => Math.abs(info.terms[q].product) - Math.abs(info.terms[p].product));
  const keep = order.slice(0, SHOWN_TERMS);
  return info.refs.map((r) =>
    r.flats.length === n ? { ...r, flats: keep.map((i) => r.flats[i]) } : r,
  );
}

/** {info, view} for cell `flat` of trace record `index`. */
export function inspectRecord(trace, weights, index, flat) {
  const r = trace.records[index];
  // the layer's symbols travel with the terms, so the sums are written in the derivation's notation
  const info = {
    ...explain(trace, weights, index, flat),
    symbols: layerSymbols(trace.records, r.layer),
  };
  const view = {
    heading: heading(trace, r),
    label: equationOf(r.equation)?.label ?? r.equation,
    where: `cell [${info.idx.join(", ")}] of ${r.shape.join("×") || "a scalar"} · ${r.layer}`,
    formulaHtml: formula(r.equation, layerSymbols(trace.records, r.layer)),
    explanation: explanation(r.equation),
    substitutedHtml: substituted(info, SHOWN_TERMS),
    value: info.value,
    check: info.sum ?? info.recomputed ?? null,
    count: info.terms?.length ?? 0,
    notes: notes(info),
  };
  return { info: { ...info, refs: listedRefs(info) }, view };
}

/** The view for one entry of a parameter tensor (weights have no equation in the trace). */
export function inspectWeight(name, w, flat, whose) {
  return {
    heading: `parameter ${name}`,
    label: "",
    where: `entry [${unravel(flat, w.shape).join(", ")}] of ${w.shape.join("×")}`,
    formulaHtml: "",
    explanation: whose,
    substitutedHtml: "",
    value: w.values[flat],
    check: null,
    notes: [
      "Its gradient appears beside it when backprop reaches this layer; an SGD step moves it by −(learning rate) × that gradient.",
    ],
  };
}
