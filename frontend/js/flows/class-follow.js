// Class sessions, the student's side: follow the instructor's view (the class's trace is read
// from the server, computed once for the whole class, never traced again per student), explore
// alone and come back, answer the posed question (changes allowed until the reveal), then see
// the truth, one sentence with the numbers and the class's answers. The questions are the
// lesson's: the student rebuilds the posed one from the class's trace with questionsFor.

import * as C from "../class-api.js";
import { t } from "../i18n.js";
import { recordKey } from "../panels.js";
import { check, parseAnswer, questionsFor, revealText } from "../questions.js";
import * as S from "../trace-store.js";

const CODE = /^[A-Z0-9]{6}$/;
const ENDED = "The class has ended. You can keep exploring on your own.";

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
  history.replaceState(null, "", location.pathname);
  ctx.flows.link.writeUrl();
  ctx.status("info", text);
}

// what the class's trace depends on; the public state does not carry the instructor's weights,
// only that there are some, so with custom weights every new state version may change it
const traceKey = (s) =>
  [s.image, s.model, s.network ?? "", s.label, s.custom_weights ? s.version : ""].join("|");

export function createFollowFlow(ctx) {
  const { app } = ctx;
  const view = ctx.v.classPanel;
  // {stream, state, status, key, trace, posed, question, answer, reveal, syncing, again, applying}
  let cls = null;

  const onClassView = () =>
    cls?.state &&
    cls.trace &&
    app.trace.records === cls.trace.records &&
    app.trace.cursor === cls.state.step &&
    app.model === cls.state.model &&
    app.network === (cls.state.network ?? null);

  function banner() {
    if (!cls) return;
    view.showBanner({
      code: app.classCode,
      following: app.following,
      behind: !app.following && Boolean(cls.state) && !onClassView(),
      waiting: !cls.state,
      status: cls.status,
    });
  }

  async function showClassTrace(state) {
    if (traceKey(state) !== cls.key) {
      const asked = cls;
      const got = await C.fetchClassTrace(app.classCode);
      if (cls !== asked) return; // left the class meanwhile
      const trace = { ...S.emptyTrace(), records: got.records };
      cls.trace = S.finish(trace, got.result, state.step);
      cls.key = traceKey(state);
      if (!cls.question) matchQuestion(); // a question once built stays as it was asked
    }
    if (app.trace.records === cls.trace.records) return;
    app.label = cls.trace.result.label;
    app.step = state.step;
    ctx.flows.classify.showTrace(cls.trace);
    ctx.v.drawpad.showImage(app.input);
    // a state naming a network brought the instructor's weights here (flows/arch.js); without
    // one, this page cannot show them
    if (state.custom_weights && state.network) ctx.status("info", t("arch.class_weights"));
    else if (state.custom_weights)
      ctx.status(
        "info",
        "The class uses the instructor's trained weights: every gradient here is computed with them, but weight panels and the inspector's sums show the shipped weights.",
      );
  }

  // the instructor's view, applied; changes made meanwhile are applied after it
  async function mirror() {
    const here = cls;
    const state = here.state;
    here.applying = true;
    try {
      await ctx.flows.arch.useClassNetwork(state);
      if (cls !== here) return;
      await showClassTrace(state);
      if (cls !== here) return;
      ctx.flows.step.scrub(state.step);
      const r = S.currentRecord(app.trace);
      if (state.cell && r) ctx.flows.step.selectCell(recordKey(r), flatOfCell(state.cell, r.shape));
      else if (app.trace.selection) ctx.flows.step.closeInspector();
    } finally {
      here.applying = false;
    }
  }

  async function sync() {
    if (!cls?.state || !app.following) return banner();
    if (cls.syncing) {
      cls.again = true;
      return;
    }
    cls.syncing = true;
    try {
      do {
        cls.again = false;
        await ctx.guarded(mirror);
      } while (cls?.again && app.following);
    } finally {
      if (cls) cls.syncing = false;
    }
    banner();
  }

  // the posed question, rebuilt from the class's trace as the instructor's page built it
  function matchQuestion() {
    const posed = cls.posed;
    if (!posed || !cls.trace) return;
    const options = questionsFor(cls.trace, posed.step).filter((q) => q.kind === posed.kind);
    cls.question = options.find((q) => q.prompt === posed.prompt) ?? options[0] ?? null;
    showQuestion();
  }

  function showQuestion(note = "") {
    if (!cls.posed) return view.showQuestion(null);
    const q = cls.question;
    const reveal = cls.reveal && {
      truth: cls.reveal.truth,
      results: cls.reveal.results,
      mine: cls.answer,
      correct: cls.answer != null && q ? check(q, cls.answer, cls.trace).correct : null,
      text: q ? revealText(q, cls.trace) : "",
    };
    view.showQuestion({
      question: q ?? { ...cls.posed, unmatched: cls.trace ? "other digit" : "loading" },
      image: cls.trace?.records[0].values,
      sent: cls.answer,
      note,
      reveal,
    });
  }

  const handlers = {
    state(state) {
      cls.state = state;
      ctx.flows.trainLab?.follow(state.train); // the instructor's training, read from its stream
      sync();
    },
    question(posed) {
      // a reconnected stream starts with the open question again: keep the answer given
      if (posed.id === cls.posed?.id) return;
      Object.assign(cls, { posed, question: null, answer: null, reveal: null });
      matchQuestion();
      showQuestion();
    },
    reveal(data) {
      if (data.question_id !== cls.posed?.id || cls.reveal) return;
      cls.reveal = data;
      showQuestion();
    },
    end: () => stop(ENDED),
    status(status) {
      if (!cls) return;
      if (status === "ended") return stop(ENDED);
      cls.status = status;
      banner();
    },
  };

  function stop(text) {
    if (!cls) return;
    cls.stream.close();
    cls = null;
    leaveClass(ctx, text);
  }

  return {
    /** A view change not made by mirroring: the student is exploring on their own. */
    changed() {
      if (!cls || cls.applying || !app.following || !cls.state || !cls.trace) return;
      if (onClassView()) return;
      app.following = false;
      banner();
    },

    async join(typed) {
      const code = String(typed ?? "")
        .trim()
        .toUpperCase();
      if (!CODE.test(code))
        return ctx.status("error", "A class code has 6 letters and digits, e.g. K7M2QD.");
      if (cls) stop("Left the class.");
      const info = await ctx.guarded(() => C.classInfo(code));
      if (!info) return;
      Object.assign(app, { classCode: code, classRole: "student", following: true });
      cls = { state: null, status: "live", key: null, trace: null, posed: null };
      cls.stream = C.followClass(code, handlers, C.studentId());
      history.replaceState(null, "", `#class=${code}`);
      banner();
      ctx.status("info", `Joined class ${code}.`);
    },

    /** "Back to the class": mirror the instructor again. */
    rejoin() {
      if (!cls) return;
      app.following = true;
      sync();
    },

    leave: () => stop("Left the class."),

    /** The posed question as this page rebuilt it, or null. */
    question: () => cls?.question ?? null,

    async answer(given) {
      const q = cls?.question;
      if (!q || cls.reveal) return;
      const parsed = parseAnswer(q, given);
      if (parsed == null) return showQuestion("Choose or type an answer first.");
      const posed = cls.posed;
      const sent = await ctx.guarded(async () => {
        await C.sendAnswer(app.classCode, posed.id, C.studentId(), parsed);
        return true;
      });
      if (!sent || cls?.posed !== posed) return; // left, or a new question came meanwhile
      cls.answer = parsed;
      showQuestion("Sent. You can change your answer until the reveal.");
    },
  };
}
