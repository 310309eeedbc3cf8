// The question engine: what to ask before a backward step is revealed, the true answer read from
// the trace, and the check of a student's answer. Pure functions over the trace's records (no
// DOM, no fetch), so the lesson and the class sessions ask and grade the same questions.
//
// A trace here is {records, result, steps?}: records as the API sends them (values decoded).
// A question is plain JSON: {id, kind, step, record, equation, prompt, hint, ...kind fields}.
// Answers by kind:  sign "+" | "-" | "0"   cells [[row, col], …] (cells of a pool's input)
//   value a number (within question.tolerance)   shape [int, …]   saliency [row, col] of the
//   4×4 grid of 7×7-pixel regions of the 28×28 input.

import { fmt } from "./format.js";
import { equationKey, stepTitle } from "./notation.js";
import {
  argmaxBy,
  flatOf,
  SALIENCY_GRID,
  signOf,
  stepIndices,
  switchesOf,
} from "./question-plan.js";
import { unravel } from "./tiling.js";

export const KINDS = ["sign", "cells", "value", "shape", "saliency"];
export { questionsFor } from "./question-plan.js";
export { SALIENCY_GRID, stepIndices };

// ---- truth and checking ----

/** The true answer to a question, read from the trace. */
export function truthOf(question, trace) {
  const record = trace.records[question.record];
  if (question.kind === "shape") return [...record.shape];
  if (question.kind === "sign") return signOf(record.values[flatOf(question.cell, record.shape)]);
  if (question.kind === "value") return record.values[flatOf(question.cell, record.shape)];
  if (question.kind === "cells") return switchCells(question, trace);
  if (question.kind === "saliency") return saliencyRegion(question, record);
  return null;
}

// the switch of every window in the patch, as [row, col] of the pool's input
function switchCells(question, trace) {
  const record = trace.records[question.record];
  const sw = switchesOf(trace.records, record.layer);
  const { row0, col0, window: k, channel } = question.patch;
  const out = [];
  for (let pi = row0 / k; pi < row0 / k + 2; pi++) {
    for (let pj = col0 / k; pj < col0 / k + 2; pj++) {
      const at = flatOf([pi, pj, channel, 0], sw.shape);
      out.push([sw.values[at], sw.values[at + 1]]);
    }
  }
  return out;
}

// the region holding the largest |dL/dx|
function saliencyRegion(question, record) {
  const best = argmaxBy(record.values.length, (k) => Math.abs(record.values[k]));
  const [i, j] = unravel(best, record.shape);
  return [Math.floor(i / question.region), Math.floor(j / question.region)];
}

const sameList = (a, b) => a.length === b.length && a.every((v, k) => v === b[k]);
const cellKey = ([i, j]) => `${i},${j}`;

/** Normalise an answer of any kind, or null when it cannot be read. */
export function parseAnswer(question, answer) {
  if (question.kind === "sign") {
    const s = String(answer).trim().replace("−", "-");
    return ["+", "-", "0"].includes(s) ? s : null;
  }
  if (question.kind === "value") {
    const v = typeof answer === "number" ? answer : Number(String(answer).trim().replace("−", "-"));
    return String(answer).trim() !== "" && Number.isFinite(v) ? v : null;
  }
  if (question.kind === "shape") {
    const list = Array.isArray(answer)
      ? answer
      : String(answer)
          .split(/[^0-9]+/)
          .filter(Boolean);
    const ints = list.map(Number);
    return ints.length && ints.every(Number.isInteger) ? ints : null;
  }
  if (!Array.isArray(answer)) return null;
  if (question.kind === "saliency") return answer.length === 2 ? answer.map(Number) : null;
  return answer.every((c) => Array.isArray(c) && c.length === 2)
    ? answer.map((c) => c.map(Number))
    : null;
}

/** {correct, hint, truth}: the answer checked against the trace; the hint says what to rethink. */
export function check(question, answer, trace) {
  const truth = truthOf(question, trace);
  const given = parseAnswer(question, answer);
  if (given == null)
    return { correct: false, truth, hint: `${FORMAT[question.kind]} ${question.hint}` };
  let correct;
  if (question.kind === "value") correct = Math.abs(given - truth) <= question.tolerance;
  else if (question.kind === "cells")
    correct = sameList(given.map(cellKey).sort(), truth.map(cellKey).sort());
  else if (question.kind === "sign") correct = given === truth;
  else correct = sameList(given, truth);
  return { correct, truth, hint: correct ? "" : wrongHint(question, given, truth) };
}

const FORMAT = {
  sign: "Answer with +, − or 0.",
  value: "Type a number, e.g. -0.0123 or 1.5e-4.",
  shape: "Type the sizes separated by commas.",
  cells: "Select cells of the patch.",
  saliency: "Choose one region.",
};

function wrongHint(question, given, truth) {
  if (question.kind === "cells" && given.length !== truth.length)
    return `You chose ${given.length} cell${given.length === 1 ? "" : "s"}; the patch holds ${truth.length} windows. ${question.hint}`;
  if (question.kind === "shape" && given.length !== truth.length)
    return `That has ${given.length} size${given.length === 1 ? "" : "s"}; this gradient has ${truth.length}. ${question.hint}`;
  return question.hint;
}

/** One sentence for after the reveal, with the numbers the step shows. */
export function revealText(question, trace) {
  const record = trace.records[question.record];
  const truth = truthOf(question, trace);
  const title = stepTitle(record, trace.records).symbol;
  if (question.kind === "shape") {
    const top = argmaxBy(record.values.length, (k) => Math.abs(record.values[k]));
    return `${title} is ${truth.join("×")}, one number per entry of the tensor; its largest entry is ${fmt(record.values[top])} at [${unravel(top, record.shape).join(", ")}].`;
  }
  if (question.kind === "cells") {
    const receiving = record.values.filter((v) => v !== 0).length;
    return `The switches at ${truth.map(([i, j]) => `(${i}, ${j})`).join(", ")} each take their window's whole error; in all of ${title}, ${receiving} of ${record.values.length} cells are nonzero and the rest are exactly 0.${tieText(question, trace)}`;
  }
  if (question.kind === "saliency") {
    const top = argmaxBy(record.values.length, (k) => Math.abs(record.values[k]));
    return `|∂L/∂x| peaks at pixel [${unravel(top, record.shape).slice(0, 2).join(", ")}] (value ${fmt(record.values[top])}), in region (row ${truth[0]}, column ${truth[1]}): changing that pixel moves the loss the most.`;
  }
  const at = `[${question.cell.join(", ")}]`;
  const value = record.values[flatOf(question.cell, record.shape)];
  const worked = arithmetic(question, trace, record, value);
  return `${title} at ${at}${worked ? ` = ${worked}` : ""} = ${fmt(value, 6)}.`;
}

// the step's equation at the question's cell with the numbers in it, e.g. "p₈ − y₈ = …"
function arithmetic(question, trace, record, value) {
  const key = equationKey(record.equation);
  const [j] = question.cell;
  if (key === "xent.dz") {
    const p = trace.records.find((r) => r.equation === "softmax.p").values[j];
    return `p${j} − y${j} = ${fmt(p, 6)} − ${j === trace.result.label ? 1 : 0}`;
  }
  if (key === "dense.db") return `δ at [${j}], the error of that score`;
  if (key === "act.dz") {
    const da = question.given?.[0]?.value;
    // σ′(z) as the engine's own ratio, so no slope is recomputed here
    return da ? `∂L/∂a · σ′(z) = ${fmt(da, 6)} × ${fmt(value / da, 6)}` : "";
  }
  if (key === "conv.db") {
    const terms = question.given ?? [];
    return terms.length
      ? `the sum of map ${j}'s errors δ: ${terms.map((g) => fmt(g.value, 6)).join(" + ")}`
      : `the sum of map ${j}'s errors δ`;
  }
  return "";
}

/** " A window tied …" when a window of the patch has its maximum more than once, else "". */
export function tieText(question, trace) {
  const { values, size, window: k } = question.patch;
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
  const sw = switchesOf(trace.records, trace.records[question.record].layer);
  const rule = sw?.tie_rule ?? "first maximum, row-major";
  return ` ${tied.length} window${tied.length > 1 ? "s" : ""} of this patch tied (largest value ${fmt(tied[0])} more than once); the rule "${rule}" gives the error to the first of them in reading order.`;
}
