// The state a link carries, in the URL hash: model, the 28x28 input (one byte per pixel,
// base64url, ~1 KB), the target label ("auto" = the prediction) and the step. Pure.

import { packImage, unpackImage } from "./codec.js";

const PIXELS = 28 * 28;

export function encodeHash({ model, input, label, step }) {
  const q = new URLSearchParams({
    m: model,
    y: label == null ? "auto" : String(label),
    k: String(step),
    x: packImage(input),
  });
  return `#${q}`;
}

/** {model, image (Float32Array or null), label (0-9 or null), step} from a location hash. */
export function decodeHash(hash) {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  const image = q.get("x") ? unpackImage(q.get("x"), PIXELS) : null;
  const y = q.get("y");
  const step = Number(q.get("k") ?? 0);
  return {
    model: q.get("m"),
    image,
    label: y && /^\d$/.test(y) ? Number(y) : null,
    step: Number.isFinite(step) && step >= 0 ? Math.trunc(step) : 0,
  };
}
