// What to ask at each backward step, chosen from the trace: which cell, which patch, which
// numbers to give. The makers live with their equations (equations/<kind>.js lists its own, most
// useful first); this module walks the steps and gives the makers the step's context. Pure;
// questions.js is the public face (questionsFor, truthOf, check).

import * as askBasic from "./equations/ask.js";
import * as askLayers from "./equations/ask-layers.js";
import * as askPools from "./equations/ask-pools.js";
import { tiedWindows as tied } from "./equations/pools.js";
import { lookup } from "./equations/registry.js";
import { stepTitle, tensorSymbols } from "./notation.js";
import { ravel } from "./tiling.js";
import * as S from "./trace-store.js";

// kept for questions.js, which grades with them
export { argmaxBy } from "./equations/ask.js";
export { SALIENCY_GRID } from "./equations/ask-layers.js";

/** The flat index of a multi-index (the trace's row-major order). */
export const flatOf = ravel;
export const signOf = (v) => (v > 0 ? "+" : v < 0 ? "-" : "0");
export const switchesOf = (records, layer) => S.switchesOf({ records }, layer);

/** Record indices of the steps: the loss, then every backward record (trace-store's rule). */
export function stepIndices(trace) {
  if (trace.steps?.length) return trace.steps;
  return S.finish({ records: trace.records, steps: [] }, trace.result ?? null).steps;
}

/** How many windows of a max pool tied (their largest value more than once). */
export const tiedWindows = (records, layer) => tied({ records }, layer);

// The question makers by the names the equation entries give (`ask`): the entries only name
// them, so the makers load with this module (the lesson and class sessions), not with the page.
const MAKERS = { ...askBasic, ...askLayers, ...askPools };

/** Every question that fits step `step` (index into the steps), most useful first. */
export function questionsFor(trace, step) {
  const index = stepIndices(trace)[step];
  const record = trace.records[index];
  if (record?.phase !== "backward") return [];
  const symbols = tensorSymbols(trace.records);
  const ctx = {
    trace,
    records: trace.records,
    record,
    index,
    step,
    title: stepTitle(record, trace.records),
    symbolOf: (name) => symbols.get(name)?.text ?? name,
  };
  const names = lookup(record.equation).ask;
  const makers = (names.length ? names : ["shapeQuestion"]).map((name) => MAKERS[name]);
  return makers.map((make) => make(ctx)).filter(Boolean);
}
