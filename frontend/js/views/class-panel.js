// The class card. The instructor's: the join code, the QR code and the link to project, the
// number of students following, "Ask the class" about the step ahead, the answers as they
// arrive, Reveal and End. The student's: the "Following the class" banner (or "Back to the
// class" while exploring), the posed question with the lesson's answer controls, and after the
// reveal their answer, the truth and the class's answers. Knows nothing of traces or the server.

import { fmt } from "../format.js";
import { answerText, resultsNode } from "./class-results.js";
import { el } from "./dom.js";
import { answerControl, givenList, questionForm } from "./question.js";

function button(text, testid, cls = "") {
  const b = el("button", cls, text);
  b.type = "button";
  if (testid) b.dataset.testid = testid;
  return b;
}

// the answer already sent, shown again in the rebuilt control (it may still be changed)
function prefill(node, kind, answer) {
  if (answer == null) return;
  const pick = (selector) => {
    const input = node.querySelector(selector);
    if (input) input.checked = true;
  };
  if (kind === "sign") pick(`input[value="${answer}"]`);
  else if (kind === "saliency") pick(`input[value="${answer.join(",")}"]`);
  else if (kind === "cells")
    for (const [i, j] of answer) pick(`input[data-row="${i}"][data-col="${j}"]`);
  else {
    const input = node.matches("input") ? node : node.querySelector("input");
    input.value = kind === "shape" ? answer.join(", ") : String(answer);
  }
}

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

const studentsText = (n) => `${n} student${n === 1 ? "" : "s"} following`;

/**
 * The card in `root`; `start`, `joinForm` and `joinInput` (the page header's class controls,
 * bound by flows/class-loader.js) are put away while this page is in a class.
 */
export function createClassPanel({ root, start, joinForm, joinInput }) {
  let handlers = {};
  let read = null;
  let joinOpen = true;
  const head = el("div", "class-head");
  const body = el("div", "class-body");

  function open(mode) {
    root.hidden = false;
    root.dataset.mode = mode;
    start.hidden = true;
    joinForm.hidden = true;
    if (!root.contains(head)) root.replaceChildren(head, body);
  }

  function joinBlock(v) {
    const qr = el("img", "qr");
    if (v.qrUrl) qr.src = v.qrUrl;
    qr.alt = `QR code of the join link for class ${v.code}`;
    qr.dataset.testid = "class-qr";
    const link = el("a", "join-link", v.joinUrl.replace(/^https?:\/\//, ""));
    link.href = v.joinUrl;
    link.target = "_blank";
    link.rel = "noopener";
    const how = el("p", "", "Join at ");
    how.append(link, " or type the code on the ConvTrace page.");
    const words = el("div", "join-words");
    const large = button("Show the code large", "class-show-large");
    large.addEventListener("click", () => showLarge(v));
    words.append(how, large);
    const info = el("div", "class-join-info");
    info.append(qr, words);
    // the instructor folds the join details away once the class is in
    const box = el("details", "class-join-box");
    box.open = joinOpen;
    box.addEventListener("toggle", () => {
      joinOpen = box.open;
    });
    box.append(el("summary", "", `Join details: link and QR code for class ${v.code}`), info);
    return box;
  }

  // for the back of a lecture hall: the code and the QR code filling the screen
  function showLarge(v) {
    const dialog = el("dialog", "class-large");
    dialog.setAttribute("aria-label", `Join class ${v.code}`);
    const qr = el("img", "qr");
    qr.src = v.qrUrl;
    qr.alt = `QR code of the join link for class ${v.code}`;
    const close = button("Close", "");
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => dialog.remove());
    const link = el("p", "join-link", v.joinUrl.replace(/^https?:\/\//, ""));
    dialog.append(el("p", "big-code", v.code), qr, link, close);
    document.body.append(dialog);
    dialog.showModal();
  }

  function poseBlock(v) {
    const form = el("form", "pose");
    const label = el("label", "", "Ask the class about the next step ");
    const pick = el("select");
    v.options.forEach((prompt, k) => {
      const o = el("option", "", prompt);
      o.value = String(k);
      pick.append(o);
    });
    label.append(pick);
    const ask = button("Ask the class", "question-pose", "primary");
    ask.type = "submit";
    form.append(label, ask);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      handlers.pose?.(Number(pick.value));
    });
    return form;
  }

  function posedBlock(q, results) {
    const box = el("div", "posed");
    box.append(el("p", "prompt", `Asked: ${q.prompt}`), givenList(q.given) ?? "");
    box.append(resultsNode(results, q, q.revealed ? q.truth : null));
    if (q.revealed) {
      box.append(el("p", "truth", `Revealed. The answer: ${answerText(q.kind, q.truth)}.`));
      if (q.text) box.append(el("p", "reveal", q.text));
      return box;
    }
    const reveal = button("Reveal the answer", "reveal", "primary");
    reveal.addEventListener("click", () => handlers.reveal?.());
    box.append(reveal);
    return box;
  }

  function studentQuestion(v) {
    const q = v.question;
    const { form, prompt } = questionForm(q, "class-prompt", "question class-question");
    form.append(el("h3", "", "The class is asked"), prompt);
    if (q.unmatched) {
      const why =
        q.unmatched === "loading"
          ? "Loading the class's digit…"
          : "This question is about another digit of the class's: go back to the class.";
      form.append(el("p", "", why));
      return form;
    }
    const control = answerControl(q, v.image);
    read = control.read;
    prefill(control.node, q.kind, v.sent);
    const send = button(v.sent == null ? "Send my answer" : "Change my answer", "answer-submit");
    send.classList.add("primary");
    send.type = "submit";
    const tolerance =
      q.tolerance != null ? el("p", "hint", `Answers within ±${fmt(q.tolerance, 2)} count.`) : "";
    form.append(givenList(q.given) ?? "", control.node, tolerance, send);
    const note = el("p", "class-note", v.note);
    note.setAttribute("role", "status");
    form.append(note);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      handlers.answer?.(read());
    });
    return form;
  }

  function revealBlock(v) {
    const { question: q, reveal } = v;
    const box = el("div", "feedback class-reveal");
    box.dataset.testid = "feedback";
    box.dataset.correct = String(reveal.correct === true);
    box.setAttribute("role", "status");
    const verdict =
      reveal.mine == null ? "You did not answer." : reveal.correct ? "Right." : "Not this time.";
    box.append(
      el("h3", "", q.prompt),
      el("p", "verdict", verdict),
      el("p", "", `Your answer: ${answerText(q.kind, reveal.mine)}.`),
      el("p", "", `The answer: ${answerText(q.kind, reveal.truth)}.`),
    );
    if (reveal.text) box.append(el("p", "reveal", reveal.text));
    box.append(el("h4", "", "The class answered"), resultsNode(reveal.results, q, reveal.truth));
    return box;
  }

  return {
    bind: (h) => {
      handlers = h;
    },

    /** v = {code, joinUrl, qrUrl, students, options: [prompt], posed, results} */
    showInstructor(v) {
      open("instructor");
      const code = el("strong", "class-code", v.code);
      code.dataset.testid = "class-code";
      const title = el("h2", "", "Class ");
      title.append(code);
      const count = el("p", "class-students", studentsText(v.students));
      count.dataset.testid = "class-students";
      count.setAttribute("aria-live", "polite");
      const end = button("End class", "class-end", "end");
      end.addEventListener("click", () => handlers.end?.());
      head.replaceChildren(title, count, end);
      const asking = el("div", "class-asking");
      asking.append(
        v.options.length ? poseBlock(v) : "",
        v.posed ? posedBlock(v.posed, v.results) : "",
      );
      redraw(body, [joinBlock(v), asking], FOCUS_INSTRUCTOR);
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
      const banner = el("p", "following", "");
      banner.dataset.testid = "following-banner";
      banner.setAttribute("role", "status");
      banner.textContent = v.following
        ? `Following the class ${v.code}${v.waiting ? ": waiting for the instructor's digit" : ""}`
        : `Exploring on your own · class ${v.code}${v.behind ? " has moved on" : ""}`;
      if (v.status === "reconnecting") banner.textContent += " (reconnecting…)";
      if (v.status === "full") banner.textContent += " (the class is full; trying again…)";
      const parts = [banner];
      if (!v.following) {
        const back = button("Back to the class", "rejoin", "primary");
        back.addEventListener("click", () => handlers.rejoin?.());
        parts.push(back);
      }
      const leave = button("Leave class", "class-leave");
      leave.addEventListener("click", () => handlers.leave?.());
      head.replaceChildren(...parts, leave);
    },

    /** v = {question, image, sent, note, reveal: {mine, truth, correct, text, results}} | null */
    showQuestion(v) {
      if (!v) return body.replaceChildren();
      redraw(body, [v.reveal ? revealBlock(v) : studentQuestion(v)], FOCUS_STUDENT);
    },

    showNone() {
      joinOpen = true;
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
