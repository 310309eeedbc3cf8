// Text alternatives for heatmaps: where the values concentrate, in words a screen-reader user
// (or a student reading an exported figure) can act on. Pure; no DOM.

import { fmt, shapeText } from "./format.js";
import { unravel } from "./tiling.js";

/** The cell of largest |value| in words: "row 5, column 12 of map 3" (1-based, as read aloud). */
export function whereText(flat, shape) {
  const idx = unravel(flat, shape).map((i) => i + 1);
  if (shape.length === 0) return "the only cell";
  if (shape.length === 1) return `entry ${idx[0]}`;
  if (shape.length === 2) return `row ${idx[0]}, column ${idx[1]}`;
  if (shape.length === 3) return `row ${idx[0]}, column ${idx[1]} of map ${idx[2]}`;
  return `row ${idx[1]}, column ${idx[2]} of filter ${idx[0]}, channel ${idx[3]}`;
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
  if (!values.length) return `${name}: empty`;
  const s = summary(values);
  const where =
    values.length === 1
      ? `value ${fmt(values[0])}`
      : `largest magnitude ${fmt(values[s.largest])} at ${whereText(s.largest, shape)}; ` +
        `${percent(s.nonzero)} of cells nonzero; values from ${fmt(s.lo)} to ${fmt(s.hi)}`;
  return `${name}, ${shapeText(shape)}: ${where}`;
}
