// "What will be the sign of ∂L/∂z at this cell?": "+", "-" or "0".

import { t } from "../i18n.js";
import { signOf } from "../question-plan.js";
import { answerBox, bars, pick, radio } from "../views/answer-parts.js";
import { cellReveal, cellValue } from "./value.js";

const SIGNS = ["+", "-", "0"];
const NAMES = { "+": "plus", "-": "minus", 0: "zero" };
const words = (sign) => t(`question.sign.${NAMES[sign]}`);

function parse(answer) {
  const s = String(answer).trim().replace("−", "-");
  return SIGNS.includes(s) ? s : null;
}

function control() {
  const box = answerBox("signs", t("question.your_answer"));
  box.append(...SIGNS.map((s) => radio("sign", s, words(s))));
  return { node: box, read: () => box.querySelector("input:checked")?.value ?? "" };
}

function results(summary, _q, truth) {
  const by = new Map((summary.counts ?? []).map((c) => [c.answer, c.count]));
  const rows = SIGNS.map((s) => ({ key: s, label: words(s), count: by.get(s) ?? 0 }));
  return [bars(rows, truth)];
}

export default {
  name: "sign",
  parse,
  truth: (q, trace) => signOf(cellValue(q, trace)),
  same: (given, truth) => given === truth,
  format: () => t("question.sign.format"),
  wrongHint: () => "",
  words: (answer) => (NAMES[answer] ? words(answer) : String(answer)),
  reveal: (q, trace) => cellReveal(q, trace),
  control,
  prefill: (node, answer) => pick(node, `input[value="${answer}"]`),
  results,
  place: (q) => ({ cell: q.cell }),
};
