// The lesson card: the question before a step is revealed, the answer controls for its kind
// (native radios, checkboxes and text fields, so the keyboard and screen readers just work),
// the feedback, and the reveal. Knows nothing of traces: it draws what the lesson flow gives it.

import { fmt } from "../format.js";
import { el } from "./dom.js";

const SIGNS = [
  ["+", "+ positive"],
  ["-", "− negative"],
  ["0", "0 exactly zero"],
];

function radio(name, value, text) {
  const label = el("label", "choice");
  const input = el("input");
  input.type = "radio";
  input.name = name;
  input.value = value;
  label.append(input, el("span", "", text));
  return label;
}

function signInput() {
  const box = el("fieldset", "answer signs");
  box.dataset.testid = "answer-input";
  box.append(el("legend", "", "Your answer"), ...SIGNS.map(([v, t]) => radio("sign", v, t)));
  return { node: box, read: () => box.querySelector("input:checked")?.value ?? "" };
}

function textInput(kind) {
  const label = el("label", "answer text");
  const input = el("input");
  input.type = "text";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.dataset.testid = "answer-input";
  input.inputMode = kind === "value" ? "decimal" : "numeric";
  input.placeholder = kind === "value" ? "e.g. -0.0123 or 1.5e-4" : "e.g. 3, 4, 5";
  label.append(el("span", "", kind === "value" ? "Your number " : "Sizes "), input);
  return { node: label, read: () => input.value };
}

// the patch of the pool's input, one checkbox per cell showing its forward value; thick lines
// between windows
function cellsInput(q) {
  const { size, window: k, values, row0, col0, channel } = q.patch;
  const box = el("fieldset", "answer cells-grid");
  box.dataset.testid = "answer-input";
  box.style.setProperty("--n", String(size));
  box.append(
    el(
      "legend",
      "",
      `Rows ${row0}–${row0 + size - 1}, columns ${col0}–${col0 + size - 1}, map ${channel}`,
    ),
  );
  const top = Math.max(...values, 1e-12);
  values.forEach((v, n) => {
    const i = row0 + Math.floor(n / size);
    const j = col0 + (n % size);
    const label = el("label", "cell");
    label.classList.toggle("window-right", (n % size) % k === k - 1);
    label.classList.toggle("window-bottom", Math.floor(n / size) % k === k - 1);
    label.classList.toggle("window-left", n % size === 0);
    label.classList.toggle("window-top", n < size);
    label.style.setProperty("--level", String(Math.max(0, v) / top));
    const input = el("input");
    input.type = "checkbox";
    input.dataset.row = String(i);
    input.dataset.col = String(j);
    input.setAttribute("aria-label", `cell (${i}, ${j}), value ${fmt(v, 3)}`);
    label.append(input, el("span", "v", fmt(v, 3)));
    box.append(label);
  });
  const read = () =>
    [...box.querySelectorAll("input:checked")].map((c) => [
      Number(c.dataset.row),
      Number(c.dataset.col),
    ]);
  return { node: box, read };
}

// the student's digit with a grid of regions to choose from
function saliencyInput(q, image) {
  const box = el("fieldset", "answer saliency-grid");
  box.dataset.testid = "answer-input";
  box.style.setProperty("--n", String(q.grid));
  box.append(el("legend", "", "Choose a region of your digit"));
  const canvas = el("canvas", "digit");
  canvas.width = 28;
  canvas.height = 28;
  canvas.setAttribute("aria-hidden", "true");
  if (image) paintDigit(canvas, image);
  const regions = el("div", "regions");
  for (let r = 0; r < q.grid; r++) {
    for (let c = 0; c < q.grid; c++) {
      const label = radio("region", `${r},${c}`, "");
      label.className = "region";
      label.querySelector("input").setAttribute("aria-label", `region row ${r}, column ${c}`);
      regions.append(label);
    }
  }
  const wrap = el("div", "digit-wrap");
  wrap.append(canvas, regions);
  box.append(wrap);
  const read = () => {
    const v = box.querySelector("input:checked")?.value;
    return v ? v.split(",").map(Number) : "";
  };
  return { node: box, read };
}

function paintDigit(canvas, image) {
  const data = new ImageData(28, 28);
  image.forEach((v, n) => {
    const g = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
    data.data.set([g, g, g, 255], n * 4);
  });
  canvas.getContext("2d").putImageData(data, 0, 0);
}

/** The numbers a question gives, as a definition list (or null); class sessions reuse it. */
export function givenList(given) {
  if (!given?.length) return null;
  const dl = el("dl", "given");
  for (const g of given) dl.append(el("dt", "", g.label), el("dd", "", fmt(g.value, 6)));
  return dl;
}

/**
 * The answer control for a question's kind: {node, read()}, read() giving the answer in the
 * engine's format (questions.js). `image` is the 28×28 input for saliency. Class sessions reuse it.
 */
export function answerControl(q, image) {
  if (q.kind === "sign") return signInput();
  if (q.kind === "cells") return cellsInput(q);
  if (q.kind === "saliency") return saliencyInput(q, image);
  return textInput(q.kind);
}

function button(text, testid, cls = "") {
  const b = el("button", cls, text);
  b.type = "button";
  if (testid) b.dataset.testid = testid;
  return b;
}

/**
 * The lesson card in `root`, opened by the `start` button. showLesson(view) draws one state of the lesson:
 *   view = {phase: "need-digit"|"intro"|"ask"|"reveal"|"done", position: {i, n}, score: {points,
 *           max}, title, label, intro: [string], question, image, tries, answered: [string],
 *           seconds (time taken, once revealed),
 *           feedback: {correct, hint, reveal, truthText} | null}
 */
/** The form of a posed question (hooks: question, data-kind), labelled by its prompt. */
export function questionForm(q, promptId, className = "question") {
  const form = el("form", className);
  form.dataset.testid = "question";
  form.dataset.kind = q.kind;
  const prompt = el("p", "prompt", q.prompt);
  prompt.id = promptId;
  form.setAttribute("aria-labelledby", promptId);
  return { form, prompt };
}

export function createQuestionView({ root, start }) {
  let handlers = {};
  let read = null;
  start.addEventListener("click", () => handlers.start?.());

  function header(view) {
    const head = el("div", "lesson-head");
    const score = el("p", "lesson-score");
    score.dataset.testid = "lesson-score";
    const { points, max } = view.score;
    score.textContent = `Score ${points} / ${max}`;
    const where = view.position
      ? el("p", "lesson-where", `Question ${view.position.i + 1} of ${view.position.n}`)
      : "";
    const time =
      view.seconds != null
        ? el("p", "lesson-where", `${Math.round(view.seconds)} s on this question`)
        : "";
    head.append(el("h2", "", "Lesson"), where, time, score);
    return head;
  }

  function questionBlock(view) {
    const q = view.question;
    const { form, prompt } = questionForm(q, "lesson-prompt");
    const control = answerControl(q, view.image);
    read = control.read;
    const submit = button(view.tries ? "Check my second try" : "Check", "answer-submit", "primary");
    submit.type = "submit";
    const extra =
      q.tolerance != null ? el("p", "hint", `Answers within ±${fmt(q.tolerance, 2)} count.`) : "";
    form.append(prompt, givenList(q.given) ?? "", control.node, extra, submit);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      handlers.answer?.(read());
    });
    // Enter submits from radios and checkboxes too (browsers only do it for text fields)
    form.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && ev.target.type !== "text" && ev.target.tagName === "INPUT") {
        ev.preventDefault();
        handlers.answer?.(read());
      }
    });
    return form;
  }

  function feedbackBlock(view) {
    const f = view.feedback;
    const box = el("div", "feedback");
    box.dataset.testid = "feedback";
    box.dataset.correct = String(f.correct);
    box.setAttribute("role", "status");
    const verdict = f.correct ? "Right." : view.phase === "reveal" ? "Not this time." : "Not yet.";
    box.append(el("p", "verdict", verdict));
    if (f.hint) box.append(el("p", "hint-text", `Hint: ${f.hint}`));
    if (f.truthText) box.append(el("p", "", `The answer: ${f.truthText}.`));
    if (f.reveal) box.append(el("p", "reveal", f.reveal));
    return box;
  }

  function body(view) {
    if (view.phase === "need-digit")
      return [
        el(
          "p",
          "",
          "Draw a digit first (or pick a sample) and press Classify: the lesson works on your own digit.",
        ),
      ];
    if (view.phase === "intro") {
      const go = button("Start the backward pass", "lesson-next", "primary");
      go.addEventListener("click", () => handlers.next?.());
      return [el("h3", "", "Forward pass"), ...view.intro.map((t) => el("p", "", t)), go];
    }
    if (view.phase === "done") {
      const again = button("Start again", "lesson-restart");
      again.addEventListener("click", () => handlers.restart?.());
      return [el("h3", "", "Lesson complete"), el("p", "", view.summary), again];
    }
    const title = el("h3", "step-title", view.title);
    const label = el("p", "equation-label", view.label);
    label.dataset.testid = "equation-label";
    const parts = [title, label];
    if (view.phase === "ask") parts.push(questionBlock(view));
    else parts.push(el("p", "prompt", view.question.prompt));
    if (view.answered?.length) {
      const many = view.answered.length > 1;
      parts.push(
        el("p", "answered", `Your answer${many ? "s" : ""}: ${view.answered.join(", then ")}`),
      );
    }
    if (view.feedback) parts.push(feedbackBlock(view));
    if (view.phase === "reveal") {
      const next = button(view.last ? "Finish" : "Next step", "lesson-next", "primary");
      next.addEventListener("click", () => handlers.next?.());
      parts.push(next);
    }
    return parts;
  }

  function footer() {
    const foot = el("div", "buttons lesson-foot");
    const download = button("Download my answers", "lesson-download");
    download.addEventListener("click", () => handlers.download?.());
    const leave = button("Leave lesson", "lesson-leave");
    leave.addEventListener("click", () => handlers.leave?.());
    foot.append(download, leave);
    return foot;
  }

  return {
    bindLesson: (h) => {
      handlers = h;
    },

    /** Draw a lesson state and move the keyboard focus into it; null hides the card. */
    showLesson(view) {
      root.hidden = !view;
      if (!view) return root.replaceChildren();
      root.replaceChildren(header(view), ...body(view), footer());
      const target =
        view.phase === "ask"
          ? root.querySelector("[data-testid=answer-input] input, input[data-testid=answer-input]")
          : root.querySelector("[data-testid=lesson-next], [data-testid=lesson-restart]");
      target?.focus();
    },

    /** Offer a JSON file for download. */
    saveFile(name, text) {
      const a = el("a");
      a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    },
  };
}
