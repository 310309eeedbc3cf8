// The student's own network loads on first use: most visits run a shipped model, so the page
// does not carry flows/arch.js and its API module (about 7 KB) until someone opens the
// architecture editor, opens a link naming a network, or follows a class that runs one. What
// every trace asks (the network's name, the note on a fresh network) is answered here.

import { t } from "../i18n.js";

/** The architecture flow's face for main.js and the other flows. `elements`: {root, open}. */
export function createArchLoader(ctx, elements) {
  const { app } = ctx;
  let loading = null;
  let loaded = null; // the flow, once loaded
  const load = () => {
    loading ??= import("./arch.js").then((m) => {
      loaded = m.createArchFlow(ctx, elements);
      return loaded;
    });
    return loading;
  };

  return {
    /** The header's button: the editor opens (loaded the first time) or closes. */
    async toggle() {
      elements.open.setAttribute("aria-busy", "true");
      try {
        const flow = await ctx.guarded(load);
        await flow?.toggle();
      } finally {
        elements.open.removeAttribute("aria-busy");
      }
    },
    /** The network `id` (fetched) becomes the one every request runs on. */
    /** (step: the training step, when the network is a training run's checkpoint) */
    loadNetwork: async (id, seed = null, step = null) => (await load()).loadNetwork(id, seed, step),
    /** Start-up: the network a link names (after the shipped model is loaded as the fallback). */
    openLink: async (id) => (await ctx.guarded(load))?.openLink(id),
    /** A class's state names the network (or model) the class runs on: use it here too. */
    useClassNetwork: async (state) => (await load()).useClassNetwork(state),

    /** After a change of language: the editor, if it was ever loaded, words itself again (it is
     * not loaded for that: a page that never opened it has nothing of it to word). */
    relabel() {
      loaded?.relabel();
    },

    /** What the page calls the network in use (the gradient sizes are kept per name). */
    networkName() {
      return app.network ? t("arch.your_network", { id: app.network.slice(0, 6) }) : app.model;
    },

    /** What the model box says while a network built in the editor is in use: the class's
     * for a student following one, else the reader's own; the seed is a name, not a quantity
     * (no digit grouping). */
    ownLabel() {
      if (app.classRole === "student" && app.following) return t("toolbar.class_network");
      const seed = app.networkSeed;
      return seed == null ? t("toolbar.own") : t("toolbar.own_seed", { seed: String(seed) });
    },

    /** Said after each trace: a fresh network's prediction is chance, until it is trained. */
    traceNote() {
      if (!app.network || app.student) return "";
      if (app.networkStep != null) return app.networkStep === 0 ? ` ${t("arch.chance.start")}` : "";
      return ` ${app.networkSeed == null ? t("arch.chance.network") : t("arch.chance.fresh")}`;
    },
  };
}
