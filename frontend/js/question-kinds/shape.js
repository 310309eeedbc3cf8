// "What shape will ∂L/∂W have?": the sizes of a gradient tensor, e.g. [5, 5, 1, 6].

import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { stepTitle } from "../notation.js";
import { argmaxBy } from "../question-plan.js";
import { unravel } from "../tiling.js";
import { bars, fillText, textAnswer } from "../views/answer-parts.js";

const sameList = (a, b) => a.length === b.length && a.every((v, k) => v === b[k]);

function parse(answer) {
  const list = Array.isArray(answer)
    ? answer
    : String(answer)
        .split(/[^0-9]+/)
        .filter(Boolean);
  const ints = list.map(Number);
  return ints.length && ints.every(Number.isInteger) ? ints : null;
}

const control = () =>
  textAnswer(t("question.shape.label"), t("question.shape.placeholder"), "numeric");

function reveal(q, trace) {
  const record = trace.records[q.record];
  const top = argmaxBy(record.values.length, (k) => Math.abs(record.values[k]));
  return t("question.shape.reveal", {
    title: stepTitle(record, trace.records).symbol,
    shape: record.shape.join("×"),
    largest: fmt(record.values[top]),
    at: `[${unravel(top, record.shape).join(", ")}]`,
  });
}

function results(summary, _q, truth) {
  const rows = (summary.counts ?? []).map((c) => ({
    key: c.answer.join("×"),
    label: c.answer.join(" × "),
    count: c.count,
  }));
  return [bars(rows, truth == null ? null : truth.join("×"))];
}

export default {
  name: "shape",
  parse,
  truth: (q, trace) => [...trace.records[q.record].shape],
  same: (given, truth) => sameList(given, truth),
  format: () => t("question.shape.format"),
  wrongHint: (_q, given, truth) =>
    given.length === truth.length
      ? ""
      : t("question.shape.wrong_rank", { count: given.length, rank: truth.length }),
  words: (answer) => answer.join(" × "),
  reveal,
  control,
  prefill: (node, answer) => fillText(node, answer.join(", ")),
  results,
  place: () => ({}),
};
