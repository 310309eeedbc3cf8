// The question engine: what to ask before a backward step is revealed, the true answer read from
// the trace, and the check of a student's answer. Pure functions over the trace's records (no
// DOM, no fetch), so the lesson and the class sessions ask and grade the same questions. What
// differs by kind lives in one record per kind (question-kinds/); this is their common face.
//
// A trace here is {records, result, steps?}: records as the API sends them (values decoded).
// A question is plain JSON: {id, kind, step, record, equation, prompt, hint, ...kind fields}.
// Answers by kind:  sign "+" | "-" | "0"   cells [[row, col], …] (cells of a pool's input)
//   value a number (within question.tolerance)   shape [int, …]   saliency [row, col] of the
//   4×4 grid of 7×7-pixel regions of the 28×28 input.

import { KINDS, kindOf } from "./question-kinds/index.js";
import { questionsFor, SALIENCY_GRID, stepIndices } from "./question-plan.js";

export { tieText } from "./question-kinds/cells.js";
export { questionsFor } from "./question-plan.js";
export { KINDS, SALIENCY_GRID, stepIndices };

/** The true answer to a question, read from the trace. */
export const truthOf = (question, trace) => kindOf(question).truth(question, trace);

/** Normalise an answer of any kind, or null when it cannot be read. */
export const parseAnswer = (question, answer) => kindOf(question).parse(answer);

/** {correct, hint, truth}: the answer checked against the trace; the hint says what to rethink. */
export function check(question, answer, trace) {
  const kind = kindOf(question);
  const truth = kind.truth(question, trace);
  const given = kind.parse(answer);
  if (given == null) return { correct: false, truth, hint: `${kind.format()} ${question.hint}` };
  const correct = kind.same(given, truth, question);
  if (correct) return { correct, truth, hint: "" };
  const before = kind.wrongHint(question, given, truth);
  return { correct, truth, hint: before ? `${before} ${question.hint}` : question.hint };
}

/** One sentence for after the reveal, with the numbers the step shows. */
export const revealText = (question, trace) => kindOf(question).reveal(question, trace);

/** An answer (or a truth) in words; an answer that cannot be read is shown as typed. */
export function answerWords(question, answer) {
  if (answer == null) return null;
  const kind = kindOf(question);
  const parsed = kind.parse(answer);
  return parsed == null ? `“${String(answer)}”` : kind.words(parsed, question);
}

/** What the server needs to read a question's truth itself: its record and its place. */
export const placeOf = (question) => ({
  record: question.record,
  ...kindOf(question).place(question),
});

/**
 * Is `question` (built by this page) the one `posed` names? Matched by kind and place in the
 * trace, not by its words: the instructor's page may word it in another language.
 */
export function samePlace(question, posed) {
  if (question.kind !== posed.kind || posed.record == null) return false;
  const place = placeOf(question);
  const given = Object.fromEntries(Object.keys(place).map((key) => [key, posed[key]]));
  return JSON.stringify(place) === JSON.stringify(given);
}

/** The same question worded again in the language in force (its prompt, hint and title). */
export function reworded(question, trace) {
  const place = { kind: question.kind, ...placeOf(question) };
  const again = questionsFor(trace, question.step).find((q) => samePlace(q, place));
  return again
    ? { ...question, prompt: again.prompt, hint: again.hint, title: again.title }
    : question;
}
