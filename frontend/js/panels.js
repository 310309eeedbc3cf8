// Trace + weights -> what each panel shows (keys, titles, scales) and which cells to outline.
// Pure: no DOM. Keys: "fwd:<tensor>" for a forward tensor or parameter, "grad:<tensor>" for
// the gradient with respect to it, so a gradient always sits beside its tensor.

import { extent, makeScale, scaleKind } from "./colormap.js";
import { poolGeometry } from "./equations/geometry.js";
import { fmt, quantityText, shapeText } from "./format.js";
import { t } from "./i18n.js";
import { isSure, largestGradient, logPosition, maxAbs, sizeWords } from "./magnitude.js";
import { tensorSymbols } from "./notation.js";
import { ravel } from "./tiling.js";
import * as S from "./trace-store.js";

export const recordKey = (r) =>
  r.phase === "backward" ? `grad:${r.of}` : `fwd:${S.tensorName(r)}`;
const shown = (r) => r.quantity !== "switches";

/** Rows for the network view, from a model's architecture: input, each layer, the loss. */
export function layerRows(architecture) {
  return [
    { name: "input", kind: "input" },
    ...architecture.map((l) => ({
      name: l.name,
      kind: l.kind,
      detail: `${shapeText(l.input_shape)} → ${shapeText(l.output_shape)}`,
    })),
    { name: "loss", kind: "softmax + cross-entropy" },
  ];
}

function family(kind, side) {
  return side === "grad" ? "gradient" : side === "weights" ? "weights" : kind;
}

// a tensor's name in the derivation's notation, e.g. "z²", or the engineering name without one
const symbolText = (symbols, name, quantity) => symbols.get(name)?.text ?? quantityText(quantity);

// The size of a panel's values: for the bar beside its legend, and in words for a gradient.
function magnitude(symbol, values, context, grad) {
  const max = maxAbs(values);
  const words = grad ? `: ${sizeWords(max, context.largest, context.sure)}` : "";
  return { max, position: logPosition(max), text: `max |${symbol}| = ${fmt(max)}${words}` };
}

/**
 * Every panel the trace and weights call for: [{key, pair, side, label, title, shape, values,
 * scale, magnitude: {max, position, text}}]. `symbols` name the tensors (notation.tensorSymbols
 * of the whole trace so far).
 */
export function panelSpecs(trace, weights, mode, symbols = tensorSymbols(trace.records)) {
  const specs = [];
  const context = { largest: largestGradient(trace), sure: isSure(trace) };
  trace.records.forEach((r, i) => {
    if (!shown(r)) return;
    const grad = r.phase === "backward";
    const step = S.stepOf(trace, i);
    const sym = grad
      ? `∂L/∂${symbolText(symbols, r.of, r.quantity)}`
      : symbolText(symbols, S.tensorName(r), r.quantity);
    specs.push({
      key: recordKey(r),
      index: i,
      pair: grad ? r.of : S.tensorName(r),
      side: grad ? "grad" : "value",
      kind: grad ? "diverging" : scaleKind(r),
      label: `${r.layer} ${quantityText(r.quantity)}`,
      title: `${grad ? t("panels.step", { k: step + 1 }) : ""}${sym}${r.shape.length ? ` ${shapeText(r.shape)}` : ""}`,
      shape: r.shape,
      values: r.values,
      magnitude: magnitude(sym, r.values, context, grad),
    });
    if (r.equation === "softmax.p" && trace.result) {
      specs.push(oneHot(r, trace.result.label, context));
    }
  });
  for (const [name, w] of Object.entries(weights ?? {})) {
    const q = symbolText(symbols, name, name.slice(name.lastIndexOf(".") + 1));
    specs.push({
      key: `fwd:${name}`,
      pair: name,
      side: "weights",
      kind: "diverging",
      label: name,
      title: `${q} ${shapeText(w.shape)}`,
      shape: w.shape,
      values: w.values,
      magnitude: magnitude(q, w.values, context, false),
    });
  }
  return withScales(specs, mode);
}

// y beside p, so "p − y" at the output error can be read off the two panels
function oneHot(p, label, context) {
  const values = Float32Array.from(p.values, (_, k) => (k === label ? 1 : 0));
  return {
    key: `fwd:${p.layer}.y`,
    pair: `${p.layer}.y`,
    side: "value",
    kind: "sequential",
    label: `${p.layer} y`,
    title: t("panels.one_hot", { label }),
    shape: p.shape,
    values,
    magnitude: magnitude("y", values, context, false),
  };
}

// Per-layer: each panel its own range. Shared: one range per family (activations, z, gradients,
// weights) so sizes compare across layers, e.g. gradients shrinking toward the input.
function withScales(specs, mode) {
  const limits = new Map();
  if (mode === "shared") {
    for (const s of specs) {
      const f = family(s.kind, s.side);
      const [lo, hi] = extent(s.values);
      const m = s.kind === "diverging" ? Math.max(Math.abs(lo), Math.abs(hi)) : hi;
      limits.set(f, Math.max(limits.get(f) ?? 0, m));
    }
  }
  return specs.map((s) => ({
    ...s,
    scale: makeScale(s.kind, s.values, limits.get(family(s.kind, s.side))),
  }));
}

/** Pending (not reached yet) and current flags for every record panel at the cursor. */
export function panelStates(trace) {
  const states = new Map();
  const current = S.currentIndex(trace);
  trace.records.forEach((r, i) => {
    if (!shown(r)) return;
    states.set(recordKey(r), { pending: !S.isVisible(trace, i), current: i === current });
  });
  return states;
}

/** For a max-pool routing record: the switch cells, as flat indices into the pool's input. */
export function switchFlats(trace, record) {
  const sw = S.switchesOf(trace, record.layer);
  if (!sw) return [];
  const [r, s, c] = sw.shape;
  const out = [];
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < s; j++) {
      for (let k = 0; k < c; k++) {
        const at = ravel([i, j, k, 0], sw.shape);
        out.push(ravel([sw.values[at], sw.values[at + 1], k], record.shape));
      }
    }
  }
  return out;
}

/**
 * Outlines for the current step: the routing step marks every switch cell and, when the
 * windows tile the map (stride = size), their borders; overlapping or spaced windows have no
 * grid that would be true, so only the winners are marked.
 */
export function stepMarks(trace) {
  const r = S.currentRecord(trace);
  if (r?.equation !== "maxpool.dx") return [];
  const out = S.layerOutput(trace, r.layer);
  const { size, stride } = poolGeometry(trace.records, r.layer, r.shape, out.shape);
  const grid = size === stride ? size : 0;
  const flats = switchFlats(trace, r);
  const marks = [{ flats, style: "winner" }];
  return [
    { key: recordKey(r), marks, grid },
    { key: `fwd:${r.of}`, marks, grid },
  ];
}

/** Inspector refs -> outlines, merged with the step's own. */
export function refMarks(trace, refs, base = []) {
  const byKey = new Map(base.map((m) => [m.key, { ...m, marks: [...m.marks] }]));
  for (const { ref, flats, role } of refs) {
    const key = ref.weights ? `fwd:${ref.weights}` : recordKey(trace.records[ref.record]);
    if (!byKey.has(key)) byKey.set(key, { key, marks: [], grid: 0 });
    byKey.get(key).marks.push({ flats, style: role });
  }
  return [...byKey.values()];
}
