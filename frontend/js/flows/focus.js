// The focus flow: keeps the focus view on the current step, remembers which slice the student
// picked (until the step changes), lets the network overview navigate to a layer's first step,
// and turns what is drawn into downloadable figures.

import { figureName, savePng, saveSvg } from "../export.js";
import { defaultPick, focusPlan } from "../focus.js";
import * as S from "../state.js";

/**
 * app: {trace(), weights(), model(), stepTo(k), select(key, flat)} — read access to the app's
 * state and the two commands the focus view issues.
 */
export function createFocusFlow(v, app) {
  let pick = null;
  let pickedAt = null;

  function render() {
    const t = app.trace();
    const plan = focusPlan(t, app.weights());
    const at = plan && t.steps[t.cursor];
    if (at !== pickedAt || !plan) pick = null;
    pickedAt = at;
    // the stamp names what the view shows: a new trace or another step redraws, nothing else
    const stamp = plan ? `${t.records.length}:${at}:${t.result?.loss}` : "";
    v.focus.showFocus(plan, pick ?? (plan && defaultPick(t, plan.record)), stamp);
  }

  v.focus.bindPick((p) => {
    pick = p;
    render();
  });
  v.focus.bindCellSelect((key, flat) => app.select(key, flat));
  v.network.bindLayerSelect?.((layer) => {
    const k = firstStepOf(app.trace(), layer);
    if (k >= 0) app.stepTo(k);
  });
  let queued = false;
  window.addEventListener("resize", () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      render();
    });
  });
  v.focus.bindExport?.(({ format, scale }) => {
    const figures = v.focus.figures();
    if (!figures.length) return;
    const t = app.trace();
    const name = figureName(app.model(), t.cursor, S.currentRecord(t));
    if (format === "svg") saveSvg(figures, name);
    else savePng(figures, name, scale);
  });

  return { render };
}

/** The step that opens a layer of the overview: its first backward step (input: the last). */
export function firstStepOf(trace, layer) {
  return trace.steps.findIndex((i) => {
    const r = trace.records[i];
    return layer === "input" ? r.of?.startsWith("input.") : r.layer === layer;
  });
}
