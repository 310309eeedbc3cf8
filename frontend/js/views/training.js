// One SGD step on the current digit: learning rate, apply / undo / reset. What a step did is
// written by views/sgd-results.js, loaded with the first step.

import { t } from "../i18n.js";

export function createTraining({ rate, apply, undo, reset, summary, samples, norms }) {
  let on = null;
  apply.addEventListener("click", () => on?.apply(Number(rate.value)));
  undo.addEventListener("click", () => on?.undo());
  reset.addEventListener("click", () => on?.reset());

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

    /** No step result (a new model or network): the lines and the norms table empty. */
    clearStepResult() {
      summary.textContent = "";
      samples.textContent = "";
      samples.classList.remove("harm");
      norms.replaceChildren();
    },

    /** Where the step's result is written (views/sgd-results.js, loaded with the first step). */
    parts: { summary, samples, norms },
  };
}
