// The input-gradient lab: run an experiment on ∂L/∂x of the digit on screen (POST
// api/input-gradient), animate its frames, word what happened, and send a frame to the main
// view to trace. Its state is app.inputLab (declared in app-state.js). What it words from
// several messages or with numbers (the frame's texts, the summary) it words again when the
// reader picks another language (relabel); the view's fixed text is marked (page-text.js).

import * as api from "../api.js";
import { decodeArray, nest, quantise } from "../codec.js";
import { number, t } from "../i18n.js";

const FRAME_MS = 150; // animation: one frame per 150 ms (41 frames at most: ~6 s)
const SLIDER_WAIT_MS = 250; // ε slider: run once the student pauses
const AGREE = 0.4; // this share of shared top pixels or more: the two maps "agree"
const STRIDE = 2; // occlusion: the patch moves by 2 pixels (144 positions for a 6 px patch)

const num = (v, digits = 3) => number(v, { maximumFractionDigits: digits });

// the request body for the controls' parameters, on the digit on screen
function requestBody(p, image, label) {
  const body = { image, mode: p.mode };
  if (p.mode === "fgsm") return { ...body, epsilon: p.epsilon, label };
  if (p.mode === "targeted") return { ...body, epsilon: p.epsilon, target: p.target };
  if (p.mode === "visualise") {
    const regularisation = { l2: p.l2, blur: p.blur };
    return { ...body, target: p.target, start: p.start, regularisation };
  }
  return { ...body, label, patch: { size: p.patch, stride: Math.min(STRIDE, p.patch) } };
}

// the answer with its arrays decoded; occlusion's two maps scaled to 0..1 of their own largest
function decoded(answer) {
  const frames = answer.frames.map((f) => ({
    ...f,
    values: decodeArray(f.image),
    probabilities: Float32Array.from(f.probabilities),
  }));
  let maps = null;
  if (answer.saliency) {
    const unit = (values) => {
      const top = Math.max(...values, 1e-30);
      return Float32Array.from(values, (v) => Math.max(0, v) / top);
    };
    maps = {
      saliency: unit(decodeArray(answer.saliency)),
      sensitivity: unit(decodeArray(answer.sensitivity)),
    };
  }
  return { ...answer, frames, maps, guessed: null }; // guessed: the digit said before the reveal
}

// which ninth of the 28x28 image (a 3x3 grid) the centre of a map's top tenth falls in
function region(values) {
  const order = Array.from(values.keys()).sort((i, j) => values[j] - values[i]);
  const top = order.slice(0, Math.round(values.length / 10));
  const mean = (f) => top.reduce((sum, i) => sum + f(i), 0) / top.length;
  const third = (v) => Math.min(2, Math.floor(v / (28 / 3)));
  return t(`ig.region.${third(mean((i) => Math.floor(i / 28))) * 3 + third(mean((i) => i % 28))}`);
}

// what the answer means, in one sentence
function summaryText(a) {
  const first = a.frames[0];
  const last = a.frames[a.frames.length - 1];
  if (a.mode === "fgsm") {
    const params = { linf: num(last.linf), before: first.prediction, after: last.prediction };
    return t(a.changed ? "ig.fgsm.fooled" : "ig.fgsm.held", params);
  }
  if (a.mode === "targeted") {
    const s = a.smallest;
    if (!s)
      return t("ig.targeted.missed", {
        target: a.target,
        count: a.steps_taken,
        eps: num(a.parameters.epsilon),
      });
    return t("ig.targeted.reached", {
      target: a.target,
      count: s.step,
      linf: num(s.linf),
      l2: num(s.l2, 2),
    });
  }
  if (a.mode === "visualise") {
    return t("ig.visualise.done", { count: last.step, target: a.target, p: num(a.probability) });
  }
  const where = { gradient: region(a.maps.saliency), occlusion: region(a.maps.sensitivity) };
  const share = number(a.agreement, { style: "percent" });
  const verdict = t(a.agreement >= AGREE ? "ig.agree.much" : "ig.agree.little");
  return `${t("ig.agreement", { share })} ${verdict} ${t("ig.where", where)}`;
}

// the summary after the sentence about the digit guessed before the reveal, if one was
function summaryWithGuess(a) {
  if (a.guessed == null) return summaryText(a);
  const after = a.frames[a.frames.length - 1].prediction;
  return `${t("ig.guessed", { guess: a.guessed, after })} ${summaryText(a)}`;
}

// the rule of this step with its numbers at the pixel that changed most
function equationText(a, f) {
  const u = f.update;
  if (!u) return null;
  const p = a.parameters;
  const eta = num(a.mode === "fgsm" ? p.epsilon : p.step_size, 4);
  const values = {
    x: num(u.x),
    dx: number(u.dx, { maximumSignificantDigits: 3 }),
    next: num(u.next),
    eta,
  };
  const equation = t(`ig.rule.${a.mode}`, { ...values, l2: num(p.l2 ?? 0) });
  return t("ig.update", { row: u.row, col: u.col, equation });
}

function frameCaption(mode, top) {
  if (mode === "visualise") return t("ig.image.stretched", { top: num(top, 2) });
  return t(mode === "occlusion" ? "ig.image.occluded" : "ig.image");
}

export function createInputLabFlow(ctx) {
  const { app, v } = ctx;
  const lab = app.inputLab;

  function stop() {
    clearInterval(lab.timer);
    lab.timer = null;
    v.inputLab.showPlaying(false);
  }

  function show(index) {
    const a = lab.answer;
    lab.index = index;
    const f = a.frames[index];
    const first = a.frames[0].values;
    const p = f.probabilities[f.prediction];
    const stretch = a.mode === "visualise";
    const top = Math.max(...f.values);
    v.inputLab.showFrame({
      ...f,
      index,
      stretch,
      caption: frameCaption(a.mode, top),
      diff: Float32Array.from(f.values, (x, i) => x - first[i]),
      counter: t("ig.step_count", { step: f.step, count: a.frames[a.frames.length - 1].step }),
      predictionText: t("ig.prediction", { digit: f.prediction, p: num(p) }),
      sizeText: t("ig.change_size", { linf: num(f.linf), l2: num(f.l2, 2) }),
      equation: equationText(a, f),
    });
  }

  function play() {
    if (lab.timer) return stop();
    const frames = lab.answer?.frames ?? [];
    if (frames.length < 2) return;
    if (lab.index >= frames.length - 1) show(0);
    v.inputLab.showPlaying(true);
    lab.timer = setInterval(() => {
      if (lab.index >= frames.length - 1) return stop();
      show(lab.index + 1);
    }, FRAME_MS);
  }

  // the answer arrived: shown, or hidden behind "which digit will it become?" (asked of the
  // student at the projector, or of the class when `forClass`)
  async function answered(p, forClass) {
    const a = lab.answer;
    v.inputLab.showAnswer({
      original: a.frames[0].values,
      caption: a.mode === "visualise" ? "ig.original.visualise" : "ig.original",
      count: a.frames.length,
      maps: a.maps,
      note: a.maps ? "ig.same_scale" : null,
    });
    v.inputLab.showSummary(summaryText(a));
    const animated = a.mode === "targeted" || a.mode === "visualise";
    show(animated ? 0 : a.frames.length - 1);
    lab.asking = a.mode === "fgsm" && (forClass || p.guessFirst);
    v.inputLab.showGuess(lab.asking, forClass);
    if (animated) play();
    if (lab.asking && forClass) await askClass(a);
  }

  // "Which digit will the network say after the attack?" posed to the class; the truth is the
  // attacked frame's prediction (the server cannot re-run the attack: it keeps this truth)
  async function askClass(a) {
    const before = a.frames[0].prediction;
    const after = a.frames[a.frames.length - 1].prediction;
    // the prompt travels as its numbers too: each page (students', and this one after a change
    // of language) words it in its own language (question-kinds/digit.js)
    const params = { before, eps: Math.round(a.parameters.epsilon * 1000) / 1000 };
    const prompt = t("igq.prompt", params);
    const question = { kind: "digit", prompt, truth: after, params };
    const asked = await ctx.flows.class.ask(question, () => reveal(a));
    if (asked) v.inputLab.showStatus("igq.waiting");
    else reveal(a); // no class to ask (it ended, or the question was refused): show it
  }

  // the attack shown after the guesses (a.guessed: the student's digit, or null)
  function reveal(a) {
    if (lab.answer !== a || !lab.asking) return; // another experiment ran meanwhile
    lab.asking = false;
    v.inputLab.showGuess(false);
    v.inputLab.showStatus();
    v.inputLab.showSummary(summaryWithGuess(a));
  }

  async function run(forClass = false) {
    const p = v.inputLab.params();
    if (!app.input && p.mode !== "visualise") return v.inputLab.showStatus("ig.need_digit");
    lab.request?.abort();
    const request = new AbortController();
    lab.request = request;
    stop();
    v.inputLab.showBusy(true);
    v.inputLab.showStatus();
    const image = nest(app.input ?? new Float32Array(28 * 28), 28, 28);
    const label = app.trace.result?.label ?? null;
    try {
      const body = { ...requestBody(p, image, label), ...ctx.modelBody() };
      const answer = await api.inputGradient(body, request.signal, ctx.retrying);
      if (lab.request !== request) return;
      lab.answer = decoded(answer);
    } catch (err) {
      if (err.name !== "AbortError") v.inputLab.showStatus("ig.failed", { reason: err.message });
      return;
    } finally {
      if (lab.request === request) {
        lab.request = null;
        v.inputLab.showBusy(false);
      }
    }
    await answered(p, forClass);
  }

  return {
    open() {
      lab.open = true;
      v.inputLab.showAsk(app.classRole === "instructor");
      v.inputLab.showOpen(true);
    },
    close() {
      stop();
      lab.open = false;
      v.inputLab.showOpen(false);
    },
    mode(mode) {
      stop();
      lab.answer = null;
      v.inputLab.showMode(mode);
    },
    run: () => run(false),
    /** "Ask the class first": the instructor runs the attack and poses its digit to the class. */
    askClass: () => (app.classRole === "instructor" ? run(true) : undefined),
    /** A class began or ended: "Ask the class first" is for a class's instructor only. */
    classChanged: () => v.inputLab.showAsk(app.classRole === "instructor"),
    play,
    /** The class's (or the student's) guess of the attacked digit, or null: reveal it. */
    guess(k) {
      const a = lab.answer;
      if (!a || !lab.asking) return;
      a.guessed = k;
      reveal(a);
    },
    frame(index) {
      stop();
      if (lab.answer) show(index);
    },
    /** The ε slider moved: a fool-it experiment runs again once the slider rests. */
    epsilon() {
      if (v.inputLab.params().mode !== "fgsm") return;
      clearTimeout(lab.wait);
      lab.wait = setTimeout(run, SLIDER_WAIT_MS);
    },
    /** The reader picked another language: the marked texts are worded already (page-text.js);
     * the maps are described again, and the summary and the frame on screen worded again. */
    relabel() {
      v.inputLab.relabel();
      const a = lab.answer;
      if (!a) return;
      v.inputLab.showSummary(summaryWithGuess(a));
      show(lab.index);
    },
    /** The frame on screen becomes the main view's input and is traced there. */
    async send() {
      const f = lab.answer?.frames[lab.index];
      if (!f) return;
      stop();
      app.input = quantise(f.values); // frames are on the 8-bit grid already: unchanged
      app.label = null;
      app.step = 0;
      v.drawpad.showImage(app.input);
      v.inputLab.showStatus("ig.sent");
      await ctx.flows.classify.rerun();
    },
  };
}
