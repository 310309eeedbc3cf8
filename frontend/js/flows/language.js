// The language menu: switch the page to another language without losing what is on screen.
// The static text, and every text a view marked with page-text.js `words`, is written again by
// applyLanguage; here every view that words its own text (the step, the prediction, the
// derivation, the lesson, the class card, an open lab's figures and lists) is shown again.

import { toHash } from "../app-state.js";
import { language } from "../i18n.js";
import { applyLanguage, fillLanguageMenu, preferredLanguage } from "../language.js";

/** `menu`: the <select>; `rebuild()`: main.js makes the views that word themselves once. */
export function createLanguageFlow(ctx, { menu, rebuild }) {
  const { app, v } = ctx;

  function relabel() {
    rebuild();
    v.focus.relabel();
    v.network.relabel();
    if (app.trace.result) {
      v.probabilities.showResult(app.trace.result, app.label != null);
      v.drawpad.showSeen(app.trace.records[0]);
      v.diagnostics.showGradientSizes(app.sizes);
    } else v.drawpad.relabelSeen();
    ctx.flows.step.drawPanels(); // the weights' panels are shown before any trace too
    if (app.network) v.toolbar.showModel("", ctx.flows.arch.ownLabel());
    ctx.flows.lesson.relabel();
    ctx.flows.class.relabel();
    // the labs word their own figures and lists again (their marked texts are already: fillPage)
    for (const lab of [ctx.flows.arch, ctx.flows.trainLab, ctx.flows.inputLab]) lab?.relabel?.();
    ctx.status("idle", "");
  }

  app.lang = language();
  menu.addEventListener("change", () => ctx.guarded(() => flow.choose(menu.value)));
  const flow = {
    /** The reader picked a language in the menu. */
    async choose(code) {
      app.lang = await applyLanguage(preferredLanguage(code));
      menu.value = app.lang;
      relabel();
      // the address carries the choice, so a reload or a shared link keeps it; a following
      // student's address stays the join link (a reload joins again, tracing nothing itself)
      const following = app.classRole === "student" && app.following;
      const hash = following ? `#class=${app.classCode}&lang=${app.lang}` : toHash(app);
      if (hash !== location.hash) history.replaceState(null, "", hash);
    },
  };
  return flow;
}

/** Start-up, before any view words itself: the link's language, else the browser's. */
export async function openLanguage(menu, wanted) {
  const code = await applyLanguage(preferredLanguage(wanted));
  fillLanguageMenu(menu, code);
  return code;
}
