// What to ask at each backward step, chosen from the trace: which cell, which patch, which
// numbers to give. Pure; questions.js is the public face (questionsFor, truthOf, check).

import { stepTitle, tensorSymbols } from "./notation.js";
import { unravel } from "./tiling.js";

export const SALIENCY_GRID = 4;
const ACTIVATIONS = new Set(["relu", "sigmoid", "tanh"]);

// ---- reading the trace ----
export const nameOf = (r) => `${r.layer}.${r.quantity}`;
const forwardOut = (records) =>
  records.filter((r) => r.phase === "forward" && r.quantity !== "switches");

/** Record indices of the steps: the loss, then every backward record (as the page steps). */
export function stepIndices(trace) {
  if (trace.steps?.length) return trace.steps;
  return trace.records.flatMap((r, i) =>
    r.equation === "xent.L" || r.phase === "backward" ? [i] : [],
  );
}

function layerIO(records, layer) {
  const fwd = forwardOut(records);
  const k = fwd.findIndex((r) => r.layer === layer);
  return { input: fwd[k - 1] ?? null, output: fwd[k] ?? null };
}

/** δ of a conv or dense layer: the gradient of its output z. */
const deltaOf = (records, layer) => gradientOf(records, nameOf(layerIO(records, layer).output));
const gradientOf = (records, name) => records.find((r) => r.phase === "backward" && r.of === name);
export const switchesOf = (records, layer) =>
  records.find((r) => r.layer === layer && r.quantity === "switches");
export const flatOf = (idx, shape) => idx.reduce((f, v, k) => f * shape[k] + v, 0);
export const signOf = (v) => (v > 0 ? "+" : v < 0 ? "-" : "0");
const symbolOf = (records, name) => tensorSymbols(records).get(name)?.text ?? name;

export function argmaxBy(n, score) {
  let best = -1;
  for (let i = 0; i < n; i++) if (best < 0 || score(i) > score(best)) best = i;
  return best;
}

// ---- the questions of a step ----

/** Every question that fits step `step` (index into the steps), most useful first. */
export function questionsFor(trace, step) {
  const index = stepIndices(trace)[step];
  const record = trace.records[index];
  if (record?.phase !== "backward") return [];
  const [kind, what] = record.equation.split(".");
  const ctx = { trace, records: trace.records, record, index, step };
  const key = ACTIVATIONS.has(kind) ? `act.${what}` : record.equation;
  const makers = PLAN[key] ?? [shapeQuestion];
  return makers.map((make) => make(ctx)).filter(Boolean);
}

function base(ctx, kind, fields) {
  const title = stepTitle(ctx.record, ctx.records);
  return {
    id: `${ctx.step}:${kind}`,
    kind,
    step: ctx.step,
    record: ctx.index,
    equation: ctx.record.equation,
    title: title.text,
    ...fields,
  };
}

function shapeQuestion(ctx) {
  const sym = symbolOf(ctx.records, ctx.record.of);
  return base(ctx, "shape", {
    prompt: `What shape will ∂L/∂${sym} have? Type its sizes, e.g. 3, 4, 5.`,
    hint: `A gradient has exactly the shape of the tensor it belongs to: look at ${sym}'s panel (or the layer's size line) in the network.`,
  });
}

function signQuestion(ctx, flat, given, hint) {
  const sym = symbolOf(ctx.records, ctx.record.of);
  const cell = unravel(flat, ctx.record.shape);
  return base(ctx, "sign", {
    cell,
    given,
    prompt: `What will be the sign of ∂L/∂${sym} at ${cell.length === 1 ? "entry" : "cell"} [${cell.join(", ")}]: positive (+), negative (−) or exactly zero (0)?`,
    hint,
  });
}

function outputValue(ctx) {
  const p = ctx.records.find((r) => r.equation === "softmax.p");
  const y = ctx.trace.result.label;
  const truth = p.values[y] - 1;
  return base(ctx, "value", {
    cell: [y],
    given: [{ label: `p${y} (probability of the target y = ${y})`, value: p.values[y] }],
    tolerance: Math.max(Math.abs(truth) * 0.01, 1e-6),
    prompt: `What will ∂L/∂${symbolOf(ctx.records, ctx.record.of)} be for the target class y = ${y}?`,
    hint: "At the output the error is p − y, and y is 1 for the target class (0 for the others).",
  });
}

function outputSign(ctx) {
  const p = ctx.records.find((r) => r.equation === "softmax.p");
  const y = ctx.trace.result.label;
  const j = argmaxBy(p.values.length, (k) => (k === y ? -1 : p.values[k]));
  return signQuestion(ctx, j, [{ label: `p${j}`, value: p.values[j] }], "p − y: y is 0 here.");
}

function denseBiasSign(ctx) {
  const y = ctx.trace.result.label;
  return signQuestion(
    ctx,
    y,
    [
      {
        label: `δ at the target class ${y}`,
        value: deltaOf(ctx.records, ctx.record.layer).values[y],
      },
    ],
    "A bias is added straight into its score, so its gradient equals that score's error δ.",
  );
}

/** ∂L/∂z = ∂L/∂a · σ′(z) at the cell with the largest error. */
function activationValue(ctx) {
  const { da, z, a, fn } = activationParts(ctx);
  const flat = argmaxBy(da.values.length, (k) => Math.abs(ctx.record.values[k]));
  const truth = ctx.record.values[flat];
  const cell = unravel(flat, ctx.record.shape);
  return base(ctx, "value", {
    cell,
    given: activationGiven(ctx, da, z, a, flat),
    tolerance: Math.max(Math.abs(truth) * 0.01, 1e-7),
    prompt: `What will ∂L/∂${symbolOf(ctx.records, ctx.record.of)} be at cell [${cell.join(", ")}]?`,
    hint: `Multiply the error ∂L/∂a by the slope σ′(z): ${SLOPES[fn]}.`,
  });
}

const SLOPES = {
  relu: "for ReLU it is 1 where z > 0 and 0 otherwise",
  sigmoid: "for the sigmoid it is a·(1 − a)",
  tanh: "for tanh it is 1 − a²",
};

function activationParts(ctx) {
  const { input: z, output: a } = layerIO(ctx.records, ctx.record.layer);
  return { da: gradientOf(ctx.records, nameOf(a)), z, a, fn: ctx.record.equation.split(".")[0] };
}

function activationGiven(ctx, da, z, a, flat) {
  return [
    {
      label: `∂L/∂${symbolOf(ctx.records, nameOf(a))} (the error arriving here)`,
      value: da.values[flat],
    },
    { label: `${symbolOf(ctx.records, nameOf(z))} (the weighted sum)`, value: z.values[flat] },
    { label: `${symbolOf(ctx.records, nameOf(a))} = σ(z)`, value: a.values[flat] },
  ];
}

/** The sign at a cell that receives error; a dead ReLU cell (z ≤ 0) when there is one. */
function activationSign(ctx) {
  const { da, z, a, fn } = activationParts(ctx);
  const score = (k) =>
    da.values[k] === 0 ? -1 : (z.values[k] <= 0 ? 2 : 1) + Math.abs(da.values[k]) * 1e-9;
  const flat = argmaxBy(da.values.length, score);
  return signQuestion(
    ctx,
    flat,
    activationGiven(ctx, da, z, a, flat),
    `The sign of ∂L/∂a times σ′(z) ≥ 0: ${SLOPES[fn]}.`,
  );
}

/** ∂L/∂b^{l,m} as the sum of δ map m, for the map with the fewest nonzero errors (listed). */
function biasValue(ctx) {
  const delta = deltaOf(ctx.records, ctx.record.layer);
  const maps = ctx.record.shape[0];
  const nonzero = (m) =>
    [...delta.values.keys()].filter((k) => k % maps === m && delta.values[k] !== 0);
  // a map with a few nonzero errors: enough to add up, not too many to type
  const m = argmaxBy(maps, (k) => {
    const n = nonzero(k).length;
    return n >= 2 ? -n : n - 100;
  });
  const cells = nonzero(m);
  if (!cells.length || cells.length > 16) return null;
  const largest = Math.max(...cells.map((k) => Math.abs(delta.values[k])));
  const truth = ctx.record.values[m];
  const sym = symbolOf(ctx.records, nameOf(layerIO(ctx.records, ctx.record.layer).output));
  return base(ctx, "value", {
    cell: [m],
    given: cells.map((k) => ({
      label: `δ at [${unravel(k, delta.shape).join(", ")}]`,
      value: delta.values[k],
    })),
    tolerance: Math.max(Math.abs(truth) * 0.01, largest * 1e-3),
    prompt: `What will ∂L/∂b of map ${m} be? The nonzero errors δ of ${sym}'s map ${m} are listed; every other cell of the map is 0.`,
    hint: "The bias is added at every position of its map, so its gradient is the sum of the map's errors δ.",
  });
}

function biasSign(ctx) {
  const delta = deltaOf(ctx.records, ctx.record.layer);
  const m = argmaxBy(ctx.record.shape[0], (k) => Math.abs(ctx.record.values[k]));
  return signQuestion(
    ctx,
    m,
    [],
    `The bias gradient of map ${m} is the sum of the errors δ over the whole map ${m} of ${symbolOf(ctx.records, delta.of)}: do its red (positive) or blue (negative) cells weigh more?`,
  );
}

/** Which cells of a 2×2-window patch of the pool's input receive error (the switches). */
function cellsQuestion(ctx) {
  const sw = switchesOf(ctx.records, ctx.record.layer);
  if (!sw) return null;
  const [r, s, c] = sw.shape;
  const k = Math.round(ctx.record.shape[0] / r);
  const patch = busiestPatch(ctx, sw, k);
  return base(ctx, "cells", {
    patch,
    prompt: `Which cells of this ${2 * k}×${2 * k} patch of ${symbolOf(ctx.records, ctx.record.of)} (map ${patch.channel}) will receive error from ${ctx.record.layer}? Select every cell that gets a share.`,
    hint: `Each ${k}×${k} window passes its error to one cell only: its switch, the cell that held the window's largest value in the forward pass (on a tie, the first in reading order). The other cells get 0.`,
    windows: 4,
    of: [r, s, c],
  });
}

// the 2x2-window patch (rows, cols of the pool input) with the largest forward values, so the
// student compares real numbers; in pool-output cells: rows [pi, pi+2), cols [pj, pj+2)
function busiestPatch(ctx, sw, k) {
  const [r, s, c] = sw.shape;
  const input = ctx.records.find((x) => x.phase === "forward" && nameOf(x) === ctx.record.of);
  let best = null;
  for (let ch = 0; ch < c; ch++) {
    for (let pi = 0; pi + 2 <= r; pi += 2) {
      for (let pj = 0; pj + 2 <= s; pj += 2) {
        let total = 0;
        for (let i = pi * k; i < (pi + 2) * k; i++)
          for (let j = pj * k; j < (pj + 2) * k; j++)
            total += input.values[flatOf([i, j, ch], input.shape)];
        if (!best || total > best.total) best = { total, ch, pi, pj };
      }
    }
  }
  const row0 = best.pi * k;
  const col0 = best.pj * k;
  const values = [];
  for (let i = row0; i < row0 + 2 * k; i++)
    for (let j = col0; j < col0 + 2 * k; j++)
      values.push(input.values[flatOf([i, j, best.ch], input.shape)]);
  return { channel: best.ch, row0, col0, size: 2 * k, window: k, values };
}

function saliencyQuestion(ctx) {
  if (!ctx.record.of.startsWith("input.")) return null;
  const [rows, cols] = ctx.record.shape;
  const size = rows / SALIENCY_GRID;
  if (!Number.isInteger(size) || rows !== cols) return null;
  return base(ctx, "saliency", {
    grid: SALIENCY_GRID,
    region: size,
    prompt: `Where on your digit will |∂L/∂x| be largest? Choose one of the ${SALIENCY_GRID}×${SALIENCY_GRID} regions (${size}×${size} pixels each).`,
    hint: "Changing a pixel matters most where the conv1 filters that see it carry large errors: usually on or right beside the strokes that tell the target digit apart.",
  });
}

// what to ask at each kind of step, most useful first (the lesson asks the first)
const PLAN = {
  "xent.dz": [outputValue, outputSign],
  "dense.dW": [shapeQuestion],
  "dense.db": [denseBiasSign],
  "dense.dx": [shapeQuestion],
  "flatten.dx": [shapeQuestion],
  "maxpool.dx": [cellsQuestion, shapeQuestion],
  "act.dz": [activationValue, activationSign],
  "conv.dW": [shapeQuestion],
  "conv.db": [biasValue, biasSign],
  "conv.dx": [saliencyQuestion, shapeQuestion],
};

/** How many windows of a max pool tied (their largest value more than once), from the trace. */
export function tiedWindows(records, layer) {
  const { input, output } = layerIO(records, layer);
  if (!input || !output) return 0;
  const [r, s, c] = output.shape;
  const k = Math.round(input.shape[0] / r);
  let tied = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < s; j++) {
      for (let ch = 0; ch < c; ch++) {
        const top = output.values[flatOf([i, j, ch], output.shape)];
        let hits = 0;
        for (let a = 0; a < k; a++)
          for (let b = 0; b < k; b++)
            if (input.values[flatOf([i * k + a, j * k + b, ch], input.shape)] === top) hits += 1;
        if (hits > 1) tied += 1;
      }
    }
  }
  return tied;
}
