// Class sessions load on first use: most visits never start or join a class, so the page does
// not carry the class flows and card (about 40 KB) until someone presses "Start a class", joins
// one, or opens a join link. Until then `changed` and `question` cost nothing.

import { styleSheet } from "./style-sheet.js";

/**
 * The class flow's face for main.js. `elements`: {root, start, joinForm, joinInput}; the header's
 * Start button and join form are bound here, the card's own controls once it is loaded.
 */
export function createClassLoader(ctx, elements) {
  let flow = null;
  let loading = null;

  function load() {
    loading ??= Promise.all([
      import("./class.js"),
      import("../views/class-panel.js"),
      // the card's frame and the question controls first, then the class card's own rules
      styleSheet("css/question.css").then(() => styleSheet("css/class-card.css")),
    ]).then(([flows, views]) => {
      ctx.v.classPanel = views.createClassPanel(elements);
      flow = flows.createClassFlow(ctx);
      ctx.v.classPanel.bind({
        pose: (choice) => flow.pose(choice),
        reveal: () => flow.reveal(),
        end: () => flow.end(),
        rejoin: () => flow.rejoin(),
        leave: () => flow.leave(),
        answer: (given) => flow.answer(given),
      });
      return flow;
    });
    return loading;
  }

  const withFlow = (use) => ctx.guarded(async () => use(await load()));
  elements.start.addEventListener("click", () => withFlow((f) => f.start()));
  elements.joinForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    withFlow((f) => f.join(elements.joinInput.value));
  });

  return {
    /** The view changed: a led class hears of it, a student may be leaving it. */
    changed: () => flow?.changed(),
    /** Start-up: #class=CODE leads again (this tab holds its token) or follows. */
    openLink: (code) => (code ? withFlow((f) => f.openLink(code)) : null),
    /** The instructor asks the class a question the page computed (flows/input-lab.js). */
    ask: (question, revealed) => (flow ? flow.ask(question, revealed) : false),
    /** For tests: the question this page holds (the instructor's without its truth). */
    question: () => flow?.question() ?? null,
    /** The reader switched language. */
    relabel: () => flow?.relabel(),
  };
}
