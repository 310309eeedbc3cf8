// One row of the architecture editor: the layer's number l, its kind, its fields, the shape it
// gives, its parameters and cost, its problems in words, and the buttons that move or remove it.
// Knows nothing of the server: the card (arch-editor.js) passes plain data in and edits out.
// Its words are marked (page-text.js): a change of language writes them again in place, keeping
// what the reader typed; the shape line is composed, so the card shows it again (showCheck).

import { shapeText } from "../format.js";
import { t } from "../i18n.js";
import { wordsAttr } from "../page-text.js";
import { button, el, worded } from "./dom.js";

// a button showing a sign (↑ ↓ ✕), named by the message `key` for layer `l`
function smallButton(text, key, l, role, testid) {
  const b = button(text, testid, "arch-small");
  b.dataset.role = role; // the same control is focused again after the rows are rebuilt
  wordsAttr(b, "aria-label", key, { l });
  wordsAttr(b, "title", key, { l });
  return b;
}

/** A <select> of the layer kinds, `kind` chosen, named by the message `key` (with `params`). */
export function kindSelect(kinds, kind, key, params = null) {
  const select = el("select", "arch-kind");
  wordsAttr(select, "aria-label", key, params);
  for (const k of Object.keys(kinds)) {
    const o = worded("option", "", `arch.kind.${k}`);
    o.value = k;
    select.append(o);
  }
  select.value = kind;
  return select;
}

// A field's input: a number box, or a text box when the field also takes a word ("same").
function fieldInput(field, layer, index) {
  const value = layer[field.name];
  const wordy = field.allowed?.length || field.name === "padding";
  const input = el("input", "arch-field");
  input.name = field.name;
  input.type = wordy ? "text" : "number";
  if (wordy) input.setAttribute("inputmode", "numeric");
  if (field.min != null) input.min = String(field.min);
  if (field.max != null) input.max = String(field.max);
  input.size = 4;
  input.value = value == null ? "" : String(value);
  // a pool's stride defaults to its size: the placeholder shows that number
  const from = field.default_from ? layer[field.default_from] : null;
  input.placeholder = String(field.default ?? from ?? "");
  input.id = `arch-${index}-${field.name}`;
  const label = worded("label", "arch-label", `arch.field.${field.name}`);
  label.htmlFor = input.id;
  const box = el("span", "arch-fieldbox");
  box.append(label, input);
  return { box, input };
}

/**
 * The row for layer `index` of `count`; on = {kind(i, k), field(i, name, text), move(i, by),
 * remove(i)}. Returns {el, inputs: Map name -> input, shape, problems}.
 */
export function layerRow(kinds, layer, index, count, on) {
  const row = el("li", "arch-layer");
  row.dataset.testid = "arch-layer";
  row.dataset.kind = layer.kind;
  const l = el("span", "arch-l", `l = ${index + 1}`);
  const kind = kindSelect(kinds, layer.kind, "arch.kind_of", { l: index + 1 });
  kind.dataset.role = "kind";
  kind.addEventListener("change", () => on.kind(index, kind.value));
  const fields = el("span", "arch-fields");
  const inputs = new Map();
  for (const f of kinds[layer.kind] ?? []) {
    const { box, input } = fieldInput(f, layer, index);
    input.addEventListener("input", () => on.field(index, f.name, input.value, f));
    inputs.set(f.name, input);
    fields.append(box);
  }
  const up = smallButton("↑", "arch.move_up", index + 1, "up");
  const down = smallButton("↓", "arch.move_down", index + 1, "down");
  const remove = smallButton("✕", "arch.remove", index + 1, "remove", "arch-remove");
  up.disabled = index === 0;
  down.disabled = index === count - 1;
  remove.disabled = count === 1;
  up.addEventListener("click", () => on.move(index, -1));
  down.addEventListener("click", () => on.move(index, 1));
  remove.addEventListener("click", () => on.remove(index));
  const tools = el("span", "arch-tools");
  tools.append(up, down, remove);
  const shape = el("span", "arch-shape");
  const problems = el("p", "arch-error");
  problems.dataset.testid = "arch-error";
  problems.setAttribute("role", "alert");
  problems.hidden = true;
  row.append(l, kind, fields, shape, tools, problems);
  return { el: row, inputs, shape, problems };
}

/** "→ 24×24×8 · 208 parameters · 115 200 multiply-adds" for a checked layer (or nothing). */
export function shapeLine(layer) {
  if (!layer) return "";
  const parts = [`→ ${shapeText(layer.output_shape)}`];
  if (layer.params) parts.push(t("arch.params", { count: layer.params }));
  if (layer.macs) parts.push(t("arch.macs", { count: layer.macs }));
  return parts.join(" · ");
}

/** The whole network in one line: shapes, parameters and multiply-adds against the limits. */
export function summaryLine(check, limits) {
  const shapes = [check.input, ...check.layers.map((l) => l.output_shape)].map(shapeText);
  const params = t("arch.total_params", { count: check.params, max: limits.max_params ?? 200000 });
  const macs = t("arch.total_macs", { count: check.macs, max: limits.max_macs ?? 20000000 });
  return `${shapes.join(" → ")} · ${params} · ${macs}`;
}
