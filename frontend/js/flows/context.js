// What every flow shares: the app state, the views, the other flows (filled in by main.js, so a
// flow can hand on to another without importing it) and the request bodies built from the state.

import { networkChoice } from "../app-state.js";
import { nest } from "../codec.js";

export function createContext(app, views) {
  const ctx = {
    app,
    v: views,
    flows: {},
    weightsInUse: () => app.student ?? app.shipped,
    imageBody: () => ({ image: nest(app.input, 28, 28) }),
    modelBody: () => networkChoice(app),
    /** The view changed (a step, a trace, a model): keep the URL and a led class current. */
    shown() {
      ctx.flows.class?.changed();
      // a following student's address stays the join link: a reload joins again, tracing nothing
      if (app.classRole !== "student" || !app.following) ctx.flows.link.writeUrl();
    },
    status: (kind, text) => views.toolbar.showStatus({ kind, text }),
    /** Told by the API module before it waits to send a request again. */
    retrying: (text) => views.toolbar.showStatus({ kind: "busy", text }),
    /** Show a failed request's reason (an aborted request is not a failure). */
    fail(err) {
      if (err.name !== "AbortError") ctx.status("error", err.message);
    },
    /** Run `fn`, showing its error instead of throwing it. */
    async guarded(fn) {
      try {
        return await fn();
      } catch (err) {
        ctx.fail(err);
        return null;
      }
    },
  };
  return ctx;
}
