// The one registry of equations: every equation id the engine emits ("conv.z", "relu.dz",
// "avgpool.dx", …) has exactly one record here, found through its layer kind's module:
//   {key, kind, what, map, boxed, formula(symbols, kind), explain(ctx), ask: [makers by name], title}
// plus its words, symbol and equation-map name in the message catalogue under eq.<key>,
// eq.title.<key>, eq.map.<key>. A new layer kind is one module in this folder, one line in
// MODULES and its messages. An id or kind that is not here is a loud error: lookups throw.

import { t } from "../i18n.js";
import activation from "./activation.js";
import avgpool from "./avgpool.js";
import conv from "./conv.js";
import dense from "./dense.js";
import flatten from "./flatten.js";
import input from "./input.js";
import maxpool from "./maxpool.js";
import { softmax, xent } from "./output.js";

// forward order: the equation map lists forward, then backward, equations in this order
const MODULES = [input, conv, activation, maxpool, avgpool, flatten, dense, softmax, xent];

/** An equation id or layer kind the registry does not know. */
export class UnknownEquationError extends Error {
  constructor(what, id) {
    super(t(`eq.unknown.${what}`, { id }));
    this.name = "UnknownEquationError";
    this.code = "eq.unknown";
    this.params = { what, id };
  }
}

const byKind = new Map();
for (const module of MODULES) {
  for (const kind of [...module.kinds, module.generalKind ?? module.kinds[0]])
    byKind.set(kind, module);
}

/** The module of a layer kind ("conv", "relu", "act", …); throws for an unknown kind. */
export function kindModule(kind) {
  const module = byKind.get(kind);
  if (!module) throw new UnknownEquationError("kind", kind);
  return module;
}

/** The record of an equation id (or of a general key such as "act.a"); throws when unknown. */
export function lookup(equation) {
  const [kind, what, ...rest] = String(equation).split(".");
  const module = byKind.get(kind);
  const entry = module?.equations[what];
  if (!entry || rest.length || !Object.hasOwn(module.equations, what))
    throw new UnknownEquationError("equation", equation);
  const key = `${module.generalKind ?? module.kinds[0]}.${what}`;
  return { ...entry, key, kind, what, module };
}

/** Every equation id the registry explains, each layer kind spelled out ("relu.a", …). */
export function allEquations() {
  return MODULES.flatMap((m) =>
    m.kinds.flatMap((kind) => Object.keys(m.equations).map((what) => `${kind}.${what}`)),
  );
}

const MAP_ORDER = (id) => [id[0] === "F" ? 0 : 1, Number(id.slice(1))];

/**
 * The equation map: one stable label per equation (F1–F8 forward, B1–B11 backward), in the
 * order the passes meet them; `boxed` marks the four boxed results of the source derivation.
 */
export function equationMap() {
  const entries = new Map();
  for (const module of MODULES) {
    const general = module.generalKind ?? module.kinds[0];
    for (const [what, entry] of Object.entries(module.equations)) {
      if (!entry.map) continue;
      const e = entries.get(entry.map) ?? { id: entry.map, keys: [], boxed: Boolean(entry.boxed) };
      e.keys.push(`${general}.${what}`);
      entries.set(entry.map, e);
    }
  }
  const order = (e) => MAP_ORDER(e.id);
  return [...entries.values()].sort((p, q) => {
    const [a, b] = [order(p), order(q)];
    return a[0] - b[0] || a[1] - b[1];
  });
}
