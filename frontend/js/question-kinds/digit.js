// "Which digit will the network say?" (the input-gradient lab's attack, asked of the class):
// a digit 0–9. The question is about an image the lab computed, not about the class trace, so
// its truth travels with it (posted by the instructor, shown at the reveal) and it names no
// place in the trace; `posted` tells the class flows to take the question as posed. Its
// prompt travels as numbers (`params`: the digit before the attack, ε), so each student's
// page says it in the student's language, not the instructor's.

import { t } from "../i18n.js";
import { answerBox, bars, pick, radio } from "../views/answer-parts.js";

const DIGITS = [...Array(10).keys()];

function parse(answer) {
  const s = String(answer).trim();
  return /^[0-9]$/.test(s) ? Number(s) : null;
}

// ten digit buttons (native radios, so the keyboard and screen readers just work)
function control() {
  const box = answerBox("digits", t("igq.legend"));
  box.append(...DIGITS.map((d) => radio("digit", String(d), String(d))));
  return { node: box, read: () => box.querySelector("input:checked")?.value ?? "" };
}

function results(summary, _q, truth) {
  const by = new Map((summary.counts ?? []).map((c) => [c.answer, c.count]));
  return [
    bars(
      DIGITS.map((d) => ({ key: d, label: String(d), count: by.get(d) ?? 0 })),
      truth,
    ),
  ];
}

export default {
  name: "digit",
  posted: true,
  parse,
  truth: (q) => q.truth ?? null,
  same: (given, truth) => given === truth,
  format: () => t("igq.format"),
  wrongHint: () => "",
  words: (answer) => String(answer),
  reveal: (q) => (q.truth == null ? "" : t("igq.reveal", { digit: q.truth })),
  prompt: (q) => t("igq.prompt", q.params),
  control,
  prefill: (node, answer) => pick(node, `input[value="${answer}"]`),
  results,
  place: () => ({}),
};
