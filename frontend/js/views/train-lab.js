// The training lab's card: the settings form (network, preset, optimizer, learning rate, batch
// size, epochs, training digits), Train and Cancel, the job's status, and the live figures
// (loss and accuracy, gradient norms per layer, update/weight ratios, conv1's filters). The
// checkpoint scrubber and the opened batch are views/train-after.js. Plain data in, events out.
// Its fixed words are marked (page-text.js words), so a change of language writes them again;
// what it draws from data (plots, legends, readouts) the flow draws again (its relabel).

import { makeScale } from "../colormap.js";
import { t } from "../i18n.js";
import { plain, words, wordsAttr } from "../page-text.js";
import { button, el, worded } from "./dom.js";
import { createHeatmap, createLegend, drawHeatmap } from "./heatmap.js";
import { createPlot, drawPlot, legendItems } from "./plot.js";

const FIELDS = [
  ["learning_rate", "number", { min: "0.0001", max: "1", step: "any" }],
  ["batch_size", "number", { min: "1", max: "256", step: "1" }],
  ["epochs", "number", { min: "1", max: "50", step: "1" }],
  ["train_size", "number", { min: "10", max: "60000", step: "10" }],
];

// a control with its words before it: in a <span> of their own (the label holds the control)
function labelled(key, control) {
  const label = el("label", "train-field");
  label.append(worded("span", "", key), control);
  return label;
}

function figure(key, testid) {
  const fig = el("figure", "train-fig");
  if (testid) fig.dataset.testid = testid;
  fig.append(worded("figcaption", "", key));
  return fig;
}

function plot(key) {
  return wordsAttr(createPlot(t(key)), "aria-label", key);
}

function buildForm(parts) {
  const form = el("form", "train-form");
  parts.network = el("select");
  parts.network.dataset.testid = "train-network";
  parts.presets = ["quick", "good"].map((key) => {
    const b = words(button("", `train-preset-${key}`, "train-preset"), `train.preset.${key}`);
    b.dataset.preset = key;
    b.setAttribute("aria-pressed", "false");
    return b;
  });
  const presetLine = el("div", "train-line");
  presetLine.append(worded("span", "train-label", "train.preset"), ...parts.presets);
  parts.optimizer = el("select");
  parts.optimizer.dataset.testid = "train-optimizer";
  for (const key of ["sgd", "momentum", "adam"]) {
    const o = worded("option", "", `train.optimizer.${key}`);
    o.value = key;
    parts.optimizer.append(o);
  }
  const fields = el("div", "train-line");
  fields.append(labelled("train.optimizer", parts.optimizer));
  parts.inputs = {};
  for (const [name, type, attrs] of FIELDS) {
    const input = el("input");
    Object.assign(input, { type, inputMode: "decimal", ...attrs });
    input.dataset.testid = `train-${name.replace("_", "-")}`;
    parts.inputs[name] = input;
    fields.append(labelled(`train.field.${name}`, input));
  }
  parts.start = words(button("", "train-start", "primary"), "train.start");
  parts.start.type = "submit";
  parts.cancel = words(button("", "train-cancel"), "train.cancel");
  parts.cancel.disabled = true;
  const actions = el("div", "train-line");
  actions.append(parts.start, parts.cancel);
  form.append(labelled("train.network", parts.network), presetLine, fields, actions);
  return form;
}

function buildFigures(parts) {
  const grid = el("div", "train-grid");
  parts.lossFig = figure("train.fig.loss");
  parts.loss = plot("train.fig.loss");
  parts.loss.dataset.testid = "train-loss-plot";
  parts.lossKey = el("p", "plot-legend");
  parts.accuracy = worded("p", "train-readout", "train.accuracy.none");
  parts.accuracy.dataset.testid = "train-accuracy";
  parts.lossFig.append(parts.loss, parts.lossKey, parts.accuracy);
  parts.gradFig = figure("train.fig.grads", "train-grad-norms");
  parts.grads = plot("train.fig.grads");
  parts.gradKey = el("p", "plot-legend");
  parts.gradNote = el("p", "train-note");
  parts.gradFig.append(parts.grads, parts.gradKey, parts.gradNote);
  parts.ratioFig = figure("train.fig.ratio");
  parts.ratio = plot("train.fig.ratio");
  parts.ratioKey = el("p", "plot-legend");
  parts.ratioFig.append(parts.ratio, parts.ratioKey, worded("p", "train-note", "train.ratio.note"));
  parts.filterFig = figure("train.fig.filters", "train-filters");
  parts.filterHost = el("div", "train-filter-maps");
  parts.filterWords = worded("p", "train-note", "train.filters.none");
  parts.filterFig.append(parts.filterHost, parts.filterWords);
  grid.append(parts.lossFig, parts.gradFig, parts.ratioFig, parts.filterFig);
  return grid;
}

export function createTrainLab({ root, open }) {
  const parts = {};
  words(open, "train.open");
  const head = el("div", "train-head");
  const close = wordsAttr(button("×", "", "close"), "aria-label", "train.close");
  head.append(worded("h2", "", "train.title"), close);
  const form = buildForm(parts);
  parts.status = el("p", "train-status");
  parts.status.dataset.testid = "train-status";
  parts.status.setAttribute("role", "status");
  parts.after = el("div", "train-after-host");
  root.append(head, worded("p", "train-intro", "train.intro"), form, parts.status);
  root.append(buildFigures(parts), parts.after);
  let filterMap = null;
  let lastCurves = null;

  function curves(c) {
    lastCurves = c;
    const lossSeries = [
      { points: c.loss, cls: "s-raw", label: t("train.key.loss") },
      { points: c.smooth, cls: "s-smooth", label: t("train.key.smooth") },
      { points: c.accuracy, cls: "s-acc", label: t("train.key.accuracy"), right: true, dots: true },
    ];
    const common = { xMax: c.steps, xLabel: t("train.axis.step") };
    drawPlot(parts.loss, lossSeries, { ...common, right: "%", yLabel: t("train.axis.loss") });
    parts.loss.dataset.points = String(c.loss.length);
    const last = c.smooth.at(-1);
    const summary = last && { loss: Number(last[1].toPrecision(3)), step: last[0], steps: c.steps };
    wordsAttr(parts.loss, "aria-label", last ? "train.plot.summary" : "train.fig.loss", summary);
    parts.lossKey.replaceChildren(...legendItems(lossSeries));
    drawPlot(parts.grads, c.grads, { ...common, log: true, yLabel: t("train.axis.norm") });
    parts.grads.dataset.lines = String(c.grads.length);
    parts.gradKey.replaceChildren(...legendItems(c.grads));
    drawPlot(parts.ratio, c.ratios, { ...common, log: true, yLabel: t("train.axis.ratio") });
    parts.ratioKey.replaceChildren(...legendItems(c.ratios));
    plain(parts.accuracy, c.accuracyText);
    plain(parts.gradNote, c.gradNote);
  }

  window.addEventListener("resize", () => lastCurves && !root.hidden && curves(lastCurves));

  return {
    afterHost: parts.after,
    bind(on) {
      close.addEventListener("click", on.close);
      for (const b of parts.presets) b.addEventListener("click", () => on.preset(b.dataset.preset));
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        on.start();
      });
      parts.cancel.addEventListener("click", on.cancel);
    },
    showOpen(on) {
      root.hidden = !on;
      open.setAttribute("aria-expanded", String(on));
      if (on && lastCurves) curves(lastCurves); // sized now that the card has a width
    },
    /** options: [{value, label}] */
    showNetworks(options, chosen) {
      parts.network.replaceChildren(
        ...options.map(({ value, label }) => Object.assign(el("option", "", label), { value })),
      );
      parts.network.value = chosen;
    },
    showSettings(values, preset) {
      parts.optimizer.value = values.optimizer;
      for (const [name, input] of Object.entries(parts.inputs)) input.value = String(values[name]);
      for (const b of parts.presets)
        b.setAttribute("aria-pressed", String(b.dataset.preset === preset));
    },
    readSettings: () => ({
      network: parts.network.value,
      optimizer: parts.optimizer.value,
      ...Object.fromEntries(Object.entries(parts.inputs).map(([k, i]) => [k, i.value])),
    }),
    /** The message `key` (with plain JSON `params`), worded again with the page. */
    showStatus({ key, params = null, kind = "info" }) {
      words(parts.status, key, params);
      parts.status.dataset.kind = kind;
    },
    /** running: a job of this page's is queued or running; following: the class's job. */
    showBusy({ running, following }) {
      parts.start.disabled = running || following;
      parts.cancel.disabled = !running;
      parts.cancel.hidden = following;
      form.hidden = following; // a follower's page runs no job of its own: no settings to show
    },
    showCurves: curves,
    /** conv1's filters {layer, shape [M, d, d, t], data, step}, or null. */
    showFilters(f) {
      if (!f) {
        parts.filterHost.replaceChildren();
        filterMap = null;
        words(parts.filterWords, "train.filters.none");
        return;
      }
      const key = f.shape.join("x");
      if (!filterMap || filterMap.key !== key) {
        filterMap = createHeatmap(f.shape, `${f.layer} W`, { cell: [7, 7] });
        filterMap.key = key;
      }
      const values = Float32Array.from(f.data);
      const scale = makeScale("diverging", values);
      drawHeatmap(filterMap, values, scale);
      parts.filterHost.replaceChildren(filterMap.el, createLegend(scale));
      words(parts.filterWords, "train.filters.words", { layer: f.layer, step: f.step });
    },
  };
}
