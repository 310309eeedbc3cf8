// SGD steps on the current digit (with undo and reset) and the numerical gradient check:
// loaded on the first of them (flows/train.js), with the view that writes their results.

import * as api from "../api.js";
import { t } from "../i18n.js";

/** results: views/sgd-results.js. */
export function createSgdFlow(ctx, results) {
  const { app } = ctx;

  // The weights (and the step result describing them) changed: show it all again.
  async function weightsChanged() {
    results.showStepResult(app.lastStep);
    results.showGradcheck(null);
    ctx.flows.train.showState();
    await ctx.flows.classify.rerun();
  }

  return {
    async apply(learningRate) {
      if (!app.trace.result || app.busy) return;
      if (!(learningRate > 0 && learningRate <= 10)) {
        return ctx.status("error", t("train.bad_rate"));
      }
      app.busy = true;
      ctx.flows.train.showState();
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
        ctx.status("error", t("train.not_applied", { reason: err.message }));
      } finally {
        app.busy = false;
      }
      if (!answer) return ctx.flows.train.showState();
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
        return ctx.status("error", t("train.gradcheck_first"));
      }
      results.showGradcheck({ busy: true });
      try {
        const answer = await api.gradcheck(
          {
            ...ctx.imageBody(),
            label: app.trace.result?.label ?? null,
            ...ctx.modelBody(),
          },
          ctx.retrying,
        );
        results.showGradcheck(answer);
      } catch (err) {
        results.showGradcheck({ error: err.message });
      }
    },
  };
}
