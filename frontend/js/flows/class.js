// Class sessions, the instructor's side: start a class, mirror every change of the view to it
// (the state PUT at most five times a second), pose a question about the step ahead, watch the
// answers arrive, reveal, end. The student's side is flows/class-follow.js. The join code and
// this page's role live in the app state (so the address bar is the class's join link); the
// instructor token only in sessionStorage (class-api.js), never in a URL or the DOM.

import { networkInUse } from "../app-state.js";
import * as C from "../class-api.js";
import { encodeWeights } from "../codec.js";
import { questionsFor, revealText, truthOf } from "../questions.js";
import * as S from "../trace-store.js";
import { cellOf, createFollowFlow, leaveClass } from "./class-follow.js";

const PUBLISH_MS = 200; // at most 5 state updates a second
const PRESENCE_MS = 2500; // how often the instructor's page reads the student count

// The server's QR code (a standalone SVG document) as an image URL.
async function qrImage(code) {
  const response = await fetch(C.qrUrl(code));
  if (!response.ok) throw new Error(`no QR code (${response.status})`);
  return URL.createObjectURL(await response.blob());
}

export function createClassFlow(ctx) {
  const { app } = ctx;
  const view = ctx.v.classPanel;
  const follow = createFollowFlow(ctx);
  // the instructor's session: {token, joinUrl, qr, stream, presence, timer, at (when the last
  // state went), sent, students, question: the engine's question posed (with its truth),
  // askedOn: the trace it was asked on, results}
  let lead = null;

  function classState() {
    if (!app.input || !app.trace.result) return null;
    const state = {
      image: C.imageBase64(app.input),
      model: app.model,
      step: app.trace.cursor,
      label: app.trace.result.label,
      cell: selectedCell(),
      // app.present is the presentation mode's flag (the present branch); until then, desk
      view: app.present ? "present" : "desk",
      train: ctx.flows.trainLab?.classJob(), // the training job the class follows, if any
    };
    const network = networkInUse(app); // followers fetch its spec and weights
    if (network) state.network = network;
    else if (app.student) state.weights = encodeWeights(app.student);
    return state;
  }

  // only a cell of the step on screen is mirrored: the state names a cell, not its tensor
  function selectedCell() {
    const sel = app.trace.selection;
    if (!sel || sel.index !== S.currentIndex(app.trace)) return null;
    return cellOf(sel.flat, app.trace.records[sel.index].shape);
  }

  async function publish() {
    lead.timer = null;
    lead.at = performance.now();
    const state = classState();
    const text = JSON.stringify(state);
    if (!state || text === lead.sent) return;
    lead.sent = text;
    try {
      await C.putState(app.classCode, lead.token, state);
    } catch (err) {
      lead.sent = null; // try again with the next change
      ctx.status("error", `The class did not get this view: ${err.message}`);
    }
  }

  function render() {
    if (!lead) return;
    lead.shownFor = `${app.traces}:${app.trace.cursor}`;
    const next = app.trace.result ? questionsFor(app.trace, app.trace.cursor + 1) : [];
    view.showInstructor({
      code: app.classCode,
      joinUrl: lead.joinUrl,
      qrUrl: lead.qr,
      students: lead.students,
      options: lead.question && !lead.question.revealed ? [] : next.map((q) => q.prompt),
      posed: lead.question && { ...lead.question, text: revealed(lead.question) },
      results: lead.results,
    });
  }

  // after the reveal, the sentence with the step's numbers (from the trace it was asked on)
  function revealed(q) {
    return q.revealed && q.record != null && lead.askedOn ? revealText(q, lead.askedOn) : "";
  }

  async function readPresence() {
    let info;
    try {
      info = await C.classInfo(app.classCode);
    } catch (err) {
      if (err.status === 404) closeLead("The class has ended (or expired).");
      return; // a passing failure: the next reading will tell
    }
    if (!lead) return;
    lead.students = info.students;
    view.showStudents(info.students);
  }

  async function refreshResults() {
    const q = lead?.question;
    if (!q) return;
    const results = await ctx.guarded(() => C.fetchResults(app.classCode, lead.token, q.id));
    if (!results || lead?.question !== q) return;
    lead.results = results;
    render();
  }

  function beginLead(code, token, joinUrl) {
    app.classCode = code;
    app.classRole = "instructor";
    lead = { token, joinUrl, sent: null, timer: null, at: -PUBLISH_MS, students: 0 };
    lead.question = null;
    lead.results = null;
    lead.qr = "";
    ctx
      .guarded(() => qrImage(code))
      .then((url) => {
        if (!lead || !url) return;
        lead.qr = url;
        render();
      });
    lead.stream = C.followClass(code, {
      results: refreshResults,
      end: () => closeLead("The class has ended."),
    });
    lead.presence = setInterval(readPresence, PRESENCE_MS);
    history.replaceState(null, "", `#class=${code}`);
    ctx.shown();
    render();
    readPresence();
  }

  // after a reload: the open question again, with its truth re-read from the same trace
  function restoreQuestion(posed) {
    const same = app.trace.result
      ? questionsFor(app.trace, posed.step).find((q) => q.prompt === posed.prompt)
      : null;
    const truth = same ? truthOf(same, app.trace) : null;
    lead.question = { ...same, ...posed, truth, revealed: Boolean(posed.revealed) };
    lead.askedOn = app.trace;
  }

  function closeLead(text) {
    if (!lead) return;
    lead.stream.close();
    clearInterval(lead.presence);
    clearTimeout(lead.timer);
    URL.revokeObjectURL(lead.qr);
    lead = null;
    leaveClass(ctx, text);
  }

  return {
    /** The view changed: the instructor's goes to the class; a student's may leave it. */
    changed() {
      if (app.classRole === "student") return follow.changed();
      if (!lead) return;
      const shownFor = `${app.traces}:${app.trace.cursor}`;
      if (shownFor !== lead.shownFor) render(); // the step ahead, so its questions, changed
      // the first change goes at once, later ones at most every PUBLISH_MS (the last one wins)
      const wait = Math.max(0, lead.at + PUBLISH_MS - performance.now());
      if (!lead.timer) lead.timer = setTimeout(publish, wait);
    },

    async start() {
      if (lead) return;
      const started = await ctx.guarded(() => C.startClass());
      if (!started) return;
      beginLead(started.code, started.token, started.joinUrl);
      ctx.status("info", `Class ${started.code} started: students join with the code or the QR.`);
    },

    /** Ask the class about the step ahead (the answer is not on screen yet). */
    async pose(choice) {
      if (!lead || !app.trace.result) return;
      const q = questionsFor(app.trace, app.trace.cursor + 1)[choice];
      if (!q) return ctx.status("error", "No question fits the next step; step on first.");
      const truth = truthOf(q, app.trace);
      const body = { kind: q.kind, step: q.step, prompt: q.prompt, truth };
      if (q.tolerance != null) body.tolerance = q.tolerance;
      const id = await ctx.guarded(() => C.poseQuestion(app.classCode, lead.token, body));
      if (!id) return;
      lead.question = { ...q, id, truth, revealed: false };
      lead.askedOn = app.trace;
      lead.results = null;
      render();
      // answers may have come (and their results event gone by) while the POST was answered
      await refreshResults();
    },

    async reveal() {
      const q = lead?.question;
      if (!q || q.revealed) return;
      const done = await ctx.guarded(async () => {
        await C.reveal(app.classCode, lead.token, q.id);
        return true;
      });
      if (!done) return;
      q.revealed = true;
      await refreshResults();
      ctx.flows.step.scrub(q.step); // the class now sees the step it predicted
      render();
    },

    async end() {
      if (!lead) return;
      const ended = await ctx.guarded(async () => {
        await C.endClass(app.classCode, lead.token);
        return true;
      });
      if (ended) closeLead("Class ended.");
    },

    join: (code) => follow.join(code),
    rejoin: () => follow.rejoin(),
    leave: () => follow.leave(),
    answer: (given) => follow.answer(given),

    /** Start-up: #class=CODE leads again (this tab holds its token) or follows. */
    async openLink(code) {
      if (!code) return;
      const token = C.instructorToken(code);
      if (!token) return follow.join(code);
      const info = await ctx.guarded(() => C.classInfo(code));
      if (!info) return;
      beginLead(code, token, `${location.origin}${location.pathname}#class=${code}`);
      if (info.question) restoreQuestion(info.question);
      await refreshResults();
    },

    /** For tests: the question this page holds (the instructor's without its truth). */
    question() {
      if (app.classRole === "student") return follow.question();
      if (!lead?.question) return null;
      const { truth: _, ...rest } = lead.question;
      return rest;
    },
  };
}
