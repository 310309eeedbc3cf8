// The inspector: what produced the selected value, with the numbers substituted.

import { fmt } from "../format.js";

export function createInspector({ root, body, close }) {
  let onClose = null;
  close.addEventListener("click", () => onClose?.());
  root.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") onClose?.();
  });

  function line(label, value, cls) {
    const p = document.createElement("p");
    if (cls) p.className = cls;
    const b = document.createElement("b");
    b.textContent = label;
    const span = document.createElement("span");
    span.textContent = value;
    p.append(b, " ", span);
    return p;
  }

  return {
    bindClose: (handler) => { onClose = handler; },

    /**
     * view = {heading, where, formulaHtml, explanation, substitutedHtml, value, check, count,
     *         notes: [string], sourceLabel}; null hides the inspector.
     */
    showInspector(view) {
      root.hidden = !view;
      root.classList.toggle("open", Boolean(view));
      if (!view) return;
      const h = document.createElement("h2");
      h.textContent = view.heading;
      const where = document.createElement("p");
      where.className = "where";
      where.textContent = view.where;
      const general = document.createElement("div");
      general.className = "formula";
      general.innerHTML = view.formulaHtml;
      const words = document.createElement("p");
      words.className = "words";
      words.textContent = view.explanation;
      const numbers = document.createElement("div");
      numbers.className = "formula substituted";
      numbers.innerHTML = view.substitutedHtml;
      const api = line("Value from the API:", fmt(view.value), "api-value");
      api.querySelector("span").dataset.testid = "inspector-value";
      api.querySelector("span").dataset.value = String(view.value);
      const parts = [h, where, general, words, numbers, api];
      if (view.check != null) {
        const agree = Math.abs(view.check - view.value) <= 1e-4 * Math.max(1, Math.abs(view.value));
        parts.push(line(view.count ? `Recomputed here from ${view.count} terms:` : "Recomputed here:",
          `${fmt(view.check, 6)} ${agree ? "✓ agrees" : "≠ differs"}`, agree ? "agree" : "differ"));
      }
      for (const note of view.notes ?? []) {
        const p = document.createElement("p");
        p.className = "note";
        p.textContent = note;
        parts.push(p);
      }
      body.replaceChildren(...parts);
      root.focus({ preventScroll: true });
    },
  };
}

