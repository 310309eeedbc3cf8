// The input-gradient lab's results: the frames (original, frame, change, probabilities) with a
// scrubber, the saliency and occlusion maps on one scale, the update's numbers and the summary.
// Part of the lab's view (views/input-lab.js holds the experiment's controls); the flow says
// what to show, worded already (its sentences hold numbers and other messages: it words them
// again on a change of language), while the fixed captions and buttons are marked here.

import { makeScale } from "../colormap.js";
import { t } from "../i18n.js";
import { plain, words, wordsAttr } from "../page-text.js";
import { button, el, worded } from "./dom.js";
import { createHeatmap, createLegend, drawHeatmap, nameUndrawn } from "./heatmap.js";

const IMAGE = [28, 28, 1];
const CELL = [5, 5]; // 140 CSS px per image: two fit side by side on a 390 px phone

// a heatmap named by the message `key`, remembering what it last drew (to describe it again)
function heatmap(shape, key, cell) {
  const map = createHeatmap(shape, t(key), { cell });
  return { map, key, drawn: null };
}

function draw(h, values, scale) {
  h.drawn = { values, scale };
  drawHeatmap(h.map, values, scale);
}

// one captioned 28x28 map
function figure(key, testid) {
  const fig = el("figure", "ig-map");
  if (testid) fig.dataset.testid = testid;
  const h = heatmap(IMAGE, key, CELL);
  const caption = worded("figcaption", "", key);
  fig.append(h.map.el, caption);
  return { ...h, fig, caption };
}

/** The frames' part of the lab: {root, bind(h), showAnswer, showFrame, showSummary, ...}. */
export function createFrames() {
  const original = figure("ig.original");
  const current = figure("ig.image");
  const change = figure("ig.change");
  const saliency = figure("ig.saliency", "ig-saliency");
  const occlusion = figure("ig.occlusion", "ig-occlusion");
  const probs = heatmap([10], "ig.probabilities", [22, 22]);
  const root = el("div", "ig-frames");
  root.dataset.testid = "ig-frames";
  root.hidden = true;
  const maps = el("div", "ig-maps");
  maps.append(original.fig, current.fig, change.fig, saliency.fig, occlusion.fig);
  const mapsNote = el("p", "ig-note");
  const prediction = el("output", "ig-prediction");
  prediction.dataset.testid = "ig-prediction";
  const size = el("p", "ig-size");
  const probFig = el("figure", "ig-probs");
  probFig.append(probs.map.el, worded("figcaption", "", "ig.probabilities"));
  const readout = el("div", "ig-readout");
  readout.append(prediction, size, probFig);
  const play = words(button("", "ig-play"), "ig.play");
  const slider = el("input");
  Object.assign(slider, { type: "range", min: "0", max: "0", value: "0" });
  slider.dataset.testid = "ig-frame-slider";
  wordsAttr(slider, "aria-label", "ig.frame");
  const counter = el("span", "ig-counter");
  const send = words(button("", "ig-send"), "ig.send");
  const player = el("div", "ig-player");
  player.append(play, slider, counter, send);
  const equation = el("p", "ig-equation");
  equation.dataset.testid = "ig-equation";
  const summary = el("p", "ig-summary");
  summary.setAttribute("aria-live", "polite");
  root.append(maps, mapsNote, readout, player, equation, summary);

  let legend = null; // the two importance maps' colour scale: {node, scale}
  function showLegend(scale) {
    const node = createLegend(scale);
    if (legend) legend.node.replaceWith(node);
    else mapsNote.before(node);
    legend = { node, scale };
  }

  return {
    root,

    /** h = {frame(i), play, send} */
    bind(h) {
      slider.addEventListener("input", () => h.frame(Number(slider.value)));
      play.addEventListener("click", h.play);
      send.addEventListener("click", h.send);
    },

    /** A new answer: {original, caption, count, maps: {saliency, sensitivity} | null, note};
     * `caption` and `note` (or null) are message keys. */
    showAnswer({ original: x, caption, count, maps: pair, note }) {
      root.hidden = false;
      words(original.caption, caption);
      draw(original, x, makeScale("sequential", x, 1));
      slider.max = String(count - 1);
      player.hidden = count < 2;
      change.fig.hidden = Boolean(pair);
      current.fig.hidden = Boolean(pair) && count < 2;
      saliency.fig.hidden = occlusion.fig.hidden = !pair;
      maps.classList.toggle("compare", Boolean(pair)); // the two importance maps side by side first
      words(mapsNote, note);
      if (pair) {
        const scale = makeScale("sequential", pair.saliency, 1);
        draw(saliency, pair.saliency, scale);
        draw(occlusion, pair.sensitivity, scale);
        showLegend(scale);
      } else {
        legend?.node.remove();
        legend = null;
      }
    },

    /** One frame: {index, values, diff, probabilities, prediction, stretch, ...texts}; a
     * stretched frame's colours run to its own brightest pixel (a faint image stays visible). */
    showFrame(f) {
      slider.value = String(f.index);
      plain(counter, f.counter);
      const scale = makeScale("sequential", f.values, f.stretch ? undefined : 1);
      draw(current, f.values, scale);
      plain(current.caption, f.caption);
      draw(change, f.diff, makeScale("diverging", f.diff));
      draw(probs, f.probabilities, makeScale("sequential", f.probabilities, 1));
      plain(prediction, f.predictionText);
      prediction.dataset.digit = String(f.prediction);
      plain(size, f.sizeText);
      plain(equation, f.equation);
      equation.hidden = !f.equation;
    },

    showSummary(text) {
      plain(summary, text);
    },

    showPlaying(playing) {
      words(play, playing ? "ig.pause" : "ig.play");
      play.setAttribute("aria-pressed", String(playing));
    },

    /** The language changed: the maps are named and described again, the legend too (the
     * marked captions and buttons are worded by page-text.js, the flow's texts by the flow). */
    relabel() {
      for (const h of [original, current, change, saliency, occlusion, probs]) {
        if (h.drawn) {
          h.map.name = t(h.key);
          drawHeatmap(h.map, h.drawn.values, h.drawn.scale);
        } else nameUndrawn(h.map, t(h.key));
      }
      if (legend) showLegend(legend.scale);
    },
  };
}
