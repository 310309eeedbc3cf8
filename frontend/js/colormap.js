// Value -> colour. Two scales, used the same way everywhere on the page:
//   diverging  (signed: z, weights, every gradient): blue < 0, white = 0, red/orange > 0
//   sequential (activations, the input, probabilities): dark purple (low) -> yellow (high)
// Both are short hand-written control-point tables, interpolated linearly in RGB.
// The diverging ends differ in hue AND lightness so they stay apart for colour-blind readers.

const DIVERGING = [
  [-1.0, [33, 82, 158]],
  [-0.6, [96, 152, 204]],
  [-0.25, [184, 214, 234]],
  [0.0, [247, 247, 247]],
  [0.25, [252, 207, 160]],
  [0.6, [232, 128, 60]],
  [1.0, [160, 45, 20]],
];

// viridis-like: monotone lightness, so grey-scale print still orders the values
const SEQUENTIAL = [
  [0.0, [68, 1, 84]],
  [0.13, [71, 44, 122]],
  [0.25, [59, 81, 139]],
  [0.38, [44, 113, 142]],
  [0.5, [33, 144, 141]],
  [0.63, [39, 173, 129]],
  [0.75, [92, 200, 99]],
  [0.88, [170, 220, 50]],
  [1.0, [253, 231, 37]],
];

function interpolate(table, t) {
  if (!(t > table[0][0])) return table[0][1];
  for (let i = 1; i < table.length; i++) {
    const [t1, c1] = table[i];
    if (t <= t1) {
      const [t0, c0] = table[i - 1];
      const f = (t - t0) / (t1 - t0);
      return [0, 1, 2].map((k) => Math.round(c0[k] + f * (c1[k] - c0[k])));
    }
  }
  return table[table.length - 1][1];
}

// Lookup tables so painting a heatmap is one array read per cell. An odd size puts an entry
// exactly at the middle, so 0 on a diverging scale is exactly white.
const STEPS = 255;
function lut(table, lo, hi) {
  const out = new Uint8ClampedArray(STEPS * 3);
  for (let i = 0; i < STEPS; i++) {
    const rgb = interpolate(table, lo + ((hi - lo) * i) / (STEPS - 1));
    out.set(rgb, i * 3);
  }
  return out;
}
const LUTS = { diverging: lut(DIVERGING, -1, 1), sequential: lut(SEQUENTIAL, 0, 1) };

/** The range [min, max] of finite values; [0, 0] for an empty array. */
export function extent(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/**
 * A scale for `values`: {kind, min, max}. Diverging scales are symmetric around zero, so white
 * always means exactly 0. A sequential scale starts at min(0, data minimum).
 * `limit` (optional) is a shared magnitude that overrides the data's own.
 */
export function makeScale(kind, values, limit) {
  const [lo, hi] = extent(values);
  if (kind === "diverging") {
    const m = limit ?? Math.max(Math.abs(lo), Math.abs(hi));
    return { kind, min: -m, max: m };
  }
  return { kind, min: Math.min(0, lo), max: limit ?? Math.max(hi, 0) };
}

/** Index of v in the scale's lookup table (values outside the range clamp to its ends). */
function position(scale, v) {
  const span = scale.max - scale.min;
  if (!(span > 0)) return scale.kind === "diverging" ? (STEPS - 1) / 2 : 0;
  const t = (v - scale.min) / span;
  return Math.max(0, Math.min(STEPS - 1, Math.round(t * (STEPS - 1))));
}

/** [r, g, b] for v. */
export function colour(scale, v) {
  const i = position(scale, v) * 3;
  const table = LUTS[scale.kind];
  return [table[i], table[i + 1], table[i + 2]];
}

/** Paint values (flat, row-major rows x cols) into an ImageData-sized RGBA buffer. */
export function paint(scale, values, rgba) {
  const table = LUTS[scale.kind];
  for (let i = 0; i < values.length; i++) {
    const j = position(scale, values[i]) * 3;
    const o = i * 4;
    rgba[o] = table[j];
    rgba[o + 1] = table[j + 1];
    rgba[o + 2] = table[j + 2];
    rgba[o + 3] = 255;
  }
}

/** CSS colour string for v (used by legends and bars). */
export function css(scale, v) {
  const [r, g, b] = colour(scale, v);
  return `rgb(${r} ${g} ${b})`;
}

/** Which scale a quantity takes: signed quantities are diverging, activations sequential. */
export function scaleKind(record) {
  if (record.phase === "backward" || record.quantity === "z" || record.kind === "weights") {
    return "diverging";
  }
  const [lo] = extent(record.values);
  return lo < 0 ? "diverging" : "sequential";
}
