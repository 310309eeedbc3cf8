// The inspector's content for a selected cell: pure (trace, weights, cell) -> view data.

import { explanation, formula, substituted } from "./equations.js";
import { fmt } from "./format.js";
import { t } from "./i18n.js";
import { equationOf, layerSymbols, stepTitle, tensorSymbols } from "./notation.js";
import { explain } from "./terms.js";
import { unravel } from "./tiling.js";

const SHOWN_TERMS = 8;

function notes(info) {
  const out = [];
  const n = info.terms?.length ?? 0;
  if (n > SHOWN_TERMS)
    out.push(t("eq.note.listed", { shown: SHOWN_TERMS, count: n, rest: n - SHOWN_TERMS }));
  if (info.terms?.some((x) => x.factors.some((f) => f.sym.startsWith("δ"))))
    out.push(t("eq.note.delta"));
  if (info.padded) out.push(t("eq.note.padded", { count: info.padded }));
  if (info.conv?.stride > 1 && info.record.equation === "conv.dx")
    out.push(t("eq.note.dilated", { s: info.conv.stride }));
  if (info.routing) out.push(routingNote(info.routing));
  if (info.spread) out.push(t("eq.note.spread", { k: info.spread.k, share: info.spread.k ** 2 }));
  if (info.scalar?.slope != null)
    out.push(`z = ${fmt(info.scalar.input)}, σ′(z) = ${fmt(info.scalar.slope)}`);
  if (info.missing) out.push(t("eq.note.no_weights"));
  if (info.sum === 0 && !info.terms.length) out.push(t("eq.note.unread"));
  return out;
}

function routingNote(routing) {
  const won = routing.filter((w) => w.wins).length;
  if (routing.length === 1) return t(won ? "eq.note.won" : "eq.note.lost");
  return t("eq.note.won_of", { won, count: routing.length });
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
    where: t("eq.where", {
      cell: info.idx.join(", "),
      shape: r.shape.join("×") || t("eq.scalar"),
      layer: r.layer,
    }),
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
    heading: t("eq.param.heading", { name }),
    label: "",
    where: t("eq.param.where", {
      cell: unravel(flat, w.shape).join(", "),
      shape: w.shape.join("×"),
    }),
    formulaHtml: "",
    explanation: whose,
    substitutedHtml: "",
    value: w.values[flat],
    check: null,
    notes: [t("eq.param.note")],
  };
}
