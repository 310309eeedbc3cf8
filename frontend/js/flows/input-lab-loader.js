// The input-gradient lab loads on first use, like the training lab and the class card: most
// visits never open it, so the page does not carry its flow, view and style sheet (about 22 KB)
// until someone presses "Input-gradient lab". The first press loads them and then opens the lab.

import { t } from "../i18n.js";
import { styleSheet } from "./style-sheet.js";

/** The lab's face for main.js. `elements`: {root, open, heading, hint} (see views/input-lab.js). */
export function createInputLabLoader(ctx, elements) {
  let loading = null;
  // the section's hint is on the page before the lab is loaded (the heading and button are
  // filled from their data-i18n attributes)
  elements.hint.textContent = t("ig.hint");

  function load() {
    loading ??= Promise.all([
      import("./input-lab.js"),
      import("../views/input-lab.js"),
      styleSheet("css/input-lab.css"),
    ]).then(([flows, views]) => {
      ctx.v.inputLab = views.createInputLab(elements);
      const flow = flows.createInputLabFlow(ctx);
      ctx.v.inputLab.bind({
        open: () => {}, // every press goes through `press` below, loaded or not
        close: () => flow.close(),
        mode: (mode) => flow.mode(mode),
        run: () => flow.run(),
        askClass: () => flow.askClass(),
        epsilon: () => flow.epsilon(),
        frame: (i) => flow.frame(i),
        play: () => flow.play(),
        send: () => flow.send(),
        guess: (k) => flow.guess(k),
      });
      flow.classChanged(); // a class may have begun before the lab was loaded
      return flow;
    });
    return loading;
  }

  // the first press loads the lab (the button says it is busy meanwhile) and opens it
  const press = () =>
    ctx.guarded(async () => {
      elements.open.setAttribute("aria-busy", "true");
      try {
        (await load()).open();
      } finally {
        elements.open.removeAttribute("aria-busy");
      }
    });
  elements.open.addEventListener("click", press);
  return {
    load,
    /** A class began or ended: the loaded lab offers "Ask the class first" to its instructor. */
    classChanged: () => loading?.then((flow) => flow.classChanged()),
  };
}
