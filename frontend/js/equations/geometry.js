// How a conv or pool layer moves over its input: filter or window size, stride, padding. The
// engine puts stride and padding on the layer's records (conv) and size and stride (pools); a
// trace from before those fields means stride 1, no padding, and windows that tile the input.
// A pool whose shapes do not fit its geometry is a loud error, never a wrong window.

const field = (r, name) => r?.[name] ?? r?.extra?.[name] ?? null;

/** The first of the layer's records that carries one of `names`, or null. */
function carrier(records, layer, names) {
  return records.find((r) => r.layer === layer && names.some((n) => field(r, n) != null)) ?? null;
}

/** {stride, padding} of a conv layer; `size` (d) resolves padding "same" to (d − 1) / 2. */
export function convGeometry(records, layer, size = null) {
  const r = carrier(records, layer, ["stride", "padding"]);
  const stride = Number(field(r, "stride") ?? 1);
  const raw = field(r, "padding") ?? 0;
  const padding = raw === "same" ? (size == null ? null : (size - 1) / 2) : Number(raw);
  if (!(stride >= 1) || padding == null || !(padding >= 0))
    throw new Error(`conv layer ${layer}: unreadable stride ${stride} / padding ${raw}`);
  return { stride, padding };
}

/** {size, stride} of a pool layer whose input is `inShape` and output `outShape` (r, s, c). */
export function poolGeometry(records, layer, inShape, outShape) {
  const r = carrier(records, layer, ["size", "stride"]);
  const size = Number(field(r, "size") ?? Math.round(inShape[0] / outShape[0]));
  const stride = Number(field(r, "stride") ?? size);
  const fits = [0, 1].every((k) => Math.floor((inShape[k] - size) / stride) + 1 === outShape[k]);
  if (!fits)
    throw new Error(
      `pool layer ${layer}: a ${size}×${size} window with stride ${stride} does not turn ${inShape.join("×")} into ${outShape.join("×")}`,
    );
  return { size, stride };
}

/** The window starts w·stride (w = 0 … n−1) whose window [start, start + size) holds cell i. */
export function windowsHolding(i, size, stride, n) {
  const out = [];
  for (let w = Math.max(0, Math.ceil((i - size + 1) / stride)); w < n && w * stride <= i; w++)
    out.push(w);
  return out;
}
