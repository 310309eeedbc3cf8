// The downloaded answers file of a lesson: what a student hands in. Its field names are data
// (read by the course's tools), its sentences are in the reader's language.

import { language, t } from "../i18n.js";
import { equationOf } from "../notation.js";

/** The lesson's answers as a JSON-ready object; truths only for the questions already revealed. */
export function lessonFile(state, trace, { model, link, truthOf }) {
  const shown = (i) =>
    i < state.i || state.phase === "done" || (i === state.i && state.phase === "reveal");
  return {
    lesson: t("lesson.file.title"),
    language: language(), // the sentences below are in it
    model,
    label: trace.result?.label,
    prediction: trace.result?.prediction,
    link,
    score: { points: state.points, max: state.plan.length },
    started: new Date(state.started).toISOString(),
    questions: state.plan.map((q, i) => ({
      step: q.step,
      title: q.title,
      equation: equationOf(q.equation)?.label ?? q.equation,
      kind: q.kind,
      prompt: q.prompt,
      given: q.given ?? [],
      tolerance: q.tolerance ?? null,
      answers: state.answers[i]?.answers ?? [],
      correct: state.answers[i]?.correct ?? null,
      seconds: state.answers[i]?.seconds ?? null,
      truth: shown(i) ? truthOf(q, trace) : null,
    })),
  };
}
