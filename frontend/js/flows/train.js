// The weights in use: the model choice, SGD steps with undo and reset, the gradient check.

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

  // The weights (and the step result describing them) changed: show it all again.
  async function weightsChanged() {
    v.training.showStepResult(app.lastStep);
    v.diagnostics.showGradcheck(null);
    showState();
    await ctx.flows.classify.rerun();
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
      v.training.showStepResult(null);
      v.diagnostics.showGradcheck(null);
      ctx.flows.step.drawPanels();
      showState();
    },

    async chooseModel(name) {
      await ctx.guarded(() => this.loadModel(name));
      await ctx.flows.classify.rerun();
    },

    async apply(learningRate) {
      if (!app.trace.result || app.busy) return;
      if (!(learningRate > 0 && learningRate <= 10)) {
        return ctx.status("error", "The learning rate must be a number above 0 and at most 10.");
      }
      app.busy = true;
      showState();
      let answer = null;
      try {
        answer = await api.sgdStep(
          {
            ...ctx.imageBody(),
            label: app.trace.result.label,
            ...ctx.modelBody(),
            learning_rate: learningRate,
          },
          ctx.retrying,
        );
      } catch (err) {
        ctx.status(
          "error",
          `The SGD step was not applied (${err.message}); your weights are unchanged.`,
        );
      } finally {
        app.busy = false;
      }
      if (!answer) return showState();
      app.undo.push({ student: app.student, lastStep: app.lastStep });
      app.student = answer.weights;
      app.lastStep = answer;
      app.label = answer.label;
      await weightsChanged();
    },

    async undo() {
      const earlier = app.undo.pop();
      if (!earlier) return;
      app.student = earlier.student;
      app.lastStep = earlier.lastStep;
      await weightsChanged();
    },

    async reset() {
      app.student = null;
      app.undo = [];
      app.lastStep = null;
      await weightsChanged();
    },

    async gradcheck() {
      if (!app.input) {
        return ctx.status("error", "Classify a digit first: the check runs on the current digit.");
      }
      v.diagnostics.showGradcheck({ busy: true });
      try {
        const answer = await api.gradcheck(
          {
            ...ctx.imageBody(),
            label: app.trace.result?.label ?? null,
            ...ctx.modelBody(),
          },
          ctx.retrying,
        );
        v.diagnostics.showGradcheck(answer);
      } catch (err) {
        v.diagnostics.showGradcheck({ error: err.message });
      }
    },
  };
}
