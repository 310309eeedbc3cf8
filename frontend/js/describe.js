// Text alternatives for heatmaps: where the values concentrate, in words a screen-reader user
// (or a student reading an exported figure) can act on. Pure; no DOM.

import { fmt, shapeText } from "./format.js";
import { t } from "./i18n.js";
import { unravel } from "./tiling.js";

/** The cell of largest |value| in words: "row 5, column 12 of map 3" (1-based, as read aloud). */
export function whereText(flat, shape) {
  // indices as text: read aloud as numbers, never with a thousands separator
  const [a, b, c, d] = unravel(flat, shape).map((i) => String(i + 1));
  if (shape.length === 0) return t("eq.where.only");
  if (shape.length === 1) return t("eq.where.entry", { i: a });
  if (shape.length === 2) return t("eq.where.cell", { i: a, j: b });
  if (shape.length === 3) return t("eq.where.map", { i: a, j: b, m: c });
  return t("eq.where.filter", { i: b, j: c, m: a, c: d });
}

/** {largest (flat index of max |v|), nonzero (fraction), lo, hi} of an array. */
export function summary(values) {
  let largest = 0;
  let nonzero = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Math.abs(v) > Math.abs(values[largest])) largest = i;
    if (v !== 0) nonzero += 1;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { largest, nonzero: values.length ? nonzero / values.length : 0, lo, hi };
}

// "3 %" for most fractions; "0.4 %" below 1 % so a sparse gradient never reads as "0 %"
function percent(fraction) {
  const p = fraction * 100;
  if (p === 0 || p >= 1) return `${Math.round(p)} %`;
  return `${p.toFixed(1)} %`;
}

/** The sentence a heatmap's aria-label carries. */
export function describe(name, values, shape) {
  if (!values.length) return t("eq.describe.empty", { name });
  const s = summary(values);
  const where =
    values.length === 1
      ? t("eq.describe.value", { value: fmt(values[0]) })
      : t("eq.describe.spread", {
          value: fmt(values[s.largest]),
          where: whereText(s.largest, shape),
          nonzero: percent(s.nonzero),
          lo: fmt(s.lo),
          hi: fmt(s.hi),
        });
  return t("eq.describe", { name, shape: shapeText(shape), where });
}
