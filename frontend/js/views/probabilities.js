// Prediction, probability bars, target-label buttons and the loss.

import { fmt } from "../format.js";

export function createProbabilities({ prediction, chart, labels, loss }) {
  const bars = [];
  const buttons = [];
  let onLabel = null;
  for (let k = 0; k < 10; k++) {
    const rowEl = document.createElement("div");
    rowEl.className = "prob-row";
    const name = document.createElement("span");
    name.className = "digit";
    name.textContent = k;
    const track = document.createElement("span");
    track.className = "track";
    const bar = document.createElement("span");
    bar.className = "bar";
    track.append(bar);
    const value = document.createElement("span");
    value.className = "value";
    rowEl.append(name, track, value);
    chart.append(rowEl);
    bars.push({ rowEl, bar, value });

    const b = document.createElement("button");
    b.type = "button";
    b.textContent = k;
    b.dataset.testid = `label-${k}`;
    b.setAttribute("aria-pressed", "false");
    b.setAttribute("aria-label", `target label ${k}`);
    b.addEventListener("click", () => onLabel?.(k));
    labels.append(b);
    buttons.push(b);
  }

  return {
    bindLabel: (handler) => {
      onLabel = handler;
    },

    /** {probabilities, prediction, label, loss}; or null to clear. `busy` dims the old result. */
    showResult(result) {
      if (!result) {
        prediction.textContent = "–";
        prediction.removeAttribute("data-digit");
        loss.textContent = "";
        bars.forEach(({ bar, value, rowEl }) => {
          bar.style.width = "0";
          value.textContent = "";
          rowEl.classList.remove("predicted", "target");
        });
        buttons.forEach((b) => b.setAttribute("aria-pressed", "false"));
        return;
      }
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
      buttons.forEach((b, k) => b.setAttribute("aria-pressed", String(k === label)));
      loss.textContent = `loss L = −log p${label} = ${fmt(result.loss)}`;
    },
  };
}
