// Class sessions, the instructor's side: start a class, mirror every change of the view to it
// (the state PUT at most five times a second), pose a question about the step ahead, watch the
// answers arrive, reveal, end. The student's side is flows/class-follow.js. The join code and
// this page's role live in the app state (so the address bar is the class's join link); the
// instructor token only in sessionStorage (class-api.js), never in a URL or the DOM.
//
// The parts are module functions over one `cls` object {app, ctx, view, follow, lead}; `lead`
// is the instructor's session: {token, joinUrl, qr, stream, presence, timer, at (when the last
// state went), sent, students, question: the engine's question posed (with the server's truth),
// askedOn: the trace it was asked on, results}.

import { networkInUse } from "../app-state.js";
import * as C from "../class-api.js";
import { encodeWeights } from "../codec.js";
import { t } from "../i18n.js";
import { kindOf, promptOf } from "../question-kinds/index.js";
import { placeOf, questionsFor, revealText, reworded, samePlace, truthOf } from "../questions.js";
import * as S from "../trace-store.js";
import { cellOf, createFollowFlow, leaveClass } from "./class-follow.js";

const PUBLISH_MS = 200; // at most 5 state updates a second
const PRESENCE_MS = 2500; // how often the instructor's page reads the student count

// The server's QR code (a standalone SVG document) as an image URL.
async function qrImage(code) {
  const response = await fetch(C.qrUrl(code));
  if (!response.ok) throw new Error(t("class.no_qr", { status: response.status }));
  return URL.createObjectURL(await response.blob());
}

function classState(app, ctx) {
  if (!app.input || !app.trace.result) return null;
  const state = {
    image: C.imageBase64(app.input),
    model: app.model,
    step: app.trace.cursor,
    label: app.trace.result.label,
    cell: selectedCell(app),
    view: app.present ? "present" : "desk",
    train: ctx.flows.trainLab?.classJob(), // the training job the class follows, if any
  };
  const network = networkInUse(app); // followers fetch its spec and weights
  if (network) state.network = network;
  else if (app.student) state.weights = encodeWeights(app.student);
  return state;
}

// only a cell of the step on screen is mirrored: the state names a cell, not its tensor
function selectedCell(app) {
  const sel = app.trace.selection;
  if (!sel || sel.index !== S.currentIndex(app.trace)) return null;
  return cellOf(sel.flat, app.trace.records[sel.index].shape);
}

async function publish(cls) {
  const { app, lead } = cls;
  clearTimeout(lead.timer);
  lead.timer = null;
  lead.at = performance.now();
  const state = classState(app, cls.ctx);
  const text = JSON.stringify(state);
  if (!state || text === lead.sent) return;
  lead.sent = text;
  try {
    await C.putState(app.classCode, lead.token, state);
  } catch (err) {
    lead.sent = null; // try again with the next change
    cls.ctx.status("error", t("class.view_not_sent", { reason: err.message }));
  }
}

function render(cls) {
  const { app, lead } = cls;
  if (!lead) return;
  lead.shownFor = `${app.traces}:${app.trace.cursor}`;
  const next = app.trace.result ? questionsFor(app.trace, app.trace.cursor + 1) : [];
  const open = lead.question && !lead.question.revealed;
  cls.view.showInstructor({
    code: app.classCode,
    joinUrl: lead.joinUrl,
    qrUrl: lead.qr,
    students: lead.students,
    options: open ? [] : next.map((q) => q.prompt),
    posed: lead.question && { ...lead.question, text: revealed(lead) },
    results: lead.results,
  });
}

// after the reveal, the sentence with the step's numbers (from the trace it was asked on)
function revealed(lead) {
  const q = lead.question;
  return q.revealed && q.record != null && lead.askedOn ? revealText(q, lead.askedOn) : "";
}

async function readPresence(cls) {
  let info;
  try {
    info = await C.classInfo(cls.app.classCode);
  } catch (err) {
    if (err.status === 404) closeLead(cls, t("class.ended_expired"));
    return; // a passing failure: the next reading will tell
  }
  if (!cls.lead) return;
  cls.lead.students = info.students;
  cls.view.showStudents(info.students);
}

async function refreshResults(cls) {
  const q = cls.lead?.question;
  if (!q) return;
  const { app } = cls;
  const results = await cls.ctx.guarded(() => C.fetchResults(app.classCode, cls.lead.token, q.id));
  if (!results || cls.lead?.question !== q) return;
  cls.lead.results = results;
  render(cls);
}

function beginLead(cls, code, token, joinUrl) {
  Object.assign(cls.app, { classCode: code, classRole: "instructor" });
  const lead = { token, joinUrl, sent: null, timer: null, at: -PUBLISH_MS, students: 0 };
  Object.assign(lead, { question: null, results: null, qr: "" });
  cls.lead = lead;
  cls.ctx
    .guarded(() => qrImage(code))
    .then((url) => {
      if (cls.lead !== lead || !url) return;
      lead.qr = url;
      render(cls);
    });
  lead.stream = C.followClass(code, {
    results: () => refreshResults(cls),
    end: () => closeLead(cls, t("class.ended")),
  });
  lead.presence = setInterval(() => readPresence(cls), PRESENCE_MS);
  history.replaceState(null, "", `#class=${code}`);
  cls.ctx.flows.inputLab?.classChanged(); // the lab offers "Ask the class first"
  cls.ctx.shown();
  render(cls);
  readPresence(cls);
}

// after a reload: the open question again, with its truth re-read from the same trace
function restoreQuestion(cls, posed) {
  const { app } = cls;
  const options = app.trace.result ? questionsFor(app.trace, posed.step) : [];
  const same =
    options.find((q) => samePlace(q, posed)) ?? options.find((q) => q.prompt === posed.prompt);
  // a posted truth (question-kinds/digit.js) is not in the trace: known here once revealed
  const truth = same ? truthOf(same, app.trace) : (posed.reveal?.truth ?? null);
  // the posed fields win, but the patch keeps the values this page shows in its grid
  const patch = same?.patch ?? posed.patch;
  cls.lead.question = { ...same, ...posed, patch, truth, revealed: Boolean(posed.revealed) };
  cls.lead.askedOn = app.trace;
}

function closeLead(cls, text) {
  const { lead } = cls;
  if (!lead) return;
  lead.stream.close();
  clearInterval(lead.presence);
  clearTimeout(lead.timer);
  URL.revokeObjectURL(lead.qr);
  cls.lead = null;
  leaveClass(cls.ctx, text);
}

// The view changed: the step ahead (so its questions) may have changed; the first change goes
// at once, later ones at most every PUBLISH_MS (the last one wins).
function changed(cls) {
  const { app, lead } = cls;
  if (app.classRole === "student") return cls.follow.changed();
  if (!lead) return;
  if (`${app.traces}:${app.trace.cursor}` !== lead.shownFor) render(cls);
  const wait = Math.max(0, lead.at + PUBLISH_MS - performance.now());
  if (!lead.timer) lead.timer = setTimeout(() => publish(cls), wait);
}

/** Ask the class about the step ahead (the answer is not on screen yet). */
async function pose(cls, choice) {
  const { app, ctx, lead } = cls;
  if (!lead || !app.trace.result) return;
  const q = questionsFor(app.trace, app.trace.cursor + 1)[choice];
  if (!q) return ctx.status("error", t("class.no_question"));
  await publish(cls); // the server reads the truth from the class's trace: it must be this one
  const truth = truthOf(q, app.trace);
  const body = { kind: q.kind, step: q.step, prompt: q.prompt, truth, ...placeOf(q) };
  if (q.tolerance != null) body.tolerance = q.tolerance;
  const id = await ctx.guarded(() => C.poseQuestion(app.classCode, lead.token, body));
  if (!id || cls.lead !== lead) return;
  lead.question = { ...q, id, truth, revealed: false };
  Object.assign(lead, { askedOn: app.trace, onReveal: null });
  lead.results = null;
  render(cls);
  // answers may have come (and their results event gone by) while the POST was answered
  await refreshResults(cls);
}

/**
 * Ask the class a question the page computed itself, not read from the class trace (the
 * input-gradient lab's "which digit will it become?"): the server keeps the posted truth.
 * `revealed()` is called once the instructor reveals it.
 */
async function ask(cls, { kind, prompt, truth, params }, revealed) {
  const { app, ctx, lead } = cls;
  if (!lead) return false;
  await publish(cls); // the students see the digit asked about
  // params: what the prompt says, in numbers, for each student's page to word it again
  const body = { kind, step: app.trace.cursor, prompt, truth, ...(params ? { params } : {}) };
  const id = await ctx.guarded(() => C.poseQuestion(app.classCode, lead.token, body));
  if (!id || cls.lead !== lead) return false;
  Object.assign(lead, { question: { ...body, id, revealed: false }, askedOn: app.trace });
  Object.assign(lead, { results: null, onReveal: revealed });
  render(cls);
  await refreshResults(cls);
  return true;
}

async function reveal(cls) {
  const { app, ctx, lead } = cls;
  const q = lead?.question;
  if (!q || q.revealed) return;
  const done = await ctx.guarded(async () => {
    await C.reveal(app.classCode, lead.token, q.id);
    return true;
  });
  if (!done) return;
  q.revealed = true;
  // asked before a reload, a posted truth is unknown to this page until the server reveals it
  if (q.truth == null) q.truth = (await C.classInfo(app.classCode)).question?.reveal?.truth;
  await refreshResults(cls);
  if (lead.onReveal && lead.question === q) lead.onReveal();
  ctx.flows.step.scrub(q.step); // the class now sees the step it predicted
  render(cls);
}

async function start(cls) {
  if (cls.lead) return;
  const started = await cls.ctx.guarded(() => C.startClass());
  if (!started) return;
  beginLead(cls, started.code, started.token, started.joinUrl);
  cls.ctx.status("info", t("class.started", { code: started.code }));
}

async function end(cls) {
  const { app, ctx, lead } = cls;
  if (!lead) return;
  const ended = await ctx.guarded(async () => {
    await C.endClass(app.classCode, lead.token);
    return true;
  });
  if (ended) closeLead(cls, t("class.ended_by_you"));
}

/** Start-up: #class=CODE leads again (this tab holds its token) or follows. */
async function openLink(cls, code) {
  if (!code) return;
  const token = C.instructorToken(code);
  if (!token) return cls.follow.join(code);
  const info = await cls.ctx.guarded(() => C.classInfo(code));
  if (!info) return;
  beginLead(cls, code, token, `${location.origin}${location.pathname}#class=${code}`);
  if (info.question) restoreQuestion(cls, info.question);
  await refreshResults(cls);
}

export function createClassFlow(ctx) {
  const follow = createFollowFlow(ctx);
  const cls = { app: ctx.app, ctx, view: ctx.v.classPanel, follow, lead: null };
  return {
    changed: () => changed(cls),
    start: () => start(cls),
    pose: (choice) => pose(cls, choice),
    ask: (question, revealed) => ask(cls, question, revealed),
    reveal: () => reveal(cls),
    end: () => end(cls),
    join: (code) => follow.join(code),
    rejoin: () => follow.rejoin(),
    leave: () => follow.leave(),
    answer: (given) => follow.answer(given),
    openLink: (code) => openLink(cls, code),
    /** The reader switched language: the card and the posed question in the new one. */
    relabel() {
      const { lead } = cls;
      if (!lead) return follow.relabel();
      const q = lead.question;
      if (q && kindOf(q).posted) lead.question = { ...q, prompt: promptOf(q) };
      else if (q && lead.askedOn) lead.question = reworded(q, lead.askedOn);
      render(cls);
    },
    /** For tests: the question this page holds (the instructor's without its truth). */
    question() {
      if (ctx.app.classRole === "student") return follow.question();
      if (!cls.lead?.question) return null;
      const { truth: _, ...rest } = cls.lead.question;
      return rest;
    },
  };
}
