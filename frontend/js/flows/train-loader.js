// The training lab loads on first use, like the class card and the architecture editor: most
// visits never open it, so the page does not carry its flows, views and style sheet (about
// 40 KB) until someone presses "Training lab" or a class follows an instructor's training.
// Until then `classJob` and `follow` of nothing cost nothing.

import { styleSheet } from "./style-sheet.js";

const NOT_LOADED = { job: null, points: 0, ended: false, checkpoints: [], batch: null };

/** The lab's face for main.js. `elements`: {root, open}: its card and the header's button. */
export function createTrainLoader(ctx, { root, open }) {
  let lab = null;
  let loading = null;

  function load() {
    loading ??= Promise.all([
      import("./train-lab.js"),
      import("../views/train-lab.js"),
      import("../views/train-after.js"),
      styleSheet("css/train-lab.css"),
    ]).then(([flows, labView, afterView]) => {
      const view = labView.createTrainLab({ root, open });
      const after = afterView.createTrainAfter(view.afterHost);
      const flow = flows.createTrainLabFlow(ctx, view, after);
      view.bind({
        close: () => flow.close(),
        preset: (key) => flow.preset(key),
        start: () => flow.start(),
        cancel: () => flow.cancel(),
      });
      after.bind({
        checkpoint: (k) => flow.checkpoint(k),
        preview: (k) => flow.preview(k),
        batch: () => flow.batch(),
      });
      lab = flow;
      return flow;
    });
    return loading;
  }

  open.addEventListener("click", () => ctx.guarded(async () => (await load()).toggle()));

  return {
    /** The job a led class follows (this page's own), or undefined. */
    classJob: () => lab?.classJob(),
    /** A class state named training job `id` (or none): follow it. */
    follow(id) {
      if (id) ctx.guarded(async () => (await load()).follow(id));
    },
    /** The reader switched language: an open (or once opened) lab is worded again. Loading is
     * lazy: a lab never loaded has nothing on screen to word. */
    relabel: () => lab?.relabel(),
    /** For tests: the run as the page holds it. */
    snapshot: () => lab?.snapshot() ?? NOT_LOADED,
  };
}
