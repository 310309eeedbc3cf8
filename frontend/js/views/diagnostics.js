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

// How many of a parameter's sampled entries agreed, disagreed, sat at a kink or could not be
// resolved: from each entry's status when the API sends one, else from the older counts.
function counts(r, target) {
  const checks = r.checks ?? [];
  const n = { ok: 0, mismatch: 0, kink: 0, unresolved: 0 };
  if (checks.some((c) => c.status)) {
    for (const c of checks) n[c.status] = (n[c.status] ?? 0) + 1;
    return n;
  }
  n.kink = r.kinks ?? 0;
  n.unresolved = r.below_noise ?? 0;
  const resolved = checks.length - n.kink - n.unresolved;
  const agree = r.max_rel_error != null && r.max_rel_error < 100 * target;
  n[agree ? "ok" : "mismatch"] = resolved;
  return n;
}

// ✓ only with evidence: some entry resolved and none disagreeing. The API's own verdict
// (`passed`: true, false, or null for "nothing resolved") wins when it sends one.
function verdict(r, n) {
  if (r.passed === true) return "ok";
  if (r.passed === false) return "bad";
  if (r.passed === null) return "unresolved";
  if (n.mismatch) return "bad";
  return n.ok ? "ok" : "unresolved";
}

function checkRow(r, target) {
  const n = counts(r, target);
  const v = verdict(r, n);
  const parts = [`${n.ok} agree`];
  if (n.mismatch) parts.push(`${n.mismatch} disagree`);
  if (n.kink) parts.push(`${n.kink} at a kink`);
  if (n.unresolved) parts.push(`${n.unresolved} unresolved`);
  const head = {
    ok: `${fmt(r.max_rel_error, 2)} ✓`,
    bad: `${fmt(r.max_rel_error, 2)} ✗`,
    unresolved: "unresolved: no entry could be checked",
  }[v];
  const tr = el("tr", v);
  tr.dataset.status = v;
  tr.append(el("th", "", r.param), el("td", "", `${head} (${parts.join(", ")})`));
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
          "Not counted: steps across a kink (ReLU at 0, pool tie), and unresolved entries, whose " +
          "numeric estimate is lost in rounding noise; a parameter with no resolved entry gets no ✓.",
      );
      results.replaceChildren(caption, ...state.results.map((r) => checkRow(r, state.target)));
    },
  };
}
