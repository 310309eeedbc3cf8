// The architecture editor's card: presets, the list of layers (arch-rows.js), the shapes,
// parameters and cost of the whole network, the server's objections in words beside the layer
// they concern, and Apply with the seed of the fresh weights. Plain data in, edits out.
// Each text that is one message is marked (page-text.js), so a change of language writes it
// again; the composed ones (shapes, totals, objections) are shown again by the flow's relabel.

import { PRESETS } from "../arch-spec.js";
import { has, t } from "../i18n.js";
import { words, wordsAttr } from "../page-text.js";
import { kindSelect, layerRow, shapeLine, summaryLine } from "./arch-rows.js";
import { button, el, worded } from "./dom.js";

/** A server objection {code, msg, params} in the reader's words; the server's own as fallback. */
export function problemText(item) {
  const key = `arch.error.${item.code}`;
  if (item.code && has(key)) {
    try {
      return t(key, item.params ?? {});
    } catch {
      // the server's params lack a placeholder the catalogue wants: its own sentence is next best
    }
  }
  return item.msg || t("arch.error.unknown");
}

function presetSelect(keys) {
  const select = el("select", "arch-preset");
  select.dataset.testid = "arch-preset";
  wordsAttr(select, "aria-label", "arch.preset_label");
  const none = worded("option", "", "arch.preset.custom");
  none.value = "";
  select.append(none);
  for (const key of keys) {
    const o = worded("option", "", `arch.preset.${key}`);
    o.value = key;
    select.append(o);
  }
  return select;
}

function seedBox() {
  const input = el("input", "arch-seed");
  input.type = "number";
  input.name = "seed";
  input.min = "0";
  input.max = String(2 ** 32 - 1);
  input.id = "arch-seed";
  const label = worded("label", "", "arch.seed");
  label.htmlFor = input.id;
  const box = el("span", "arch-fieldbox");
  box.append(label, input);
  return { box, input };
}

function keepBox() {
  const input = el("input");
  input.type = "checkbox";
  input.checked = true;
  const label = el("label", "arch-keep");
  const text = el("span"); // its own node: the label holds the box too
  label.append(input, text);
  return { label, input, text };
}

/** The card in `root`, opened and closed by the header's `open` button (main.js binds it). */
export function createArchEditor({ root, open }) {
  let on = {};
  let rows = [];
  let kinds = {};
  const head = el("div", "arch-head");
  const close = button("×", "", "close");
  wordsAttr(close, "aria-label", "arch.close");
  head.append(worded("h2", "", "arch.title"), close);
  const intro = worded("p", "arch-intro", "arch.intro");
  const preset = presetSelect(Object.keys(PRESETS));
  const presetLine = el("p", "arch-line");
  presetLine.append(worded("span", "", "arch.preset_label"), preset);
  const input = worded("p", "arch-input", "arch.input", { shape: "28×28×1" });
  const list = el("ol", "arch-layers");
  const addLine = el("p", "arch-line");
  const add = words(button("", "arch-add"), "arch.add");
  let addKind = el("select");
  addLine.append(addKind, add);
  const shapes = el("p", "arch-shapes");
  shapes.dataset.testid = "arch-shapes";
  shapes.setAttribute("aria-live", "polite");
  const general = el("p", "arch-error");
  general.dataset.testid = "arch-error";
  general.setAttribute("role", "alert");
  general.hidden = true;
  const seed = seedBox();
  const keep = keepBox();
  const apply = words(button("", "arch-apply", "primary"), "arch.apply");
  const applyLine = el("p", "arch-line");
  applyLine.append(seed.box, keep.label, apply);
  const note = el("p", "arch-note");
  note.setAttribute("aria-live", "polite");
  root.append(head, intro, presetLine, input, list, addLine, shapes, general, applyLine, note);
  root.dataset.testid = "arch-editor";

  close.addEventListener("click", () => on.close?.());
  root.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape" || ev.defaultPrevented) return;
    ev.preventDefault();
    on.close?.();
  });
  preset.addEventListener("change", () => preset.value && on.preset?.(preset.value));
  add.addEventListener("click", () => on.add?.(addKind.value));
  seed.input.addEventListener("input", () => on.seed?.(seed.input.value));
  keep.input.addEventListener("change", () => on.keep?.(keep.input.checked));
  apply.addEventListener("click", () => on.apply?.());

  function showProblems(node, items) {
    node.hidden = items.length === 0;
    node.textContent = items.map(problemText).join(" ");
  }

  return {
    /** h = {close, preset(key), kind(i, k), field(i, name, text, field), move(i, by),
     * remove(i), add(kind), seed(text), keep(on), apply} */
    bind(h) {
      on = h;
    },

    showOpen(isOpen) {
      const inside = root.contains(document.activeElement);
      root.hidden = !isOpen;
      open.setAttribute("aria-expanded", String(isOpen));
      if (isOpen) root.scrollIntoView?.({ block: "nearest" });
      else if (inside) open.focus(); // closed from inside (×, Escape): back to its button
    },

    /** The layer kinds (GET api/layers, as arch-spec.kindsOf gives them). */
    showKinds(k) {
      kinds = k;
      const fresh = kindSelect(kinds, addKind.value || "conv", "arch.add_kind");
      addKind.replaceWith(fresh);
      addKind = fresh;
    },

    /**
     * The draft spec as rows (rebuilt: call after an edit that changes the list). `focusRow`:
     * the row whose control takes the keyboard focus, the one used before (a moved layer's ↑).
     */
    showSpec(spec, presetKey = "", focusRow = null) {
      const role = list.contains(document.activeElement) && document.activeElement.dataset.role;
      preset.value = presetKey;
      const n = spec.layers.length;
      rows = spec.layers.map((layer, i) => layerRow(kinds, layer, i, n, on));
      list.replaceChildren(...rows.map((r) => r.el));
      if (!role || focusRow == null || !n) return;
      const row = rows[Math.max(0, Math.min(n - 1, focusRow))].el;
      const same = row.querySelector(`[data-role=${role}]:not(:disabled)`);
      (same ?? row.querySelector("[data-role=kind]")).focus();
    },

    /** Which preset the draft is ("" once edited). */
    showPreset(key) {
      preset.value = key;
    },

    /**
     * The server's answer on the draft: {pending, check (or null), problems: {byLayer, general}
     * (or null), limits}. Apply is usable only for a checked draft.
     */
    showCheck({ pending, check, problems, limits }) {
      root.classList.toggle("checking", pending);
      rows.forEach((r, i) => {
        r.shape.textContent = shapeLine(check?.layers[i]);
        r.el.classList.toggle("bad", Boolean(problems?.byLayer.get(i)));
        showProblems(r.problems, problems?.byLayer.get(i) ?? []);
      });
      shapes.textContent = check ? summaryLine(check, limits) : pending ? t("arch.checking") : "";
      showProblems(general, problems?.general ?? []);
      apply.disabled = pending || !check;
    },

    /** {seed, match: a shipped model's name or null, keep, busy} */
    showApply({ seed: value, match, keep: keeping, busy }) {
      if (document.activeElement !== seed.input) seed.input.value = String(value);
      keep.label.hidden = !match;
      keep.input.checked = keeping;
      words(keep.text, match && "arch.keep", { model: match });
      seed.box.hidden = Boolean(match) && keeping;
      apply.classList.toggle("busy", busy);
      if (busy) apply.disabled = true;
    },

    /** The note on the network in use: the message `key` with `params` (none: no note). */
    showNote(key, params = null) {
      words(note, key, params);
    },
  };
}
