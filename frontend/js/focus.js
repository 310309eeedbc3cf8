// The focus view's content: the tensors one step's equation reads and the one it produces, each
// with the slice worth drawing large. Pure: (trace, weights, step, pick) -> plain data.
//
// A conv step involves stacks of maps (8 or 16 of them); drawn all at once they are tiny. So the
// focus view draws one map of each tensor large and the whole stack as a small overview that
// picks the map. The maps shown are linked by the equation: for an elementwise step the same
// channel everywhere; for the filter gradient ∂L/∂w^m_{·,·,c} the error map m and input map c.
// Dense layers are drawn per class: row j of W (and of ∂L/∂W) folded back into the pool layout
// (e.g. 4×4×16), so one sees which features vote for class j.

import { makeScale, scaleKind } from "./colormap.js";
import { quantityText } from "./format.js";
import { t } from "./i18n.js";
import { ravel, unravel } from "./tiling.js";
import * as S from "./trace-store.js";

// how `reads` names a gradient: ∂L/∂(conv2.z) is "conv2.dL_dz" (the engine's naming.py)
const GRADIENT_REF = /^([^.]+)\.dL_d(.+)$/;

/**
 * Where a read tensor comes from: a gradient record, a forward record, or a parameter. A pool's
 * switches are shown as the tensor they point into, the pool's input, where the winners sit.
 */
function resolve(trace, weights, name) {
  const g = GRADIENT_REF.exec(name);
  if (g) {
    const of = `${g[1]}.${g[2]}`;
    const r = S.gradientOf(trace, of);
    return r && { key: `grad:${of}`, record: r };
  }
  const r = S.forward(trace, name);
  if (r?.quantity === "switches") {
    const below = S.layerInput(trace, r.layer);
    return below && { key: `fwd:${S.tensorName(below)}`, record: below };
  }
  if (r) return { key: `fwd:${name}`, record: r };
  const w = weights?.[name];
  return w && { key: `fwd:${name}`, weights: { name, ...w } };
}

/** What a step reads, by its equation (for traces whose records carry no `reads`). */
function readsByEquation(trace, r) {
  const [kind, what] = r.equation.split(".");
  const out = S.layerOutput(trace, r.layer);
  const upstream = out ? `${out.layer}.dL_d${out.quantity}` : null;
  const below = S.layerInput(trace, r.layer);
  const input = below ? S.tensorName(below) : null;
  if (r.equation === "xent.L" || r.equation === "xent.dz") return ["loss.p"];
  if (what === "dW") return [upstream, input];
  if (what === "db" || kind === "flatten") return [upstream];
  if (what === "dx" && (kind === "dense" || kind === "conv")) return [upstream, `${r.layer}.W`];
  return [upstream, input]; // max-pool routing (its input holds the switches), σ′(z)
}

function readsOf(trace, weights, r) {
  const names = r.reads?.length ? r.reads : readsByEquation(trace, r);
  const refs = names.map((n) => n && resolve(trace, weights, n)).filter(Boolean);
  if (r.equation.startsWith("xent.") && trace.result) refs.push(oneHot(trace, refs[0]?.record));
  return refs;
}

// The target y as a one-hot vector beside p, so "p − y" can be read off the panels. It is not
// a record of the trace: the trace carries the label, from which y is written down.
function oneHot(trace, p) {
  const values = Float32Array.from(p.values, (_, k) => (k === trace.result.label ? 1 : 0));
  const record = { phase: "forward", layer: p.layer, quantity: "y", shape: p.shape, values };
  const label = t("focus.one_hot", { label: trace.result.label });
  return { key: `fwd:${p.layer}.y`, record, label };
}

/** The rank-3 layout a flat dense input came from (e.g. pool2's 4×4×16), or null. */
function foldShape(trace, length) {
  const blocks = trace.records.filter((r) => r.phase === "forward" && r.shape.length === 3);
  const last = blocks.findLast((r) => r.shape.reduce((a, b) => a * b, 1) === length);
  return last ? last.shape : null;
}

// A gradient is named by the tensor it is taken with respect to ("∂L/∂(pool1 a)"), not by the
// layer that computed it: the error arriving at pool1's output is computed by conv2.
function recordLabel(r) {
  if (r.phase === "backward") return `∂L/∂(${r.of.replace(".", " ")})`;
  return `${r.layer} ${quantityText(r.quantity)}`;
}

/**
 * One operand: how it is sliced. `along` says which focus index picks its big slice:
 *   "c"  a map of a rank-3 tensor at input channel c;  "m" at output map m
 *   "mc" filter m, channel c of a rank-4 tensor;        "row" class m of a dense W
 *   "all" the whole tensor (vectors, scalars, folded dense vectors)
 */
function operand(trace, ref, along, role) {
  const src = ref.record ?? ref.weights;
  const values = src.values;
  const shape = src.shape;
  const grad = ref.key.startsWith("grad:");
  const label =
    ref.label ??
    (ref.record ? recordLabel(ref.record) : `parameter ${ref.weights.name.replace(".", " ")}`);
  const kind = grad || ref.weights ? "diverging" : scaleKind(ref.record);
  const fold = shape.length === 1 || shape.length === 2 ? foldShape(trace, shape.at(-1)) : null;
  return {
    key: ref.key,
    label,
    role,
    shape,
    values,
    along: shape.length === 2 && fold ? "row" : along,
    fold: fold && shape.at(-1) > 32 ? fold : null,
    scale: makeScale(kind, values),
  };
}

// Which focus index an operand follows. In a conv layer the error arriving from above has one
// map per filter (m) while the layer's input has one per channel (c); elsewhere (σ′, pooling)
// input and output maps correspond one to one and all follow c. A flattened block is small
// enough to show whole.
function alongFor(trace, r, ref, shape) {
  if (shape.length === 4) return "mc";
  if (shape.length !== 3 || r.kind === "flatten") return "all";
  const out = S.layerOutput(trace, r.layer);
  const fromAbove = out && ref.key === `grad:${S.tensorName(out)}`;
  return r.kind === "conv" && fromAbove ? "m" : "c";
}

/** The focus index {m, c} a step opens on: its result's largest cell (dense: the target). */
export function defaultPick(trace, record) {
  const v = record.values;
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
  const idx = unravel(best, record.shape);
  const label = trace.result?.label ?? 0;
  if (record.shape.length === 4) return { m: idx[0], c: idx[3] };
  if (record.shape.length === 3) return { m: strongestMap(trace, record), c: idx[2] };
  if (record.equation === "conv.db") return { m: best, c: 0 };
  return { m: label, c: 0 };
}

// for the full convolution: the error map of the layer above that carries the most error
function strongestMap(trace, record) {
  const out = S.layerOutput(trace, record.layer);
  const up = out && S.gradientOf(trace, S.tensorName(out));
  if (up?.shape.length !== 3) return 0;
  const maps = up.shape[2];
  const size = new Float64Array(maps);
  for (let i = 0; i < up.values.length; i++) size[i % maps] += Math.abs(up.values[i]);
  return size.indexOf(Math.max(...size));
}

/** {record, operands: [...inputs, result]} for the current step, or null before a trace. */
export function focusPlan(trace, weights) {
  const r = S.currentRecord(trace);
  if (!r) return null;
  const refs = readsOf(trace, weights, r);
  const key = r.phase === "backward" ? `grad:${r.of}` : `fwd:${S.tensorName(r)}`;
  const along = (ref) => alongFor(trace, r, ref, (ref.record ?? ref.weights).shape);
  const inputs = refs.map((ref) => operand(trace, ref, along(ref), "in"));
  const own = { key, record: r };
  const result = operand(trace, own, along(own), "out");
  return { record: r, operands: [...inputs, result] };
}

/** How many slices an operand has, and which one `pick` selects. */
export function sliceCount(op) {
  const s = op.shape;
  if (op.along === "row") return s[0];
  if (op.along === "mc") return s[0] * s[3];
  if (op.along === "m" || op.along === "c") return s[2];
  return 1;
}

function sliceIndex(op, pick) {
  const n = sliceCount(op);
  if (op.along === "mc") return Math.min(pick.m, op.shape[0] - 1) + op.shape[0] * pick.c;
  if (op.along === "c") return Math.min(pick.c, n - 1);
  if (op.along === "m" || op.along === "row") return Math.min(pick.m, n - 1);
  return 0;
}

/** The focus index that overview tile `t` of an operand stands for (inverse of sliceIndex). */
export function pickOfSlice(op, t, pick) {
  if (op.along === "mc") return { m: t % op.shape[0], c: Math.floor(t / op.shape[0]) };
  if (op.along === "c") return { ...pick, c: t };
  return { ...pick, m: t };
}

/**
 * The big slice: {index, shape, values, toFlat(sub) -> flat index into the whole operand}.
 * Rank-3 and rank-4 operands give one 2-D map; a dense W row is folded into its pool layout.
 */
export function slice(op, pick) {
  const t = sliceIndex(op, pick);
  const s = op.shape;
  if (op.along === "row") {
    const n = s[1];
    const values = op.values.subarray(t * n, (t + 1) * n);
    return { index: t, shape: op.fold ?? [n], values, toFlat: (k) => t * n + k };
  }
  if (op.along === "all") {
    return { index: 0, shape: op.fold ?? s, values: op.values, toFlat: (k) => k };
  }
  const [rows, cols] = op.along === "mc" ? [s[1], s[2]] : [s[0], s[1]];
  const at =
    op.along === "mc"
      ? (i, j) => ravel([t % s[0], i, j, Math.floor(t / s[0])], s)
      : (i, j) => ravel([i, j, t], s);
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) values[i * cols + j] = op.values[at(i, j)];
  return {
    index: t,
    shape: [rows, cols],
    values,
    toFlat: (k) => at(Math.floor(k / cols), k % cols),
  };
}
