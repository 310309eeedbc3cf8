// One SGD step on the current digit: learning rate, apply / undo / reset, before vs after.

import { fmt } from "../format.js";

export function createTraining({ rate, apply, undo, reset, summary, norms }) {
  let onAction = null;
  apply.addEventListener("click", () =>
    onAction?.({ action: "apply", learningRate: Number(rate.value) }),
  );
  undo.addEventListener("click", () => onAction?.({ action: "undo" }));
  reset.addEventListener("click", () => onAction?.({ action: "reset" }));

  return {
    bindTraining: (handler) => {
      onAction = handler;
    },

    /** {canUndo, custom, busy} */
    showTrainingState({ canUndo, custom, busy, ready }) {
      apply.disabled = Boolean(busy) || !ready;
      undo.disabled = Boolean(busy) || !canUndo;
      reset.disabled = Boolean(busy) || !custom;
      apply.textContent = busy ? "Applying…" : "Apply one SGD step";
    },

    /** The last step's effect: {label, before, after, update_norms, learningRate}; null clears. */
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
      const rows = entries.map(([name, v]) => {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.textContent = name;
        const td = document.createElement("td");
        const bar = document.createElement("span");
        bar.className = "bar";
        bar.style.width = `${Math.max(1, (v / top) * 100)}%`;
        td.append(bar);
        const tv = document.createElement("td");
        tv.textContent = fmt(v);
        tr.append(th, td, tv);
        return tr;
      });
      const cap = document.createElement("caption");
      cap.textContent = "size of the weight change ‖Δ‖ per parameter";
      norms.replaceChildren(cap, ...rows);
    },
  };
}
