// Number formatting shared by every view: 4 significant digits, exponent for tiny or huge.

import { t } from "./i18n.js";

export function fmt(v, digits = 4) {
  if (v === 0) return "0";
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) {
    return String(Number(v.toPrecision(digits)));
  }
  return v.toExponential(digits - 1).replace("e+", "e");
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
