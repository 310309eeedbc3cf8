// The inspector: what produced the selected value, with the numbers substituted.

import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { el } from "./dom.js";

export function createInspector({ root, body, close }) {
  let onClose = null;
  let returnTo = null; // where the focus was (a heatmap) before the inspector took it
  close.addEventListener("click", () => onClose?.());
  root.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") onClose?.();
  });

  function line(label, value, cls) {
    const p = el("p", cls);
    p.append(el("b", "", label), " ", el("span", "", value));
    return p;
  }

  return {
    bindClose: (handler) => {
      onClose = handler;
    },

    /**
     * view = {heading, label, where, formulaHtml, explanation, substitutedHtml, value, check, count,
     *         notes: [string], sourceLabel}; null hides the inspector.
     */
    showInspector(view) {
      const hadFocus = root.contains(document.activeElement);
      if (!hadFocus) returnTo = document.activeElement;
      root.hidden = !view;
      root.classList.toggle("open", Boolean(view));
      if (!view) {
        if (hadFocus) returnTo?.focus();
        return;
      }
      const h = el("h2", "", view.heading);
      const where = el("p", "where", view.where);
      if (view.label) where.prepend(el("span", "equation-label", view.label), " ");
      const general = el("div", "formula");
      general.innerHTML = view.formulaHtml; // MathML from mathml.js, which escapes every text
      const words = el("p", "words", view.explanation);
      const numbers = el("div", "formula substituted");
      numbers.innerHTML = view.substitutedHtml;
      const api = line(t("inspector.api_value"), fmt(view.value), "api-value");
      api.querySelector("span").dataset.testid = "inspector-value";
      api.querySelector("span").dataset.value = String(view.value);
      const parts = [h, where, general, words, numbers, api];
      if (view.check != null) {
        const agree = Math.abs(view.check - view.value) <= 1e-4 * Math.max(1, Math.abs(view.value));
        parts.push(
          line(
            view.count > 1
              ? t("inspector.recomputed_terms", { count: view.count })
              : t("inspector.recomputed"),
            `${fmt(view.check, 6)} ${agree ? t("inspector.agrees") : t("inspector.differs")}`,
            agree ? "agree" : "differ",
          ),
        );
      }
      for (const note of view.notes ?? []) parts.push(el("p", "note", note));
      body.replaceChildren(...parts);
      root.focus({ preventScroll: true });
    },
  };
}
