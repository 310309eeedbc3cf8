// Array -> image tiles. Knows shapes and scales, nothing about layers.
// Each tile is painted at 1 pixel per cell (putImageData on a detached canvas), shown as an
// <img> scaled up by CSS with image-rendering: pixelated, so a whole forward pass paints in a
// few milliseconds.

import { css, paint } from "../colormap.js";
import { describe } from "../describe.js";
import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { tileValues, tiling, unravel } from "../tiling.js";
import { el } from "./dom.js";
import { pointerTracker } from "./pointer.js";

// Why images and not canvases on the page: Chromium makes every canvas in the document a
// composited layer of its own. With ~470 tiles on the page, each frame then spent ~30 ms
// merging layers (Layerize, Commit) whatever had changed, and a step took 4-5 blank frames to
// paint. An <img> is painted into its parent's layer.
const context = (canvas) => canvas.getContext("2d", { willReadFrequently: true });

// on-screen size of one cell, in CSS pixels, chosen from the shape alone
function cellSize(shape, layout) {
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, Math.floor(v)));
  if (shape.length === 4) return [clamp(30 / layout.cols, 3, 10), clamp(30 / layout.rows, 3, 10)];
  if (shape.length === 3) {
    const target = layout.tiles === 1 ? 112 : 72;
    const s = clamp(target / Math.max(layout.rows, layout.cols), 2, 16);
    return [s, s];
  }
  const w = clamp(440 / layout.cols, 1, 28);
  const h = shape.length === 2 ? clamp(100 / layout.rows, 2, 28) : Math.max(w, 16);
  return [w, h];
}

let tooltip = null;
function showTooltip(text, x, y) {
  if (!tooltip) {
    tooltip = el("div", "tooltip");
    tooltip.setAttribute("role", "tooltip");
    document.body.append(tooltip);
  }
  tooltip.textContent = text;
  tooltip.hidden = false;
  tooltip.style.left = `${x + 12}px`;
  tooltip.style.top = `${y + 12}px`;
}
function hideTooltip() {
  if (tooltip) tooltip.hidden = true;
}

/** `hm`, with nothing drawn on it yet, is called `name` (again, after a change of language) and
 * says that it is not computed yet; drawHeatmap describes a drawn one. */
export function nameUndrawn(hm, name = hm.name) {
  hm.name = name;
  hm.el.setAttribute("aria-label", t("heatmap.not_yet", { name }));
}

/**
 * A heatmap element for arrays of `shape`; `name` labels it for hover text and screen readers.
 * options: cell = [w, h] CSS pixels per cell (default: chosen from the shape), gridCols = tiles
 * per row (default: one row of maps; rank 4: one column per filter); indexShape = the tensor's
 * own shape when `shape` is a folded view of it (same flat indices), for the indices read out.
 */
export function createHeatmap(shape, name, options = {}) {
  const layout = tiling(shape);
  const [cw, ch] = options.cell ?? cellSize(shape, layout);
  const root = el("div", `heatmap rank-${shape.length}`);
  root.tabIndex = 0;
  root.setAttribute("role", "img");
  const gridCols = options.gridCols ?? (shape.length === 4 ? layout.gridCols : 0);
  if (gridCols) {
    root.classList.add("grid");
    root.style.gridTemplateColumns = `repeat(${gridCols}, auto)`;
  }
  const tiles = [];
  for (let t = 0; t < layout.tiles; t++) {
    const wrap = el("div", "tile");
    const cells = el("img", "cells");
    cells.alt = ""; // the heatmap as a whole carries the text alternative
    cells.draggable = false;
    cells.style.width = `${layout.cols * cw}px`;
    cells.style.height = `${layout.rows * ch}px`;
    wrap.append(cells);
    root.append(wrap);
    tiles.push({ wrap, cells, overlay: null });
  }
  if (shape.length === 1 && shape[0] <= 32) root.append(indexRow(shape[0], cw));
  root.classList.toggle("small-cells", Math.min(cw, ch) < 6);
  const surface = el("canvas"); // drawn on, never shown
  surface.width = layout.cols;
  surface.height = layout.rows;
  const hm = {
    el: root,
    shape: options.indexShape ?? shape,
    name,
    layout,
    cw,
    ch,
    tiles,
    surface,
    values: null,
    onCell: null,
    pointer: pointerTracker(root), // clicks are measured at the pointer's fractional position
  };
  nameUndrawn(hm, name);
  hm.cursor = null; // the cell arrow keys move, shown while the heatmap has the focus
  root.addEventListener("click", (ev) => {
    const flat = hit(hm, ev);
    if (flat == null) return;
    hm.cursor = flat; // the arrow keys go on from the clicked cell
    hm.onCell?.(flat);
  });
  root.addEventListener("keydown", (ev) => keyboard(hm, ev));
  root.addEventListener("mousemove", (ev) => {
    const flat = hit(hm, ev);
    if (flat == null || !hm.values) return hideTooltip();
    const where = hm.shape.length ? `[${unravel(flat, hm.shape).join(", ")}]` : "";
    showTooltip(`${hm.name}${where} = ${fmt(hm.values[flat])}`, ev.clientX, ev.clientY);
  });
  root.addEventListener("mouseleave", hideTooltip);
  return hm;
}

// short vectors (class scores, probabilities, biases) get their indices written under them
function indexRow(n, cw) {
  const ticks = el("div", "ticks");
  ticks.setAttribute("aria-hidden", "true");
  for (let k = 0; k < n; k++) {
    const t = el("span", "", String(k));
    t.style.width = `${cw}px`;
    ticks.append(t);
  }
  return ticks;
}

function largest(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++)
    if (Math.abs(values[i]) > Math.abs(values[best])) best = i;
  return best;
}

const MOVES = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

// Arrow keys move a cursor cell (from the largest), across tiles at the left and right edges;
// Enter inspects the cursor cell. preventDefault tells the page's step keys to stay out.
function keyboard(hm, ev) {
  if (!hm.values || ev.altKey || ev.ctrlKey || ev.metaKey) return;
  const move = MOVES[ev.key];
  if (move) {
    hm.cursor = moved(hm, hm.cursor ?? largest(hm.values), move);
    showCursor(hm);
    ev.preventDefault();
  } else if (ev.key === "Enter" && hm.onCell) {
    hm.onCell(hm.cursor ?? largest(hm.values));
    ev.preventDefault();
  }
}

function moved(hm, flat, [di, dj]) {
  const { rows, cols, tiles } = hm.layout;
  let { tile, i, j } = hm.layout.cellOf(flat);
  i = Math.max(0, Math.min(rows - 1, i + di));
  j += dj;
  if (j < 0 && tile > 0) [tile, j] = [tile - 1, cols - 1];
  if (j >= cols && tile < tiles - 1) [tile, j] = [tile + 1, 0];
  return hm.layout.flatOf(tile, i, Math.max(0, Math.min(cols - 1, j)));
}

function showCursor(hm) {
  hm.el.querySelector(".kbd-cursor")?.remove();
  const { tile, i, j } = hm.layout.cellOf(hm.cursor);
  const box = el("div", "kbd-cursor");
  Object.assign(box.style, {
    left: `${j * hm.cw}px`,
    top: `${i * hm.ch}px`,
    width: `${hm.cw}px`,
    height: `${hm.ch}px`,
  });
  hm.tiles[tile].wrap.append(box);
  const where = hm.shape.length ? `[${unravel(hm.cursor, hm.shape).join(", ")}]` : "";
  const value = fmt(hm.values[hm.cursor]);
  hm.el.setAttribute("aria-label", t("heatmap.cursor", { name: hm.name, where, value }));
}

/**
 * The flat index under a pointer event, or null. Measured against the tile's content box:
 * its border is outside the cells, and counting it shifted clicks by up to a cell in thin
 * strips (a click at ∂L/∂W[1,174] opened [1,173]). The pointer's position is the fractional one
 * (views/pointer.js): the click's own is floored to whole pixels, while the box is not.
 */
function hit(hm, ev) {
  const t = hm.tiles.findIndex((tile) => tile.cells === ev.target || tile.overlay === ev.target);
  if (t < 0) return null;
  const cells = hm.tiles[t].cells;
  const box = cells.getBoundingClientRect();
  const at = hm.pointer(ev);
  const x = at.x - box.left - cells.clientLeft;
  const y = at.y - box.top - cells.clientTop;
  const j = Math.floor((x / cells.clientWidth) * hm.layout.cols);
  const i = Math.floor((y / cells.clientHeight) * hm.layout.rows);
  if (i < 0 || j < 0 || i >= hm.layout.rows || j >= hm.layout.cols) return null;
  return hm.layout.flatOf(t, i, j);
}

/** Paint `values` with `scale`. */
export function drawHeatmap(hm, values, scale) {
  hm.values = values;
  const { rows, cols } = hm.layout;
  const buf = new Float32Array(rows * cols);
  const image = new ImageData(cols, rows);
  hm.tiles.forEach((tile, t) => {
    paint(scale, tileValues(values, hm.layout, t, buf), image.data);
    context(hm.surface).putImageData(image, 0, 0);
    tile.cells.src = hm.surface.toDataURL();
  });
  const said = describe(hm.name, values, hm.shape);
  hm.el.setAttribute("aria-label", t("heatmap.described", { said }));
}

export function bindCell(hm, handler) {
  hm.onCell = handler;
}

function overlayOf(hm, t) {
  const tile = hm.tiles[t];
  if (!tile.overlay) {
    const o = el("canvas", "overlay");
    const ratio = window.devicePixelRatio || 1;
    o.width = Math.round(hm.layout.cols * hm.cw * ratio);
    o.height = Math.round(hm.layout.rows * hm.ch * ratio);
    o.style.width = tile.cells.style.width;
    o.style.height = tile.cells.style.height;
    tile.wrap.append(o);
    tile.overlay = o;
  }
  return tile.overlay;
}

/**
 * Outline cells. marks: [{flats: [...], style: "self"|"input"|"weight"|"delta"|"winner"}],
 * grid (optional): draw a k x k window grid. Empty marks clear the overlay.
 */
export function markHeatmap(hm, marks, grid = 0) {
  const colours = {
    self: "#000",
    input: "#0a7d32",
    weight: "#7a1fa2",
    delta: "#0a7d32",
    winner: "#111",
  };
  hm.tiles.forEach((tile) => {
    if (tile.overlay)
      context(tile.overlay).clearRect(0, 0, tile.overlay.width, tile.overlay.height);
  });
  if (!marks.length && !grid) return;
  const ratio = window.devicePixelRatio || 1;
  const cw = hm.cw * ratio;
  const ch = hm.ch * ratio;
  if (grid) {
    hm.tiles.forEach((_, t) => {
      const ctx = context(overlayOf(hm, t));
      ctx.strokeStyle = "rgba(0,0,0,0.35)";
      ctx.lineWidth = 1;
      for (let i = grid; i < hm.layout.rows; i += grid)
        line(ctx, 0, i * ch, hm.layout.cols * cw, i * ch);
      for (let j = grid; j < hm.layout.cols; j += grid)
        line(ctx, j * cw, 0, j * cw, hm.layout.rows * ch);
    });
  }
  for (const mark of marks) {
    for (const flat of mark.flats) {
      const cell = hm.layout.cellOf(flat);
      if (!cell) continue;
      const ctx = context(overlayOf(hm, cell.tile));
      ctx.strokeStyle = colours[mark.style] ?? "#000";
      if (mark.style === "winner" && Math.min(hm.cw, hm.ch) < 6) {
        // an outline would cover a 3-pixel cell: a dot in its middle keeps its colour visible
        const r = Math.max(1, Math.min(cw, ch) / 5);
        ctx.fillStyle = colours.winner;
        ctx.fillRect(cell.j * cw + cw / 2 - r / 2, cell.i * ch + ch / 2 - r / 2, r, r);
        continue;
      }
      ctx.lineWidth = Math.max(1, Math.min(cw, ch) / (mark.style === "self" ? 4 : 6));
      // the selection is dashed: a mark of the page, never confused with a switch or a value
      ctx.setLineDash(mark.style === "self" ? [Math.max(2, cw / 4), Math.max(1, cw / 6)] : []);
      const inset = ctx.lineWidth / 2;
      ctx.strokeRect(cell.j * cw + inset, cell.i * ch + inset, cw - 2 * inset, ch - 2 * inset);
    }
  }
}

function line(ctx, x0, y0, x1, y1) {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

/** A legend: the colour bar over the scale's range with its end values. */
export function createLegend(scale) {
  const legend = el("div", "legend");
  const bar = el("span", "scale-bar");
  const stops = Array.from({ length: 9 }, (_, i) =>
    css(scale, scale.min + ((scale.max - scale.min) * i) / 8),
  );
  bar.style.backgroundImage = `linear-gradient(to right, ${stops.join(", ")})`;
  legend.append(el("span", "", fmt(scale.min)), bar, el("span", "", fmt(scale.max)));
  legend.setAttribute(
    "aria-label",
    t("heatmap.legend", { min: fmt(scale.min), max: fmt(scale.max) }),
  );
  return legend;
}
