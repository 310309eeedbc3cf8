// Gradient sizes per layer (log scale, one bar per model: vanishing gradients show up as bars
// that shrink toward the input) and the gradient check's button (its answer: views/sgd-results.js).

import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { el } from "./dom.js";

function logBar(value, lo, hi) {
  const bar = el("span", "bar");
  const t = value > 0 ? (Math.log10(value) - lo) / (hi - lo) : 0;
  bar.style.width = `${Math.max(1, Math.min(100, t * 100))}%`;
  return bar;
}

function range(values) {
  const logs = values.filter((v) => v > 0).map(Math.log10);
  if (!logs.length) return [-1, 0];
  return [Math.floor(Math.min(...logs)) - 0.5, Math.ceil(Math.max(...logs))];
}

// one table row per gradient (keyed by the tensor it is taken of, the same in every model)
function sizeRow(sizes, models, key, lo, hi) {
  const cell = el("td");
  for (const [k, m] of models.entries()) {
    const s = sizes[m].find((x) => x.of === key);
    const line = el("div", `model-${k}`);
    if (s) {
      line.append(logBar(s.rms, lo, hi), el("span", "value", fmt(s.rms, 2)));
      line.title = `${m}: RMS ${fmt(s.rms)}`;
    }
    cell.append(line);
  }
  const tr = el("tr");
  tr.append(el("th", "", `∂L/∂(${key})`), cell);
  return tr;
}

export function createDiagnostics({ chart, run, results }) {
  let onRun = null;
  run.addEventListener("click", () => onRun?.());

  return {
    bindGradcheck: (handler) => {
      onRun = handler;
    },

    /** sizes = {model: [{layer, quantity, of, rms}]}, current model first. */
    showGradientSizes(sizes) {
      const models = Object.keys(sizes);
      const [lo, hi] = range(models.flatMap((m) => sizes[m].map((s) => s.rms)));
      const keys = [...new Set(models.flatMap((m) => sizes[m].map((s) => s.of)))];
      const caption = el("caption", "", t("sizes.caption", { lo: lo.toFixed(1), hi: String(hi) }));
      const legendCell = el("td", "chart-legend");
      legendCell.colSpan = 2;
      models.forEach((m, k) => {
        legendCell.append(el("span", `swatch model-${k}`, m));
      });
      const legend = el("tr");
      legend.append(legendCell);
      const rows = keys.map((key) => sizeRow(sizes, models, key, lo, hi));
      chart.replaceChildren(caption, legend, ...rows);
    },

    /** No check shown (a new trace, model or network). */
    clearGradcheck() {
      run.disabled = false;
      run.textContent = t("diagnostics.run");
      results.replaceChildren();
    },

    /** Where the check's answer is written (views/sgd-results.js, loaded with the first run). */
    parts: { run, results },
  };
}
