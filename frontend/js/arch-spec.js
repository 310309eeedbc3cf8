// Network specs as the editor handles them: presets, edits (add, remove, move, change a field),
// the comparison with a shipped model's spec, and the server's 422 items sorted by layer.
// Pure: no DOM, no fetch. A spec is {input: [28, 28, 1], layers: [{kind, ...fields}]}.

export const INPUT = [28, 28, 1];

const conv = (maps, size, more = {}) => ({ kind: "conv", maps, size, ...more });
const pool = (kind = "maxpool") => ({ kind, size: 2 });
const relu = { kind: "relu" };
const dense = (units) => ({ kind: "dense", units });
const flatten = { kind: "flatten" };
const out = [flatten, dense(10)];

/** The editor's presets, by the key their name has in the catalogue (arch.preset.<key>). */
export const PRESETS = {
  lenet: [conv(8, 5), relu, pool(), conv(16, 5), relu, pool(), ...out],
  nopool: [conv(8, 5), relu, conv(16, 5), relu, ...out],
  small: [
    conv(8, 3, { padding: "same" }),
    relu,
    pool(),
    conv(16, 3, { padding: "same" }),
    relu,
    pool(),
    ...out,
  ],
  strided: [
    conv(8, 5, { padding: 2, stride: 2 }),
    relu,
    conv(16, 5, { padding: 2, stride: 2 }),
    relu,
    ...out,
  ],
  avgpool: [conv(8, 5), relu, pool("avgpool"), conv(16, 5), relu, pool("avgpool"), ...out],
  deeper: [
    conv(8, 3, { padding: "same" }),
    relu,
    pool(),
    conv(16, 3, { padding: "same" }),
    relu,
    pool(),
    conv(32, 3, { padding: "same" }),
    relu,
    ...out,
  ],
  mlp: [flatten, dense(64), relu, dense(10)],
};

/** A preset as a fresh spec (the editor changes its copy, never the preset). */
export const presetSpec = (key) => ({
  input: [...INPUT],
  layers: PRESETS[key].map((l) => ({ ...l })),
});

/** {kind: [{name, type, default, min, max, allowed}]} from GET api/layers, whatever its wrapper. */
export function kindsOf(catalogue) {
  const list = Array.isArray(catalogue) ? catalogue : (catalogue.kinds ?? catalogue.layers ?? []);
  return Object.fromEntries(list.map((k) => [k.kind, k.fields ?? []]));
}

/**
 * A spec as the editor edits it: each layer's kind and the fields the catalogue lists, nothing
 * else. A stored spec also names its layers and records derived sizes (in_channels, inputs):
 * kept, they would contradict the first edit (a layer added before conv1 would be named conv1
 * too; conv2's in_channels would not follow a change of conv1's maps).
 */
export function editable(spec, kinds) {
  const layers = spec.layers.map((l) => {
    const out = { kind: l.kind };
    for (const f of kinds[l.kind] ?? []) if (l[f.name] != null) out[f.name] = l[f.name];
    return out;
  });
  return { input: [...(spec.input ?? INPUT)], layers };
}

/** A new layer of `kind` with every field at its default. */
export function newLayer(kinds, kind) {
  const layer = { kind };
  for (const f of kinds[kind] ?? []) if (f.default != null) layer[f.name] = f.default;
  return layer;
}

// a field's value as typed: "same" (or another allowed word) stays a word, digits a number
export function parseField(text, field) {
  const word = String(text).trim().toLowerCase();
  if ((field?.allowed ?? []).includes(word) || word === "same") return word;
  return /^-?\d+$/.test(word) ? Number(word) : word;
}

/** The spec with one layer's field set (a blank removes it, so the server's default applies). */
export function setField(spec, index, name, value) {
  const layers = spec.layers.map((l, i) => {
    if (i !== index) return l;
    const { [name]: _, ...rest } = l;
    return value === "" || value == null ? rest : { ...rest, [name]: value };
  });
  return { ...spec, layers };
}

/** The spec with `layer` inserted at `index` (the end when out of range). */
export function insertLayer(spec, index, layer) {
  const layers = [...spec.layers];
  layers.splice(Math.max(0, Math.min(index, layers.length)), 0, layer);
  return { ...spec, layers };
}

export function removeLayer(spec, index) {
  return { ...spec, layers: spec.layers.filter((_, i) => i !== index) };
}

/** The spec with layer `index` moved by `by` places (clamped to the list). */
export function moveLayer(spec, index, by) {
  const to = Math.max(0, Math.min(spec.layers.length - 1, index + by));
  if (to === index) return spec;
  const layers = [...spec.layers];
  const [layer] = layers.splice(index, 1);
  layers.splice(to, 0, layer);
  return { ...spec, layers };
}

/** The spec with another kind at `index`: the new kind's defaults, keeping fields it shares. */
export function changeKind(kinds, spec, index, kind) {
  const fresh = newLayer(kinds, kind);
  const old = spec.layers[index];
  for (const f of kinds[kind] ?? []) if (old[f.name] != null) fresh[f.name] = old[f.name];
  return { ...spec, layers: spec.layers.map((l, i) => (i === index ? fresh : l)) };
}

// One layer with its defaults filled in and names dropped: what decides the network's shape.
function canonical(layer, kinds) {
  const out = { kind: layer.kind };
  for (const f of kinds[layer.kind] ?? []) {
    const v = layer[f.name] ?? f.default;
    if (v != null) out[f.name] = v;
  }
  // a pool's stride defaults to its size (the catalogue cannot say "= size" as a number)
  if (layer.kind.endsWith("pool")) out.stride = layer.stride ?? out.size;
  if (layer.kind === "conv") {
    out.padding = layer.padding ?? out.padding ?? 0;
    out.stride = layer.stride ?? out.stride ?? 1;
  }
  return out;
}

/** Do two specs build the same network (names and spelled-out defaults aside)? */
export function sameSpec(a, b, kinds) {
  if (!a || !b || a.layers.length !== b.layers.length) return false;
  if (String(a.input ?? INPUT) !== String(b.input ?? INPUT)) return false;
  return a.layers.every(
    (l, i) => JSON.stringify(canonical(l, kinds)) === JSON.stringify(canonical(b.layers[i], kinds)),
  );
}

/** The shipped model whose spec this is, or null. models: GET api/models entries. */
export function shippedMatch(spec, models, kinds) {
  return models.find((m) => m.spec && sameSpec(spec, m.spec, kinds)) ?? null;
}

/**
 * A 422's detail items, sorted: {byLayer: Map index -> [{field, code, msg, params}], general:
 * [...]}. An item names a layer when its loc runs ["body", "spec", "layers", i, field?].
 */
export function sortProblems(detail) {
  const byLayer = new Map();
  const general = [];
  for (const d of Array.isArray(detail) ? detail : [{ msg: String(detail ?? "") }]) {
    const loc = (d.loc ?? []).filter((p) => p !== "body");
    const item = { field: null, code: d.code ?? d.type ?? "", msg: d.msg ?? "", params: d.params };
    const at = loc.indexOf("layers");
    if (loc[0] === "spec" && at >= 0 && Number.isInteger(loc[at + 1])) {
      item.field = typeof loc[at + 2] === "string" ? loc[at + 2] : null;
      const list = byLayer.get(loc[at + 1]) ?? [];
      byLayer.set(loc[at + 1], [...list, item]);
    } else general.push(item);
  }
  return { byLayer, general };
}
