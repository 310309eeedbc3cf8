// The class card. The instructor's: the join code, the QR code and the link to project, the
// number of students following, "Ask the class" about the step ahead, the answers as they
// arrive, Reveal and End. The student's: the "Following the class" banner (or "Back to the
// class" while exploring), the posed question with the lesson's answer controls, and after the
// reveal their answer, the truth and the class's answers. Knows nothing of traces or the server.
//
// The blocks are module functions given `on(name, ...args)`, which calls the bound handler.

import { t, tParts } from "../i18n.js";
import { kindOf } from "../question-kinds/index.js";
import { answerText, resultsNode } from "./class-results.js";
import { button, el } from "./dom.js";
import { answerControl, givenList, questionForm, toleranceNote } from "./question.js";

// Redrawing removes the focused control (Ask, Reveal, Send); the keyboard lands on the first of
// `targets` the new content has instead of on the page's body.
const FOCUS_INSTRUCTOR =
  "[data-testid=reveal], [data-testid=question-pose], [data-testid=class-end]";
const FOCUS_STUDENT = "[data-testid=answer-submit], [data-testid=feedback]";

function redraw(container, children, targets) {
  const hadFocus = container.contains(document.activeElement);
  container.replaceChildren(...children);
  if (!hadFocus) return;
  const next = container.querySelector(targets);
  if (next && !next.matches("button, input, select")) next.tabIndex = -1;
  next?.focus();
}

const studentsText = (count) => t("class.students", { count });
const bare = (url) => url.replace(/^https?:\/\//, "");

function qrImage(v) {
  const qr = el("img", "qr");
  if (v.qrUrl) qr.src = v.qrUrl;
  qr.alt = t("class.qr_alt", { code: v.code });
  return qr;
}

// for the back of a lecture hall: the code and the QR code filling the screen
function showLarge(v) {
  const dialog = el("dialog", "class-large");
  dialog.setAttribute("aria-label", t("class.join_title", { code: v.code }));
  const close = button(t("class.close"), "");
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  const link = el("p", "join-link", bare(v.joinUrl));
  dialog.append(el("p", "big-code", v.code), qrImage(v), link, close);
  document.body.append(dialog);
  dialog.showModal();
}

// the join details; `fold` = {open, toggled(open)}: the instructor folds them away once the
// class is in, and they stay folded across redraws
function joinBlock(v, fold) {
  const qr = qrImage(v);
  qr.dataset.testid = "class-qr";
  const link = el("a", "join-link", bare(v.joinUrl));
  Object.assign(link, { href: v.joinUrl, target: "_blank", rel: "noopener" });
  const how = el("p", "");
  how.append(...tParts("class.join_how", { link }));
  const large = button(t("class.show_large"), "class-show-large");
  large.addEventListener("click", () => showLarge(v));
  const words = el("div", "join-words");
  words.append(how, large);
  const info = el("div", "class-join-info");
  info.append(qr, words);
  const box = el("details", "class-join-box");
  box.open = fold.open;
  box.addEventListener("toggle", () => fold.toggled(box.open));
  box.append(el("summary", "", t("class.join_details", { code: v.code })), info);
  return box;
}

function poseBlock(v, on) {
  const form = el("form", "pose");
  const label = el("label", "", t("class.ask_label"));
  const pick = el("select");
  v.options.forEach((prompt, k) => {
    const o = el("option", "", prompt);
    o.value = String(k);
    pick.append(o);
  });
  label.append(pick);
  const ask = button(t("class.ask"), "question-pose", "primary");
  ask.type = "submit";
  form.append(label, ask);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    on("pose", Number(pick.value));
  });
  return form;
}

function posedBlock(q, results, on) {
  const box = el("div", "posed");
  box.append(el("p", "prompt", t("class.asked", { prompt: q.prompt })), givenList(q.given) ?? "");
  box.append(resultsNode(results, q, q.revealed ? q.truth : null));
  if (q.revealed) {
    const truth = answerText(q.kind, q.truth);
    box.append(el("p", "truth", t("class.revealed", { truth })));
    if (q.text) box.append(el("p", "reveal", q.text));
    return box;
  }
  const reveal = button(t("class.reveal"), "reveal", "primary");
  reveal.addEventListener("click", () => on("reveal"));
  box.append(reveal);
  return box;
}

function answerForm(v, form, on) {
  const q = v.question;
  const control = answerControl(q, v.image);
  if (v.sent != null) kindOf(q).prefill(control.node, v.sent);
  const label = v.sent == null ? t("class.send") : t("class.change");
  const send = button(label, "answer-submit", "primary");
  send.type = "submit";
  const note = el("p", "class-note", v.note);
  note.setAttribute("role", "status");
  form.append(givenList(q.given) ?? "", control.node, toleranceNote(q), send, note);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    on("answer", control.read());
  });
}

function studentQuestion(v, on) {
  const q = v.question;
  const { form, prompt } = questionForm(q, "class-prompt", "question class-question");
  form.append(el("h3", "", t("class.is_asked")), prompt);
  if (q.unmatched) {
    const why = q.unmatched === "loading" ? t("class.loading_digit") : t("class.other_digit");
    form.append(el("p", "", why));
  } else {
    answerForm(v, form, on);
  }
  return form;
}

function revealBlock(v) {
  const { question: q, reveal } = v;
  const box = el("div", "feedback class-reveal");
  box.dataset.testid = "feedback";
  box.dataset.correct = String(reveal.correct === true);
  box.setAttribute("role", "status");
  const verdict = reveal.mine == null ? "none" : reveal.correct ? "right" : "wrong";
  box.append(
    el("h3", "", q.prompt),
    el("p", "verdict", t(`class.verdict.${verdict}`)),
    el("p", "", t("class.your_answer", { answer: answerText(q.kind, reveal.mine) })),
    el("p", "", t("class.the_answer", { truth: answerText(q.kind, reveal.truth) })),
  );
  if (reveal.text) box.append(el("p", "reveal", reveal.text));
  box.append(el("h4", "", t("class.class_answered")), resultsNode(reveal.results, q, reveal.truth));
  return box;
}

function instructorHead(v, on) {
  const code = el("strong", "class-code", v.code);
  code.dataset.testid = "class-code";
  const title = el("h2", "", t("class.title"));
  title.append(code);
  const count = el("p", "class-students", studentsText(v.students));
  count.dataset.testid = "class-students";
  count.setAttribute("aria-live", "polite");
  const end = button(t("class.end"), "class-end", "end");
  end.addEventListener("click", () => on("end"));
  return [title, count, end];
}

function bannerText(v) {
  let text = v.following
    ? t(v.waiting ? "class.following_waiting" : "class.following", { code: v.code })
    : t(v.behind ? "class.exploring_behind" : "class.exploring", { code: v.code });
  if (v.status === "reconnecting") text += t("class.reconnecting");
  if (v.status === "full") text += t("class.full");
  return text;
}

function studentHead(v, on) {
  const banner = el("p", "following", bannerText(v));
  banner.dataset.testid = "following-banner";
  banner.setAttribute("role", "status");
  const parts = [banner];
  if (!v.following) {
    const back = button(t("class.rejoin"), "rejoin", "primary");
    back.addEventListener("click", () => on("rejoin"));
    parts.push(back);
  }
  const leave = button(t("class.leave"), "class-leave");
  leave.addEventListener("click", () => on("leave"));
  return [...parts, leave];
}

/**
 * The card in `root`; `start`, `joinForm` and `joinInput` (the page header's class controls,
 * bound by flows/class-loader.js) are put away while this page is in a class.
 */
export function createClassPanel({ root, start, joinForm, joinInput }) {
  let handlers = {};
  const on = (name, ...args) => handlers[name]?.(...args);
  const fold = { open: true, toggled: (open) => Object.assign(fold, { open }) };
  const head = el("div", "class-head");
  const body = el("div", "class-body");

  function open(mode) {
    root.hidden = false;
    root.dataset.mode = mode;
    start.hidden = true;
    joinForm.hidden = true;
    if (!root.contains(head)) root.replaceChildren(head, body);
  }

  return {
    bind: (h) => {
      handlers = h;
    },

    /** v = {code, joinUrl, qrUrl, students, options: [prompt], posed, results} */
    showInstructor(v) {
      open("instructor");
      head.replaceChildren(...instructorHead(v, on));
      const asking = el("div", "class-asking");
      const posed = v.posed ? posedBlock(v.posed, v.results, on) : "";
      asking.append(v.options.length ? poseBlock(v, on) : "", posed);
      redraw(body, [joinBlock(v, fold), asking], FOCUS_INSTRUCTOR);
    },

    showStudents(n) {
      const count = head.querySelector("[data-testid=class-students]");
      // unchanged text is not written again, so a screen reader does not repeat it
      if (count && count.textContent !== studentsText(n)) count.textContent = studentsText(n);
    },

    /** v = {code, following, behind: the class moved on, waiting: nothing shared yet,
     *      status: live|reconnecting|full} */
    showBanner(v) {
      open("student");
      head.replaceChildren(...studentHead(v, on));
    },

    /** v = {question, image, sent, note, reveal: {mine, truth, correct, text, results}} | null */
    showQuestion(v) {
      if (!v) return body.replaceChildren();
      redraw(body, [v.reveal ? revealBlock(v) : studentQuestion(v, on)], FOCUS_STUDENT);
    },

    showNone() {
      fold.open = true;
      root.hidden = true;
      root.replaceChildren();
      head.replaceChildren();
      body.replaceChildren();
      start.hidden = false;
      joinForm.hidden = false;
      joinInput.value = "";
    },
  };
}
