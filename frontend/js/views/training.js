// One SGD step on the current digit: learning rate, apply / undo / reset, before vs after.

import { prose } from "../format.js";
import { number, t } from "../i18n.js";
import { el } from "./dom.js";

const ONE_DECIMAL = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
const pct = (f) => t("sgd.percent", { value: number(f * 100, ONE_DECIMAL) });
const DAMAGE = 0.03; // more accuracy lost than this on the samples: the step did harm

// What the step did to the student's digit, in words.
function digitWords({ label: y, before, after }) {
  if (after.prediction === y && before.prediction !== y) return t("sgd.fixed", { y });
  if (after.prediction === y) return t("sgd.already", { y });
  return t("sgd.still_wrong", { y, prediction: after.prediction });
}

// What it did to every other digit: accuracy on the shipped samples before → after.
function samplesWords(acc) {
  if (!acc) return "";
  const said = { before: pct(acc.before), after: pct(acc.after), count: acc.count };
  const text = t(acc.count ? "sgd.samples_counted" : "sgd.samples", said);
  return acc.before - acc.after > DAMAGE ? text + t("sgd.harm") : text;
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
    tr.append(el("th", "", name), td, el("td", "", prose(v)));
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
      apply.textContent = busy ? t("sgd.applying") : t("train.apply");
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
      summary.textContent = t(pa >= pb ? "sgd.summary_up" : "sgd.summary_down", {
        y,
        before: prose(pb, 3),
        after: prose(pa, 3),
        loss_before: prose(step.before.loss),
        loss_after: prose(step.after.loss),
        prediction_before: step.before.prediction,
        prediction_after: step.after.prediction,
      });
      const acc = step.samples_accuracy;
      samples.textContent = t("sgd.digit_and_samples", {
        digit: digitWords(step),
        samples: samplesWords(acc),
      });
      samples.classList.toggle("harm", Boolean(acc && acc.before - acc.after > DAMAGE));
      const entries = Object.entries(step.update_norms);
      const top = Math.max(...entries.map(([, v]) => v), 1e-30);
      const caption = el("caption", "", t("sgd.norms"));
      norms.replaceChildren(caption, ...entries.map(([name, v]) => normRow(name, v, top)));
    },
  };
}
