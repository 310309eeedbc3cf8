// The input-gradient lab's DOM: the experiment and its controls, the frames (original, frame,
// change, probabilities) with a scrubber, the saliency and occlusion maps, the update's numbers.
// Knows no API and no rules: the flow (flows/input-lab.js) says what to show.

import { makeScale } from "../colormap.js";
import { t } from "../i18n.js";
import { button, el } from "./dom.js";
import { createHeatmap, createLegend, drawHeatmap } from "./heatmap.js";

const MODES = ["fgsm", "targeted", "visualise", "occlusion"];
const IMAGE = [28, 28, 1];
const CELL = [5, 5]; // 140 CSS px per image: two fit side by side on a 390 px phone

function labelled(text, control, className = "") {
  const label = el("label", `ig-field ${className}`);
  label.append(el("span", "", text), control);
  return label;
}

function select(testid, options) {
  const s = el("select");
  if (testid) s.dataset.testid = testid;
  for (const [value, text] of options) {
    const o = el("option", "", text);
    o.value = value;
    s.append(o);
  }
  return s;
}

function numberInput(value, min, max, step) {
  const input = el("input");
  Object.assign(input, { type: "number", value, min, max, step });
  return input;
}

// one captioned 28x28 map
function figure(caption, testid) {
  const fig = el("figure", "ig-map");
  if (testid) fig.dataset.testid = testid;
  const map = createHeatmap(IMAGE, caption, { cell: CELL });
  const text = el("figcaption", "", caption);
  fig.append(map.el, text);
  return { fig, map, caption: text };
}

function buildControls() {
  const mode = select(
    "ig-mode",
    MODES.map((m) => [m, t(`ig.mode.${m}`)]),
  );
  const epsilon = el("input");
  Object.assign(epsilon, { type: "range", min: "0.01", max: "0.5", step: "0.01", value: "0.25" });
  epsilon.dataset.testid = "ig-epsilon";
  const epsilonValue = el("output", "ig-value", "0.25");
  const epsilonField = labelled(t("ig.epsilon"), epsilon, "ig-epsilon");
  epsilonField.append(epsilonValue);
  const target = select(
    "ig-target",
    [...Array(10).keys()].map((k) => [String(k), String(k)]),
  );
  const start = select(
    "",
    ["noise", "blank", "image"].map((s) => [s, t(`ig.start.${s}`)]),
  );
  const l2 = numberInput("0.02", "0", "10", "0.01");
  const blur = numberInput("0.5", "0", "3", "0.1");
  const patch = numberInput("6", "2", "14", "1");
  const run = button(t("ig.run"), "ig-run", "primary");
  const ask = button(t("igq.ask"), "ig-ask-class"); // a class's instructor only (showAsk)
  ask.hidden = true;
  const guessFirst = el("input");
  guessFirst.type = "checkbox";
  guessFirst.dataset.testid = "ig-guess-first";
  const guessField = el("label", "ig-check");
  guessField.append(guessFirst, el("span", "", t("ig.guess_first")));
  return {
    ...{ mode, epsilon, epsilonValue, epsilonField, target, start, l2, blur, patch, run, ask },
    guessFirst,
    guessField,
  };
}

// "Which digit will it become?": ten digit buttons and a plain reveal, asked before the frames
function buildGuess() {
  const root = el("div", "ig-guess");
  root.dataset.testid = "ig-guess";
  root.hidden = true;
  const digits = el("div", "ig-guess-digits");
  const buttons = [...Array(10).keys()].map((k) => {
    const b = button(String(k), `ig-guess-${k}`);
    b.setAttribute("aria-label", t("ig.guess_digit", { digit: k }));
    return b;
  });
  digits.append(...buttons);
  const reveal = button(t("ig.reveal"), "ig-reveal");
  const question = el("p", "ig-guess-question", t("ig.guess"));
  root.append(question, digits, reveal);
  return { root, buttons, reveal, question, digits };
}

export function createInputLab({ root, open, heading, hint }) {
  heading.textContent = t("ig.heading");
  hint.textContent = t("ig.hint");
  const c = buildControls();
  const close = button("×", "ig-close", "close");
  close.setAttribute("aria-label", t("ig.close"));
  const explain = el("p", "ig-explain");
  const fields = {
    epsilon: c.epsilonField,
    target: labelled(t("ig.target"), c.target),
    start: labelled(t("ig.start"), c.start),
    l2: labelled(t("ig.l2"), c.l2),
    blur: labelled(t("ig.blur"), c.blur),
    patch: labelled(t("ig.patch"), c.patch),
  };
  const controls = el("div", "ig-controls");
  fields.guess = c.guessField;
  controls.append(
    labelled(t("ig.mode"), c.mode, "ig-mode"),
    ...Object.values(fields),
    c.run,
    c.ask,
  );
  const guess = buildGuess();

  const original = figure(t("ig.original"));
  const current = figure(t("ig.image"));
  const change = figure(t("ig.change"));
  const saliency = figure(t("ig.saliency"), "ig-saliency");
  const occlusion = figure(t("ig.occlusion"), "ig-occlusion");
  const probs = createHeatmap([10], t("ig.probabilities"), { cell: [22, 22] });
  const frames = el("div", "ig-frames");
  frames.dataset.testid = "ig-frames";
  frames.hidden = true;
  const maps = el("div", "ig-maps");
  maps.append(original.fig, current.fig, change.fig, saliency.fig, occlusion.fig);
  const mapsNote = el("p", "ig-note");
  const prediction = el("output", "ig-prediction");
  prediction.dataset.testid = "ig-prediction";
  const size = el("p", "ig-size");
  const probFig = el("figure", "ig-probs");
  probFig.append(probs.el, el("figcaption", "", t("ig.probabilities")));
  const readout = el("div", "ig-readout");
  readout.append(prediction, size, probFig);
  const play = button(t("ig.play"), "ig-play");
  const slider = el("input");
  Object.assign(slider, { type: "range", min: "0", max: "0", value: "0" });
  slider.dataset.testid = "ig-frame-slider";
  slider.setAttribute("aria-label", t("ig.frame"));
  const counter = el("span", "ig-counter");
  const send = button(t("ig.send"), "ig-send");
  const player = el("div", "ig-player");
  player.append(play, slider, counter, send);
  const equation = el("p", "ig-equation");
  equation.dataset.testid = "ig-equation";
  const summary = el("p", "ig-summary");
  summary.setAttribute("aria-live", "polite");
  frames.append(maps, mapsNote, readout, player, equation, summary);
  const status = el("p", "ig-status");
  status.setAttribute("role", "status");

  const head = el("div", "ig-head");
  head.append(el("h2", "", t("ig.title")), close);
  const intro = el("p", "ig-intro", t("ig.intro"));
  root.replaceChildren(head, intro, controls, explain, status, guess.root, frames);
  open.textContent = t("ig.open");
  open.setAttribute("aria-expanded", "false");

  let scaleLegend = null;
  let leading = false; // this page leads a class: "Ask the class first" is offered
  function legend(scale) {
    const next = createLegend(scale);
    if (scaleLegend) scaleLegend.replaceWith(next);
    else mapsNote.before(next);
    scaleLegend = next;
  }

  const view = {
    /** h = {open, close, mode, run, epsilon, frame(i), play, send} */
    bind(h) {
      open.addEventListener("click", h.open);
      close.addEventListener("click", h.close);
      c.mode.addEventListener("change", () => h.mode(c.mode.value));
      c.run.addEventListener("click", h.run);
      c.ask.addEventListener("click", h.askClass);
      c.epsilon.addEventListener("input", () => {
        c.epsilonValue.textContent = c.epsilon.value;
        h.epsilon();
      });
      slider.addEventListener("input", () => h.frame(Number(slider.value)));
      play.addEventListener("click", h.play);
      send.addEventListener("click", h.send);
      guess.buttons.forEach((b, k) => {
        b.addEventListener("click", () => h.guess(k));
      });
      guess.reveal.addEventListener("click", () => h.guess(null));
    },

    showOpen(isOpen) {
      root.hidden = !isOpen;
      open.setAttribute("aria-expanded", String(isOpen));
      if (isOpen) root.scrollIntoView({ block: "start" });
      else open.focus();
    },

    /** Which controls the experiment uses; the frames of another experiment are hidden. */
    showMode(mode) {
      c.mode.value = mode;
      const uses = {
        fgsm: ["epsilon", "guess"],
        targeted: ["epsilon", "target"],
        visualise: ["target", "start", "l2", "blur"],
        occlusion: ["patch"],
      }[mode];
      for (const [name, field] of Object.entries(fields)) field.hidden = !uses.includes(name);
      c.ask.hidden = !(leading && mode === "fgsm");
      explain.textContent = t(`ig.explain.${mode}`);
      frames.hidden = true;
      guess.root.hidden = true;
    },

    /** The experiment's parameters as the controls hold them. */
    params: () => ({
      mode: c.mode.value,
      epsilon: Number(c.epsilon.value),
      target: Number(c.target.value),
      start: c.start.value,
      l2: Number(c.l2.value),
      blur: Number(c.blur.value),
      patch: Number(c.patch.value),
      guessFirst: c.guessFirst.checked,
    }),

    /** Hide the answer behind "which digit will it become?" (true) or show it (false); asked
     * of the class (`byClass`), the answers come in the class card, not by these buttons. */
    showGuess(asking, byClass = false) {
      guess.root.hidden = !asking;
      frames.hidden = asking;
      guess.question.textContent = t(byClass ? "igq.asked" : "ig.guess");
      guess.digits.hidden = guess.reveal.hidden = byClass;
      if (asking && !byClass) guess.buttons[0].focus();
    },

    /** "Ask the class first" offered (this page leads a class) or not. */
    showAsk(lead) {
      leading = lead;
      c.ask.hidden = !(lead && c.mode.value === "fgsm");
    },

    showBusy(busy) {
      c.run.disabled = c.ask.disabled = busy;
      c.run.textContent = busy ? t("ig.running") : t("ig.run");
    },

    showStatus(text) {
      status.textContent = text;
    },

    /** A new answer: {original, caption, count, maps: {saliency, sensitivity} | null, note}. */
    showAnswer({ original: x, caption, count, maps: pair, note }) {
      frames.hidden = false;
      original.caption.textContent = caption;
      drawHeatmap(original.map, x, makeScale("sequential", x, 1));
      slider.max = String(count - 1);
      player.hidden = count < 2;
      change.fig.hidden = Boolean(pair);
      current.fig.hidden = Boolean(pair) && count < 2;
      saliency.fig.hidden = occlusion.fig.hidden = !pair;
      maps.classList.toggle("compare", Boolean(pair)); // the two importance maps side by side first
      mapsNote.textContent = note ?? "";
      if (pair) {
        const scale = makeScale("sequential", pair.saliency, 1);
        drawHeatmap(saliency.map, pair.saliency, scale);
        drawHeatmap(occlusion.map, pair.sensitivity, scale);
        legend(scale);
      } else {
        scaleLegend?.remove();
        scaleLegend = null;
      }
    },

    /** One frame: {index, values, diff, probabilities, prediction, stretch, ...texts}; a
     * stretched frame's colours run to its own brightest pixel (a faint image stays visible). */
    showFrame(f) {
      slider.value = String(f.index);
      counter.textContent = f.counter;
      const scale = makeScale("sequential", f.values, f.stretch ? undefined : 1);
      drawHeatmap(current.map, f.values, scale);
      current.caption.textContent = f.caption;
      drawHeatmap(change.map, f.diff, makeScale("diverging", f.diff));
      drawHeatmap(probs, f.probabilities, makeScale("sequential", f.probabilities, 1));
      prediction.textContent = f.predictionText;
      prediction.dataset.digit = String(f.prediction);
      size.textContent = f.sizeText;
      equation.textContent = f.equation ?? "";
      equation.hidden = !f.equation;
    },

    showSummary(text) {
      summary.textContent = text;
    },

    showPlaying(playing) {
      play.textContent = playing ? t("ig.pause") : t("ig.play");
      play.setAttribute("aria-pressed", String(playing));
    },
  };
  view.showMode(MODES[0]);
  return view;
}
