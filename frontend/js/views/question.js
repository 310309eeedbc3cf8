// The lesson card: the question before a step is revealed, the answer controls for its kind
// (native radios, checkboxes and text fields, so the keyboard and screen readers just work; each
// kind draws its own, see question-kinds/), the feedback, and the reveal. Knows nothing of
// traces: it draws what the lesson flow gives it.

import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { kindOf } from "../question-kinds/index.js";
import { button, el } from "./dom.js";

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
export const answerControl = (q, image) => kindOf(q).control(q, image);

/** "Answers within ±0.01 count." for a question with a tolerance, else "". */
export const toleranceNote = (q) =>
  q.tolerance != null
    ? el("p", "hint", t("question.tolerance", { tolerance: fmt(q.tolerance, 2) }))
    : "";

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

function header(view) {
  const head = el("div", "lesson-head");
  const score = el("p", "lesson-score", t("lesson.score", view.score));
  score.dataset.testid = "lesson-score";
  const where = view.position
    ? el("p", "lesson-where", t("lesson.position", { i: view.position.i + 1, n: view.position.n }))
    : "";
  const seconds = view.seconds != null ? Math.round(view.seconds) : null;
  const time = seconds != null ? el("p", "lesson-where", t("lesson.seconds", { seconds })) : "";
  head.append(el("h2", "", t("lesson.title")), where, time, score);
  return head;
}

function feedbackBlock(view) {
  const f = view.feedback;
  const box = el("div", "feedback");
  box.dataset.testid = "feedback";
  box.dataset.correct = String(f.correct);
  box.setAttribute("role", "status");
  const verdict = f.correct ? "right" : view.phase === "reveal" ? "wrong" : "not_yet";
  box.append(el("p", "verdict", t(`lesson.verdict.${verdict}`)));
  if (f.hint) box.append(el("p", "hint-text", t("lesson.hint", { hint: f.hint })));
  if (f.truthText) box.append(el("p", "", t("lesson.truth", { truth: f.truthText })));
  if (f.reveal) box.append(el("p", "reveal", f.reveal));
  return box;
}

function questionBlock(view, on) {
  const q = view.question;
  const { form, prompt } = questionForm(q, "lesson-prompt");
  const control = answerControl(q, view.image);
  const label = view.tries ? t("lesson.check_again") : t("lesson.check");
  const submit = button(label, "answer-submit", "primary");
  submit.type = "submit";
  form.append(prompt, givenList(q.given) ?? "", control.node, toleranceNote(q), submit);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    on("answer", control.read());
  });
  // Enter submits from radios and checkboxes too (browsers only do it for text fields)
  form.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && ev.target.type !== "text" && ev.target.tagName === "INPUT") {
      ev.preventDefault();
      on("answer", control.read());
    }
  });
  return form;
}

function action(text, testid, on, handler, cls = "") {
  const b = button(text, testid, cls);
  b.addEventListener("click", () => on(handler));
  return b;
}

function stepBody(view, on) {
  const label = el("p", "equation-label", view.label);
  label.dataset.testid = "equation-label";
  const parts = [el("h3", "step-title", view.title), label];
  if (view.phase === "ask") parts.push(questionBlock(view, on));
  else parts.push(el("p", "prompt", view.question.prompt));
  if (view.answered?.length) {
    const answers = view.answered.join(t("lesson.answered_then"));
    parts.push(el("p", "answered", t("lesson.answered", { count: view.answered.length, answers })));
  }
  if (view.feedback) parts.push(feedbackBlock(view));
  if (view.phase === "reveal") {
    const text = view.last ? t("lesson.finish") : t("lesson.next");
    parts.push(action(text, "lesson-next", on, "next", "primary"));
  }
  return parts;
}

function body(view, on) {
  if (view.phase === "need-digit") return [el("p", "", t("lesson.need_digit"))];
  if (view.phase === "intro") {
    const go = action(t("lesson.start_backward"), "lesson-next", on, "next", "primary");
    return [el("h3", "", t("lesson.forward")), ...view.intro.map((p) => el("p", "", p)), go];
  }
  if (view.phase === "done") {
    const again = action(t("lesson.restart"), "lesson-restart", on, "restart");
    return [el("h3", "", t("lesson.complete")), el("p", "", view.summary), again];
  }
  return stepBody(view, on);
}

function footer(on) {
  const foot = el("div", "buttons lesson-foot");
  foot.append(
    action(t("lesson.download"), "lesson-download", on, "download"),
    action(t("lesson.leave"), "lesson-leave", on, "leave"),
  );
  return foot;
}

/**
 * The lesson card in `root` (flows/lesson-loader.js binds its Start button). showLesson(view)
 * draws one state:
 *   view = {phase: "need-digit"|"intro"|"ask"|"reveal"|"done", position: {i, n}, score: {points,
 *           max}, title, label, intro: [string], question, image, tries, answered: [string],
 *           seconds (time taken, once revealed), summary, last,
 *           feedback: {correct, hint, reveal, truthText} | null}
 */
export function createQuestionView(root) {
  let handlers = {};
  const on = (name, ...args) => handlers[name]?.(...args);

  return {
    bindLesson: (h) => {
      handlers = h;
    },

    /** Draw a lesson state and move the keyboard focus into it; null hides the card. */
    showLesson(view) {
      root.hidden = !view;
      if (!view) return root.replaceChildren();
      root.replaceChildren(header(view), ...body(view, on), footer(on));
      const target =
        view.phase === "ask"
          ? root.querySelector("[data-testid=answer-input] input, input[data-testid=answer-input]")
          : root.querySelector("[data-testid=lesson-next], [data-testid=lesson-restart]");
      target?.focus();
    },
  };
}
