// Class sessions, the student's side: follow the instructor's view (the class's trace is read
// from the server, computed once for the whole class, never traced again per student), explore
// alone and come back, answer the posed question (changes allowed until the reveal), then see
// the truth, one sentence with the numbers and the class's answers. The questions are the
// lesson's: the student rebuilds the posed one from the class's trace with questionsFor, found by
// its place in the trace (so it reads in the student's own language).
//
// The parts are module functions over one `f` object {app, ctx, view, cls}; `cls` is the class
// followed: {stream, state, status, key, trace, posed, question, answer, reveal, syncing, again,
// applying}, null when this page follows none.

import * as C from "../class-api.js";
import { t } from "../i18n.js";
import { recordKey } from "../panels.js";
import { kindOf, promptOf } from "../question-kinds/index.js";
import { check, parseAnswer, questionsFor, revealText, samePlace } from "../questions.js";
import * as S from "../trace-store.js";

const CODE = /^[A-Z0-9]{6}$/;

/** The state's [row, col, channel] of a flat index into a record of `shape` (1-, 2- or 3-D). */
export function cellOf(flat, shape) {
  if (shape.length === 1) return [0, flat, 0];
  const [rows, cols, channels = 1] = shape;
  const c = flat % channels;
  const j = Math.floor(flat / channels) % cols;
  return [Math.floor(flat / (channels * cols)) % rows, j, c];
}

/** The flat index of a state's cell in a record of `shape` (the inverse of cellOf). */
export function flatOfCell([i, j, c], shape) {
  if (shape.length === 1) return j;
  const [, cols, channels = 1] = shape;
  return (i * cols + j) * channels + c;
}

/** This page is in no class any more (either role): the card goes, the address is the page's. */
export function leaveClass(ctx, text) {
  Object.assign(ctx.app, { classCode: null, classRole: null, following: false });
  ctx.v.classPanel.showNone();
  ctx.flows.inputLab?.classChanged(); // no class: no "Ask the class first"
  history.replaceState(null, "", location.pathname);
  ctx.flows.link.writeUrl();
  ctx.status("info", text);
}

// what the class's trace depends on; the public state does not carry the instructor's weights,
// only that there are some, so with custom weights every new state version may change it
const traceKey = (s) =>
  [s.image, s.model, s.network ?? "", s.label, s.custom_weights ? s.version : ""].join("|");

const onClassView = ({ app, cls }) =>
  cls?.state &&
  cls.trace &&
  app.trace.records === cls.trace.records &&
  app.trace.cursor === cls.state.step &&
  app.model === cls.state.model &&
  app.network === (cls.state.network ?? null);

function banner(f) {
  const { app, cls } = f;
  if (!cls) return;
  f.view.showBanner({
    code: app.classCode,
    following: app.following,
    behind: !app.following && Boolean(cls.state) && !onClassView(f),
    waiting: !cls.state,
    status: cls.status,
  });
}

// the class's trace, read from the server when what it depends on changed
async function readClassTrace(f, state) {
  const asked = f.cls;
  const got = await C.fetchClassTrace(f.app.classCode);
  if (f.cls !== asked) return false; // left the class meanwhile
  const trace = { ...S.emptyTrace(), records: got.records };
  asked.trace = S.finish(trace, got.result, state.step);
  asked.key = traceKey(state);
  if (!asked.question) matchQuestion(f); // a question once built stays as it was asked
  return true;
}

async function showClassTrace(f, state) {
  if (traceKey(state) !== f.cls.key && !(await readClassTrace(f, state))) return;
  const { app, ctx, cls } = f;
  if (app.trace.records === cls.trace.records) return;
  app.label = cls.trace.result.label;
  app.step = state.step;
  ctx.flows.classify.showTrace(cls.trace);
  ctx.v.drawpad.showImage(app.input);
  // a state naming a network brought the instructor's weights here (flows/arch.js); without
  // one, this page cannot show them
  if (state.custom_weights && state.network) ctx.status("info", t("arch.class_weights"));
  else if (state.custom_weights) ctx.status("info", t("class.custom_weights"));
}

// the instructor's view, applied; changes made meanwhile are applied after it
async function mirror(f) {
  const { app, ctx } = f;
  const here = f.cls;
  const state = here.state;
  here.applying = true;
  try {
    await ctx.flows.arch.useClassNetwork(state);
    if (f.cls !== here) return;
    await showClassTrace(f, state);
    if (f.cls !== here) return;
    ctx.flows.step.scrub(state.step);
    const r = S.currentRecord(app.trace);
    if (state.cell && r) ctx.flows.step.selectCell(recordKey(r), flatOfCell(state.cell, r.shape));
    else if (app.trace.selection) ctx.flows.step.closeInspector();
  } finally {
    here.applying = false;
  }
}

async function sync(f) {
  const { cls } = f;
  if (!cls?.state || !f.app.following) return banner(f);
  if (cls.syncing) {
    cls.again = true;
    return;
  }
  cls.syncing = true;
  try {
    do {
      cls.again = false;
      await f.ctx.guarded(() => mirror(f));
    } while (f.cls?.again && f.app.following);
  } finally {
    cls.syncing = false;
  }
  banner(f);
}

// the posed question, rebuilt from the class's trace as the instructor's page built it
function matchQuestion(f) {
  const { cls } = f;
  const posed = cls.posed;
  if (posed && kindOf(posed).posted) {
    // about no place in the trace (the lab's attack): taken as posed, in the reader's words
    cls.question = { ...posed, prompt: promptOf(posed) };
    return showQuestion(f);
  }
  if (!posed || !cls.trace) return;
  const options = questionsFor(cls.trace, posed.step).filter((q) => q.kind === posed.kind);
  const same = options.find((q) => samePlace(q, posed));
  cls.question = same ?? options.find((q) => q.prompt === posed.prompt) ?? options[0] ?? null;
  showQuestion(f);
}

function showQuestion(f, note = "") {
  const { cls } = f;
  if (!cls.posed) return f.view.showQuestion(null);
  const q = cls.question;
  const reveal = cls.reveal && {
    truth: cls.reveal.truth,
    results: cls.reveal.results,
    mine: cls.answer,
    // the revealed truth rides along for a kind whose truth is posted, not read from the trace
    correct:
      cls.answer != null && q
        ? check({ ...q, truth: cls.reveal.truth }, cls.answer, cls.trace).correct
        : null,
    text: q ? revealText({ ...q, truth: cls.reveal.truth }, cls.trace) : "",
  };
  f.view.showQuestion({
    question: q ?? { ...cls.posed, unmatched: cls.trace ? "other digit" : "loading" },
    image: cls.trace?.records[0].values,
    sent: cls.answer,
    note,
    reveal,
  });
}

// what the class's event stream says, applied to the class followed
function streamHandlers(f) {
  return {
    state(state) {
      f.cls.state = state;
      f.ctx.flows.trainLab?.follow(state.train); // the instructor's training, read from its stream
      sync(f);
    },
    question(posed) {
      // a reconnected stream starts with the open question again: keep the answer given
      if (posed.id === f.cls.posed?.id) return;
      Object.assign(f.cls, { posed, question: null, answer: null, reveal: null });
      matchQuestion(f);
      showQuestion(f);
    },
    reveal(data) {
      if (data.question_id !== f.cls.posed?.id || f.cls.reveal) return;
      f.cls.reveal = data;
      showQuestion(f);
    },
    end: () => stop(f, t("class.ended_explore")),
    status(status) {
      if (!f.cls) return;
      if (status === "ended") return stop(f, t("class.ended_explore"));
      f.cls.status = status;
      banner(f);
    },
  };
}

function stop(f, text) {
  if (!f.cls) return;
  f.cls.stream.close();
  f.cls = null;
  leaveClass(f.ctx, text);
}

async function join(f, typed) {
  const { app, ctx } = f;
  const code = String(typed ?? "")
    .trim()
    .toUpperCase();
  if (!CODE.test(code)) return ctx.status("error", t("class.bad_code"));
  if (f.cls) stop(f, t("class.left"));
  const info = await ctx.guarded(() => C.classInfo(code));
  if (!info) return;
  Object.assign(app, { classCode: code, classRole: "student", following: true });
  f.cls = { state: null, status: "live", key: null, trace: null, posed: null };
  f.cls.stream = C.followClass(code, streamHandlers(f), C.studentId());
  history.replaceState(null, "", `#class=${code}`);
  banner(f);
  ctx.status("info", t("class.joined", { code }));
}

async function answer(f, given) {
  const { cls } = f;
  const q = cls?.question;
  if (!q || cls.reveal) return;
  const parsed = parseAnswer(q, given);
  if (parsed == null) return showQuestion(f, t("class.answer_first"));
  const posed = cls.posed;
  const sent = await f.ctx.guarded(async () => {
    await C.sendAnswer(f.app.classCode, posed.id, C.studentId(), parsed);
    return true;
  });
  if (!sent || f.cls?.posed !== posed) return; // left, or a new question came meanwhile
  cls.answer = parsed;
  showQuestion(f, t("class.sent"));
}

export function createFollowFlow(ctx) {
  const f = { app: ctx.app, ctx, view: ctx.v.classPanel, cls: null };
  return {
    /** A view change not made by mirroring: the student is exploring on their own. */
    changed() {
      const { app, cls } = f;
      if (!cls || cls.applying || !app.following || !cls.state || !cls.trace) return;
      if (onClassView(f)) return;
      app.following = false;
      banner(f);
    },
    join: (typed) => join(f, typed),
    /** "Back to the class": mirror the instructor again. */
    rejoin() {
      if (!f.cls) return;
      f.app.following = true;
      sync(f);
    },
    leave: () => stop(f, t("class.left")),
    /** The reader switched language: word the banner and the question again. */
    relabel() {
      if (!f.cls) return;
      banner(f);
      matchQuestion(f);
    },
    /** The posed question as this page rebuilt it, or null. */
    question: () => f.cls?.question ?? null,
    answer: (given) => answer(f, given),
  };
}
