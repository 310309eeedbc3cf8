// What an SGD step and the gradient check found: the step's effect on the digit and on the
// samples, the update's norms, and the check's verdict per parameter. Loaded with their flow
// (flows/sgd.js) on the first step or check; writes into the eager views' elements.

import { fmt, prose } from "../format.js";
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

/** training, diagnostics: the eager views (views/training.js, views/diagnostics.js). */
export function createSgdResults(training, diagnostics) {
  const { summary, samples, norms } = training.parts;
  const { run, results } = diagnostics.parts;

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
    /** The step whose weights are in use: {label, before, after, update_norms}; null clears. */
    showStepResult(step) {
      if (!step) return training.clearStepResult();
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
    /**
     * null clears; {busy} | {error} |
     * {epsilon, noise_floor, results: [{param, max_rel_error, passed, checks: [{status}]}]}
     */
    showGradcheck(state) {
      run.disabled = Boolean(state?.busy);
      run.textContent = state?.busy ? t("gradcheck.busy") : t("diagnostics.run");
      if (!state) return diagnostics.clearGradcheck();
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
