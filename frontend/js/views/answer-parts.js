// The pieces every question kind's controls and results are built from: a native radio, a
// button, a list of bars and a grid of click counts. Counts are UI, not data: a neutral grey,
// never a colour of the data maps; the true answer is marked with a tick and a double outline.

import { t } from "../i18n.js";
import { el } from "./dom.js";

export function radio(name, value, text) {
  const label = el("label", "choice");
  const input = el("input");
  input.type = "radio";
  input.name = name;
  input.value = value;
  label.append(input, el("span", "", text));
  return label;
}

/** The answer fieldset (hook: answer-input) with its legend. */
export function answerBox(className, legend) {
  const box = el("fieldset", `answer ${className}`);
  box.dataset.testid = "answer-input";
  box.append(el("legend", "", legend));
  return box;
}

/** A text field answer {node, read()} (hook: answer-input), e.g. for a number or sizes. */
export function textAnswer(label, placeholder, inputMode) {
  const box = el("label", "answer text");
  const input = el("input");
  Object.assign(input, { type: "text", autocomplete: "off", spellcheck: false, placeholder });
  input.dataset.testid = "answer-input";
  input.inputMode = inputMode;
  box.append(el("span", "", label), input);
  return { node: box, read: () => input.value };
}

/** Write `text` into a text answer's field (an answer shown again). */
export function fillText(node, text) {
  (node.matches("input") ? node : node.querySelector("input")).value = text;
}

/** Tick the inputs of `node` that match `selector` (an answer shown again). */
export function pick(node, selector) {
  const input = node.querySelector(selector);
  if (input) input.checked = true;
}

function bar(label, count, most, isTruth) {
  const row = el("li", isTruth ? "truth" : "");
  const fill = el("span", "fill");
  fill.style.setProperty("--w", String(most ? count / most : 0));
  const track = el("span", "track");
  track.setAttribute("aria-hidden", "true");
  track.append(fill);
  row.append(el("span", "what", `${label}${isTruth ? " ✓" : ""}`), track, el("span", "n", count));
  return row;
}

/** rows [{key, label, count}], the row whose key is truthKey marked as the truth. */
export function bars(rows, truthKey) {
  const list = el("ul", "result-bars");
  const most = Math.max(0, ...rows.map((r) => r.count));
  for (const r of rows) list.append(bar(r.label, r.count, most, r.key === truthKey));
  return list;
}

function gridCell(count, most, isTruth, where) {
  const cell = el("span", isTruth ? "truth" : "", `${count}${isTruth ? "✓" : ""}`);
  cell.setAttribute("role", "cell");
  cell.setAttribute("aria-label", t("results.grid.cell", { where, count }));
  cell.style.setProperty("--level", String(count / most));
  cell.classList.toggle("strong", count / most > 0.55);
  return cell;
}

/**
 * An n×n grid of click counts. g = {n, row0, col0, window (0: no window lines), cells: the
 * server's [{cell, count}], right: [[row, col]] marked as the truth, label, caption}.
 */
export function countGrid(g) {
  const counts = new Map(g.cells.map((c) => [c.cell.join(","), c.count]));
  const right = new Set(g.right.map((c) => c.join(",")));
  const most = Math.max(1, ...counts.values());
  const box = el("div", "result-grid");
  box.style.setProperty("--n", String(g.n));
  box.setAttribute("role", "table");
  box.setAttribute("aria-label", g.label);
  for (let r = 0; r < g.n; r++) {
    const line = el("div", "grid-row");
    line.setAttribute("role", "row");
    for (let c = 0; c < g.n; c++) {
      const key = `${g.row0 + r},${g.col0 + c}`;
      const where = `(${g.row0 + r}, ${g.col0 + c})`;
      const cell = gridCell(counts.get(key) ?? 0, most, right.has(key), where);
      const k = g.window;
      cell.classList.toggle("window-right", k > 0 && c % k === k - 1 && c < g.n - 1);
      cell.classList.toggle("window-bottom", k > 0 && r % k === k - 1 && r < g.n - 1);
      line.append(cell);
    }
    box.append(line);
  }
  const figure = el("figure", "result-figure");
  figure.append(box, el("figcaption", "", g.caption));
  return figure;
}
