// The training lab: start a job on the server (api/train) with the chosen network and settings,
// follow its event stream into the live figures, cancel it, and afterwards choose a checkpoint
// (the main view then traces the student's digit with those weights) or open one batch. In a
// class the instructor's job id travels in the class state; followers read the same job's
// stream (the job runs once, however many follow it). After a change of language relabel()
// shows it all again, every text made anew with t() (the status line, the network choices, the
// figures and their sentences, the checkpoint and the batch on screen).

import { networkChoice } from "../app-state.js";
import { t } from "../i18n.js";
import * as T from "../train-api.js";
import * as R from "../train-series.js";

// the server's presets (server/convtrace/training/jobs.py), shown in the form so a student sees
// what "quick" means and can change one value of it
const PRESETS = {
  quick: { optimizer: "adam", learning_rate: 0.003, batch_size: 32, epochs: 2, train_size: 12000 },
  good: { optimizer: "adam", learning_rate: 0.002, batch_size: 64, epochs: 6, train_size: 12000 },
};
const QUEUED_JOB_S = 3; // a rough guess of one queued job's time (a quick run), for the wait
const BATCH = 8;
const CURRENT = "current";

export function createTrainLabFlow(ctx, view, after) {
  const { app } = ctx;
  // job: {id, own, stream, startedAt, startStep}; chosen: the checkpoint traced, or -1
  const lab = { opened: false, job: null, run: R.emptyRun(), preset: "quick", chosen: -1 };
  let shownBatch = null; // the batch on screen: {name, shape, examples, gap, loss, step, whose}
  let status = null; // the status line's message: {key, params (or a function making them), kind}
  let frame = 0;

  // the choices of network; `keep`: the one to leave chosen if it is still offered
  function networks(keep = null) {
    const options = app.models.map((m) => ({
      value: m.name,
      label: t("train.network.model", { model: m.name }),
    }));
    if (app.network) options.unshift({ value: CURRENT, label: t("train.network.current") });
    const offered = options.some((o) => o.value === keep);
    view.showNetworks(options, offered ? keep : app.network ? CURRENT : app.model);
  }

  function draw() {
    frame = 0;
    if (!lab.opened) return;
    view.showCurves(R.curvesOf(lab.run));
    view.showFilters(lab.run.filters);
    const words = lab.chosen < 0 ? "" : R.checkpointWords(lab.run, lab.chosen);
    const hint = lab.run.checkpoints.length > 1 ? t("train.checkpoint.hint") : "";
    after.showCheckpoints(lab.run.checkpoints, lab.chosen, words || hint);
  }

  // at most one redraw a frame, however fast events come
  const redraw = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  const busy = () =>
    view.showBusy({
      running: Boolean(lab.job?.own && !lab.run.ended),
      following: Boolean(lab.job && !lab.job.own),
    });

  function showStatus() {
    if (!status) return;
    const { key, params, kind } = status;
    view.showStatus({ key, params: typeof params === "function" ? params() : params, kind });
  }

  // `params`: plain values, or a function that makes them (for a text such as a percentage that
  // is written in the reader's way, so the line can be worded again in another language)
  function say(key, params = {}, kind = "info") {
    status = { key, params, kind };
    showStatus();
  }

  function progressStatus() {
    const { job, run } = lab;
    const elapsed = (performance.now() - job.startedAt) / 1000;
    const left = R.secondsLeft(run, elapsed, job.startStep);
    const params = { step: run.step, steps: run.steps, epoch: run.epoch };
    say(left == null ? "train.status.running" : "train.status.running_eta", { ...params, left });
  }

  const handlers = {
    queued: ({ position }) =>
      say(lab.job.own ? "train.status.queued" : "train.status.queued_class", {
        count: position,
        seconds: (position + 1) * QUEUED_JOB_S,
      }),
    started: ({ step }) => {
      Object.assign(lab.job, { startedAt: performance.now(), startStep: step ?? 0 });
      say("train.status.started");
    },
    progress: (p) => {
      R.addProgress(lab.run, p);
      progressStatus();
    },
    filters: (f) => {
      lab.run.filters = f;
    },
    checkpoint: (c) => R.addCheckpoint(lab.run, c),
    eval: (e) => R.addEval(lab.run, e),
    done: (d) => {
      lab.run.done = d;
      const seconds = Number(d.seconds.toFixed(1));
      const params = () => ({
        accuracy: R.percent(d.test_accuracy),
        seconds,
        size: d.test_size ?? 0,
      });
      say("train.status.done", params, "done");
    },
    failed: (f) => say("train.status.failed", { reason: f.reason ?? "?" }, "error"),
    cancelled: () => say("train.status.cancelled"),
  };

  function onEvent(kind, data) {
    if (["done", "failed", "cancelled"].includes(kind)) lab.run.ended = true;
    handlers[kind]?.(data);
    busy();
    redraw();
  }

  // follow job `id` from its first event; `own`: started here (so this page may cancel it)
  function watch(id, own, sigmoid = false) {
    lab.job?.stream.close();
    lab.run = { ...R.emptyRun(), sigmoid, ended: false };
    lab.chosen = -1;
    const job = { id, own, startedAt: performance.now(), startStep: 0 };
    lab.job = job;
    job.stream = T.followJob(
      id,
      (kind, data) => lab.job === job && onEvent(kind, data),
      () => {
        if (lab.job === job && !lab.run.ended) say("train.status.lost", {}, "error");
      },
    );
    busy();
    redraw();
  }

  // the network the job starts from, as the request names it, and whether it uses sigmoid
  function startingNetwork(value) {
    if (value === CURRENT) {
      const kinds = (app.spec?.layers ?? []).map((l) => l.kind);
      return { body: networkChoice(app), sigmoid: kinds.includes("sigmoid") };
    }
    const model = app.models.find((m) => m.name === value);
    const sigmoid = (model?.architecture ?? []).some((l) => l.kind === "sigmoid");
    return { body: { model: value }, sigmoid };
  }

  function requestBody(s) {
    const int = (v) => Math.round(Number(v));
    return {
      preset: lab.preset,
      optimizer: s.optimizer,
      learning_rate: Number(s.learning_rate),
      batch_size: int(s.batch_size),
      epochs: int(s.epochs),
      train_size: int(s.train_size),
      seed: 0,
    };
  }

  async function traceAt(k) {
    const at = lab.run.checkpoints[k];
    if (!at) return;
    lab.chosen = k;
    redraw();
    await ctx.flows.arch.loadNetwork(at.network, null, at.step);
    if (!app.input) return say("train.checkpoint.draw_first");
    await ctx.flows.classify.rerun();
    ctx.shown();
    say("train.checkpoint.traced", { step: at.step });
  }

  // The batch to open: with a run, the mini-batch of the step after the chosen checkpoint
  // (the first if none), traced with that checkpoint's weights, so its mean is the gradient
  // of that very step; without one, sample digits on the network in use.
  async function batchToOpen() {
    const points = lab.run.checkpoints.filter((c) => c.step < lab.run.steps);
    const at = points[Math.min(Math.max(lab.chosen, 0), points.length - 1)];
    if (lab.job && at) {
      const got = await T.stepBatch(lab.job.id, at.step + 1);
      const params = { step: got.step, shown: got.labels.length, size: got.batch_size };
      return {
        body: { network: at.network, images: got.images, labels: got.labels },
        source: {
          step: got.step,
          whose: { key: "train.batch.of_step", params: { ...params, at: at.step } },
        },
      };
    }
    const samples = await T.sampleBatch(BATCH);
    return {
      body: {
        ...networkChoice(app),
        images: samples.map((s) => s.image),
        labels: samples.map((s) => s.label),
      },
      source: {
        step: null,
        whose: { key: "train.batch.samples", params: { shown: samples.length } },
      },
    };
  }

  return {
    toggle() {
      lab.opened = !lab.opened;
      view.showOpen(lab.opened);
      if (!lab.opened) return;
      networks();
      if (!lab.job) this.preset(lab.preset);
      redraw();
    },
    close() {
      lab.opened = false;
      view.showOpen(false);
    },
    preset(key) {
      lab.preset = key;
      view.showSettings(PRESETS[key], key);
    },
    async start() {
      const s = view.readSettings();
      const { body, sigmoid } = startingNetwork(s.network);
      say("train.status.sending");
      try {
        const got = await T.startJob({ ...body, ...requestBody(s) });
        watch(got.id, true, sigmoid);
        say("train.status.queued", {
          count: got.position,
          seconds: (got.position + 1) * QUEUED_JOB_S,
        });
        ctx.flows.class?.changed(); // a led class now follows this job
      } catch (err) {
        say("train.status.refused", { reason: err.message }, "error");
      }
    },
    async cancel() {
      if (!lab.job?.own || lab.run.ended) return;
      say("train.status.cancelling");
      await ctx.guarded(() => T.cancelJob(lab.job.id));
    },
    preview(k) {
      after.showCheckpoints(lab.run.checkpoints, k, R.checkpointWords(lab.run, k));
    },
    checkpoint: (k) => ctx.guarded(() => traceAt(k)),
    async batch() {
      after.showBatchBusy(true);
      try {
        const { body, source } = await batchToOpen();
        const b = R.batchGradients(await T.batchTrace(body));
        if (b) {
          shownBatch = { ...b, ...source };
          after.showFilterCount(b.shape[0]);
        }
        after.showBatch(b && shownBatch, source.whose);
        if (!b) say("train.batch.no_conv", {}, "error");
      } catch (err) {
        say("train.status.refused", { reason: err.message }, "error");
      } finally {
        after.showBatchBusy(false);
      }
    },
    /** The language changed: word the lab again (its marked texts already are: fillPage). */
    relabel() {
      networks(view.readSettings().network);
      showStatus();
      after.relabel();
      if (frame) cancelAnimationFrame(frame);
      draw();
    },
    /** The job a led class follows (this page's own), or undefined. */
    classJob: () => (lab.job?.own ? lab.job.id : undefined),
    /** A class state named job `id`: follow it (once; the same id again changes nothing). */
    follow(id) {
      if (!id || lab.job?.id === id) return;
      if (!lab.opened) this.toggle();
      watch(id, false);
      say("train.status.following");
    },
    /** For tests: the run as the page holds it. */
    snapshot: () => ({
      job: lab.job && { id: lab.job.id, own: lab.job.own },
      steps: lab.run.steps,
      step: lab.run.step,
      points: lab.run.loss.length,
      checkpoints: lab.run.checkpoints.map((c) => ({ ...c })),
      accuracy: lab.run.accuracy.at(-1)?.[1] ?? null,
      ended: Boolean(lab.run.ended),
      done: lab.run.done,
      chosen: lab.chosen,
      batch: shownBatch && {
        name: shownBatch.name,
        size: shownBatch.examples.length,
        gap: shownBatch.gap,
        step: shownBatch.step,
      },
    }),
  };
}
