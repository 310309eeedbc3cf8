// Gradient sizes per layer (log scale, one bar per model: vanishing gradients show up as bars
// that shrink toward the input) and the numerical gradient check.

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

// How many of a parameter's sampled entries agreed, disagreed, sat at a kink or could not be
// resolved, from each entry's status.
function counts(r) {
  const n = { ok: 0, mismatch: 0, kink: 0, unresolved: 0 };
  for (const c of r.checks ?? []) n[c.status] = (n[c.status] ?? 0) + 1;
  return n;
}

// ✓ only with evidence: the API's verdict `passed` is true (compared and agreeing), false (a
// mismatch) or null (nothing resolved).
function verdict(r) {
  if (r.passed === true) return "ok";
  if (r.passed === false) return "bad";
  return "unresolved";
}

function checkRow(r) {
  const n = counts(r);
  const v = verdict(r);
  const parts = [t("gradcheck.agree", { count: n.ok })];
  for (const what of ["mismatch", "kink", "unresolved"])
    if (n[what]) parts.push(t(`gradcheck.${what}`, { count: n[what] }));
  const head = {
    ok: `${fmt(r.max_rel_error, 2)} ✓`,
    bad: `${fmt(r.max_rel_error, 2)} ✗`,
    unresolved: t("gradcheck.none_resolved"),
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

    /**
     * null clears; {busy} | {error} |
     * {epsilon, noise_floor, results: [{param, max_rel_error, passed, checks: [{status}]}]}
     */
    showGradcheck(state) {
      run.disabled = Boolean(state?.busy);
      run.textContent = state?.busy ? t("gradcheck.busy") : t("diagnostics.run");
      if (!state) return results.replaceChildren();
      if (state.busy) return;
      if (state.error) {
        results.textContent = state.error;
        return;
      }
      const caption = el("caption", "", t("gradcheck.caption", { epsilon: fmt(state.epsilon) }));
      results.replaceChildren(caption, ...state.results.map(checkRow));
    },
  };
}
