// What produced one value: the terms of its equation, with the numbers from the trace and the
// weights. The browser only multiplies and adds to SHOW the terms; the value a student reads as
// "the result" is always the API's (info.value), with the recomputed sum beside it. Each
// equation's explainer lives in its registry record (equations/<kind>.js); an equation id the
// registry does not know throws, so no number is ever made up for it.
//
// explain(trace, weights, index, flat) -> {
//   record, idx, value, equation, terms: [{factors: [{sym, value}], product}], bias?, sum?,
//   recomputed? (one-input equations), scalar?, window?, routing?, softmax?, …,
//   refs: [{ref, flats, role}], missing? ("weights"), padded? (terms left out: zero padding) }
// A ref is {record: i} (a trace record) or {weights: "conv1.W"} so views can highlight cells.

import { lookup } from "./equations/registry.js";
import { unravel } from "./tiling.js";

export function explain(trace, weights, index, flat) {
  const record = trace.records[index];
  const entry = lookup(record.equation);
  const idx = unravel(flat, record.shape);
  const base = { record, idx, value: record.values[flat], equation: record.equation, refs: [] };
  const info = entry.explain({ trace, weights, record, idx, flat, kind: entry.kind });
  const out = {
    ...base,
    ...info,
    refs: [{ ref: { record: index }, flats: [flat], role: "self" }, ...(info.refs ?? [])],
  };
  // a sum of products (no terms at all: a cell no output reads, so its error is 0)
  if (Array.isArray(out.terms) && out.recomputed === undefined && !out.missing)
    out.sum = out.terms.reduce((s, t) => s + t.product, out.bias?.value ?? 0);
  return out;
}
