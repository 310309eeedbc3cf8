// The lesson flow: a brief forward walk, then every backward step in the order the derivation
// meets it. Before a step is revealed the student answers one question about it (checked against
// the trace, a hint and a second try after a wrong answer), then the step is revealed with one
// sentence that uses its numbers. Progress lives in localStorage, so a reload resumes.
//
// It reads the trace from the app state, moves the step cursor through the step flow, and draws
// with the lesson card (v.question); the question engine (questions.js) does the grading.

import { fromHash, toHash } from "../app-state.js";
import { fmt } from "../format.js";
import { equationOf, stepTitle, tensorSymbols } from "../notation.js";
import {
  check,
  parseAnswer,
  questionsFor,
  revealText,
  stepIndices,
  truthOf,
} from "../questions.js";

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
    `Your digit x went forward through the network: ${chain.join(" → ")}. Each arrow is one equation (F1–F7 in the Derivation panel).`,
    `It predicts ${prediction} with probability ${fmt(probabilities[prediction], 4)}. The target is y = ${label}, so the loss is L = −log p${label} = ${fmt(loss, 4)}.`,
    "Now backpropagation walks the same road backward. Before each step appears, predict what it will show.",
  ];
}

export function createLessonFlow(ctx) {
  const { app } = ctx;
  const view = ctx.v.question;
  let state = null; // {key, plan, phase, i, tries, feedback, answers, points, started, shownAt}
  const host = {
    trace: () => app.trace,
    stepTo: (k) => ctx.flows.step.scrub(k),
    link: () => `${location.origin}${location.pathname}${toHash(app)}`,
    model: () => app.model,
    setLessonFlag(on) {
      app.lesson = on;
      ctx.flows.link.writeUrl();
    },
  };

  const save = () => localStorage.setItem(STORE, JSON.stringify(state));
  const load = () => {
    try {
      return JSON.parse(localStorage.getItem(STORE) ?? "null");
    } catch {
      return null;
    }
  };

  function fresh(trace, key) {
    return {
      key,
      plan: lessonPlan(trace),
      phase: "intro",
      i: 0,
      tries: 0,
      feedback: null,
      answers: [],
      points: 0,
      started: Date.now(),
      shownAt: Date.now(),
    };
  }

  function render() {
    const trace = host.trace();
    if (!trace.result)
      return view.showLesson({ phase: "need-digit", score: { points: 0, max: 0 } });
    const q = state.plan[state.i];
    const record = q && trace.records[q.record];
    view.showLesson({
      phase: state.phase,
      position:
        state.phase === "intro" || state.phase === "done"
          ? null
          : { i: state.i, n: state.plan.length },
      score: { points: state.points, max: state.plan.length },
      intro: forwardWalk(trace),
      summary: state.phase === "done" ? summary() : "",
      question: q,
      title: record && stepTitle(record, trace.records).text,
      label: record && equationOf(record.equation)?.label,
      image: trace.records[0].values,
      tries: state.tries,
      feedback: state.feedback,
      answered: (state.answers[state.i]?.answers ?? []).map((a) => answerText(q, a)),
      seconds: state.phase === "reveal" ? state.answers[state.i]?.seconds : null,
      last: state.i === state.plan.length - 1,
    });
  }

  function summary() {
    const right = state.answers.filter((a) => a.correct).length;
    const first = state.answers.filter((a) => a.correct && a.tries === 1).length;
    const seconds = state.answers.reduce((s, a) => s + a.seconds, 0);
    return `You answered ${right} of ${state.plan.length} questions right, ${first} of them at the first try (score ${state.points} / ${state.plan.length}), in ${Math.round(seconds)} s. Download your answers to hand them in.`;
  }

  // the main view shows every step before the question's, so the answer stays hidden
  function showSteps() {
    const q = state.plan[state.i];
    if (state.phase === "intro") host.stepTo(0);
    else if (state.phase === "ask") host.stepTo(q.step - 1);
    else if (state.phase === "reveal") host.stepTo(q.step);
    else host.stepTo(stepIndices(host.trace()).length - 1);
  }

  function enter(phase) {
    state.phase = phase;
    if (phase === "ask") state.shownAt = Date.now();
    save();
    showSteps();
    render();
  }

  function answer(given) {
    if (state.phase !== "ask") return;
    const trace = host.trace();
    const q = state.plan[state.i];
    const result = check(q, given, trace);
    if (parseAnswer(q, given) == null) {
      // nothing readable was given: say how to answer, without using up a try
      state.feedback = { correct: false, hint: result.hint };
      return enter("ask");
    }
    state.tries += 1;
    const entry = state.answers[state.i] ?? { answers: [] };
    entry.answers.push(given);
    state.answers[state.i] = entry;
    if (!result.correct && state.tries < 2) {
      state.feedback = { correct: false, hint: result.hint };
      return enter("ask");
    }
    Object.assign(entry, {
      correct: result.correct,
      tries: state.tries,
      seconds: (Date.now() - state.shownAt) / 1000,
    });
    state.points += result.correct ? (state.tries === 1 ? 1 : 0.5) : 0;
    state.feedback = {
      correct: result.correct,
      hint: "",
      truthText: result.correct ? "" : truthText(q, result.truth),
      reveal: revealText(q, trace),
    };
    enter("reveal");
  }

  function next() {
    if (state.phase === "intro") return enter("ask");
    if (state.phase !== "reveal") return;
    state.tries = 0;
    state.feedback = null;
    if (state.i >= state.plan.length - 1) return enter("done");
    state.i += 1;
    enter("ask");
  }

  /** Start (or resume, for the same digit, model and target) the lesson. */
  function start({ resume = true } = {}) {
    host.setLessonFlag(true);
    const trace = host.trace();
    if (!trace.result) return render();
    const key = lessonKey(trace, host.model());
    const saved = load();
    state = resume && saved?.key === key ? saved : fresh(trace, key);
    enter(state.phase);
  }

  function leave() {
    host.setLessonFlag(false);
    view.showLesson(null);
  }

  function download() {
    if (!state) return;
    const trace = host.trace();
    const doc = {
      lesson: "ConvTrace: the backward pass, predicted step by step",
      model: host.model(),
      label: trace.result?.label,
      prediction: trace.result?.prediction,
      link: host.link(),
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
        truth:
          i < state.i || state.phase === "done" || (i === state.i && state.phase === "reveal")
            ? truthOf(q, trace)
            : null,
      })),
    };
    view.saveFile(`convtrace-lesson-${host.model()}.json`, JSON.stringify(doc, null, 1));
  }

  view.bindLesson({
    start: () => start(),
    answer,
    next,
    download,
    leave,
    restart: () => start({ resume: false }),
  });

  return {
    start,
    leave,
    /** For tests and the curious: the lesson's phase, current question and score. */
    current: () =>
      state && {
        phase: state.phase,
        i: state.i,
        question: state.plan[state.i] ?? null,
        points: state.points,
      },
    /** Start-up: a link with #lesson starts it (once its digit, if any, is traced). */
    openLink() {
      if (!app.lesson && fromHash(location.hash).lesson) start();
    },
    /** A new trace arrived (new digit, target or model): the lesson follows it. */
    traceChanged() {
      if (app.lesson) start();
    },
  };
}

// an answer as the student gave it, in the words the truth is shown in
function answerText(q, answer) {
  const parsed = parseAnswer(q, answer);
  if (parsed == null) return `“${String(answer)}”`;
  if (q.kind === "cells" && !parsed.length) return "no cell";
  return truthText(q, parsed);
}

function truthText(q, truth) {
  if (q.kind === "sign")
    return { "+": "positive (+)", "-": "negative (−)", 0: "exactly zero (0)" }[truth];
  if (q.kind === "value") return fmt(truth, 6);
  if (q.kind === "shape") return truth.join(" × ");
  if (q.kind === "cells") return truth.map(([i, j]) => `(${i}, ${j})`).join(", ");
  return `region row ${truth[0]}, column ${truth[1]}`;
}
