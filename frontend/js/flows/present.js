// Presentation and embed modes, both in the app state and so in the URL:
//   #…&present  full screen, large type, only the focus view and the step controls, stepped by a
//               presenter's clicker; the button or Esc (leaving full screen) ends it
//   #…&embed or ?embed=1  for an LMS page or a slide: no page header, a link to the full app
// Loaded on first use (flows/present-loader.js): the first press of Present, or an address that
// asks for a mode.

import { fromHash, toHash } from "../app-state.js";
import { queryFlag } from "./present-loader.js";

export function createPresentFlow(ctx) {
  const { app, v } = ctx;
  let fullscreen = false;

  function show() {
    v.presenter.showMode({ present: app.present, embed: app.embed });
    ctx.flows.focus.render();
  }

  // the URL carries the modes even before there is a trace to link to (ctx.shown also tells a
  // led class that the view is now desk or present)
  function writeUrl() {
    if (app.trace.result) ctx.shown();
    else
      history.replaceState(
        null,
        "",
        app.present || app.embed ? toHash(app) : location.pathname + location.search,
      );
  }

  return {
    /** Start-up: the modes the address asks for. */
    open() {
      const wanted = fromHash(location.hash);
      app.present = Boolean(wanted.present) || queryFlag(location.search, "present");
      app.embed = Boolean(wanted.embed) || queryFlag(location.search, "embed");
      show();
    },

    async toggle() {
      app.present = !app.present;
      show();
      writeUrl();
      if (app.present) fullscreen = await v.presenter.enterFullscreen();
      else if (fullscreen) {
        fullscreen = false;
        v.presenter.exitFullscreen();
      }
    },

    /** Esc left full screen: the presentation ends with it. */
    fullscreenLeft() {
      if (!fullscreen) return;
      fullscreen = false;
      if (app.present) this.toggle();
    },

    /** This page at its current digit and step, without the embed flag. */
    fullUrl() {
      const url = new URL(location.href);
      url.searchParams.delete("embed");
      url.hash = toHash({ ...app, embed: false, present: false });
      return app.trace.result ? url.href : url.href.split("#")[0];
    },
  };
}
