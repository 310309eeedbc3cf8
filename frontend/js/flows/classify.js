// Classify: the drawing pad, samples and the target label, each leading to a streamed trace.

import * as api from "../api.js";
import { quantise } from "../codec.js";
import { prose } from "../format.js";
import { has, t } from "../i18n.js";
import * as S from "../trace-store.js";

// the server's reason: a sentence of the catalogue for its code stands alone; a bare message is
// introduced as the reason there is no trace
const failureText = (err) =>
  err.code && has(`error.${err.code}`)
    ? err.message
    : t("classify.no_trace", { reason: err.message });

export function createClassifyFlow(ctx) {
  const { app, v } = ctx;

  // what belongs to the trace on screen stops: autoplay, the inspector, a weight's selection
  function leaveShown() {
    ctx.flows.step.stopPlay();
    v.inspector.showInspector(null);
    app.weightSelection = null;
  }

  // Stream a trace for `source` ({image} or {drawing}); a newer request cancels this one.
  async function run(source) {
    app.request?.abort();
    const request = new AbortController();
    app.request = request;
    const t0 = performance.now();
    ctx.status("busy", t("classify.running"));
    leaveShown();
    let trace;
    try {
      trace = await receive({ ...source, label: app.label, ...ctx.modelBody() }, request, t0);
      // inside the try: a trace the page cannot draw (e.g. an equation it does not know) is
      // reported in the status like a failed request, not left half drawn
      if (app.request === request) show(trace, t0);
    } catch (err) {
      if (app.request === request && err.name !== "AbortError") {
        ctx.flows.step.clearTrace(); // what is on screen no longer matches the request
        ctx.status("error", failureText(err));
      }
    }
  }

  async function receive(body, request, t0) {
    let trace = S.emptyTrace();
    let forwardDone = false;
    for await (const item of api.streamTrace(body, request.signal, ctx.retrying)) {
      if (item.type === "result") return S.finish(trace, item.result, app.step);
      const r = item.record;
      trace = S.addRecord(trace, r);
      if (r.phase === "forward") ctx.flows.step.drawArriving(trace, r);
      else if (!forwardDone) {
        forwardDone = true;
        app.timings.classifyToForwardMs = performance.now() - t0;
      }
    }
    throw new Error(t("error.trace_cut"));
  }

  function show(trace, t0) {
    app.trace = trace;
    app.traces += 1;
    app.input = trace.records[0].values;
    const name = ctx.flows.arch.networkName();
    const { [name]: _, ...others } = app.sizes;
    // this network beside the one traced before it (the chart has a colour for two)
    const [earlier] = Object.entries(others);
    app.sizes = { [name]: S.gradientSizes(trace), ...Object.fromEntries(earlier ? [earlier] : []) };
    app.timings.traceMs = performance.now() - t0;
    v.probabilities.showResult(trace.result, app.label != null);
    if (app.label == null) v.probabilities.ask(); // a new digit: which one did the student mean?
    v.drawpad.showSeen(trace.records[0]);
    ctx.flows.step.drawPanels();
    v.diagnostics.showGradientSizes(app.sizes);
    ctx.flows.train.showState();
    ctx.flows.lesson.traceChanged();
    const whose = app.student ? t("classify.your_weights", { count: app.undo.length }) : "";
    const { prediction, label, loss } = trace.result;
    const steps = trace.steps.length;
    ctx.status(
      "idle",
      t("classify.done", { prediction, label, loss: prose(loss), whose, steps }) +
        ctx.flows.arch.traceNote(),
    );
  }

  return {
    /** A trace computed elsewhere (the class's, from the server's cache): shown as if traced here. */
    showTrace(trace) {
      app.request?.abort();
      app.request = null;
      leaveShown();
      show(trace, performance.now());
    },

    /** Trace the current input again (new label, new weights, other model), keeping the step. */
    rerun() {
      return app.input ? run(ctx.imageBody()) : null;
    },

    /** Classify button: the input on screen (a sample, a link) or else the fresh drawing. */
    classify() {
      if (app.input) return run(ctx.imageBody());
      if (v.drawpad.isBlank()) return ctx.status("error", t("classify.draw_first"));
      app.step = 0;
      app.label = null; // a new digit: the target is its prediction until the student chooses
      return run({ drawing: v.drawpad.drawing() });
    },

    clear() {
      v.drawpad.clearPad();
      app.input = null;
    },

    /** New ink: the shown input no longer matches the pad. */
    draw() {
      app.input = null;
    },

    async pickSample(digit) {
      await ctx.guarded(async () => {
        const { samples } = await api.fetchSamples(digit, 10);
        if (!samples.length) throw new Error(t("classify.no_sample", { digit }));
        app.sampleTurn = (app.sampleTurn + 1) % samples.length;
        app.input = quantise(samples[app.sampleTurn].image.flat());
        app.label = null;
        app.step = 0;
        v.drawpad.showImage(app.input);
        await run(ctx.imageBody());
      });
    },

    chooseTarget(k) {
      app.label = k;
      if (!this.rerun()) ctx.status("error", t("classify.classify_first"));
    },
  };
}
