// The lesson loads on first use, as the class sessions do: most visits never start one, so the
// page does not carry the lesson flow, its card and the question kinds' controls until someone
// presses "Start lesson" or opens a #lesson link. Until then its hooks cost nothing.

import { fromHash } from "../app-state.js";
import { styleSheet } from "./style-sheet.js";

/** The lesson flow's face for main.js and the other flows. `elements`: {root, start}. */
export function createLessonLoader(ctx, elements) {
  let flow = null;
  let loading = null;

  function load() {
    loading ??= Promise.all([
      import("./lesson.js"),
      import("../views/question.js"),
      styleSheet("css/question.css"),
    ]).then(([flows, views]) => {
      ctx.v.question = views.createQuestionView(elements.root);
      flow = flows.createLessonFlow(ctx);
      return flow;
    });
    return loading;
  }

  const withFlow = (use) => ctx.guarded(async () => use(await load()));
  elements.start.addEventListener("click", () => withFlow((f) => f.start()));
  // fetched as soon as the button is pointed at or focused, so the card is there on the click
  for (const event of ["pointerenter", "focus"])
    elements.start.addEventListener(event, () => ctx.guarded(load), { once: true });

  return {
    start: (options) => withFlow((f) => f.start(options)),
    leave: () => flow?.leave(),
    /** For tests and the curious: the lesson's phase, current question and score (or null). */
    current: () => flow?.current() ?? null,
    /** Start-up: a link with #lesson starts it (once its digit, if any, is traced). */
    openLink() {
      if (!ctx.app.lesson && fromHash(location.hash).lesson) withFlow((f) => f.start());
    },
    /** A new trace arrived (new digit, target or model): a running lesson follows it. */
    traceChanged() {
      if (ctx.app.lesson) withFlow((f) => f.traceChanged());
    },
    /** The reader switched language: a lesson on screen is worded again. */
    relabel: () => flow?.relabel(),
  };
}
