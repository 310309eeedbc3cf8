// Wiring only: find the page's elements, make the views, hand them to the controller.

import { createController } from "./controller.js";
import { createControls } from "./views/controls.js";
import { createDiagnostics } from "./views/diagnostics.js";
import { createDrawpad } from "./views/drawpad.js";
import { createFocusView } from "./views/focus-view.js";
import { createInspector } from "./views/inspector.js";
import { createNetworkView } from "./views/layer-view.js";
import { createProbabilities } from "./views/probabilities.js";
import { createToolbar } from "./views/toolbar.js";
import { createTraining } from "./views/training.js";

const $ = (id) => document.getElementById(id);

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
  }),
  controls: createControls({
    prev: $("step-prev"),
    next: $("step-next"),
    play: $("step-play"),
    scrubber: $("step-scrubber"),
    title: $("step-title"),
    formula: $("step-formula"),
    words: $("step-words"),
    counter: $("step-counter"),
  }),
  network: createNetworkView($("network")),
  focus: createFocusView($("focus")),
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

const controller = createController(views, { presentToggle: $("present-toggle") });
window.convtrace = controller.debug;
controller.start();
