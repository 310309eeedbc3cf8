// The lesson's question makers that any step can use (the shape of the gradient, the sign of a
// cell) and those of the output layer. A maker takes the step's context
//   {trace, records, record, index, step, title, symbolOf(name) -> "z²"}
// and returns a question (plain JSON, graded by questions.js) or null when the step has no
// good question of its kind. The per-kind makers are in ask-layers.js and ask-pools.js.

import { t } from "../i18n.js";
import { ravel, unravel } from "../tiling.js";
import * as S from "../trace-store.js";

export function argmaxBy(n, score) {
  let best = -1;
  for (let i = 0; i < n; i++) if (best < 0 || score(i) > score(best)) best = i;
  return best;
}

/** A value question is right within 1 % of the truth (or `floor`, for a truth near 0). */
export const tolerance = (truth, floor) => Math.max(Math.abs(truth) * 0.01, floor);

/** The fields every question has; `fields` adds the kind's own. */
export function base(ctx, kind, fields) {
  return {
    id: `${ctx.step}:${kind}`,
    kind,
    step: ctx.step,
    record: ctx.index,
    equation: ctx.record.equation,
    title: ctx.title.text,
    ...fields,
  };
}

/** δ of the step's layer: the gradient of the layer's own output (z, or â of a pool). */
export const deltaOf = (ctx) =>
  S.gradientOf(ctx.trace, S.tensorName(S.layerOutput(ctx.trace, ctx.record.layer)));

export function shapeQuestion(ctx) {
  const sym = ctx.symbolOf(ctx.record.of);
  return base(ctx, "shape", {
    prompt: t("eq.ask.shape", { sym }),
    hint: t("eq.ask.shape_hint", { sym }),
  });
}

export function signQuestion(ctx, flat, given, hint) {
  const sym = ctx.symbolOf(ctx.record.of);
  const cell = unravel(flat, ctx.record.shape);
  const where = t(cell.length === 1 ? "eq.ask.entry" : "eq.ask.cell", { cell: cell.join(", ") });
  return base(ctx, "sign", { cell, given, prompt: t("eq.ask.sign", { sym, where }), hint });
}

/** A value question at `cell` of the step's record, with the numbers `given` to work it out. */
export function valueQuestion(ctx, cell, given, prompt, hint, floor) {
  const truth = ctx.record.values[ravel(cell, ctx.record.shape)];
  return base(ctx, "value", { cell, given, tolerance: tolerance(truth, floor), prompt, hint });
}

const probabilities = (ctx) => ctx.records.find((r) => r.equation === "softmax.p");

export function outputValue(ctx) {
  const p = probabilities(ctx);
  const y = ctx.trace.result.label;
  const given = [{ label: t("eq.ask.p_target", { y }), value: p.values[y] }];
  const prompt = t("eq.ask.output_value", { sym: ctx.symbolOf(ctx.record.of), y });
  return valueQuestion(ctx, [y], given, prompt, t("eq.ask.output_hint"), 1e-6);
}

export function outputSign(ctx) {
  const p = probabilities(ctx);
  const y = ctx.trace.result.label;
  const j = argmaxBy(p.values.length, (k) => (k === y ? -1 : p.values[k]));
  return signQuestion(ctx, j, [{ label: `p${j}`, value: p.values[j] }], t("eq.ask.output_sign"));
}

export function denseBiasSign(ctx) {
  const y = ctx.trace.result.label;
  const given = [{ label: t("eq.ask.delta_target", { y }), value: deltaOf(ctx).values[y] }];
  return signQuestion(ctx, y, given, t("eq.ask.dense_bias_hint"));
}
