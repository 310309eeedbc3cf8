// Gradient sizes per layer (log scale, one bar per model: vanishing gradients show up as bars
// that shrink toward the input) and the numerical gradient check.

import { fmt } from "../format.js";
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

function checkRow(r, target) {
  const ok = r.max_rel_error === null || r.max_rel_error < 100 * target;
  const value = r.max_rel_error === null ? "—" : fmt(r.max_rel_error, 2);
  const skipped = [];
  if (r.kinks) skipped.push(`${r.kinks} at a kink`);
  if (r.below_noise) skipped.push(`${r.below_noise} too small to check`);
  const tr = el("tr", ok ? "ok" : "bad");
  const why = skipped.length ? ` (${skipped.join(", ")})` : "";
  tr.append(el("th", "", r.param), el("td", "", `${value} ${ok ? "✓" : "✗"}${why}`));
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
      const caption = el(
        "caption",
        "",
        `RMS gradient per layer, log scale (10^${lo.toFixed(1)} … 10^${hi})`,
      );
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

    /**
     * null clears; {busy} | {error} |
     * {epsilon, noise_floor, target, results: [{param, max_rel_error, kinks, below_noise}]}
     */
    showGradcheck(state) {
      run.disabled = Boolean(state?.busy);
      run.textContent = state?.busy ? "Checking…" : "Run gradient check";
      if (!state) return results.replaceChildren();
      if (state.busy) return;
      if (state.error) {
        results.textContent = state.error;
        return;
      }
      const caption = el(
        "caption",
        "",
        `largest relative error |analytic − numeric| / (|analytic| + |numeric|), ε = ${fmt(state.epsilon)}. ` +
          `Not counted: steps across a kink (ReLU at 0, pool tie), and gradients so small that the ` +
          `numeric estimate's rounding noise (${fmt(state.noise_floor)}) hides them.`,
      );
      results.replaceChildren(caption, ...state.results.map((r) => checkRow(r, state.target)));
    },
  };
}
