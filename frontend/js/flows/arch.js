// The student's own network as app state: loading one by id (after Apply, from a link, from a
// class) and the editor, whose modules load when it is first opened (a student who never opens
// it never downloads them). This module itself loads on first use (flows/arch-loader.js).

import * as A from "../arch-api.js";
import { t } from "../i18n.js";
import * as P from "../panels.js";
import * as S from "../trace-store.js";
import { styleSheet } from "./style-sheet.js";

// JSON with every object's keys in order: a stored spec comes back with its keys sorted
const sorted = (value) =>
  JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/** elements = {root, open}: the editor's card and the header button that opens it. */
export function createArchFlow(ctx, elements) {
  const { app, v } = ctx;
  let editor = null; // {view, flow} once loaded
  let note = null; // the note on the network in use: [key, params] (worded when shown)

  function freshNote() {
    if (app.networkStep != null) return ["arch.note.trained", { step: app.networkStep }];
    return app.networkSeed == null
      ? ["arch.note.network"]
      : ["arch.note.fresh", { seed: String(app.networkSeed) }]; // a name, not a quantity
  }

  const ownLabel = () => ctx.flows.arch.ownLabel(); // (flows/arch-loader.js)

  // The page now runs on network `id` ({spec, weights} as GET api/networks/{id} gave them).
  // (step: the training step whose checkpoint this is, or null)
  async function useNetwork(id, net, seed, step = null) {
    // the same architecture with other weights (a class after the instructor's SGD step): the
    // trace on screen stays until the new one replaces it, rather than blanking the page
    if (sorted(net.spec) === sorted(app.spec)) return newWeights(id, net, seed, step);
    const got = await A.checkNetwork(net.spec);
    if (!got.ok) throw new Error(t("arch.not_buildable"));
    Object.assign(app, {
      network: id,
      spec: net.spec,
      networkSeed: seed,
      networkStep: step,
      architecture: got.check.layers,
      shipped: net.weights,
      student: null,
      undo: [],
      lastStep: null,
      trace: S.emptyTrace(),
    });
    v.network.showLayers(P.layerRows(app.architecture));
    v.toolbar.showModel("", ownLabel()); // no shipped model is in use
    v.training.clearStepResult();
    v.diagnostics.clearGradcheck();
    ctx.flows.step.drawPanels();
    ctx.flows.train.showState();
    core.showNote(...freshNote());
  }

  function newWeights(id, net, seed, step) {
    Object.assign(app, {
      network: id,
      networkSeed: seed,
      networkStep: step,
      shipped: net.weights,
      student: null,
      undo: [],
      lastStep: null,
    });
    v.toolbar.showModel("", ownLabel());
    v.training.clearStepResult();
    ctx.flows.step.drawPanels();
    ctx.flows.train.showState();
    core.showNote(...freshNote());
  }

  async function loadEditor() {
    if (editor) return editor;
    const [views, flows] = await Promise.all([
      import("../views/arch-editor.js"),
      import("./arch-edit.js"),
      styleSheet("css/arch.css"),
    ]);
    const view = views.createArchEditor(elements);
    const flow = flows.createArchEdit(ctx, view, core);
    view.bind(flow);
    view.showNote(...(note ?? []));
    editor = { view, flow };
    return editor;
  }

  const core = {
    /** The network `id` (fetched) becomes the one every request runs on. */
    async loadNetwork(id, seed = null, step = null) {
      await useNetwork(id, await A.fetchNetwork(id), seed, step);
    },

    /** A line under the editor about the network in use: the message `key` with `params`
     * (kept until the editor loads, and worded in the language in force when shown). */
    showNote(key, params = null) {
      note = [key, params];
      editor?.view.showNote(key, params);
    },

    /** After a change of language: the open (or loaded) editor words its own parts again. */
    relabel() {
      if (!editor) return;
      editor.flow.relabel();
      editor.view.showNote(...(note ?? []));
    },

    /** The header's button: the editor opens (loaded the first time) or closes. */
    async toggle() {
      const loaded = await ctx.guarded(loadEditor);
      await loaded?.flow.toggle();
    },

    /** Start-up: the network a link names (after the shipped model is loaded as the fallback). */
    async openLink(id) {
      try {
        await core.loadNetwork(id);
      } catch (err) {
        ctx.status("error", t("arch.link_failed", { reason: err.message }));
      }
    },

    /** A class's state names the network (or model) the class runs on: use it here too. */
    async useClassNetwork(state) {
      if (state.network) {
        if (state.network !== app.network) await core.loadNetwork(state.network);
      } else if (state.model !== app.model || app.network) {
        await ctx.flows.train.loadModel(state.model);
      }
    },
  };
  return core;
}
