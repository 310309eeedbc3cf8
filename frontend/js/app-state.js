// The page's one state object, declared here and nowhere else. Each property has a name, a
// type, a default and, when it belongs in a shared link, its URL key. The state is sealed, so a
// flow that assigns a property this table does not declare fails at once instead of growing the
// state on the fly. The URL hash is written and read from the same table. Pure: no DOM.

import { encodeWeights, packImage, unpackImage } from "./codec.js";
import { emptyTrace } from "./trace-store.js";

export const PIXELS = 28 * 28;
export const FALLBACK_LEARNING_RATE = 0.005;

/**
 * name, type, default (a function for values that must not be shared between states), url (the
 * hash key, or absent: the property stays on this page) and what it means.
 */
export const PROPERTIES = [
  // the link: what the network saw, the target, the model and the step
  { name: "model", type: "string", default: null, url: "m", doc: "model name" },
  {
    name: "network",
    type: "string",
    default: null,
    url: "n",
    doc: "student's network id, or null",
  },
  { name: "input", type: "image", default: null, url: "x", doc: "28×28 input, q/255" },
  { name: "label", type: "digit", default: null, url: "y", doc: "target; null = prediction" },
  { name: "step", type: "int", default: 0, url: "k", doc: "the backward step shown" },
  { name: "lang", type: "lang", default: null, url: "lang", doc: "the reader's language, e.g. de" },
  { name: "present", type: "boolean", default: false, url: "present", doc: "presentation mode" },
  { name: "embed", type: "boolean", default: false, url: "embed", doc: "embedded: no page header" },
  { name: "lesson", type: "boolean", default: false, url: "lesson", doc: "lesson mode is on" },
  { name: "classCode", type: "string", default: null, url: "class", doc: "class led or followed" },
  // this page only
  { name: "models", type: "list", default: () => [], doc: "GET api/models entries" },
  { name: "defaultLearningRate", type: "number", default: FALLBACK_LEARNING_RATE, doc: "server's" },
  { name: "architecture", type: "list", default: null, doc: "layers of the model in use" },
  { name: "spec", type: "object", default: null, doc: "the network's spec ({input, layers})" },
  { name: "networkSeed", type: "int", default: null, doc: "seed of the network's fresh weights" },
  { name: "networkStep", type: "int", default: null, doc: "training step of a checkpoint in use" },
  { name: "shipped", type: "weights", default: null, doc: "the model's own weights" },
  { name: "student", type: "weights", default: null, doc: "weights after SGD steps, or null" },
  { name: "undo", type: "list", default: () => [], doc: "earlier {student, lastStep}" },
  { name: "lastStep", type: "object", default: null, doc: "the SGD answer on screen" },
  { name: "trace", type: "trace", default: emptyTrace, doc: "records, cursor, selection" },
  { name: "weightSelection", type: "object", default: null, doc: "{name, flat} of a weight" },
  {
    name: "scaleMode",
    type: "enum",
    values: ["layer", "shared"],
    default: "layer",
    doc: "colours",
  },
  { name: "playing", type: "timer", default: null, doc: "the autoplay interval" },
  { name: "request", type: "abort", default: null, doc: "the trace in flight" },
  { name: "busy", type: "boolean", default: false, doc: "an SGD step is running" },
  { name: "sizes", type: "object", default: () => ({}), doc: "gradient RMS per model" },
  { name: "sampleTurn", type: "int", default: -1, doc: "which sample of a digit was last" },
  {
    name: "classRole",
    type: "enum",
    values: ["instructor", "student"],
    default: null,
    doc: "this page's part in the class (the token itself stays in sessionStorage)",
  },
  { name: "following", type: "boolean", default: false, doc: "the student mirrors the class" },
  { name: "traces", type: "int", default: 0, doc: "completed traces (tests wait on it)" },
  { name: "timings", type: "object", default: () => ({}), doc: "ms, for the tests' log" },
  { name: "focusPick", type: "object", default: null, doc: "{m, c}: the slice chosen, or null" },
  { name: "focusStep", type: "int", default: -1, doc: "the record index focusPick belongs to" },
  // input-gradient lab (flows/input-lab.js): the answer shown, its frame, timers, request
  {
    name: "inputLab",
    type: "object",
    default: () => ({
      open: false,
      answer: null,
      index: 0,
      asking: false,
      timer: null,
      wait: null,
      request: null,
    }),
    doc: "the input-gradient lab",
  },
];

/**
 * The id of the stored network whose weights are in use, or null: the student's network, or the
 * one an SGD step on it stored (the step's answer names it; undo restores the answer with them).
 */
export function networkInUse(state) {
  if (!state.network) return null;
  return state.student ? (state.lastStep?.network ?? null) : state.network;
}

/**
 * The network a request runs on, as the API takes it: the ONE place a request names it. A
 * student's own network goes by its id (spec and weights are on the server; its spec and
 * weights travel only if no id names them); a shipped model goes by name.
 */
export function networkChoice(state) {
  const stored = networkInUse(state);
  if (stored) return { network: stored };
  if (state.network) return { spec: state.spec, weights: encodeWeights(state.student) };
  return state.student
    ? { weights: encodeWeights(state.student), model: state.model }
    : { model: state.model };
}

/** A fresh state with every property at its default; adding a property later throws. */
export function createAppState() {
  const state = {};
  for (const p of PROPERTIES) {
    state[p.name] = typeof p.default === "function" ? p.default() : p.default;
  }
  return Object.seal(state);
}

// URL text <-> value, per type; a value that does not parse is dropped (the default stays).
const CODECS = {
  string: { write: (v) => v, read: (t) => t || undefined },
  int: {
    write: (v) => String(v),
    read: (t) => (/^\d{1,6}$/.test(t) ? Number(t) : undefined),
  },
  digit: {
    write: (v) => (v == null ? "auto" : String(v)),
    read: (t) => (/^\d$/.test(t) ? Number(t) : undefined),
  },
  image: { write: (v) => packImage(v), read: (t) => unpackImage(t, PIXELS) ?? undefined },
  boolean: { write: () => "", read: () => true },
  // a BCP 47 tag such as "de" or "zh-Hans"; language.js picks the catalogue that matches it
  lang: {
    write: (v) => v,
    read: (t) => (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(t) ? t : undefined),
  },
};

const inUrl = () => PROPERTIES.filter((p) => p.url);

/** The hash that reproduces the state's link properties, e.g. "#m=…&y=3&k=0&x=…". */
export function toHash(state) {
  const parts = [];
  for (const p of inUrl()) {
    const v = state[p.name];
    if (p.type === "boolean" && !v) continue;
    if (v == null && p.type !== "digit") continue;
    const text = CODECS[p.type].write(v);
    parts.push(text === "" ? p.url : `${p.url}=${encodeURIComponent(text)}`);
  }
  return `#${parts.join("&")}`;
}

/** {name: value} for every link property the hash carries and that parses. */
export function fromHash(hash) {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  const out = {};
  for (const p of inUrl()) {
    if (!q.has(p.url)) continue;
    const v = CODECS[p.type].read(q.get(p.url));
    if (v !== undefined) out[p.name] = v;
  }
  return out;
}
