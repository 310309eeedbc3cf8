// The input-gradient lab loads on first use, like the training lab and the class card: most
// visits never open it, so the page does not carry its flow, view and style sheet (about 22 KB)
// until someone presses "Input-gradient lab". The first press loads them and then opens the lab.
// The section's heading, hint and button are on the page before (index.html marks them).

import { styleSheet } from "./style-sheet.js";

/** The lab's face for main.js. `elements`: {root, open, heading, hint}; the view builds the lab in
 * `root` (views/input-lab.js), the heading and hint are the page's own marked text. */
export function createInputLabLoader(ctx, elements) {
  let loading = null;
  let loaded = null; // the lab's flow, once loaded

  function load() {
    loading ??= Promise.all([
      import("./input-lab.js"),
      import("../views/input-lab.js"),
      styleSheet("css/input-lab.css"),
    ]).then(([flows, views]) => {
      ctx.v.inputLab = views.createInputLab(elements);
      const flow = flows.createInputLabFlow(ctx);
      loaded = flow;
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
    /** The reader picked another language: a loaded lab words itself again (none: nothing). */
    relabel: () => loaded?.relabel(),
  };
}
