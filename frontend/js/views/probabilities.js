// The prediction: one bar per class probability, the target-label buttons and the loss.

import { fmt } from "../format.js";
import { el } from "./dom.js";

export function createProbabilities({ prediction, chart, labels, loss }) {
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
    b.setAttribute("aria-label", `target label ${k}`);
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
    for (const b of buttons) b.setAttribute("aria-pressed", "false");
  }

  return {
    /** handler(k) when the student picks target digit k. */
    bindTarget: (handler) => {
      onTarget = handler;
    },

    /** {probabilities, prediction, label, loss}; or null to clear. */
    showResult(result) {
      if (!result) return clear();
      const { probabilities, label } = result;
      prediction.textContent = `${result.prediction}`;
      prediction.dataset.digit = String(result.prediction);
      prediction.setAttribute(
        "aria-label",
        `predicted digit ${result.prediction}, probability ${fmt(probabilities[result.prediction], 3)}`,
      );
      bars.forEach(({ bar, value, rowEl }, k) => {
        bar.style.width = `${(probabilities[k] * 100).toFixed(1)}%`;
        value.textContent = fmt(probabilities[k], 3);
        rowEl.classList.toggle("predicted", k === result.prediction);
        rowEl.classList.toggle("target", k === label);
      });
      buttons.forEach((b, k) => {
        b.setAttribute("aria-pressed", String(k === label));
      });
      loss.textContent = `loss L = −log p${label} = ${fmt(result.loss)}`;
    },
  };
}
