// "What will ∂L/∂z be at this cell?": a number, right within the question's tolerance. Also the
// home of what sign questions share with it: the cell's place and the reveal's worked numbers.

import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { equationKey, stepTitle } from "../notation.js";
import { flatOf } from "../question-plan.js";
import { bars, fillText, textAnswer } from "../views/answer-parts.js";
import { el } from "../views/dom.js";

/** The number at the question's cell of its record. */
export const cellValue = (q, trace) => {
  const record = trace.records[q.record];
  return record.values[flatOf(q.cell, record.shape)];
};

/** The cell's value as the reveal says it, with the step's equation worked where it helps. */
export function cellReveal(q, trace) {
  const record = trace.records[q.record];
  const value = cellValue(q, trace);
  const worked = arithmetic(q, trace, value);
  return t(worked ? "question.reveal.cell_worked" : "question.reveal.cell", {
    title: stepTitle(record, trace.records).symbol,
    at: `[${q.cell.join(", ")}]`,
    worked,
    value: fmt(value, 6),
  });
}

// the step's equation at the question's cell with the numbers in it, e.g. "p₈ − y₈ = …"
function arithmetic(q, trace, value) {
  const key = equationKey(trace.records[q.record].equation);
  const [j] = q.cell;
  const six = (v) => fmt(v, 6);
  if (key === "xent.dz") {
    const p = trace.records.find((r) => r.equation === "softmax.p").values[j];
    return `p${j} − y${j} = ${six(p)} − ${j === trace.result.label ? 1 : 0}`;
  }
  if (key === "dense.db") return t("question.reveal.dense_db", { j });
  if (key === "act.dz") {
    const da = q.given?.[0]?.value;
    // σ′(z) as the engine's own ratio, so no slope is recomputed here
    return da ? `∂L/∂a · σ′(z) = ${six(da)} × ${six(value / da)}` : "";
  }
  if (key === "conv.db") {
    const terms = (q.given ?? []).map((g) => six(g.value)).join(" + ");
    return t(terms ? "question.reveal.conv_db_terms" : "question.reveal.conv_db", { j, terms });
  }
  return "";
}

/** The typed number in the engine's form: "0,5" (decimal comma, as de/es/fr write it) and
 * "0.5" both read as 0.5; spaces (digit grouping) are dropped. "1,234.5" stays unreadable. */
export function readNumber(typed) {
  let text = String(typed)
    .trim()
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/[−–]/g, "-");
  if (/^[-+]?\d*,\d+(e[-+]?\d+)?$/i.test(text)) text = text.replace(",", ".");
  return text;
}

function parse(answer) {
  if (typeof answer === "number") return Number.isFinite(answer) ? answer : null;
  const text = readNumber(answer);
  const v = Number(text);
  return text !== "" && Number.isFinite(v) ? v : null;
}

const control = () =>
  textAnswer(t("question.value.label"), t("question.value.placeholder"), "decimal");

function binOf(results, truth) {
  const edges = results.histogram?.edges ?? [];
  if (truth == null || edges.length < 2) return null;
  for (let k = 0; k < edges.length - 1; k++) {
    const last = k === edges.length - 2;
    if (truth >= edges[k] && (truth < edges[k + 1] || (last && truth <= edges[k + 1]))) return k;
  }
  return null;
}

function results(summary, _q, truth) {
  const { edges = [], counts = [] } = summary.histogram ?? {};
  const rows = counts.map((count, k) => ({
    key: k,
    label: `${fmt(edges[k], 3)} … ${fmt(edges[k + 1], 3)}`,
    count,
  }));
  const tolerance = fmt(summary.tolerance, 2);
  return [
    bars(rows, binOf(summary, truth)),
    el("p", "hint", t("results.value.tolerance", { tolerance })),
  ];
}

export default {
  name: "value",
  parse,
  truth: cellValue,
  same: (given, truth, q) => Math.abs(given - truth) <= q.tolerance,
  format: () => t("question.value.format"),
  wrongHint: () => "",
  words: (answer) => fmt(answer, 6),
  reveal: (q, trace) => cellReveal(q, trace),
  control,
  prefill: (node, answer) => fillText(node, String(answer)),
  results,
  place: (q) => ({ cell: q.cell }),
};
