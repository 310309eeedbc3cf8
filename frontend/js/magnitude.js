// How large a tensor is, in numbers and in words. Each panel keeps its own colour scale (so a
// tiny gradient still shows its pattern), so its size must be told separately: as text, and as a
// bar on one fixed log scale shared by every panel, where 10⁶× smaller looks it. Pure: no DOM.

import { fmt, quantityText } from "./format.js";
import { t } from "./i18n.js";

// the shared log scale of the magnitude bars: 1e-10 … 1e2 (float32 gradients of a confident
// digit reach ~1e-9; activations and weights stay below ~1e2)
export const LOG_MIN = -10;
export const LOG_MAX = 2;
const SURE_LOSS = 1e-3; // below this the network is sure of the target: p_y > 0.999
const FADED = 1e-3; // a gradient this much smaller than the trace's largest has mostly faded

/** The largest |value|. */
export function maxAbs(values) {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}

/** Where m sits on the shared log scale, 0..1 (0 for exactly zero). */
export function logPosition(m) {
  if (!(m > 0)) return 0;
  const t = (Math.log10(m) - LOG_MIN) / (LOG_MAX - LOG_MIN);
  return Math.max(0.02, Math.min(1, t));
}

/** The largest magnitude of any gradient in the trace (what "small" is measured against). */
export function largestGradient(trace) {
  let m = 0;
  for (const r of trace.records) if (r.phase === "backward") m = Math.max(m, maxAbs(r.values));
  return m;
}

/** Is the network sure of the traced target (so every gradient is tiny)? */
export const isSure = (trace) => (trace.result?.loss ?? Infinity) < SURE_LOSS;

/** A short phrase for a gradient panel: its size against the trace's largest, or why tiny. */
export function sizeWords(m, largest, sure = false) {
  if (m === 0) return t("size.zero");
  if (sure) return t("size.sure");
  if (!(largest > 0) || m >= largest * 0.999) return t("size.largest");
  const ratio = largest / m;
  if (ratio < 10) return t("size.about_largest");
  return t("size.smaller", { power: String(Math.round(Math.log10(ratio))) });
}

/**
 * The sentence under a step's title, e.g. "largest |∂L/∂z| = 3.1e-7: the network is already
 * sure of this digit, so there is little to learn". {text, tiny} (tiny: the step moves little).
 */
export function stepMagnitude(record, trace) {
  const loss = trace.result?.loss ?? null;
  const sure = isSure(trace);
  if (record.equation === "xent.L") {
    const value = fmt(loss ?? record.values[0]);
    return { text: t(sure ? "size.loss_sure" : "size.loss", { value }), tiny: sure };
  }
  const m = maxAbs(record.values);
  const largest = largestGradient(trace);
  const said = { quantity: quantityText(record.quantity), value: fmt(m) };
  if (m === 0) return { text: t("size.step_zero", said), tiny: true };
  if (sure) return { text: t("size.step_sure", said), tiny: true };
  const words = sizeWords(m, largest);
  const faded = m < FADED * largest;
  return { text: t(faded ? "size.step_faded" : "size.step", { ...said, words }), tiny: faded };
}
