// The architecture editor's flow, loaded when the editor is first opened: a draft spec edited in
// the editor and checked by the server as it changes (debounced), then applied as the network
// every request runs on: a new network with fresh seeded weights (POST api/networks), or a
// shipped model by name when the draft is one and its trained weights are kept.

import * as A from "../arch-api.js";
import * as Spec from "../arch-spec.js";

const CHECK_DELAY_MS = 250; // typing "16" checks once, not for "1" and then "16"
const randomSeed = () => Math.floor(Math.random() * 100000);

/** core: flows/arch.js (loadNetwork(id, seed), showNote(key, params)). */
export function createArchEdit(ctx, view, core) {
  const { app } = ctx;
  let kinds = null;
  let limits = {};
  // the editor: its spec, preset, the server's last word on it, and the apply choices
  const ed = { spec: null, preset: "", check: null, problems: null, pending: false };
  const choice = { seed: randomSeed(), keep: true, busy: false };
  let timer = null;
  let inFlight = null;
  let opened = false;

  async function ensureKinds() {
    if (kinds) return;
    const catalogue = await A.fetchLayers();
    kinds = Spec.kindsOf(catalogue);
    limits = catalogue.limits ?? {};
    view.showKinds(kinds);
  }

  // the spec in use: the student's network, else the shipped model's, else the LeNet preset
  function specInUse() {
    const shipped = app.models.find((m) => m.name === app.model)?.spec;
    return Spec.editable(app.spec ?? shipped ?? Spec.presetSpec("lenet"), kinds);
  }

  const match = () => (ed.spec ? Spec.shippedMatch(ed.spec, app.models, kinds) : null);

  function showApply() {
    view.showApply({ ...choice, match: match()?.name ?? null });
  }

  function showCheck() {
    view.showCheck({ ...ed, limits });
    if (!ed.pending) showApply();
  }

  async function runCheck() {
    inFlight?.abort();
    const request = new AbortController();
    inFlight = request;
    let got;
    try {
      got = await A.checkNetwork(ed.spec, request.signal);
    } catch (err) {
      if (err.name === "AbortError") return;
      got = { ok: false, detail: [{ msg: err.message }] };
    }
    if (inFlight !== request) return; // a newer draft is being checked
    inFlight = null;
    ed.pending = false;
    ed.check = got.ok ? got.check : null;
    ed.problems = got.ok ? null : Spec.sortProblems(got.detail);
    showCheck();
  }

  // a new draft: shown (rows rebuilt unless only a field's text changed) and checked soon
  function edited(spec, { rebuild = true, preset = "", focus = null } = {}) {
    ed.spec = spec;
    ed.preset = preset;
    if (rebuild) view.showSpec(spec, preset, focus);
    else view.showPreset(preset);
    ed.pending = true;
    ed.check = null;
    showCheck();
    clearTimeout(timer);
    timer = setTimeout(runCheck, CHECK_DELAY_MS);
  }

  const presetOf = (spec) =>
    Object.keys(Spec.PRESETS).find((k) => Spec.sameSpec(spec, Spec.presetSpec(k), kinds)) ?? "";

  async function applyDraft() {
    const shipped = match();
    if (shipped && choice.keep) {
      await ctx.flows.train.loadModel(shipped.name);
      core.showNote("arch.note.shipped", { model: shipped.name });
      return;
    }
    const seed = choice.seed;
    const id = await A.createNetwork({ spec: ed.spec, seed });
    await core.loadNetwork(id, seed);
  }

  return {
    /** The header's button: open the editor on the spec in use, or close it. */
    async toggle() {
      opened = !opened;
      view.showOpen(opened);
      if (!opened) return;
      await ctx.guarded(async () => {
        await ensureKinds();
        const spec = specInUse();
        edited(spec, { preset: presetOf(spec) });
      });
    },

    /**
     * After a change of language: the marked words (labels, kinds, buttons) are written again
     * by the page (page-text.js fillPage) in place, keeping what the reader typed; the composed
     * ones (each layer's shape, the totals, the server's objections, the keep line) here.
     */
    relabel() {
      if (!kinds || !ed.spec) return; // nothing shown yet (the layer kinds are on their way)
      showCheck(); // (and the keep line, once the draft is checked: showApply)
    },

    close() {
      opened = false;
      view.showOpen(false);
    },

    preset(key) {
      edited(Spec.presetSpec(key), { preset: key });
    },

    kind(i, kind) {
      edited(Spec.changeKind(kinds, ed.spec, i, kind), { focus: i });
    },

    field(i, name, text, field) {
      const value = String(text).trim() === "" ? null : Spec.parseField(text, field);
      const spec = Spec.setField(ed.spec, i, name, value);
      edited(spec, { rebuild: false, preset: "" });
    },

    move(i, by) {
      edited(Spec.moveLayer(ed.spec, i, by), { focus: i + by });
    },

    remove(i) {
      edited(Spec.removeLayer(ed.spec, i), { focus: i });
    },

    /** A new layer before the last (the output layer stays last). */
    add(kind) {
      const at = Math.max(0, ed.spec.layers.length - 1);
      edited(Spec.insertLayer(ed.spec, at, Spec.newLayer(kinds, kind)));
    },

    seed(text) {
      const n = Number(text);
      if (Number.isInteger(n) && n >= 0 && n < 2 ** 32) choice.seed = n;
    },

    keep(on) {
      choice.keep = on;
      showApply();
    },

    /** Apply: the draft becomes the network every request runs on; the digit is traced again. */
    async apply() {
      if (!ed.check || choice.busy) return;
      choice.busy = true;
      showApply();
      const done = await ctx.guarded(async () => {
        await applyDraft();
        return true;
      });
      choice.busy = false;
      showCheck();
      if (!done) return;
      choice.seed = randomSeed(); // the next Apply gives other weights unless the seed is typed
      showApply();
      await ctx.flows.classify.rerun();
      ctx.shown();
    },
  };
}
