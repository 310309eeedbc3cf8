// The derivation's notation, worked out from a trace's records, and the equation map.
// Layers that learn are numbered l = 1, 2, … in forward order: a conv or dense layer computes
// z^l from the tensor below it, its activation gives a^l = σ(z^l), a max pool gives â^l, the
// flattened â^l is vec(â^l); the input is a^0 = x. So the step titles, formulas and inspector
// all say z², â¹, w^{2,m}, as the derivation does, instead of engineering names. Pure: no DOM.

import * as M from "./mathml.js";

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const supText = (l) => String(l).replace(/\d/g, (d) => SUPERSCRIPT[d]);

/**
 * A symbol: {base: "a"|"z"|"p"|"L"|"x", l, hat, vec, text, words}. `l` is the layer number
 * (or "l" in a general formula); `text` is the plain-text form used in titles, e.g. "â¹".
 */
function symbol(base, l, words, { hat = false, vec = false } = {}) {
  const core = `${hat ? "â" : base}${l === "" ? "" : supText(l)}`;
  return { base, l, hat, vec, words, text: vec ? `vec(${core})` : core };
}

/** Map tensor name ("conv2.z", "pool1.a", "conv2.W") -> symbol, from the forward records. */
export function tensorSymbols(records) {
  const out = new Map();
  let l = 0;
  for (const r of records) {
    if (r.phase !== "forward" || r.quantity === "switches") continue;
    const name = `${r.layer}.${r.quantity}`;
    const [kind] = r.equation.split(".");
    if (kind === "input") out.set(name, symbol("x", "", "the input image (a⁰ = x)"));
    else if (kind === "conv" || kind === "dense") {
      l += 1;
      const who = kind === "dense" ? "the output scores" : `${r.layer}'s weighted sums`;
      out.set(name, symbol("z", l, who));
      const whose = kind === "dense" ? "the dense layer's" : `${r.layer}'s`;
      const what = kind === "dense" ? "weights" : "filters";
      out.set(`${r.layer}.W`, symbol("w", l, `${whose} ${what}`));
      out.set(`${r.layer}.b`, symbol("b", l, `${whose} biases`));
    } else if (kind === "maxpool")
      out.set(name, symbol("a", l, `${r.layer}'s output`, { hat: true }));
    else if (kind === "flatten")
      out.set(name, symbol("a", l, "the flattened vector", { hat: true, vec: true }));
    else if (kind === "softmax") out.set(name, symbol("p", "", "the probabilities"));
    else if (kind === "xent") out.set(name, symbol("L", "", "the loss"));
    else out.set(name, symbol("a", l, `${r.layer}'s activations`));
  }
  return out;
}

/** The symbols a layer's equations use: {l, inp, out}, or null when the layer is not traced. */
export function layerSymbols(records, layer) {
  const symbols = tensorSymbols(records);
  let previous = null;
  let own = null;
  for (const r of records) {
    if (r.phase !== "forward" || r.quantity === "switches") continue;
    const name = `${r.layer}.${r.quantity}`;
    if (r.layer === layer) {
      own = symbols.get(name);
      break;
    }
    previous = symbols.get(name);
  }
  if (!own) return null;
  return { l: own.l, inp: previous, out: own };
}

const general = (base, l, hat = false, vec = false) => ({ base, l, hat, vec, text: "" });

/** The symbols of an equation's general formula, in layer l: what it reads and what it makes. */
export function generalSymbols(equation) {
  const [kind] = equationKey(equation).split(".");
  const z = general("z", "l");
  const a = general("a", "l");
  if (kind === "act") return { l: "l", inp: z, out: a };
  if (kind === "maxpool") return { l: "l", inp: a, out: general("a", "l", true) };
  if (kind === "flatten")
    return { l: "l", inp: general("a", "l", true), out: general("a", "l", true, true) };
  if (kind === "softmax") return { l: "l", inp: z, out: general("p", "") };
  return { l: "l", inp: general("a", "l-1"), out: z };
}

/** MathML of a symbol with subscripts, e.g. ml(â¹, "i", "j", "c"). */
export function ml(sym, ...indices) {
  const base = sym.hat ? `<mover accent="true">${M.mi("a")}${M.mo("^")}</mover>` : M.mi(sym.base);
  const up = sym.l === "" ? null : typeof sym.l === "number" ? M.mn(sym.l) : M.ident(sym.l);
  const core = up ? M.sup(base, up) : base;
  if (sym.vec) {
    const v = M.row(M.mi("vec"), M.paren(core));
    return indices.length ? M.sub(v, M.idx(...indices)) : v;
  }
  if (!indices.length) return core;
  return up ? M.subsup(base, M.idx(...indices), up) : M.sub(base, M.idx(...indices));
}

/** A parameter with layer and map, e.g. w^{2,m}_{a,b,c}. */
export function param(base, l, map, ...indices) {
  const up = map == null ? M.ident(l) : M.row(M.ident(l), M.mo(","), M.ident(map));
  return indices.length ? M.subsup(M.mi(base), M.idx(...indices), up) : M.sup(M.mi(base), up);
}

// the words for each backward step: what the tensor means for the student
const GRADIENT_WORDS = {
  "xent.dz": () => "the output error p − y",
  "dense.dW": () => "the gradient of the dense weights",
  "dense.db": () => "the gradient of the dense biases",
  "dense.dx": () => "the error passed down to the flattened vector",
  "flatten.dx": (s) => `the same error folded back onto ${s.words}`,
  "maxpool.dx": (s, r) => `the error routed through ${r.layer}'s switches to ${s.words}`,
  "conv.dW": (s) => `the gradient of ${s.words}`,
  "conv.db": (s) => `the gradient of ${s.words}`,
  "conv.dx": (s) =>
    s.text === "x"
      ? "the error at the input pixels: the saliency map"
      : `the error passed down to ${s.words} (a full convolution)`,
};

/**
 * A step's title in the derivation's notation and in words:
 * {symbol: "∂L/∂z²", words: "the error at conv2's weighted sums", text: "∂L/∂z² — …"}.
 */
export function stepTitle(record, records) {
  if (record.equation === "xent.L")
    return titled("L", "the loss, where backpropagation starts", "");
  const sym = tensorSymbols(records).get(record.of);
  if (!sym) return titled(record.equation, record.layer, "");
  const [kind, what] = record.equation.split(".");
  const key = GRADIENT_WORDS[record.equation] ? record.equation : `${kind}.${what}`;
  const delta = what === "dz" ? ` (δ${supText(sym.l)})` : "";
  const words =
    GRADIENT_WORDS[key]?.(sym, record) ??
    `the error at ${sym.words}, through ${record.layer}'s slope`;
  return titled(`∂L/∂${sym.text}`, words, delta);
}

function titled(symbolText, words, delta) {
  return { symbol: `${symbolText}${delta}`, words, text: `${symbolText}${delta} — ${words}` };
}

/**
 * The equation map: one stable label per equation of the derivation, in the order the forward
 * and backward passes meet them. `boxed` marks the four boxed results of the source derivation.
 */
export const EQUATIONS = [
  { id: "F1", keys: ["conv.z"], name: "convolution" },
  { id: "F2", keys: ["act.a"], name: "activation" },
  { id: "F3", keys: ["maxpool.a", "maxpool.switches"], name: "max pool" },
  { id: "F4", keys: ["flatten.a"], name: "flatten" },
  { id: "F5", keys: ["dense.z"], name: "dense layer" },
  { id: "F6", keys: ["softmax.p"], name: "softmax" },
  { id: "F7", keys: ["xent.L"], name: "cross-entropy loss" },
  { id: "B1", keys: ["xent.dz"], name: "output error of softmax cross-entropy" },
  { id: "B2", keys: ["dense.dW"], name: "dense weight gradient" },
  { id: "B3", keys: ["dense.db"], name: "dense bias gradient" },
  { id: "B4", keys: ["dense.dx"], name: "dense error passed down" },
  { id: "B5", keys: ["flatten.dx"], name: "unflatten" },
  { id: "B6", keys: ["maxpool.dx"], name: "max-pool routing" },
  { id: "B7", keys: ["act.dz"], name: "activation derivative", boxed: true },
  { id: "B8", keys: ["conv.dW"], name: "filter gradient", boxed: true },
  { id: "B9", keys: ["conv.db"], name: "bias gradient", boxed: true },
  { id: "B10", keys: ["conv.dx"], name: "error passed down (full convolution)", boxed: true },
].map((e) => ({ ...e, label: `${e.id} · ${e.name}` }));

const ACTIVATIONS = new Set(["relu", "sigmoid", "tanh"]);

/** The general key of an equation id: "relu.dz" -> "act.dz". */
export function equationKey(equation) {
  const [kind, what] = equation.split(".");
  return ACTIVATIONS.has(kind) ? `act.${what}` : equation;
}

/** The equation-map entry of a record's equation id, or null. */
export function equationOf(equation) {
  const key = equationKey(equation);
  return EQUATIONS.find((e) => e.keys.includes(key)) ?? null;
}

/** The source of the derivation, credited in the Derivation panel. */
export const SOURCE = {
  title: "Learning Convolutional Networks",
  author: "Manan Shah",
  year: 2020,
  url: "https://mananshah99.github.io/blog/2020/07/06/conv-backprop/",
};

/** The sentence a max-pool routing step adds: what the marks are, and its ties if any. */
export function switchNote(layer, windows, tied) {
  const marks = `The dark dots and squares mark ${layer}'s switches: each of its ${windows} windows sends its whole error to the one cell that won it in the forward pass.`;
  if (!tied) return `${marks} No window tied.`;
  return `${marks} ${tied} window${tied === 1 ? "" : "s"} tied (the same largest value twice or more, often all 0): the rule "first maximum, row-major" gives the error to the first of them, reading row by row.`;
}
