// The derivation's symbols as data and as MathML: a^l, z^l, â^l, vec(â^l), w^{l,m}, b^{l,m}.
// A symbol is {base: "a"|"z"|"p"|"L"|"x"|"w"|"b", l, hat, vec, text, words}: `l` is the layer
// number (or "l" in a general formula), `text` the plain form used in titles ("â¹").

import * as M from "../mathml.js";

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
export const supText = (l) => String(l).replace(/\d/g, (d) => SUPERSCRIPT[d]);

export function symbol(base, l, words, { hat = false, vec = false } = {}) {
  const core = `${hat ? "â" : base}${l === "" ? "" : supText(l)}`;
  return { base, l, hat, vec, words, text: vec ? `vec(${core})` : core };
}

/** A symbol of a general formula (no words): general("a", "l-1"). */
export const general = (base, l, hat = false, vec = false) => ({ base, l, hat, vec, text: "" });

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

/** A parameter with layer and map, e.g. w^{2,m}_{a,b,c}; map null for a dense layer's W. */
export function param(base, l, map, ...indices) {
  const up = map == null ? M.ident(l) : M.row(M.ident(l), M.mo(","), M.ident(map));
  return indices.length ? M.subsup(M.mi(base), M.idx(...indices), up) : M.sup(M.mi(base), up);
}

/** δ^l with subscripts: the error at z^l. */
export const delta = (l, ...indices) => M.subsup(M.mi("δ"), M.idx(...indices), M.ident(l));
