// Wire formats <-> typed arrays. Pure functions, no DOM, no fetch.

import { t } from "./i18n.js";

function base64Bytes(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function bytesBase64(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

const TYPES = { float32: Float32Array, uint16: Uint16Array, float64: Float64Array };

function size(shape) {
  return shape.reduce((n, k) => n * k, 1);
}

// Typed arrays over raw little-endian bytes (every browser we target is little-endian;
// DataView keeps it right anyway).
function fromBytes(bytes, dtype) {
  const Type = TYPES[dtype] ?? Float32Array;
  const n = bytes.byteLength / Type.BYTES_PER_ELEMENT;
  const out = new Type(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read =
    { float32: "getFloat32", uint16: "getUint16", float64: "getFloat64" }[dtype] ?? "getFloat32";
  for (let i = 0; i < n; i++) out[i] = view[read](i * Type.BYTES_PER_ELEMENT, true);
  return out;
}

// b64-sparse: mask bit i (bit i&7 of byte i>>3) marks a nonzero; data holds those in order.
function fromSparse(maskText, dataText, n, dtype) {
  const mask = base64Bytes(maskText);
  const nonzero = fromBytes(base64Bytes(dataText), dtype);
  const out = new (TYPES[dtype] ?? Float32Array)(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (mask[i >> 3] & (1 << (i & 7))) out[i] = nonzero[k++];
  }
  return out;
}

/** The flat values of one wire array {shape, dtype?, encoding?, data, mask?}. */
export function decodeArray(wire) {
  const shape = wire.shape ?? [];
  const dtype = wire.dtype ?? "float32";
  const n = size(shape);
  let values;
  if (wire.encoding === "b64-sparse") values = fromSparse(wire.mask, wire.data, n, dtype);
  else if (typeof wire.data === "string") values = fromBytes(base64Bytes(wire.data), dtype);
  else {
    const Type = TYPES[dtype] ?? Float32Array;
    values = Type.from(Array.isArray(wire.data) ? wire.data.flat(Infinity) : [wire.data]);
  }
  if (values.length !== n) {
    throw new Error(t("error.array_size", { shape: `[${shape}]`, count: values.length }));
  }
  return values;
}

/** A trace line -> a record {seq, phase, layer, kind, quantity, equation, of, shape, values}. */
export function decodeRecord(line) {
  const { data, mask, encoding, ...meta } = line;
  return { ...meta, of: meta.of ?? null, values: decodeArray(line) };
}

/** {name: {shape, data}} from the API -> {name: {shape, values}}. */
export function decodeWeights(weights) {
  const out = {};
  for (const [key, wire] of Object.entries(weights)) {
    out[key] = { shape: wire.shape, values: Float32Array.from(decodeArray(wire)) };
  }
  return out;
}

/** {name: {shape, values}} -> the request format {name: {shape, data: [...]}}. */
export function encodeWeights(weights) {
  const out = {};
  for (const [key, w] of Object.entries(weights)) {
    out[key] = { shape: w.shape, data: Array.from(w.values) };
  }
  return out;
}

/** Flat row-major values -> nested lists of `rows` rows (what the API's image field expects). */
export function nest(values, rows, cols) {
  const out = [];
  for (let r = 0; r < rows; r++) out.push(Array.from(values.subarray(r * cols, (r + 1) * cols)));
  return out;
}

/** A 0..1 image on the 8-bit grid q/255, the values a share link can carry exactly. */
export function quantise(values) {
  return Float32Array.from(values, (v) => Math.round(Math.max(0, Math.min(1, v)) * 255) / 255);
}

/** A 0..1 image -> compact URL-safe text: one byte per pixel, base64url. */
export function packImage(values) {
  const bytes = Uint8Array.from(values, (v) => Math.round(Math.max(0, Math.min(1, v)) * 255));
  return bytesBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Inverse of packImage: Float32Array of 0..1 values, or null when the text is not valid. */
export function unpackImage(text, n) {
  try {
    const bytes = base64Bytes(text.replace(/-/g, "+").replace(/_/g, "/"));
    if (bytes.length !== n) return null;
    return Float32Array.from(bytes, (b) => b / 255);
  } catch {
    return null;
  }
}
