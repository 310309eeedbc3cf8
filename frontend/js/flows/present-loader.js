// Presentation and embed modes load on first use: most visits never present, so the page does
// not carry the present flow, its view and present.css (about 7 KB) until someone presses
// Present or opens an address that asks for a mode (#…&present, #…&embed, ?embed=1). The
// clicker's keys (PageDown/PageUp step in any mode) are always on.

import { fromHash } from "../app-state.js";
import { bindClicker } from "../views/clicker.js";
import { styleSheet } from "./style-sheet.js";

/** True when the query string asks for `name` (?embed, ?embed=1, ?embed=true). */
export function queryFlag(search, name) {
  const q = new URLSearchParams(search);
  return q.has(name) && ["", "1", "true"].includes(q.get(name));
}

/** The present flow's face for main.js. `elements`: {toggle, bar} (see views/presenter.js). */
export function createPresentLoader(ctx, elements) {
  let loading = null;

  function load() {
    loading ??= Promise.all([
      import("./present.js"),
      import("../views/presenter.js"),
      styleSheet("css/present.css"),
    ]).then(([flows, views]) => {
      ctx.v.presenter = views.createPresenter(elements);
      const flow = flows.createPresentFlow(ctx);
      ctx.v.presenter.bind({
        fullscreenLeft: () => flow.fullscreenLeft(),
        fullUrl: () => flow.fullUrl(),
      });
      return flow;
    });
    return loading;
  }

  bindClicker((by) => (by > 0 ? ctx.flows.step.next() : ctx.flows.step.previous()));
  elements.toggle.addEventListener("click", () => {
    elements.toggle.blur(); // so a clicker's space steps instead of pressing this button again
    ctx.guarded(async () => (await load()).toggle());
  });

  return {
    /** Start-up: the modes the address asks for (resolves at once when it asks for none). */
    async open() {
      const wanted = fromHash(location.hash);
      const asked = ["present", "embed"].some((m) => wanted[m] || queryFlag(location.search, m));
      if (asked) await ctx.guarded(async () => (await load()).open());
    },
  };
}
