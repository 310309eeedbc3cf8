// One SGD step on the current digit: learning rate, apply / undo / reset, before vs after.

import { fmt } from "../format.js";
import { el } from "./dom.js";

export function createTraining({ rate, apply, undo, reset, summary, norms }) {
  let on = null;
  apply.addEventListener("click", () => on?.apply(Number(rate.value)));
  undo.addEventListener("click", () => on?.undo());
  reset.addEventListener("click", () => on?.reset());

  function normRow(name, v, top) {
    const tr = el("tr");
    const bar = el("span", "bar");
    bar.style.width = `${Math.max(1, (v / top) * 100)}%`;
    const td = el("td");
    td.append(bar);
    tr.append(el("th", "", name), td, el("td", "", fmt(v)));
    return tr;
  }

  return {
    /** h = {apply(learningRate), undo, reset} */
    bind: (h) => {
      on = h;
    },

    showLearningRate(value) {
      rate.value = String(value);
    },

    /** {canUndo, custom, busy, ready} */
    showTrainingState({ canUndo, custom, busy, ready }) {
      apply.disabled = Boolean(busy) || !ready;
      undo.disabled = Boolean(busy) || !canUndo;
      reset.disabled = Boolean(busy) || !custom;
      apply.textContent = busy ? "Applying…" : "Apply one SGD step";
    },

    /** The step whose weights are in use: {label, before, after, update_norms}; null clears. */
    showStepResult(step) {
      if (!step) {
        summary.textContent = "";
        norms.replaceChildren();
        return;
      }
      const y = step.label;
      const pb = step.before.probabilities[y];
      const pa = step.after.probabilities[y];
      summary.textContent =
        `Target ${y}: p${y} ${fmt(pb, 3)} → ${fmt(pa, 3)} (${pa >= pb ? "up" : "down"}), ` +
        `loss ${fmt(step.before.loss)} → ${fmt(step.after.loss)}, prediction ${step.before.prediction} → ${step.after.prediction}.`;
      const entries = Object.entries(step.update_norms);
      const top = Math.max(...entries.map(([, v]) => v), 1e-30);
      const caption = el("caption", "", "size of the weight change ‖Δ‖ per parameter");
      norms.replaceChildren(caption, ...entries.map(([name, v]) => normRow(name, v, top)));
    },
  };
}
