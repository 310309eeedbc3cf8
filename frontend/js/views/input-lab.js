// The input-gradient lab's DOM: the experiment and its controls, "which digit will it become?",
// the status line, and the results (views/input-lab-frames.js: the frames, maps and numbers).
// Knows no API and no rules: the flow (flows/input-lab.js) says what to show. Its fixed text is
// marked (page-text.js), so a change of language words the open lab again.

import { number } from "../i18n.js";
import { plain, words, wordsAttr } from "../page-text.js";
import { button, el, worded } from "./dom.js";
import { createFrames } from "./input-lab-frames.js";

const MODES = ["fgsm", "targeted", "visualise", "occlusion"];
const DIGITS = [...Array(10).keys()].map(String);

// a control under its label (the text in a span of its own: the label holds the control)
function labelled(key, control, className = "") {
  const label = el("label", `ig-field ${className}`);
  label.append(worded("span", "", key), control);
  return label;
}

// a <select> of `values`, each option the message key(value), or the value itself
function select(testid, values, key = null) {
  const s = el("select");
  if (testid) s.dataset.testid = testid;
  for (const value of values) {
    const o = key ? worded("option", "", key(value)) : el("option", "", value);
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

function buildControls() {
  const mode = select("ig-mode", MODES, (m) => `ig.mode.${m}`);
  const epsilon = el("input");
  Object.assign(epsilon, { type: "range", min: "0.01", max: "0.5", step: "0.01", value: "0.25" });
  epsilon.dataset.testid = "ig-epsilon";
  const epsilonValue = el("output", "ig-value");
  const epsilonField = labelled("ig.epsilon", epsilon, "ig-epsilon");
  epsilonField.append(epsilonValue);
  const target = select("ig-target", DIGITS);
  const start = select("", ["noise", "blank", "image"], (s) => `ig.start.${s}`);
  const l2 = numberInput("0.02", "0", "10", "0.01");
  const blur = numberInput("0.5", "0", "3", "0.1");
  const patch = numberInput("6", "2", "14", "1");
  const run = words(button("", "ig-run", "primary"), "ig.run");
  const ask = words(button("", "ig-ask-class"), "igq.ask"); // a class's instructor (showAsk)
  ask.hidden = true;
  const guessFirst = el("input");
  guessFirst.type = "checkbox";
  guessFirst.dataset.testid = "ig-guess-first";
  const guessField = el("label", "ig-check");
  guessField.append(guessFirst, worded("span", "", "ig.guess_first"));
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
  const buttons = DIGITS.map((k) =>
    wordsAttr(button(k, `ig-guess-${k}`), "aria-label", "ig.guess_digit", { digit: Number(k) }),
  );
  digits.append(...buttons);
  const reveal = words(button("", "ig-reveal"), "ig.reveal");
  const question = worded("p", "ig-guess-question", "ig.guess");
  root.append(question, digits, reveal);
  return { root, buttons, reveal, question, digits };
}

/** The lab in `root`; `open` is the page's button that opens it (its heading and hint are the
 * page's marked text). Returns the view the flow drives. */
export function createInputLab({ root, open }) {
  const c = buildControls();
  const close = wordsAttr(button("×", "ig-close", "close"), "aria-label", "ig.close");
  const explain = el("p", "ig-explain");
  const fields = {
    epsilon: c.epsilonField,
    target: labelled("ig.target", c.target),
    start: labelled("ig.start", c.start),
    l2: labelled("ig.l2", c.l2),
    blur: labelled("ig.blur", c.blur),
    patch: labelled("ig.patch", c.patch),
    guess: c.guessField,
  };
  const controls = el("div", "ig-controls");
  controls.append(labelled("ig.mode", c.mode, "ig-mode"), ...Object.values(fields), c.run, c.ask);
  const guess = buildGuess();
  const frames = createFrames();
  const status = el("p", "ig-status");
  status.setAttribute("role", "status");

  const head = el("div", "ig-head");
  head.append(worded("h2", "", "ig.title"), close);
  const intro = worded("p", "ig-intro", "ig.intro");
  root.replaceChildren(head, intro, controls, explain, status, guess.root, frames.root);
  open.setAttribute("aria-expanded", "false");

  let leading = false; // this page leads a class: "Ask the class first" is offered
  // ε as the reader's language writes a number (0,25 in French)
  const showEpsilon = () => plain(c.epsilonValue, number(Number(c.epsilon.value)));
  showEpsilon();

  const view = {
    /** h = {open, close, mode, run, askClass, epsilon, frame(i), play, send, guess(k)} */
    bind(h) {
      open.addEventListener("click", h.open);
      close.addEventListener("click", h.close);
      c.mode.addEventListener("change", () => h.mode(c.mode.value));
      c.run.addEventListener("click", h.run);
      c.ask.addEventListener("click", h.askClass);
      c.epsilon.addEventListener("input", () => {
        showEpsilon();
        h.epsilon();
      });
      frames.bind(h);
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
      words(explain, `ig.explain.${mode}`);
      frames.root.hidden = true;
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
      frames.root.hidden = asking;
      words(guess.question, byClass ? "igq.asked" : "ig.guess");
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
      words(c.run, busy ? "ig.running" : "ig.run");
    },

    /** The message `key` (with `params`: plain values) on the status line; none: empty. */
    showStatus(key = null, params = null) {
      words(status, key, params);
    },

    showAnswer: frames.showAnswer,
    showFrame: frames.showFrame,
    showSummary: frames.showSummary,
    showPlaying: frames.showPlaying,

    /** The language changed: what page-text.js does not word again (the maps' names and
     * descriptions, the number beside ε); the flow words its results itself. */
    relabel() {
      showEpsilon();
      frames.relabel();
    },
  };
  view.showMode(MODES[0]);
  return view;
}
