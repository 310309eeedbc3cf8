// A training run as the page keeps it: the job's events folded into series the figures draw
// (loss per report and smoothed, test accuracy, gradient norm and update/weight ratio per
// layer), the checkpoints, and the sentences that read them. Pure: no DOM, no requests.
// The sentences are worded in the language in force when asked: after a change of language
// the lab asks again (flows/train-lab.js relabel).

import { number, t } from "./i18n.js";

const SMOOTHING = 0.5; // weight of the newest loss in the moving average (more lags behind)

export function emptyRun() {
  return {
    steps: 0,
    step: 0,
    epoch: 0,
    loss: [],
    smooth: [],
    accuracy: [], // [step, test accuracy]
    testSize: 0,
    grads: {}, // layer -> [[step, ||dL/dθ||]]
    ratios: {}, // layer -> [[step, ||Δθ|| / ||θ||]]
    checkpoints: [], // [{step, network}]
    filters: null,
    done: null,
    sigmoid: false,
  };
}

function push(table, key, point) {
  if (!table[key]) table[key] = [];
  table[key].push(point);
}

/** Fold one progress event into the run. */
export function addProgress(run, p) {
  run.steps = p.steps;
  run.step = p.step;
  run.epoch = p.epoch;
  run.loss.push([p.step, p.loss]);
  const before = run.smooth.at(-1)?.[1];
  const smooth = before == null ? p.loss : SMOOTHING * p.loss + (1 - SMOOTHING) * before;
  run.smooth.push([p.step, smooth]);
  for (const [layer, v] of Object.entries(p.grad_norms ?? {})) push(run.grads, layer, [p.step, v]);
  for (const [layer, v] of Object.entries(p.update_ratio ?? {}))
    push(run.ratios, layer, [p.step, v]);
}

export function addEval(run, e) {
  run.accuracy = run.accuracy.filter(([s]) => s !== e.step);
  run.accuracy.push([e.step, e.test_accuracy]);
  run.testSize = e.test_size ?? run.testSize;
}

export function addCheckpoint(run, c) {
  if (!run.checkpoints.some((k) => k.step === c.step)) run.checkpoints.push(c);
}

// the layers' names in words: which end of the network each is at
function layerLabel(layer, i, count) {
  if (i === 0) return t("train.layer.first", { layer });
  if (i === count - 1) return t("train.layer.last", { layer });
  return layer;
}

function layerSeries(table) {
  const layers = Object.keys(table);
  return layers.map((layer, i) => ({
    points: table[layer],
    cls: `s-layer s-layer-${i % 6}`,
    label: layerLabel(layer, i, layers.length),
  }));
}

/** A fraction as a percentage with one decimal, in the reader's way (97.3 %, 97,3 %). */
export const percent = (v) =>
  `${number(v * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;

function accuracyText(run) {
  const last = run.accuracy.at(-1);
  if (!last) return t("train.accuracy.none");
  return t("train.accuracy.at", { value: percent(last[1]), step: last[0], size: run.testSize });
}

// first vs last layer's latest gradient norm, in words (vanishing gradients, if sigmoid)
function gradNote(run) {
  const layers = Object.keys(run.grads);
  if (layers.length < 2) return "";
  const first = run.grads[layers[0]].at(-1)[1];
  const last = run.grads[layers.at(-1)].at(-1)[1];
  const params = {
    first: layers[0],
    last: layers.at(-1),
    ratio: Number((last / Math.max(first, 1e-30)).toPrecision(2)),
  };
  if (run.sigmoid && last > first) return t("train.grads.sigmoid", params);
  return last > first ? t("train.grads.smaller", params) : t("train.grads.similar", params);
}

/** What the figures draw. */
export function curvesOf(run) {
  return {
    steps: Math.max(run.steps, 1),
    loss: run.loss,
    smooth: run.smooth,
    accuracy: run.accuracy,
    grads: layerSeries(run.grads),
    ratios: layerSeries(run.ratios),
    accuracyText: accuracyText(run),
    gradNote: gradNote(run),
  };
}

// the whole network's gradient norm (all layers) at the report nearest `step`
function totalNorm(run, step) {
  let total = 0;
  for (const points of Object.values(run.grads)) {
    if (!points.length) continue;
    const near = points.reduce((a, b) => (Math.abs(b[0] - step) < Math.abs(a[0] - step) ? b : a));
    total += near[1] ** 2;
  }
  return Math.sqrt(total);
}

/** The sentence for checkpoint k: early ones have large, diffuse gradients; late ones small. */
export function checkpointWords(run, k) {
  const at = run.checkpoints[k];
  if (!at) return "";
  const start = totalNorm(run, 0);
  const here = totalNorm(run, at.step);
  const accuracy = run.accuracy.find(([s]) => s === at.step)?.[1];
  const params = {
    step: at.step,
    norm: Number(here.toPrecision(2)),
    times: Number((start / Math.max(here, 1e-30)).toPrecision(2)),
    accuracy: accuracy == null ? "–" : percent(accuracy),
  };
  const n = run.checkpoints.length;
  if (k < n / 3) return t("train.checkpoint.early", params);
  if (k >= (2 * n) / 3) return t("train.checkpoint.late", params);
  return t("train.checkpoint.middle", params);
}

/** Seconds left: the steps to go at the pace so far, or null before there is a pace. */
export function secondsLeft(run, elapsedS, startStep = 0) {
  const done = run.step - startStep;
  if (done <= 0 || !run.steps) return null;
  return Math.max(0, Math.round((elapsedS / done) * (run.steps - run.step)));
}

/**
 * An opened batch's answer (api/batch-trace) for the figure: the conv weight's name (the first
 * of rank 4: M x d x d x t), its shape, each example's gradient of it, their batch mean, and
 * the largest gap between the mean of the examples' gradients and the batch's own gradient
 * (they must agree: a training step's gradient is the mean of its examples'); null for a
 * network without a conv layer.
 */
export function batchGradients(got) {
  const name = Object.keys(got.mean).find((k) => got.mean[k].shape.length === 4);
  if (!name) return null;
  const mean = got.mean[name].values;
  const examples = got.examples.map((e) => ({ label: e.label, values: e.grads[name].values }));
  let gap = 0;
  for (let i = 0; i < mean.length; i++) {
    const avg = examples.reduce((s, e) => s + e.values[i], 0) / examples.length;
    gap = Math.max(gap, Math.abs(avg - mean[i]));
  }
  const shape = got.mean[name].shape;
  return { name, shape, examples, mean, gap, loss: got.loss };
}
