// Number formatting shared by every view: 4 significant digits, exponent for tiny or huge.

import { number, t } from "./i18n.js";

export function fmt(v, digits = 4) {
  if (v === 0) return "0";
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) {
    return String(Number(v.toPrecision(digits)));
  }
  return v.toExponential(digits - 1).replace("e+", "e");
}

/**
 * fmt's number as prose and tables write it in the reader's language: 0,1234 in German, 0.1234
 * in English (the digits and the exponent stay fmt's). Equations keep fmt's one form instead.
 */
export function prose(v, digits = 4) {
  const separator = number(1.5).replace(/\d/g, "");
  const text = fmt(v, digits);
  return separator === "." ? text : text.replace(".", separator);
}

/** "3×4×8" for a shape. */
export function shapeText(shape) {
  return shape.length ? shape.join("×") : t("format.scalar");
}

/** Pretty name of a quantity id, e.g. dL_dz -> ∂L/∂z. */
export function quantityText(quantity) {
  const m = /^dL_d(.+)$/.exec(quantity);
  return m ? `∂L/∂${m[1]}` : quantity;
}
