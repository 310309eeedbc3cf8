// The Derivation panel: every equation of the derivation with its stable label, its formula in
// general form and what it says in our words; the current step's equation is highlighted. The
// source is credited by title, author and link; its two slips are corrected, and said so.

import { explanation, formula } from "../equations.js";
import { t, tParts } from "../i18n.js";
import { EQUATIONS, SOURCE } from "../notation.js";
import { el } from "./dom.js";

function entry(eq) {
  const li = el("li", eq.boxed ? "boxed" : "");
  li.dataset.equation = eq.id;
  const head = el("p", "eq-head");
  head.append(el("b", "eq-label", eq.label));
  if (eq.boxed) head.append(" ", el("span", "boxed-note", t("derivation.boxed")));
  const math = el("div", "formula");
  const key = eq.keys[0];
  math.innerHTML = formula(key); // MathML from mathml.js, every text escaped
  li.append(head, math, el("p", "words", explanation(key)));
  return li;
}

function credit() {
  const p = el("p", "credit");
  const link = el("a", "", `“${SOURCE.title}”`);
  link.href = SOURCE.url;
  link.rel = "noopener";
  link.target = "_blank";
  p.append(
    ...tParts("derivation.credit", { link, author: SOURCE.author, year: String(SOURCE.year) }),
  );
  return p;
}

/** The panel in `root`; returns {showCurrent(id)} to highlight the current equation. */
export function createDerivation(root) {
  const backward = el("ol", "eq-list");
  const forward = el("ol", "eq-list");
  const items = new Map();
  for (const eq of EQUATIONS) {
    const li = entry(eq);
    items.set(eq.id, li);
    (eq.id.startsWith("B") ? backward : forward).append(li);
  }
  const fwd = el("details", "forward-eqs");
  fwd.append(el("summary", "", t("derivation.forward")), forward);
  // on narrow screens the panel shows the current equation only, until asked for all of them
  const all = el("button", "show-all", t("derivation.all"));
  all.type = "button";
  all.setAttribute("aria-expanded", "false");
  all.addEventListener("click", () => {
    const open = root.classList.toggle("expanded");
    all.setAttribute("aria-expanded", String(open));
  });
  const head = el("div", "derivation-head");
  head.append(el("h2", "", t("derivation.title")), all);
  root.replaceChildren(head, el("p", "hint", t("derivation.backward")), backward, fwd, credit());

  return {
    /** Highlight the equation with label id `id` (e.g. "B7"), or none for null. */
    showCurrent(id) {
      for (const [key, li] of items) {
        const on = key === id;
        li.classList.toggle("current", on);
        if (on) li.setAttribute("aria-current", "step");
        else li.removeAttribute("aria-current");
      }
      const li = items.get(id);
      if (li?.closest("details") === fwd) fwd.open = true;
      // only the panel's own box scrolls: where the page itself scrolls (phones), bringing the
      // item into view would carry the student away from the step they are looking at
      if (!li || root.scrollHeight <= root.clientHeight) return;
      const top = li.getBoundingClientRect().top - root.getBoundingClientRect().top;
      if (top < 0 || top + li.offsetHeight > root.clientHeight) root.scrollTop += top - 8;
    },
  };
}
