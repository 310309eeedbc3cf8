// The focus view: the current step's tensors, large. Each operand shows one slice big (a map, a
// filter, a class's weights) sized to fill the space it has, and, when it has several slices,
// the whole stack small underneath as an overview that picks the slice. Draws plain data from
// focus.js; knows no layers.

import { pickOfSlice, slice, sliceCount } from "../focus.js";
import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { tiling } from "../tiling.js";
import { el } from "./dom.js";
import { bindCell, createHeatmap, createLegend, drawHeatmap, markHeatmap } from "./heatmap.js";
import { createStackOverview, stackLayout } from "./stack-overview.js";

const MAX_CELL = 64;
const STACK_BELOW = 480; // px of width under which panels stack (phones)

/** Tiles per row and cell size that fill `w` x `h` best for a slice of `shape`. */
export function fit(shape, w, h) {
  const layout = tiling(shape);
  if (layout.tiles === 1) {
    const cell = Math.min(w / layout.cols, h / layout.rows, MAX_CELL);
    return { gridCols: 0, cell: Math.max(1, Math.floor(cell)) };
  }
  let best = { gridCols: 1, cell: 0 };
  for (let g = 1; g <= layout.tiles; g++) {
    const lines = Math.ceil(layout.tiles / g);
    const cw = (w - g * 5) / (g * layout.cols); // 5 px: a tile's border and gap
    const ch = (h - lines * 5) / (lines * layout.rows);
    const cell = Math.floor(Math.min(cw, ch, MAX_CELL));
    if (cell > best.cell) best = { gridCols: g, cell };
  }
  return { gridCols: best.gridCols, cell: Math.max(1, best.cell) };
}

/**
 * The overview's stack layout and [w, h] CSS px per cell: as large as fits `w` x `h`, or, for a
 * finger (`touch`), large enough that a tile is a 44 px target where the width allows.
 */
export function overviewSize(op, w, h, touch = false) {
  let best = null;
  for (let cell = 1; cell <= (touch ? 8 : 3); cell++) {
    // a row wider than the space (a dense W over 4 096 inputs) is drawn below 1 px per value:
    // the overview only picks the row, the big slice shows its values
    const fitRow = w / (op.shape[1] + 2);
    const cw = op.along === "row" ? (fitRow >= 1 ? Math.floor(fitRow) : fitRow) : cell;
    const ch = op.along === "row" ? (touch ? 5 : 3) : cell;
    const stack = stackLayout(op, Math.floor(w / cw));
    const height = stack.height * ch + 8;
    const fits = stack.width * cw <= w && (touch || height <= h);
    if (!best || fits) best = { stack, cell: [cw, ch], height };
    if (touch && stack.rows * ch >= 44) break; // a fingertip's target: large enough
  }
  return best;
}

function sliceText(op, s) {
  const n = sliceCount(op);
  const folded = op.fold ? t("focus.slice.laid_out", { shape: op.fold.join("×") }) : "";
  if (op.along === "row") return t("focus.slice.class", { k: s.index, n }) + folded;
  if (n === 1) return folded.replace(/^[,،，]\s*/, ""); // the clause without its comma
  if (op.along === "mc") {
    const m = op.shape[0];
    return t("focus.slice.filter", { m: (s.index % m) + 1, c: Math.floor(s.index / m) + 1 });
  }
  return t("focus.slice.map", { k: s.index + 1, n });
}

function option(value, text) {
  const o = el("option", "", text);
  o.value = String(value);
  return o;
}

// Download buttons for a figure of what is on screen: every panel or one, as SVG or as PNG at
// the chosen resolution. `which` lists the panels (showFocus fills it).
function exportBar(onExport) {
  const bar = el("div", "focus-export");
  const which = el("select");
  const svg = el("button");
  svg.type = "button";
  svg.dataset.testid = "export-svg";
  const png = el("button");
  png.type = "button";
  png.dataset.testid = "export-png";
  const ratio = el("select");
  ratio.append(option(2, "2×"), option(4, "4×"));
  const panel = () => Number(which.value);
  svg.addEventListener("click", () => onExport({ format: "svg", panel: panel() }));
  png.addEventListener("click", () =>
    onExport({ format: "png", scale: Number(ratio.value), panel: panel() }),
  );
  bar.append(which, svg, png, ratio);
  // worded here and again when the reader switches language
  const word = () => {
    which.setAttribute("aria-label", t("focus.export_which"));
    svg.textContent = t("focus.export_svg");
    png.textContent = t("focus.export_png");
    ratio.setAttribute("aria-label", t("focus.export_ratio"));
  };
  word();
  return { bar, which, word };
}

export function createFocusView(root) {
  const row = el("div", "focus-row");
  let on = {};
  const { bar, which, word } = exportBar((what) => on.export?.(what));
  root.append(bar, row);
  let shown = "";
  let marks = []; // [{key, marks: [{flats, style}], grid}], as the network view takes them
  const bigs = new Map(); // operand key -> its big slice's heatmap
  const touch = matchMedia("(pointer: coarse)").matches;
  // the space to fill, kept by a ResizeObserver: reading it on each step would force a layout
  // of the whole page in the middle of the step's script
  let size = { w: 0, h: 0, em: 16 };
  new ResizeObserver(() => {
    const em = parseFloat(getComputedStyle(root).fontSize);
    size = { w: root.clientWidth, h: root.clientHeight - bar.offsetHeight - 12, em };
    on.resize?.();
  }).observe(root);
  let figures = [];

  // Two passes: the captions first, so their real height (titles wrap) is known, then each
  // slice sized into what is left. The measuring is one layout of this box, which is a layout
  // boundary on the desk and the projector.
  function caption(op, pick, w, em) {
    const s = slice(op, pick);
    const name = [op.label, sliceText(op, s)].filter(Boolean).join(", ");
    const fig = el("figure", `focus-panel ${op.role}`);
    fig.dataset.focusKey = op.key;
    fig.style.maxWidth = `${Math.ceil(w + em)}px`; // a long title wraps instead of widening it
    const cap = el("figcaption");
    cap.append(el("span", "title", name));
    if (op.values.length > 1) cap.append(createLegend(op.scale));
    fig.append(cap);
    return { op, s, name, fig, cap };
  }

  function heatmap(op, s, name, size) {
    const big = createHeatmap(s.shape, name, {
      cell: [size.cell, size.cell],
      gridCols: size.gridCols,
    });
    drawHeatmap(big, s.values, op.scale);
    bindCell(big, (k) => on.cell?.(op.key, s.toFlat(k)));
    bigs.set(op.key, { hm: big, s });
    return big.el;
  }

  // The page's outlines (switches, the inspected cell and its terms) on the big slices: marks
  // name cells of whole tensors; those inside the slice shown are drawn.
  function applyMarks() {
    for (const [key, { hm, s }] of bigs) {
      const mine = marks.find((m) => m.key === key);
      if (!mine && !hm.marked) continue;
      const inside = new Map(Array.from(s.values, (_, k) => [s.toFlat(k), k]));
      const local = (mine?.marks ?? []).map((m) => ({
        ...m,
        flats: m.flats.filter((f) => inside.has(f)).map((f) => inside.get(f)),
      }));
      markHeatmap(hm, local, s.shape.length === 2 ? (mine?.grid ?? 0) : 0);
      hm.marked = Boolean(mine);
    }
  }

  // a single number (the loss) is written, not drawn: one cell of colour says nothing
  function scalar(op, s, name) {
    const value = el("button", "focus-scalar", `= ${fmt(s.values[0])}`);
    value.type = "button";
    value.setAttribute("aria-label", `${name} = ${fmt(s.values[0])}; inspect it`);
    value.addEventListener("click", () => on.cell?.(op.key, s.toFlat(0)));
    return value;
  }

  function body({ op, s, name, fig, cap }, pick, w, h, stacked) {
    const several = sliceCount(op) > 1;
    const small = several ? overviewSize(op, w, h / 5, touch && stacked) : { height: 0 };
    const size = fit(s.shape, w, h - cap.offsetHeight - 14 - small.height);
    fig.append(s.values.length === 1 ? scalar(op, s, name) : heatmap(op, s, name, size));
    if (several) {
      const choose = (t) => on.pick?.(pickOfSlice(op, t, pick));
      fig.append(createStackOverview(op, small.stack, small.cell, s.index, choose));
    }
    const { label, scale, shape: fullShape } = op;
    const { shape, values, toFlat } = s;
    figures.push({ title: name, label, shape, values, scale, fullShape, toFlat });
  }

  return {
    /** The reader switched language: word the bar again; the next showFocus redraws. */
    relabel() {
      word();
      shown = "";
    },

    /** plan from focus.focusPlan (null clears); pick = {m, c}. Redraws only when either changed. */
    showFocus(plan, pick, stamp) {
      const { w, h, em } = size;
      const key = plan ? `${stamp}|${pick.m},${pick.c}|${w}x${h}` : "";
      if (key === shown) return;
      shown = key;
      figures = [];
      bigs.clear();
      if (!plan) return row.replaceChildren();
      const n = plan.operands.length;
      // narrow screens stack the panels, each the full width and roughly square
      const stacked = w < STACK_BELOW;
      // room for each panel's gap and padding (2 em) and the arrow before the result (3 em)
      const each = stacked ? w - 8 - em : (w - 3 * em - n * 2 * em) / n;
      const tall = stacked ? Math.min(w, 420) + 140 : h;
      const panels = plan.operands.map((op) => caption(op, pick, each, em));
      const parts = panels.map((p) => p.fig);
      if (n > 1) parts.splice(n - 1, 0, el("span", "focus-op", "→"));
      row.classList.toggle("stacked", stacked);
      which.replaceChildren(
        option(-1, t("focus.all_panels")),
        ...panels.map((p, i) => option(i, p.name)),
      );
      // a keyboard user choosing slices keeps the focus on the (redrawn) overview they used
      const using = document.activeElement?.closest?.(".focus-panel")?.dataset.focusKey;
      const refocus = document.activeElement?.classList.contains("stack-overview") && using;
      row.replaceChildren(...parts);
      for (const p of panels) body(p, pick, each, tall, stacked);
      applyMarks();
      if (refocus) row.querySelector(`[data-focus-key="${refocus}"] .stack-overview`)?.focus();
    },

    /** Outlines on the big slices: the same list the network view's showMarks takes. */
    showMarks(list) {
      marks = list;
      applyMarks();
    },

    /** Scroll the focus view into sight (after a jump from the overview below it). */
    reveal() {
      root.scrollIntoView({ block: "nearest" });
    },

    /** What is drawn, as plain data for figures: [{title, label, shape, values, scale}]. */
    figures: () => figures,

    /**
     * handlers = {pick({m, c}): another slice was chosen in an overview; cell(key, flat): a cell
     * of a big slice (flat indexes the whole tensor); export({format: "svg"|"png", scale,
     * panel: index into figures(), or -1 for all});
     * resize(): the space to fill changed}
     */
    bind(handlers) {
      on = handlers;
    },
  };
}
