// Gradient sizes per layer (log scale, one bar per model: vanishing gradients show up as bars
// that shrink toward the input) and the numerical gradient check.

import { fmt } from "../format.js";

function logBar(value, lo, hi) {
  const bar = document.createElement("span");
  bar.className = "bar";
  const t = value > 0 ? (Math.log10(value) - lo) / (hi - lo) : 0;
  bar.style.width = `${Math.max(1, Math.min(100, t * 100))}%`;
  return bar;
}

function range(values) {
  const logs = values.filter((v) => v > 0).map(Math.log10);
  if (!logs.length) return [-1, 0];
  return [Math.floor(Math.min(...logs)) - 0.5, Math.ceil(Math.max(...logs))];
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
      const all = models.flatMap((m) => sizes[m].map((s) => s.rms));
      const [lo, hi] = range(all);
      // rows keyed by the tensor the gradient is taken of (e.g. conv2.z), the same in every model
      const keys = [...new Set(models.flatMap((m) => sizes[m].map((s) => s.of)))];
      const rows = keys.map((key) => {
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.textContent = `∂L/∂(${key})`;
        tr.append(th);
        const cell = document.createElement("td");
        for (const [k, m] of models.entries()) {
          const s = sizes[m].find((x) => x.of === key);
          const line = document.createElement("div");
          line.className = `model-${k}`;
          if (s) {
            line.append(logBar(s.rms, lo, hi));
            line.title = `${m}: RMS ${fmt(s.rms)}`;
            const v = document.createElement("span");
            v.className = "value";
            v.textContent = fmt(s.rms, 2);
            line.append(v);
          }
          cell.append(line);
        }
        tr.append(cell);
        return tr;
      });
      const cap = document.createElement("caption");
      cap.textContent = `RMS gradient per layer, log scale (10^${lo.toFixed(1)} … 10^${hi})`;
      const legend = document.createElement("tr");
      const lt = document.createElement("td");
      lt.colSpan = 2;
      lt.className = "chart-legend";
      models.forEach((m, k) => {
        const s = document.createElement("span");
        s.className = `swatch model-${k}`;
        s.textContent = m;
        lt.append(s);
      });
      legend.append(lt);
      chart.replaceChildren(cap, legend, ...rows);
    },

    /** {busy} | {error} | {epsilon, noise_floor, results: [{param, max_rel_error, kinks, unresolved, passed}]} */
    showGradcheck(state) {
      run.disabled = Boolean(state?.busy);
      run.textContent = state?.busy ? "Checking…" : "Run gradient check";
      if (!state || state.busy) return;
      if (state.error) {
        results.textContent = state.error;
        return;
      }
      const rows = state.results.map((r) => {
        const tr = document.createElement("tr");
        // passed: true (compared and agreeing), false (a mismatch), null (nothing resolved)
        const mark = r.passed === true ? "✓" : r.passed === false ? "✗" : "not checked";
        tr.className = r.passed === true ? "ok" : r.passed === false ? "bad" : "";
        const th = document.createElement("th");
        th.textContent = r.param;
        const td = document.createElement("td");
        const value = r.max_rel_error === null ? "—" : fmt(r.max_rel_error, 2);
        const skipped = [];
        if (r.kinks) skipped.push(`${r.kinks} at a kink`);
        if (r.unresolved) skipped.push(`${r.unresolved} unresolved: too small to check`);
        td.textContent = `${value} ${mark}${skipped.length ? ` (${skipped.join(", ")})` : ""}`;
        tr.append(th, td);
        return tr;
      });
      const cap = document.createElement("caption");
      cap.textContent =
        `largest relative error |analytic − numeric| / (|analytic| + |numeric|), ε = ${fmt(state.epsilon)}. ` +
        `Not counted: steps across a kink (ReLU at 0, pool tie), and gradients so small that the ` +
        `numeric estimate's rounding noise (${fmt(state.noise_floor)}) hides them.`;
      results.replaceChildren(cap, ...rows);
    },
  };
}
