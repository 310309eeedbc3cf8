// "Which cells of this patch of the pool's input will receive error?": the [row, col] of each
// window's switch, the cell that held the window's largest value in the forward pass.

import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { stepTitle } from "../notation.js";
import { flatOf, switchesOf } from "../question-plan.js";
import { answerBox, countGrid, pick } from "../views/answer-parts.js";
import { el } from "../views/dom.js";

const cellKey = ([i, j]) => `${i},${j}`;
const listed = (cells) => cells.map(([i, j]) => `(${i}, ${j})`).join(", ");

// the switch of every window in the patch, as [row, col] of the pool's input
function truth(q, trace) {
  const sw = switchesOf(trace.records, trace.records[q.record].layer);
  const { row0, col0, window: k, channel } = q.patch;
  const out = [];
  for (let pi = row0 / k; pi < row0 / k + 2; pi++) {
    for (let pj = col0 / k; pj < col0 / k + 2; pj++) {
      const at = flatOf([pi, pj, channel, 0], sw.shape);
      out.push([sw.values[at], sw.values[at + 1]]);
    }
  }
  return out;
}

function parse(answer) {
  if (!Array.isArray(answer)) return null;
  return answer.every((c) => Array.isArray(c) && c.length === 2)
    ? answer.map((c) => c.map(Number))
    : null;
}

const patchName = ({ row0, col0, size, channel }) => ({
  rows: `${row0}–${row0 + size - 1}`,
  cols: `${col0}–${col0 + size - 1}`,
  channel,
});

function cellBox(q, v, n) {
  const { size, window: k, row0, col0 } = q.patch;
  const i = row0 + Math.floor(n / size);
  const j = col0 + (n % size);
  const label = el("label", "cell");
  label.classList.toggle("window-right", (n % size) % k === k - 1);
  label.classList.toggle("window-bottom", Math.floor(n / size) % k === k - 1);
  label.classList.toggle("window-left", n % size === 0);
  label.classList.toggle("window-top", n < size);
  label.style.setProperty("--level", String(Math.max(0, v) / Math.max(...q.patch.values, 1e-12)));
  const input = el("input");
  input.type = "checkbox";
  input.dataset.row = String(i);
  input.dataset.col = String(j);
  input.setAttribute("aria-label", t("question.cells.cell", { i, j, value: fmt(v, 3) }));
  label.append(input, el("span", "v", fmt(v, 3)));
  return label;
}

// the patch of the pool's input, one checkbox per cell showing its forward value; thick lines
// between windows
function control(q) {
  const box = answerBox("cells-grid", t("question.cells.legend", patchName(q.patch)));
  box.style.setProperty("--n", String(q.patch.size));
  box.append(...q.patch.values.map((v, n) => cellBox(q, v, n)));
  const read = () =>
    [...box.querySelectorAll("input:checked")].map((c) => [
      Number(c.dataset.row),
      Number(c.dataset.col),
    ]);
  return { node: box, read };
}

/** " 2 windows of this patch tied …" when a window has its maximum more than once, else "". */
export function tieText(q, trace) {
  const { values, size, window: k } = q.patch;
  const tied = [];
  for (let wi = 0; wi < size; wi += k) {
    for (let wj = 0; wj < size; wj += k) {
      const cells = [];
      for (let i = wi; i < wi + k; i++)
        for (let j = wj; j < wj + k; j++) cells.push(values[i * size + j]);
      const top = Math.max(...cells);
      if (cells.filter((v) => v === top).length > 1) tied.push(top);
    }
  }
  if (!tied.length) return "";
  const sw = switchesOf(trace.records, trace.records[q.record].layer);
  const rule = sw?.tie_rule ?? t("question.cells.tie_rule");
  return ` ${t("question.cells.tied", { count: tied.length, value: fmt(tied[0]), rule })}`;
}

function reveal(q, trace) {
  const record = trace.records[q.record];
  const receiving = record.values.filter((v) => v !== 0).length;
  const text = t("question.cells.reveal", {
    cells: listed(truth(q, trace)),
    title: stepTitle(record, trace.records).symbol,
    receiving,
    total: record.values.length,
  });
  return text + tieText(q, trace);
}

function results(summary, q, right) {
  const { row0 = 0, col0 = 0, size = 0, window: k = 1 } = q?.patch ?? {};
  const grid = countGrid({
    n: size,
    row0,
    col0,
    window: k,
    cells: summary.cells ?? [],
    right: right ?? [],
    label: t("results.cells.label"),
    caption: t("question.cells.legend", patchName(q?.patch ?? { row0, col0, size })),
  });
  return [grid];
}

export default {
  name: "cells",
  parse,
  truth,
  same: (given, right) => {
    const a = given.map(cellKey).sort();
    const b = right.map(cellKey).sort();
    return a.length === b.length && a.every((v, k) => v === b[k]);
  },
  format: () => t("question.cells.format"),
  wrongHint: (_q, given, right) =>
    given.length === right.length
      ? ""
      : t("question.cells.wrong_count", { count: given.length, windows: right.length }),
  words: (answer) => listed(answer) || t("question.cells.none"),
  reveal,
  control,
  prefill(node, answer) {
    for (const [i, j] of answer) pick(node, `input[data-row="${i}"][data-col="${j}"]`);
  },
  results,
  // what the server reads the switches with (the patch's values are for the student's eyes)
  place: ({ patch: { row0, col0, window, channel } }) => ({
    patch: { row0, col0, window, channel },
  }),
};
