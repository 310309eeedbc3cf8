// The page as a link and as a file: the URL hash kept current (so the address bar is the share
// link), opening a link at start-up, copying it, and downloading the trace as JSON.

import * as api from "../api.js";
import { fromHash, toHash } from "../app-state.js";
import { t } from "../i18n.js";
import * as S from "../trace-store.js";

export function createLinkFlow(ctx) {
  const { app, v } = ctx;

  return {
    /** Keep the address bar equal to the state's link, once there is a trace to link to. */
    writeUrl() {
      if (!app.input || !app.trace.result) return;
      const hash = toHash(app);
      if (hash !== location.hash) history.replaceState(null, "", hash);
    },

    /** Start-up: list the models, then load the one the link names and trace its digit. */
    async open() {
      await ctx.guarded(async () => {
        ctx.status("busy", t("link.loading"));
        const list = await api.fetchModels();
        app.models = list.models;
        app.defaultLearningRate = list.default_learning_rate ?? app.defaultLearningRate;
        v.training.showLearningRate(app.defaultLearningRate);
        const wanted = fromHash(location.hash);
        const known = app.models.some((m) => m.name === wanted.model);
        const name = known ? wanted.model : list.default;
        v.toolbar.showModels(app.models, name);
        await ctx.flows.train.loadModel(name);
        ctx.status("idle", t("link.ready"));
        if (wanted.network) await ctx.flows.arch.openLink(wanted.network);
        if (!wanted.input) return;
        Object.assign(app, { ...wanted, model: name, network: app.network, lang: app.lang });
        v.drawpad.showImage(app.input);
        await ctx.flows.classify.rerun();
      });
    },

    async share() {
      if (!app.trace.result) {
        return ctx.status("error", t("link.classify_first"));
      }
      this.writeUrl();
      const copied = await v.toolbar.offerLink(location.href);
      const which = `link.${copied ? "copied" : "not_copied"}${app.student ? "_trained" : ""}`;
      ctx.status("info", t(which));
    },

    download() {
      const r = app.trace.result;
      if (!r) return;
      const meta = { model: app.model, custom_weights: Boolean(app.student) };
      v.toolbar.saveFile(
        `convtrace-${app.model}-label${r.label}.json`,
        JSON.stringify(S.toPlain(app.trace, meta)),
      );
    },
  };
}
