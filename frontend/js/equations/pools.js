// What the two pools share: the layer's window geometry and tensors, each window's cells, the
// MathML of a window's input cell (k·i+u, with the layer's numbers when known), and the line of
// words that gives k and the stride. Pure.

import { t } from "../i18n.js";
import * as M from "../mathml.js";
import { ravel } from "../tiling.js";
import * as S from "../trace-store.js";
import { poolGeometry, windowsHolding } from "./geometry.js";

/** {pool: {size, stride}} for the formulas, from the shapes below and of the pool. */
export const poolSymbols = (records, r, below) =>
  below ? { pool: poolGeometry(records, r.layer, below.shape, r.shape) } : {};

/** {input, output, error (∂L/∂output, once backward reached it), size, stride} of a pool. */
export function poolParts(trace, layer) {
  const input = S.layerInput(trace, layer);
  const output = S.layerOutput(trace, layer);
  const geo = poolGeometry(trace.records, layer, input.shape, output.shape);
  return { input, output, error: S.gradientOf(trace, S.tensorName(output)), ...geo };
}

/** Flat indices (into the pool's input) of the window of pooled cell [i, j, c]. */
export function windowCells({ input, size, stride }, [i, j, c]) {
  const out = [];
  for (let a = 0; a < size; a++)
    for (let b = 0; b < size; b++)
      out.push(ravel([i * stride + a, j * stride + b, c], input.shape));
  return out;
}

/** The pooled cells [p, q, c] whose window holds input cell [i, j, c]. */
export function windowsOf({ output, size, stride }, [i, j, c]) {
  const out = [];
  for (const p of windowsHolding(i, size, stride, output.shape[0]))
    for (const q of windowsHolding(j, size, stride, output.shape[1])) out.push([p, q, c]);
  return out;
}

/** The geometry the symbols carry (s.pool), or letters in a general formula. */
const kOf = (s) => (s.pool ? String(s.pool.stride) : "k");
/** Row index of a window's cell: "ki+u", "2i+u". */
export const from = (s, i, u) => `${kOf(s)}${i}+${u}`;

/** Words under the formula: "k = 3, stride 2: neighbouring windows overlap" ("" in general). */
export function geometryNote(s) {
  if (!s.pool) return "";
  const { size, stride } = s.pool;
  return t(stride < size ? "eq.pool.overlap" : "eq.pool.tiles", { k: size, s: stride });
}

/** 1/k² as a fraction, with the number when known. */
export const share = (s) =>
  M.frac(M.mn(1), s.pool ? M.mn(s.pool.size * s.pool.size) : M.sup(M.mi("k"), M.mn(2)));

/** How many windows of a max pool tied (their largest value more than once), from the trace. */
export function tiedWindows(trace, layer) {
  const input = S.layerInput(trace, layer);
  const output = S.layerOutput(trace, layer);
  if (!input || !output) return 0;
  const { size, stride } = poolGeometry(trace.records, layer, input.shape, output.shape);
  const [r, s, c] = output.shape;
  let tied = 0;
  for (let i = 0; i < r; i++)
    for (let j = 0; j < s; j++)
      for (let ch = 0; ch < c; ch++) {
        const top = output.values[ravel([i, j, ch], output.shape)];
        let hits = 0;
        for (let a = 0; a < size; a++)
          for (let b = 0; b < size; b++)
            if (input.values[ravel([i * stride + a, j * stride + b, ch], input.shape)] === top)
              hits += 1;
        if (hits > 1) tied += 1;
      }
  return tied;
}
