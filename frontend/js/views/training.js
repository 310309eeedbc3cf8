// One SGD step on the current digit: learning rate, apply / undo / reset, before vs after.

import { fmt } from "../format.js";
import { el } from "./dom.js";

const pct = (f) => `${(f * 100).toFixed(1)} %`;
const DAMAGE = 0.03; // more accuracy lost than this on the samples: the step did harm

// What the step did to the student's digit, in words.
function digitWords({ label: y, before, after }) {
  if (after.prediction === y && before.prediction !== y)
    return `this step fixed your digit: it is now a ${y}`;
  if (after.prediction === y) return `your digit was a ${y} already and still is`;
  return `your digit is still read as a ${after.prediction}, not ${y}`;
}

// What it did to every other digit: accuracy on the shipped samples before → after.
function samplesWords(acc) {
  if (!acc) return "";
  const n = acc.count ? `the ${acc.count} sample digits` : "the sample digits";
  const harm =
    acc.before - acc.after > DAMAGE
      ? " — the step learned your digit at the others' expense: try a smaller learning rate"
      : "";
  return `; ${n}: ${pct(acc.before)} → ${pct(acc.after)} correct${harm}`;
}

export function createTraining({ rate, apply, undo, reset, summary, samples, norms }) {
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
        samples.textContent = "";
        samples.classList.remove("harm");
        norms.replaceChildren();
        return;
      }
      const y = step.label;
      const pb = step.before.probabilities[y];
      const pa = step.after.probabilities[y];
      summary.textContent =
        `Target ${y}: p${y} ${fmt(pb, 3)} → ${fmt(pa, 3)} (${pa >= pb ? "up" : "down"}), ` +
        `loss ${fmt(step.before.loss)} → ${fmt(step.after.loss)}, prediction ${step.before.prediction} → ${step.after.prediction}.`;
      const acc = step.samples_accuracy;
      samples.textContent = `${digitWords(step)}${samplesWords(acc)}.`;
      samples.classList.toggle("harm", Boolean(acc && acc.before - acc.after > DAMAGE));
      const entries = Object.entries(step.update_norms);
      const top = Math.max(...entries.map(([, v]) => v), 1e-30);
      const caption = el("caption", "", "size of the weight change ‖Δ‖ per parameter");
      norms.replaceChildren(caption, ...entries.map(([name, v]) => normRow(name, v, top)));
    },
  };
}
