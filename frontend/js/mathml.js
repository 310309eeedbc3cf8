// A tiny MathML string builder. Every text goes through esc(), so no markup can be injected.

export const esc = (s) =>
  String(s).replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c],
  );

export const mi = (s) => `<mi>${esc(s)}</mi>`;
export const mn = (s) => `<mn>${esc(s)}</mn>`;
export const mo = (s) => `<mo>${esc(s)}</mo>`;
export const mtext = (s) => `<mtext>${esc(s)}</mtext>`;
export const mspace = () => '<mspace width="1em"></mspace>';
export const row = (...xs) => `<mrow>${xs.join("")}</mrow>`;
export const sub = (base, script) => `<msub>${base}${script}</msub>`;
export const sup = (base, script) => `<msup>${base}${script}</msup>`;
export const subsup = (base, b, t) => `<msubsup>${base}${b}${t}</msubsup>`;
export const frac = (a, b) => `<mfrac>${a}${b}</mfrac>`;
export const paren = (x) => row(mo("("), x, mo(")"));
export const under = (base, script) => `<munder>${base}${script}</munder>`;
export const sum = (indices) =>
  under(mo("∑"), row(...indices.map((x, i) => (i ? mo(",") + mi(x) : mi(x)))));
export const math = (x, label) =>
  `<math display="block" dir="ltr"${label ? ` aria-label="${esc(label)}"` : ""}>${x}</math>`;
/** index list: i, j, m */
export const idx = (...xs) => row(...xs.flatMap((x, i) => (i ? [mo(","), ident(x)] : [ident(x)])));
/**
 * An index that may be a number or an expression like "i-a" or "2i+a−1": numbers become <mn>,
 * letters <mi> (one each, as in print: "ki" is k times i), + and − operators.
 */
export function ident(x) {
  if (typeof x === "number") return mn(x);
  const tokens = String(x).match(/\d+|[A-Za-z]|[+\-−]|./gu) ?? [];
  if (tokens.length === 1) return /^\d+$/.test(x) ? mn(x) : mi(x);
  return row(
    ...tokens.map((k) =>
      /^\d+$/.test(k) ? mn(k) : /^[A-Za-z]$/.test(k) ? mi(k) : mo(k === "-" ? "−" : k),
    ),
  );
}
/** ∂L/∂x as a fraction */
export const partial = (x) => frac(row(mo("∂"), mi("L")), row(mo("∂"), x));
