// The derivation's notation, worked out from a trace's records, and the equation map.
// Layers that learn (conv, dense) are numbered l = 1 … L in forward order, for any depth: each
// computes z^l from the tensor below it, its activation gives a^l = σ(z^l), a pool (max or
// average) gives â^l, the flattened â^l is vec(â^l); the input is a^0 = x. So the step titles,
// formulas and inspector all say z², â¹, w^{2,m}, as the derivation does. A layer kind the
// equation registry does not know is a loud error here too. Pure: no DOM.

import { equationMap, kindModule, lookup } from "./equations/registry.js";
import { supText, symbol } from "./equations/symbols.js";
import { t } from "./i18n.js";

export { ml, param } from "./equations/symbols.js";

const kindOf = (r) => r.equation.split(".")[0];
const forwardOutputs = (records) =>
  records.filter((r) => r.phase === "forward" && r.quantity !== "switches");

// the symbols of one learning layer: z^l, w^l, b^l, with words naming the layer
function learning(out, r, l, last) {
  const who = (what) => t(last ? `eq.sym.out_${what}` : `eq.sym.${what}`, { layer: r.layer });
  out.set(`${r.layer}.${r.quantity}`, symbol("z", l, who("z")));
  out.set(`${r.layer}.W`, symbol("w", l, who(kindModule(kindOf(r)).weights ?? "weights")));
  out.set(`${r.layer}.b`, symbol("b", l, who("biases")));
}

/** Map tensor name ("conv2.z", "pool1.a", "conv2.W") -> symbol, from the forward records. */
export function tensorSymbols(records) {
  // every record's equation must be known, backward ones too: a trace the page cannot explain
  // is refused as a whole when it is drawn, not found out at the step that cannot be shown
  for (const r of records) lookup(r.equation);
  const out = new Map();
  const fwd = forwardOutputs(records);
  const learners = fwd.filter((r) => kindModule(kindOf(r)).role === "learns");
  let l = 0;
  let previous = null;
  for (const r of fwd) {
    const name = `${r.layer}.${r.quantity}`;
    const role = kindModule(kindOf(r)).role;
    const words = role === "learns" ? "" : t(`eq.sym.${role}`, { layer: r.layer });
    if (role === "learns") {
      l += 1;
      learning(out, r, l, r === learners.at(-1));
    } else if (role === "input") out.set(name, symbol("x", "", words));
    else if (role === "pool") out.set(name, symbol("a", l, words, { hat: true }));
    else if (role === "flatten")
      out.set(name, symbol("a", l, words, { hat: Boolean(previous?.hat), vec: true }));
    else if (role === "softmax") out.set(name, symbol("p", "", words));
    else if (role === "xent") out.set(name, symbol("L", "", words));
    else out.set(name, symbol("a", l, words));
    previous = out.get(name);
  }
  return out;
}

/**
 * The symbols a layer's equations use: {l, inp, out, conv?, pool?} (conv: its stride and
 * padding; pool: its window size and stride), or null when the layer is not traced.
 */
export function layerSymbols(records, layer) {
  const symbols = tensorSymbols(records);
  let previous = null;
  for (const r of forwardOutputs(records)) {
    const own = symbols.get(`${r.layer}.${r.quantity}`);
    if (r.layer === layer)
      return { l: own.l, inp: previous?.sym, out: own, ...geometry(r, previous?.r, records) };
    previous = { r, sym: own };
  }
  return null;
}

// what the layer's formulas need of its geometry (stride, padding, window): its module says
function geometry(r, below, records) {
  return kindModule(kindOf(r)).geometry?.(records, r, below) ?? {};
}

/** The symbols of an equation's general formula, in layer l: what it reads and what it makes. */
export function generalSymbols(equation) {
  return { l: "l", ...lookup(equation).module.general };
}

/** The general key of an equation id: "relu.dz" -> "act.dz" (throws for an unknown id). */
export const equationKey = (equation) => lookup(equation).key;

/**
 * A step's title in the derivation's notation and in words:
 * {symbol: "∂L/∂z²", words: "the error at conv2's weighted sums", text: "∂L/∂z² — …"}.
 */
export function stepTitle(record, records) {
  const entry = lookup(record.equation);
  if (record.equation === "xent.L") return titled("L", t("eq.title.xent.L"), "");
  const sym = tensorSymbols(records).get(record.of);
  if (!sym) throw new Error(`step ${record.equation} of ${record.layer}: no tensor ${record.of}`);
  const key = entry.title?.(sym, record) ?? `eq.title.${entry.key}`;
  const delta = entry.what === "dz" ? ` (δ${supText(sym.l)})` : "";
  return titled(`∂L/∂${sym.text}`, t(key, { words: sym.words, layer: record.layer }), delta);
}

function titled(symbolText, words, delta) {
  return { symbol: `${symbolText}${delta}`, words, text: `${symbolText}${delta} — ${words}` };
}

/** The equation map, each entry {id, keys, boxed, name, label} ("B6 · max-pool routing"). */
export const EQUATIONS = equationMap().map((e) => ({
  ...e,
  get name() {
    return t(`eq.map.${e.keys[0]}`);
  },
  get label() {
    return `${e.id} · ${t(`eq.map.${e.keys[0]}`)}`;
  },
}));

/** The equation-map entry of a record's equation id (throws for an unknown id). */
export function equationOf(equation) {
  const key = lookup(equation).key;
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
  const marks = t("eq.switch.marks", { layer, count: windows });
  return `${marks} ${tied ? t("eq.switch.tied", { count: tied }) : t("eq.switch.untied")}`;
}
