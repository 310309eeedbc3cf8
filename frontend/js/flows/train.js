// The weights in use: the model choice; SGD steps with undo and reset and the gradient check
// through flows/sgd.js, loaded on the first of them.

import * as api from "../api.js";
import * as P from "../panels.js";
import * as S from "../trace-store.js";

export function createTrainFlow(ctx) {
  const { app, v } = ctx;

  function showState() {
    v.training.showTrainingState({
      canUndo: app.undo.length > 0,
      custom: Boolean(app.student),
      busy: app.busy,
      ready: Boolean(app.trace.result),
    });
  }

  let loading = null;
  function sgd(use) {
    loading ??= Promise.all([import("./sgd.js"), import("../views/sgd-results.js")]).then(
      ([flows, views]) =>
        flows.createSgdFlow(ctx, views.createSgdResults(v.training, v.diagnostics)),
    );
    return ctx.guarded(async () => use(await loading));
  }

  return {
    showState,

    /** Load a model's architecture and shipped weights; the student's own weights are dropped. */
    async loadModel(name) {
      const model = await api.fetchModel(name);
      const info = app.models.find((m) => m.name === name) ?? model;
      app.model = name;
      app.network = null; // a shipped model by name: no student network any more
      app.spec = info.spec ?? model.spec ?? null;
      app.architecture = info.architecture ?? model.architecture;
      app.shipped = model.weights;
      app.student = null;
      app.undo = [];
      app.lastStep = null;
      app.trace = S.emptyTrace();
      v.network.showLayers(P.layerRows(app.architecture));
      v.toolbar.showModel(name);
      v.training.clearStepResult();
      v.diagnostics.clearGradcheck();
      ctx.flows.step.drawPanels();
      showState();
    },

    async chooseModel(name) {
      await ctx.guarded(() => this.loadModel(name));
      await ctx.flows.classify.rerun();
    },

    // SGD steps and the gradient check load on first use (flows/sgd.js): the page draws,
    // classifies and steps without them
    apply: (learningRate) => sgd((f) => f.apply(learningRate)),
    undo: () => sgd((f) => f.undo()),
    reset: () => sgd((f) => f.reset()),
    gradcheck: () => sgd((f) => f.gradcheck()),
  };
}
