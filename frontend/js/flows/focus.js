// The focus flow: keeps the focus view on the current step, remembers which slice the student
// picked (until the step changes), lets the network overview navigate to a layer's first step,
// and turns what is drawn into downloadable figures.

import { defaultPick, focusPlan } from "../focus.js";
import * as S from "../trace-store.js";

/** The step that opens a layer of the overview: its first backward step (input: the last). */
export function firstStepOf(trace, layer) {
  return trace.steps.findIndex((i) => {
    const r = trace.records[i];
    return layer === "input" ? r.of?.startsWith("input.") : r.layer === layer;
  });
}

export function createFocusFlow(ctx) {
  const { app, v } = ctx;

  return {
    /** Show the current step; the view repaints only when the step, pick or size changed. */
    render() {
      const t = app.trace;
      const plan = focusPlan(t, ctx.weightsInUse());
      const at = plan ? t.steps[t.cursor] : -1;
      if (at !== app.focusStep) app.focusPick = null;
      app.focusStep = at;
      // the stamp names what is shown: a new trace or another step redraws, nothing else does
      const stamp = plan ? `${app.traces}:${at}:${app.scaleMode}` : "";
      v.focus.showFocus(plan, app.focusPick ?? (plan && defaultPick(t, plan.record)), stamp);
    },

    /** The student chose another map / filter / class in an overview. */
    pick(p) {
      app.focusPick = p;
      this.render();
    },

    goToLayer(layer) {
      const k = firstStepOf(app.trace, layer);
      if (k < 0) return;
      ctx.flows.step.scrub(k);
      v.focus.reveal();
    },

    exportFigure({ format, scale, panel = -1 }) {
      const all = v.focus.figures();
      const figures = panel >= 0 ? all.slice(panel, panel + 1) : all;
      if (!figures.length) return;
      const net = app.network ? `network-${app.network.slice(0, 8)}` : app.model;
      const record = S.currentRecord(app.trace);
      const cursor = app.trace.cursor;
      // the exporter (about 7 KB) loads on the first export: most visits never save a figure
      return ctx.guarded(async () => {
        const { figureName, savePng, saveSvg } = await import("../export.js");
        const name = figureName(net, cursor, record);
        if (format === "svg") saveSvg(figures, name);
        else savePng(figures, name, scale);
      });
    },
  };
}
