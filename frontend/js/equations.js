// The public face of the equation registry (equations/registry.js) for the views: an equation's
// formula in the derivation's notation (MathML, with the layer's own superscripts, stride and
// padding when the trace is known), its words, and the formula with a cell's numbers. An
// equation id the registry does not know throws (UnknownEquationError): never a wrong label.

import { lookup } from "./equations/registry.js";
import { t } from "./i18n.js";
import * as M from "./mathml.js";
import { generalSymbols } from "./notation.js";

export { substituted } from "./equations/substitute.js";

/**
 * MathML of an equation in the derivation's notation. `symbols` (from notation.layerSymbols)
 * put the layer's own superscripts in; without them the formula is the general one, layer l.
 */
export function formula(equation, symbols = null) {
  const entry = lookup(equation);
  const out = entry.formula(symbols ?? generalSymbols(equation), entry.kind);
  const { math, notes } = typeof out === "string" ? { math: out, notes: [] } : out;
  // words under the formula (stride, padding, windows) are HTML, so they wrap on a phone
  const words = notes.map((n) => `<p class="formula-note">${M.esc(n)}</p>`).join("");
  return M.math(math, equation) + words;
}

/** One sentence that says what the equation does. */
export function explanation(equation) {
  return t(`eq.${lookup(equation).key}`);
}
