// Question makers of the activation and conv steps: the chain rule through σ, a bias gradient
// as a sum, where the saliency is largest, and what a stride does to the error passed down.

import { t } from "../i18n.js";
import { ravel, unravel } from "../tiling.js";
import * as S from "../trace-store.js";
import { argmaxBy, base, deltaOf, signQuestion, tolerance, valueQuestion } from "./ask.js";
import { convGeometry } from "./geometry.js";

export const SALIENCY_GRID = 4;
const MAX_GIVEN = 16; // numbers a student is asked to add up, at most

function activationParts(ctx) {
  const a = S.layerOutput(ctx.trace, ctx.record.layer);
  const z = S.layerInput(ctx.trace, ctx.record.layer);
  const da = S.gradientOf(ctx.trace, S.tensorName(a));
  return { da, z, a, fn: ctx.record.equation.split(".")[0] };
}

function activationGiven(ctx, { da, z, a }, flat) {
  const aSym = ctx.symbolOf(S.tensorName(a));
  return [
    { label: t("eq.ask.act_error", { sym: aSym }), value: da.values[flat] },
    { label: t("eq.ask.act_z", { sym: ctx.symbolOf(S.tensorName(z)) }), value: z.values[flat] },
    { label: `${aSym} = σ(z)`, value: a.values[flat] },
  ];
}

/** ∂L/∂z = ∂L/∂a · σ′(z) at the cell with the largest error. */
export function activationValue(ctx) {
  const parts = activationParts(ctx);
  const flat = argmaxBy(parts.da.values.length, (k) => Math.abs(ctx.record.values[k]));
  const cell = unravel(flat, ctx.record.shape);
  const prompt = t("eq.ask.act_value", {
    sym: ctx.symbolOf(ctx.record.of),
    cell: cell.join(", "),
  });
  const hint = t("eq.ask.act_value_hint", { slope: t(`eq.slope.${parts.fn}`) });
  return valueQuestion(ctx, cell, activationGiven(ctx, parts, flat), prompt, hint, 1e-7);
}

/** The sign at a cell that receives error; a dead ReLU cell (z ≤ 0) when there is one. */
export function activationSign(ctx) {
  const parts = activationParts(ctx);
  const { da, z } = parts;
  const score = (k) =>
    da.values[k] === 0 ? -1 : (z.values[k] <= 0 ? 2 : 1) + Math.abs(da.values[k]) * 1e-9;
  const flat = argmaxBy(da.values.length, score);
  const hint = t("eq.ask.act_sign_hint", { slope: t(`eq.slope.${parts.fn}`) });
  return signQuestion(ctx, flat, activationGiven(ctx, parts, flat), hint);
}

/** ∂L/∂b^{l,m} as the sum of δ map m, for a map with a few nonzero errors (listed). */
export function biasValue(ctx) {
  const delta = deltaOf(ctx);
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
  const given = cells.map((k) => ({
    label: t("eq.ask.delta_at", { cell: unravel(k, delta.shape).join(", ") }),
    value: delta.values[k],
  }));
  const prompt = t("eq.ask.bias_value", { m, sym: ctx.symbolOf(delta.of ?? S.tensorName(delta)) });
  const q = valueQuestion(ctx, [m], given, prompt, t("eq.ask.bias_value_hint"), largest * 1e-3);
  return { ...q, tolerance: tolerance(ctx.record.values[m], largest * 1e-3) };
}

export function biasSign(ctx) {
  const delta = deltaOf(ctx);
  const m = argmaxBy(ctx.record.shape[0], (k) => Math.abs(ctx.record.values[k]));
  const hint = t("eq.ask.bias_sign_hint", { m, sym: ctx.symbolOf(S.tensorName(delta)) });
  return signQuestion(ctx, m, [], hint);
}

export function saliencyQuestion(ctx) {
  if (!ctx.record.of.startsWith("input.")) return null;
  const [rows, cols] = ctx.record.shape;
  const size = rows / SALIENCY_GRID;
  if (!Number.isInteger(size) || rows !== cols) return null;
  return base(ctx, "saliency", {
    grid: SALIENCY_GRID,
    region: size,
    prompt: t("eq.ask.saliency", { grid: SALIENCY_GRID, size }),
    hint: t("eq.ask.saliency_hint", { layer: ctx.record.layer }),
  });
}

/**
 * A strided conv's filter gradient: entry (a, b) of the filter meets input cells s·i + a − p,
 * every s-th cell. At the filter entry with the fewest nonzero products (2 to 16 of them, each
 * listed with its error and its input), the student adds them up.
 */
export function strideQuestion(ctx) {
  const [, d] = ctx.record.shape;
  const { stride, padding } = convGeometry(ctx.records, ctx.record.layer, d);
  if (stride === 1) return null;
  const delta = deltaOf(ctx);
  const x = S.layerInput(ctx.trace, ctx.record.layer);
  let best = null;
  for (let flat = 0; flat < ctx.record.values.length; flat++) {
    const terms = products(unravel(flat, ctx.record.shape), delta, x, stride, padding);
    const fewer = !best || terms.length < best.terms.length;
    if (terms.length >= 2 && terms.length <= MAX_GIVEN && fewer) best = { flat, terms };
  }
  if (!best) return null;
  const cell = unravel(best.flat, ctx.record.shape);
  const xSym = ctx.symbolOf(S.tensorName(x));
  const given = best.terms.flatMap(({ i, j, u, v, dv, xv }) => [
    { label: t("eq.ask.delta_at", { cell: [i, j, cell[0]].join(", ") }), value: dv },
    { label: `${xSym} [${[u, v, cell[3]].join(", ")}]`, value: xv },
  ]);
  const prompt = t("eq.ask.stride_value", { stride, cell: cell.join(", ") });
  const floor = Math.max(...best.terms.map((p) => Math.abs(p.dv * p.xv))) * 1e-3;
  return valueQuestion(ctx, cell, given, prompt, t("eq.ask.stride_hint", { stride }), floor);
}

// the nonzero products δ[i, j, m] · a[s·i + a − p, s·j + b − p, c] of filter entry (m, a, b, c)
function products([m, a, b, c], delta, x, stride, padding) {
  const out = [];
  for (let i = 0; i < delta.shape[0]; i++) {
    for (let j = 0; j < delta.shape[1]; j++) {
      const [u, v] = [stride * i + a - padding, stride * j + b - padding];
      if (u < 0 || v < 0 || u >= x.shape[0] || v >= x.shape[1]) continue;
      const dv = delta.values[ravel([i, j, m], delta.shape)];
      const xv = x.values[ravel([u, v, c], x.shape)];
      if (dv !== 0 && xv !== 0) out.push({ i, j, u, v, dv, xv });
      if (out.length > MAX_GIVEN) return out; // too many to ask for: no need to count on
    }
  }
  return out;
}

/**
 * A stride that does not fit the input leaves its last rows or columns unread: no output's
 * window covers them, so no error comes back to them. Ask for the error at such a cell (0).
 */
export function unreadQuestion(ctx) {
  const out = S.layerOutput(ctx.trace, ctx.record.layer);
  const d = S.gradientOf(ctx.trace, `${ctx.record.layer}.W`)?.shape[1];
  if (!d) return null;
  const { stride, padding } = convGeometry(ctx.records, ctx.record.layer, d);
  const [rows, cols] = ctx.record.shape;
  // the last input row (in unpadded rows) that a window covers
  const lastRead = (n) => stride * (n - 1) + d - 1 - padding;
  const row = lastRead(out.shape[0]) + 1;
  if (row >= rows) return null;
  const cell = [row, Math.min(cols - 1, lastRead(out.shape[1])), 0];
  const prompt = t("eq.ask.unread", {
    stride,
    d,
    cell: cell.join(", "),
    last: lastRead(out.shape[0]),
  });
  return valueQuestion(ctx, cell, [], prompt, t("eq.ask.unread_hint", { stride }), 1e-9);
}
