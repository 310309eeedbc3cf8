// The lesson flow: a brief forward walk, then every backward step in the order the derivation
// meets it. Before a step is revealed the student answers one question about it (checked against
// the trace, a hint and a second try after a wrong answer), then the step is revealed with one
// sentence that uses its numbers. Progress lives in localStorage, so a reload resumes.
//
// It reads the trace from the app state, moves the step cursor through the step flow, and draws
// with the lesson card (v.question); the question engine (questions.js) does the grading. The
// parts are module functions over one `lesson` object {app, ctx, view, state}.

import { toHash } from "../app-state.js";
import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { equationOf, stepTitle, tensorSymbols } from "../notation.js";
import {
  answerWords,
  check,
  parseAnswer,
  questionsFor,
  revealText,
  reworded,
  stepIndices,
  truthOf,
} from "../questions.js";
import { lessonFile } from "./lesson-file.js";

const STORE = "convtrace.lesson.v1";

/** The lesson's questions for a trace: one per backward step, kinds spread out. */
export function lessonPlan(trace) {
  const counts = new Map();
  const plan = [];
  stepIndices(trace).forEach((_, k) => {
    const options = questionsFor(trace, k);
    if (!options.length) return;
    // the kind asked least so far; ties go to the step's most useful question (listed first)
    const pick = options.reduce((a, b) =>
      (counts.get(b.kind) ?? 0) < (counts.get(a.kind) ?? 0) ? b : a,
    );
    counts.set(pick.kind, (counts.get(pick.kind) ?? 0) + 1);
    plan.push(pick);
  });
  return plan;
}

/** A short fingerprint of the digit, model and target: progress is only resumed for the same. */
export function lessonKey(trace, model) {
  let h = 2166136261;
  for (const v of trace.records[0].values) h = Math.imul(h ^ Math.round(v * 255), 16777619) >>> 0;
  return `${model}:${trace.result.label}:${h.toString(16)}`;
}

function forwardWalk(trace) {
  const symbols = tensorSymbols(trace.records);
  const chain = trace.records
    .filter(
      (r) =>
        r.phase === "forward" &&
        r.quantity !== "switches" &&
        symbols.has(`${r.layer}.${r.quantity}`),
    )
    .map((r) => `${symbols.get(`${r.layer}.${r.quantity}`).text} (${r.shape.join("×") || "1"})`);
  const { prediction, label, loss, probabilities } = trace.result;
  return [
    t("lesson.walk.forward", { chain: chain.join(" → ") }),
    t("lesson.walk.predicts", {
      prediction,
      probability: fmt(probabilities[prediction], 4),
      label,
      loss: fmt(loss, 4),
    }),
    t("lesson.walk.backward"),
  ];
}

function fresh(trace, key) {
  const now = Date.now();
  return {
    key,
    plan: lessonPlan(trace),
    phase: "intro",
    i: 0,
    tries: 0,
    feedback: null,
    answers: [],
    points: 0,
    started: now,
    shownAt: now,
  };
}

const save = (lesson) => localStorage.setItem(STORE, JSON.stringify(lesson.state));

function load() {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? "null");
  } catch {
    return null;
  }
}

function summary(state) {
  const right = state.answers.filter((a) => a.correct).length;
  const first = state.answers.filter((a) => a.correct && a.tries === 1).length;
  const seconds = Math.round(state.answers.reduce((s, a) => s + a.seconds, 0));
  const { points } = state;
  return t("lesson.summary", { right, count: state.plan.length, first, points, seconds });
}

function render(lesson) {
  const { state } = lesson;
  const trace = lesson.app.trace;
  if (!trace.result)
    return lesson.view.showLesson({ phase: "need-digit", score: { points: 0, max: 0 } });
  const q = state.plan[state.i];
  const record = q && trace.records[q.record];
  const between = state.phase === "intro" || state.phase === "done";
  lesson.view.showLesson({
    phase: state.phase,
    position: between ? null : { i: state.i, n: state.plan.length },
    score: { points: state.points, max: state.plan.length },
    intro: forwardWalk(trace),
    summary: state.phase === "done" ? summary(state) : "",
    question: q,
    title: record && stepTitle(record, trace.records).text,
    label: record && equationOf(record.equation)?.label,
    image: trace.records[0].values,
    tries: state.tries,
    feedback: state.feedback,
    answered: (state.answers[state.i]?.answers ?? []).map((a) => answerWords(q, a)),
    seconds: state.phase === "reveal" ? state.answers[state.i]?.seconds : null,
    last: state.i === state.plan.length - 1,
  });
}

// the main view shows every step before the question's, so the answer stays hidden
function showSteps(lesson) {
  const { state } = lesson;
  const stepTo = (k) => lesson.ctx.flows.step.scrub(k);
  const q = state.plan[state.i];
  if (state.phase === "intro") stepTo(0);
  else if (state.phase === "ask") stepTo(q.step - 1);
  else if (state.phase === "reveal") stepTo(q.step);
  else stepTo(stepIndices(lesson.app.trace).length - 1);
}

function enter(lesson, phase) {
  lesson.state.phase = phase;
  if (phase === "ask") lesson.state.shownAt = Date.now();
  save(lesson);
  showSteps(lesson);
  render(lesson);
}

// a readable answer: counted as a try; the second wrong one (or a right one) reveals the step
function grade(lesson, q, given, result) {
  const { state } = lesson;
  state.tries += 1;
  const entry = state.answers[state.i] ?? { answers: [] };
  entry.answers.push(given);
  state.answers[state.i] = entry;
  if (!result.correct && state.tries < 2) {
    state.feedback = { correct: false, hint: result.hint };
    return enter(lesson, "ask");
  }
  const seconds = (Date.now() - state.shownAt) / 1000;
  Object.assign(entry, { correct: result.correct, tries: state.tries, seconds });
  state.points += result.correct ? (state.tries === 1 ? 1 : 0.5) : 0;
  state.feedback = {
    correct: result.correct,
    hint: "",
    truthText: result.correct ? "" : answerWords(q, result.truth),
    reveal: revealText(q, lesson.app.trace),
  };
  enter(lesson, "reveal");
}

function answer(lesson, given) {
  const { state } = lesson;
  if (state.phase !== "ask") return;
  const q = state.plan[state.i];
  const result = check(q, given, lesson.app.trace);
  if (parseAnswer(q, given) != null) return grade(lesson, q, given, result);
  // nothing readable was given: say how to answer, without using up a try
  state.feedback = { correct: false, hint: result.hint };
  enter(lesson, "ask");
}

function next(lesson) {
  const { state } = lesson;
  if (state.phase === "intro") return enter(lesson, "ask");
  if (state.phase !== "reveal") return;
  state.tries = 0;
  state.feedback = null;
  if (state.i >= state.plan.length - 1) return enter(lesson, "done");
  state.i += 1;
  enter(lesson, "ask");
}

function setLessonFlag(lesson, on) {
  lesson.app.lesson = on;
  lesson.ctx.flows.link.writeUrl();
}

/** Start (or resume, for the same digit, model and target) the lesson. */
function start(lesson, { resume = true } = {}) {
  setLessonFlag(lesson, true);
  const trace = lesson.app.trace;
  if (!trace.result) return render(lesson);
  const key = lessonKey(trace, lesson.app.model);
  const saved = load();
  lesson.state = resume && saved?.key === key ? saved : fresh(trace, key);
  enter(lesson, lesson.state.phase);
}

function download(lesson) {
  const { app, state } = lesson;
  if (!state) return;
  const link = `${location.origin}${location.pathname}${toHash(app)}`;
  const doc = lessonFile(state, app.trace, { model: app.model, link, truthOf });
  lesson.ctx.v.toolbar.saveFile(`convtrace-lesson-${app.model}.json`, JSON.stringify(doc, null, 1));
}

export function createLessonFlow(ctx) {
  const lesson = { app: ctx.app, ctx, view: ctx.v.question, state: null };
  lesson.view.bindLesson({
    answer: (given) => answer(lesson, given),
    next: () => next(lesson),
    download: () => download(lesson),
    leave: () => leave(),
    restart: () => start(lesson, { resume: false }),
  });
  function leave() {
    setLessonFlag(lesson, false);
    lesson.view.showLesson(null);
  }
  return {
    start: (options) => start(lesson, options),
    leave,
    /** For tests and the curious: the lesson's phase, current question and score. */
    current: () => {
      const { state } = lesson;
      return (
        state && {
          phase: state.phase,
          i: state.i,
          question: state.plan[state.i] ?? null,
          points: state.points,
        }
      );
    },
    /** A new trace arrived (new digit, target or model): the lesson follows it. */
    traceChanged() {
      if (ctx.app.lesson) start(lesson);
    },
    /** The reader switched language: questions and the reveal's sentence in the new one. */
    relabel() {
      const { state, app } = lesson;
      if (!app.lesson) return;
      if (!state || !app.trace.result) return render(lesson);
      state.plan = state.plan.map((q) => reworded(q, app.trace));
      const q = state.plan[state.i];
      if (state.phase === "reveal" && state.feedback && q) {
        const truth = truthOf(q, app.trace);
        state.feedback.reveal = revealText(q, app.trace);
        if (state.feedback.truthText) state.feedback.truthText = answerWords(q, truth);
      }
      if (state.feedback) state.feedback.hint &&= q?.hint ?? "";
      save(lesson);
      render(lesson);
    },
  };
}
