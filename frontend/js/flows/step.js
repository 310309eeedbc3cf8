// Walking the trace: the step cursor, autoplay, the colour-scale mode, and the selected cell
// with its inspector. Also draws the trace's panels, since every other flow ends by showing it.

import { tiedWindows } from "../equations/pools.js";
import { explanation, formula } from "../equations.js";
import { t } from "../i18n.js";
import { inspectRecord, inspectWeight } from "../inspect.js";
import { stepMagnitude } from "../magnitude.js";
import { equationOf, layerSymbols, stepTitle, switchNote, tensorSymbols } from "../notation.js";
import * as P from "../panels.js";
import * as S from "../trace-store.js";

const PLAY_MS = 900;
const noTrace = () => ({
  k: 0,
  n: 0,
  title: t("steps.none"),
  label: "",
  formulaHtml: "",
  explanation: "",
});

export function createStepFlow(ctx) {
  const { app, v } = ctx;

  function stepView(r) {
    if (!r) return noTrace();
    return {
      k: app.trace.cursor,
      n: app.trace.steps.length,
      playing: Boolean(app.playing),
      title: stepTitle(r, app.trace.records).text,
      label: equationOf(r.equation)?.label ?? r.equation,
      size: stepMagnitude(r, app.trace),
      formulaHtml: formula(r.equation, layerSymbols(app.trace.records, r.layer)),
      explanation: [explanation(r.equation), poolNote(r)].join(" ").trim(),
    };
  }

  // on a max-pool routing step: what the switch marks are, and whether windows tied
  function poolNote(r) {
    if (r.equation !== "maxpool.dx") return "";
    const out = S.layerOutput(app.trace, r.layer);
    const windows = out.shape.reduce((n, k) => n * k, 1);
    return switchNote(r.layer, windows, tiedWindows({ records: app.trace.records }, r.layer));
  }

  function selectionRefs() {
    const ws = app.weightSelection;
    if (ws) return [{ ref: { weights: ws.name }, flats: [ws.flat], role: "self" }];
    const sel = app.trace.selection;
    if (!sel) return null;
    return inspectRecord(app.trace, ctx.weightsInUse(), sel.index, sel.flat).info.refs;
  }

  function showMarks() {
    const base = P.stepMarks(app.trace);
    const refs = selectionRefs();
    const marks = refs ? P.refMarks(app.trace, refs, base) : base;
    v.network.showMarks(marks);
    v.focus.showMarks(marks);
  }

  function moveTo(k) {
    app.trace = S.stepTo(app.trace, k);
    render();
  }

  function tick() {
    app.trace = S.next(app.trace);
    if (S.atEnd(app.trace)) stopPlay();
    render();
  }

  function stopPlay() {
    clearInterval(app.playing);
    app.playing = null;
  }

  /** Show the current step: panel states, outlines, title and formula; keep the URL current. */
  function render() {
    const t0 = performance.now();
    const r = S.currentRecord(app.trace);
    if (r) app.step = app.trace.cursor;
    v.network.showPanelStates(P.panelStates(app.trace));
    showMarks();
    v.controls.showStep(stepView(r));
    v.derivation.showCurrent(r ? equationOf(r.equation)?.id : null);
    ctx.flows.focus.render();
    if (r) v.network.scrollTo(P.recordKey(r));
    app.timings.stepMs = performance.now() - t0;
    ctx.shown();
  }

  return {
    render,

    /** Every panel of the trace and the weights in use, then the current step. */
    drawPanels() {
      for (const spec of P.panelSpecs(app.trace, ctx.weightsInUse(), app.scaleMode)) {
        v.network.showPanel(spec);
      }
      render();
    },

    /** Nothing traced: empty panels, no prediction (after a failed trace, say). */
    clearTrace() {
      stopPlay();
      app.trace = S.emptyTrace();
      app.weightSelection = null;
      v.network.showLayers(P.layerRows(app.architecture ?? []));
      v.probabilities.showResult(null);
      v.inspector.showInspector(null);
      v.diagnostics.clearGradcheck();
      this.drawPanels();
      ctx.flows.train.showState();
    },

    /** A forward tensor as it arrives, each on its own scale. */
    drawArriving(trace, r) {
      if (r.quantity === "switches") return;
      const symbols = tensorSymbols(trace.records);
      const [spec] = P.panelSpecs({ ...trace, records: [r], steps: [] }, null, "layer", symbols);
      v.network.showPanel(spec);
      if (trace.records.length === 1) v.drawpad.showSeen(r);
    },

    previous: () => app.trace.steps.length && moveTo(app.trace.cursor - 1),
    next: () => app.trace.steps.length && moveTo(app.trace.cursor + 1),
    scrub: (k) => app.trace.steps.length && moveTo(k),

    togglePlay() {
      if (app.playing) {
        stopPlay();
        return render();
      }
      if (!app.trace.steps.length) return;
      if (S.atEnd(app.trace)) app.trace = S.stepTo(app.trace, 0);
      app.playing = setInterval(tick, PLAY_MS);
      render();
    },

    stopPlay,

    setScaleMode(mode) {
      app.scaleMode = mode;
      this.drawPanels();
    },

    /** A cell of a panel was chosen: a trace record's or a parameter's. */
    selectCell(key, flat) {
      const index = app.trace.records.findIndex(
        (r) => r.quantity !== "switches" && P.recordKey(r) === key,
      );
      if (index < 0) return this.selectWeight(key.slice("fwd:".length), flat);
      app.weightSelection = null;
      app.trace = S.select(app.trace, index, flat);
      v.inspector.showInspector(inspectRecord(app.trace, ctx.weightsInUse(), index, flat).view);
      showMarks();
      ctx.shown(); // a class follows the selected cell too
    },

    selectWeight(name, flat) {
      const w = ctx.weightsInUse()?.[name];
      if (!w) return;
      app.trace = S.select(app.trace, null);
      app.weightSelection = { name, flat };
      const whose = app.student
        ? t("steps.your_weights")
        : t("steps.shipped_weights", { model: app.model });
      v.inspector.showInspector(inspectWeight(name, w, flat, whose));
      showMarks();
    },

    closeInspector() {
      app.trace = S.select(app.trace, null);
      app.weightSelection = null;
      v.inspector.showInspector(null);
      showMarks();
      ctx.shown();
    },
  };
}
