// The flow: view events -> state changes -> view calls. Owns the trace, the weights in use,
// the student's own weights and the undo stack. Views never talk to each other or the API.

import * as api from "./api.js";
import { encodeWeights, nest } from "./codec.js";
import { explanation, formula, stepName } from "./equations.js";
import { createFocusFlow } from "./flows/focus.js";
import { createPresentFlow, keepFlags } from "./flows/present.js";
import { fmt, quantityText } from "./format.js";
import { inspectRecord, inspectWeight } from "./inspect.js";
import { decodeHash, encodeHash } from "./link.js";
import * as P from "./panels.js";
import * as S from "./state.js";

const PLAY_MS = 900;

export function createController(v, { presentToggle }) {
  const app = {
    models: [],
    model: null,
    architecture: null,
    shipped: null,
    student: null,
    undo: [],
    input: null,
    label: null,
    trace: S.emptyTrace(),
    mode: "layer",
    playing: null,
    sizes: {},
    abort: null,
    pendingStep: 0,
    timings: {},
    busy: false,
    traces: 0,
  };

  const weightsInUse = () => app.student ?? app.shipped;
  const focus = createFocusFlow(v, {
    trace: () => app.trace,
    weights: weightsInUse,
    model: () => app.model,
    stepTo: (k) => step({ to: k }),
    select: (key, flat) => select(key, flat),
  });
  createPresentFlow(
    { toggle: presentToggle, bar: presentToggle.parentElement },
    { step: (by) => step({ by }), resized: () => focus.render() },
  );
  const imageBody = () => ({ image: nest(app.input, 28, 28) });
  const modelBody = () =>
    app.student ? { weights: encodeWeights(app.student), model: app.model } : { model: app.model };

  function status(kind, text) {
    v.toolbar.showStatus({ kind, text });
  }

  function fail(err) {
    if (err.name === "AbortError") return;
    status("error", err.message);
  }

  // ---- drawing the trace ----
  function drawPanels() {
    for (const spec of P.panelSpecs(app.trace, weightsInUse(), app.mode)) v.network.showPanel(spec);
    renderStep();
  }

  function renderStep() {
    const t0 = performance.now();
    const t = app.trace;
    const r = S.currentRecord(t);
    v.network.showPanelStates(P.panelStates(t));
    renderMarks();
    v.controls.showStep(
      r
        ? {
            k: t.cursor,
            n: t.steps.length,
            playing: Boolean(app.playing),
            title: `${r.layer} · ${quantityText(r.quantity)} — ${stepName(r)}`,
            formulaHtml: formula(r.equation),
            explanation: explanation(r.equation),
          }
        : {
            k: 0,
            n: 0,
            title: "Draw a digit or pick a sample, then Classify.",
            formulaHtml: "",
            explanation: "",
          },
    );
    focus.render();
    if (r) v.network.scrollTo(P.recordKey(r));
    app.timings.stepMs = performance.now() - t0;
    writeHash();
  }

  function renderMarks() {
    const base = P.stepMarks(app.trace);
    const sel = app.trace.selection;
    const info = sel && selectionInfo(sel);
    v.network.showMarks(info?.refs ? P.refMarks(app.trace, info.refs, base) : base);
  }

  // ---- classify: stream a trace ----
  async function classify(source) {
    app.abort?.abort();
    const abort = new AbortController();
    app.abort = abort;
    stopPlay();
    const body = { ...source, label: app.label, ...modelBody() };
    const t0 = performance.now();
    status("busy", "Running the network…");
    let trace = S.emptyTrace();
    let forwardDone = false;
    try {
      v.inspector.showInspector(null);
      for await (const item of api.streamTrace(body, abort.signal)) {
        if (item.type === "result") {
          trace = S.finish(trace, item.result, app.pendingStep);
          break;
        }
        const r = item.record;
        trace = S.addRecord(trace, r);
        if (r.phase === "forward") drawArriving(trace, r);
        else if (!forwardDone) {
          forwardDone = true;
          app.timings.classifyToForwardMs = performance.now() - t0;
        }
      }
    } catch (err) {
      if (app.abort === abort) {
        fail(err);
        if (err.name !== "AbortError") v.probabilities.showResult(null);
      }
      return;
    }
    if (app.abort !== abort) return;
    app.pendingStep = 0;
    app.trace = trace;
    app.traces += 1;
    app.input = trace.records[0].values;
    app.sizes = { [app.model]: S.gradientSizes(trace), ...withoutKey(app.sizes, app.model) };
    app.timings.traceMs = performance.now() - t0;
    v.probabilities.showResult(trace.result);
    v.drawpad.showSeen(trace.records[0]);
    drawPanels();
    v.diagnostics.showGradientSizes(app.sizes);
    showTraining();
    const whose = app.student
      ? ` · your weights (${app.undo.length} SGD step${app.undo.length === 1 ? "" : "s"})`
      : "";
    status(
      "idle",
      `Predicted ${trace.result.prediction} · target ${trace.result.label} · ` +
        `loss ${fmt(trace.result.loss)}${whose} · ${trace.steps.length} steps: use → or Next to step backward.`,
    );
  }

  function withoutKey(obj, key) {
    const { [key]: _, ...rest } = obj;
    return rest;
  }

  // forward tensors appear as they arrive, each on its own scale
  function drawArriving(trace, r) {
    if (r.quantity === "switches") return;
    const specs = P.panelSpecs({ ...trace, records: [r], steps: [] }, null, "layer");
    v.network.showPanel(specs[0]);
    if (trace.records.length === 1) v.drawpad.showSeen(r);
  }

  function classifyCurrent() {
    if (app.input) return classify(imageBody());
    return null;
  }

  // ---- selection / inspector ----
  function selectionInfo({ index, flat, weights }) {
    if (weights) return { refs: [{ ref: { weights }, flats: [flat], role: "self" }] };
    return inspectRecord(app.trace, weightsInUse(), index, flat).info;
  }

  function select(key, flat) {
    const index = app.trace.records.findIndex(
      (r) => r.quantity !== "switches" && P.recordKey(r) === key,
    );
    if (index < 0) return selectWeight(key.slice(4), flat);
    app.trace = S.select(app.trace, index, flat);
    v.inspector.showInspector(inspectRecord(app.trace, weightsInUse(), index, flat).view);
    renderMarks();
  }

  function selectWeight(name, flat) {
    const w = weightsInUse()?.[name];
    if (!w) return;
    app.trace = { ...app.trace, selection: { weights: name, flat } };
    const whose = app.student
      ? "Your weights, after your SGD steps."
      : `The shipped weights of ${app.model}.`;
    v.inspector.showInspector(inspectWeight(name, w, flat, whose));
    renderMarks();
  }

  // ---- stepping ----
  function step({ by, to, play }) {
    if (play) return play === "toggle" && (app.playing ? stopPlay() : startPlay());
    if (!app.trace.steps.length) return;
    app.trace = to != null ? S.stepTo(app.trace, to) : S.stepTo(app.trace, app.trace.cursor + by);
    renderStep();
  }

  function startPlay() {
    if (!app.trace.steps.length) return;
    if (S.atEnd(app.trace)) app.trace = S.stepTo(app.trace, 0);
    app.playing = setInterval(() => {
      app.trace = S.next(app.trace);
      if (S.atEnd(app.trace)) stopPlay();
      renderStep();
    }, PLAY_MS);
    renderStep();
  }

  function stopPlay() {
    clearInterval(app.playing);
    app.playing = null;
    if (app.trace.steps.length) renderStep();
  }

  // ---- models, weights, training ----
  async function loadModel(name) {
    const model = await api.fetchModel(name);
    const info = app.models.find((m) => m.name === name) ?? model;
    app.model = name;
    app.architecture = info.architecture ?? model.architecture;
    app.shipped = model.weights;
    app.student = null;
    app.undo = [];
    v.network.showLayers(P.layerRows(app.architecture));
    v.toolbar.showModel(name);
    v.training.showStepResult(null);
    app.trace = S.emptyTrace();
    drawPanels();
    showTraining();
  }

  function showTraining() {
    v.training.showTrainingState({
      canUndo: app.undo.length > 0,
      custom: Boolean(app.student),
      busy: app.busy,
      ready: Boolean(app.trace.result),
    });
  }

  async function train({ action, learningRate }) {
    if (action === "undo") app.student = app.undo.pop() ?? null;
    if (action === "reset") {
      app.student = null;
      app.undo = [];
      v.training.showStepResult(null);
    }
    if (action === "apply") {
      if (!app.trace.result) return;
      app.busy = true;
      showTraining();
      try {
        const answer = await api.sgdStep({
          ...imageBody(),
          label: app.trace.result.label,
          ...modelBody(),
          learning_rate: learningRate,
        });
        app.undo.push(app.student);
        app.student = answer.weights;
        app.label = answer.label;
        v.training.showStepResult(answer);
      } catch (err) {
        fail(err);
      } finally {
        app.busy = false;
      }
    }
    showTraining();
    app.pendingStep = app.trace.cursor;
    await classifyCurrent();
  }

  async function gradcheck() {
    if (!app.input)
      return status("error", "Classify a digit first: the check runs on the current digit.");
    v.diagnostics.showGradcheck({ busy: true });
    try {
      const answer = await api.gradcheck({
        ...imageBody(),
        label: app.trace.result?.label ?? null,
        ...modelBody(),
      });
      v.diagnostics.showGradcheck(answer);
    } catch (err) {
      v.diagnostics.showGradcheck({ error: err.message });
    }
  }

  // ---- URL hash: model, image, label, step (kept current, so the address bar is the link) ----
  function writeHash() {
    if (!app.input || !app.trace.result) return;
    const hash = encodeHash({
      model: app.model,
      input: app.input,
      label: app.label,
      step: app.trace.cursor,
    });
    const flagged = keepFlags(hash, location.hash);
    if (flagged !== location.hash) history.replaceState(null, "", flagged);
  }

  // ---- wiring of view events ----
  async function start() {
    v.drawpad.bindClear(() => {
      v.drawpad.clearPad();
      app.input = null;
    });
    v.drawpad.bindClassify(() =>
      classify(v.drawpad.isBlank() && app.input ? imageBody() : { drawing: v.drawpad.drawing() }),
    );
    v.drawpad.bindDraw(() => {
      app.input = null;
    });
    v.drawpad.bindSample(pickSample);
    v.probabilities.bindLabel((k) => {
      app.label = k;
      app.pendingStep = app.trace.cursor;
      classifyCurrent() ?? status("error", "Classify a digit first.");
    });
    v.controls.bindStep(step);
    v.network.bindCellSelect(select);
    v.inspector.bindClose(() => {
      app.trace = S.select(app.trace, null);
      v.inspector.showInspector(null);
      renderMarks();
    });
    v.training.bindTraining(train);
    v.diagnostics.bindGradcheck(gradcheck);
    v.toolbar.bindToolbar({
      model: async (name) => {
        await guarded(() => loadModel(name));
        await classifyCurrent();
      },
      scale: (mode) => {
        app.mode = mode;
        drawPanels();
      },
      share: shareLink,
      download: () =>
        app.trace.result &&
        v.toolbar.saveFile(
          `convtrace-${app.model}-label${app.trace.result.label}.json`,
          JSON.stringify(
            S.toPlain(app.trace, { model: app.model, custom_weights: Boolean(app.student) }),
          ),
        ),
    });
    renderStep();
    await guarded(async () => {
      status("busy", "Loading models…");
      const list = await api.fetchModels();
      app.models = list.models;
      const wanted = decodeHash(location.hash);
      const name = app.models.some((m) => m.name === wanted.model) ? wanted.model : list.default;
      v.toolbar.showModels(app.models, name);
      await loadModel(name);
      status("idle", "Draw a digit (or pick a sample) and press Classify.");
      if (wanted.image) {
        app.input = wanted.image;
        app.label = wanted.label;
        app.pendingStep = wanted.step;
        v.drawpad.showImage(wanted.image);
        await classifyCurrent();
      }
    });
  }

  async function guarded(fn) {
    try {
      await fn();
    } catch (err) {
      fail(err);
    }
  }

  async function pickSample(digit) {
    await guarded(async () => {
      const { samples } = await api.fetchSamples(digit, 10);
      if (!samples.length) throw new Error(`no sample of digit ${digit}`);
      app.sampleTurn = ((app.sampleTurn ?? -1) + 1) % samples.length;
      const sample = samples[app.sampleTurn];
      app.input = Float32Array.from(sample.image.flat());
      app.label = null;
      v.drawpad.showImage(app.input);
      await classifyCurrent();
    });
  }

  async function shareLink() {
    if (!app.trace.result)
      return status(
        "error",
        "Classify a digit first: the link holds the digit, label, model and step.",
      );
    writeHash();
    const copied = await v.toolbar.offerLink(location.href);
    status(
      "info",
      `${copied ? "Link copied" : "Link (copy it from the address bar)"}: it reopens this digit, label, model and step${app.student ? " (with the shipped weights, not your trained ones)" : ""}.`,
    );
  }

  return {
    start,
    /** Read-only hooks for tests and the curious: the current step's record and timings. */
    debug: {
      trace: () => app.trace,
      current: () => S.currentRecord(app.trace),
      timings: () => ({ ...app.timings }),
      traces: () => app.traces,
      model: () => app.model,
    },
  };
}
