// Wiring only: find the page's elements, make the views and the flows, and hand each view
// event to the flow method that handles it.

import { createAppState, fromHash } from "./app-state.js";
import { createArchLoader } from "./flows/arch-loader.js";
import { createClassLoader } from "./flows/class-loader.js";
import { createClassifyFlow } from "./flows/classify.js";
import { createContext } from "./flows/context.js";
import { createFocusFlow } from "./flows/focus.js";
import { createInputLabLoader } from "./flows/input-lab-loader.js";
import { createLanguageFlow, openLanguage } from "./flows/language.js";
import { createLessonLoader } from "./flows/lesson-loader.js";
import { createLinkFlow } from "./flows/link.js";
import { createPresentLoader } from "./flows/present-loader.js";
import { createStepFlow } from "./flows/step.js";
import { createTrainFlow } from "./flows/train.js";
import { createTrainLoader } from "./flows/train-loader.js";
import { currentRecord } from "./trace-store.js";
import { createControls } from "./views/controls.js";
import { createDerivation } from "./views/derivation.js";
import { createDiagnostics } from "./views/diagnostics.js";
import { createDrawpad } from "./views/drawpad.js";
import { createFocusView } from "./views/focus-view.js";
import { createInspector } from "./views/inspector.js";
import { createNetworkView } from "./views/layer-view.js";
import { createProbabilities } from "./views/probabilities.js";
import { createToolbar } from "./views/toolbar.js";
import { createTraining } from "./views/training.js";

const $ = (id) => document.getElementById(id);

// the reader's language (the link's, else the browser's) before any view words itself
await openLanguage($("language"), fromHash(location.hash).lang);

const views = {
  drawpad: createDrawpad({
    pad: $("pad"),
    clear: $("clear"),
    classify: $("classify"),
    sampleDigit: $("sample-digit"),
    sample: $("sample"),
    seen: $("seen"),
  }),
  probabilities: createProbabilities({
    prediction: $("prediction"),
    chart: $("probabilities"),
    labels: $("labels"),
    loss: $("loss"),
    note: $("target-note"),
    question: $("target"),
  }),
  controls: createControls({
    prev: $("step-prev"),
    next: $("step-next"),
    play: $("step-play"),
    scrubber: $("step-scrubber"),
    title: $("step-title"),
    label: $("step-equation"),
    magnitude: $("step-magnitude"),
    formula: $("step-formula"),
    words: $("step-words"),
    counter: $("step-counter"),
  }),
  network: createNetworkView($("network")),
  focus: createFocusView($("focus")),
  derivation: createDerivation($("derivation")),
  inspector: createInspector({
    root: $("inspector"),
    body: $("inspector-body"),
    close: $("inspector-close"),
  }),
  training: createTraining({
    rate: $("learning-rate"),
    apply: $("sgd-apply"),
    undo: $("sgd-undo"),
    reset: $("sgd-reset"),
    summary: $("sgd-summary"),
    samples: $("sgd-samples"),
    norms: $("sgd-norms"),
  }),
  diagnostics: createDiagnostics({
    chart: $("grad-sizes"),
    run: $("gradcheck"),
    results: $("gradcheck-results"),
  }),
  toolbar: createToolbar({
    model: $("model-select"),
    scale: $("shared-scale"),
    share: $("share-link"),
    download: $("download"),
    status: $("status"),
  }),
};

const app = createAppState();
const ctx = createContext(app, views);
const flows = ctx.flows;
flows.classify = createClassifyFlow(ctx);
flows.step = createStepFlow(ctx);
flows.train = createTrainFlow(ctx);
flows.link = createLinkFlow(ctx);
flows.focus = createFocusFlow(ctx);
flows.present = createPresentLoader(ctx, {
  toggle: $("present-toggle"),
  bar: $("present-toggle").parentElement,
});
flows.language = createLanguageFlow(ctx, {
  menu: $("language"),
  // the derivation panel words itself once, when made: a new language makes it again
  rebuild: () => {
    views.derivation = createDerivation($("derivation"));
  },
});
flows.lesson = createLessonLoader(ctx, { root: $("lesson"), start: $("lesson-start") });
flows.arch = createArchLoader(ctx, { root: $("arch"), open: $("arch-open") });
$("arch-open").addEventListener("click", () => flows.arch.toggle());
flows.inputLab = createInputLabLoader(ctx, {
  root: $("input-lab"),
  open: $("ig-open"),
  heading: $("ig-heading"),
  hint: $("ig-hint"),
});
flows.trainLab = createTrainLoader(ctx, { root: $("train-lab"), open: $("train-open") });
flows.class = createClassLoader(ctx, {
  root: $("class"),
  start: $("class-start"),
  joinForm: $("class-join-form"),
  joinInput: $("class-join"),
});

views.drawpad.bind({
  clear: () => flows.classify.clear(),
  classify: () => flows.classify.classify(),
  draw: () => flows.classify.draw(),
  sample: (digit) => flows.classify.pickSample(digit),
});
views.probabilities.bindTarget((k) => flows.classify.chooseTarget(k));
views.controls.bind({
  previous: () => flows.step.previous(),
  next: () => flows.step.next(),
  togglePlay: () => flows.step.togglePlay(),
  scrub: (k) => flows.step.scrub(k),
});
views.network.bindCellSelect((key, flat) => flows.step.selectCell(key, flat));
views.network.bindLayerSelect((layer) => flows.focus.goToLayer(layer));
views.focus.bind({
  pick: (p) => flows.focus.pick(p),
  cell: (key, flat) => flows.step.selectCell(key, flat),
  export: (what) => flows.focus.exportFigure(what),
  resize: () => flows.focus.render(),
});
views.inspector.bindClose(() => flows.step.closeInspector());
views.training.bind({
  apply: (rate) => flows.train.apply(rate),
  undo: () => flows.train.undo(),
  reset: () => flows.train.reset(),
});
views.diagnostics.bindGradcheck(() => flows.train.gradcheck());
views.toolbar.bind({
  model: (name) => flows.train.chooseModel(name),
  scale: (mode) => flows.step.setScaleMode(mode),
  share: () => flows.link.share(),
  download: () => flows.link.download(),
});

/** Read-only hooks for tests and the curious: the trace, its current step, timings. */
window.convtrace = {
  trace: () => app.trace,
  current: () => currentRecord(app.trace),
  timings: () => ({ ...app.timings }),
  traces: () => app.traces,
  model: () => app.model,
  network: () => app.network,
  weights: () => app.student ?? app.shipped,
  lesson: () => flows.lesson.current(),
  /** The training lab's run: job, steps, loss points, checkpoints, accuracy. */
  training: () => flows.trainLab.snapshot(),
  /** The class this page leads or follows: {code, role, following}, no token. */
  classSession: () => ({ code: app.classCode, role: app.classRole, following: app.following }),
  classQuestion: () => flows.class.question(),
  /** The SGD answer whose weights are in use, without the weights themselves. */
  lastStep: () =>
    app.lastStep &&
    Object.fromEntries(Object.entries(app.lastStep).filter(([key]) => key !== "weights")),
};

flows.step.render();
const classLink = fromHash(location.hash).classCode;
// a mode the address asks for is on before the link's trace (an embed never shows the header)
flows.present
  .open()
  .then(() => flows.link.open())
  .then(() => {
    flows.lesson.openLink();
    flows.class.openLink(classLink);
  });
