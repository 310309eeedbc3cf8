// The prediction: one bar per class probability, the target-label buttons and the loss.

import { fmt, prose } from "../format.js";
import { t } from "../i18n.js";
import { wordsAttr } from "../page-text.js";
import { el } from "./dom.js";

const SURE = 0.99; // a prediction this probable leaves (almost) nothing to learn

// What the target question says under its buttons.
// p_y to the digits that matter: "1 − 5.1e-6" rather than a rounded "1" (1 − p_y from the loss,
// since 1 − p_y computed from p itself would round away)
function probabilityText(p, loss) {
  return p > 0.999 ? `1 − ${fmt(-Math.expm1(-loss), 2)}` : fmt(p, 3);
}

function targetNote({ probabilities, prediction, label, loss }, chosen) {
  const p = probabilityText(probabilities[label], loss);
  if (label === prediction && probabilities[label] >= SURE) {
    return { sure: true, text: t("target.sure", { label, p }) };
  }
  return { sure: false, text: t(chosen ? "target.chosen" : "target.default", { label, p }) };
}

export function createProbabilities({ prediction, chart, labels, loss, note, question }) {
  const bars = [];
  const buttons = [];
  let onTarget = null;
  for (let k = 0; k < 10; k++) {
    const rowEl = el("div", "prob-row");
    const track = el("span", "track");
    const bar = el("span", "bar");
    track.append(bar);
    const value = el("span", "value");
    rowEl.append(el("span", "digit", String(k)), track, value);
    chart.append(rowEl);
    bars.push({ rowEl, bar, value });

    const b = el("button", "", String(k));
    b.type = "button";
    b.dataset.testid = `label-${k}`;
    b.setAttribute("aria-pressed", "false");
    wordsAttr(b, "aria-label", "target.button", { k }); // again after a change of language
    b.addEventListener("click", () => onTarget?.(k));
    labels.append(b);
    buttons.push(b);
  }

  function clear() {
    prediction.textContent = "–";
    prediction.removeAttribute("data-digit");
    loss.textContent = "";
    for (const { bar, value, rowEl } of bars) {
      bar.style.width = "0";
      value.textContent = "";
      rowEl.classList.remove("predicted", "target");
    }
    for (const b of buttons) {
      b.setAttribute("aria-pressed", "false");
      b.classList.remove("predicted");
    }
    note.classList.remove("sure");
    note.textContent = t("prediction.note");
  }

  return {
    /** Bring the target question into view (only as far as needed). */
    ask() {
      question.scrollIntoView({ block: "nearest", inline: "nearest" });
    },

    /** handler(k) when the student picks target digit k. */
    bindTarget: (handler) => {
      onTarget = handler;
    },

    /** {probabilities, prediction, label, loss} (null clears); chosen: the student picked y. */
    showResult(result, chosen = false) {
      if (!result) return clear();
      const { probabilities, label } = result;
      prediction.textContent = `${result.prediction}`;
      prediction.dataset.digit = String(result.prediction);
      prediction.setAttribute(
        "aria-label",
        t("prediction.aria", {
          prediction: result.prediction,
          p: fmt(probabilities[result.prediction], 3),
        }),
      );
      bars.forEach(({ bar, value, rowEl }, k) => {
        bar.style.width = `${(probabilities[k] * 100).toFixed(1)}%`;
        value.textContent = prose(probabilities[k], 3);
        rowEl.classList.toggle("predicted", k === result.prediction);
        rowEl.classList.toggle("target", k === label);
      });
      buttons.forEach((b, k) => {
        b.setAttribute("aria-pressed", String(k === label));
        b.classList.toggle("predicted", k === result.prediction);
      });
      const said = targetNote(result, chosen);
      note.textContent = said.text;
      note.classList.toggle("sure", said.sure);
      loss.textContent = t("prediction.loss", { label, loss: fmt(result.loss) });
    },
  };
}
