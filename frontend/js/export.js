// Figures for lecture notes: what the focus view shows, as a vector SVG (one rect per cell, each
// with its value as a <title>, a legend and labels) or a PNG at 2× or 4×. Both are drawn from
// one list of shapes (the scene), so the two formats always agree.

import { css } from "./colormap.js";
import { fmt, shapeText } from "./format.js";
import { t } from "./i18n.js";
import { tiling, unravel } from "./tiling.js";
import { saveBlob } from "./views/dom.js";

const PANEL_PX = 260; // target width of one panel's cells
const PAD = 16;
const TITLE = 18; // px font of panel titles
const SMALL = 13; // px font of legends

// cell size and tiles per row for one figure: about PANEL_PX wide, cells between 3 and 40 px
function arrange(shape) {
  const layout = tiling(shape);
  const gridCols =
    layout.tiles === 1 ? 1 : Math.min(layout.tiles, Math.ceil(Math.sqrt(layout.tiles * 2)));
  const cell = Math.max(3, Math.min(40, Math.floor(PANEL_PX / (gridCols * layout.cols))));
  const gridRows = Math.ceil(layout.tiles / gridCols);
  const tileW = layout.cols * cell + 4;
  const tileH = layout.rows * cell + 4;
  return {
    layout,
    gridCols,
    cell,
    width: gridCols * tileW,
    height: gridRows * tileH,
    tileW,
    tileH,
  };
}

function legendShapes(scale, x, y, width) {
  const stops = Array.from({ length: 9 }, (_, i) => {
    const v = scale.min + ((scale.max - scale.min) * i) / 8;
    return { offset: i / 8, colour: css(scale, v) };
  });
  const words = t(
    scale.kind === "diverging" ? "figure.legend_diverging" : "figure.legend_sequential",
  );
  return [
    { type: "gradient", x, y, w: width, h: 12, stops },
    { type: "text", x, y: y + 28, text: fmt(scale.min), size: SMALL, anchor: "start" },
    { type: "text", x: x + width, y: y + 28, text: fmt(scale.max), size: SMALL, anchor: "end" },
    { type: "text", x, y: y + 46, text: words, size: SMALL, anchor: "start" },
  ];
}

function cellShapes(fig, a, x0, y0) {
  // a grey frame round each tile: a map of near-zero gradients is white on white without one
  const out = Array.from({ length: a.layout.tiles }, (_, t) => ({
    type: "frame",
    x: x0 + (t % a.gridCols) * a.tileW - 0.5,
    y: y0 + Math.floor(t / a.gridCols) * a.tileH - 0.5,
    w: a.layout.cols * a.cell + 1,
    h: a.layout.rows * a.cell + 1,
  }));
  for (let k = 0; k < fig.values.length; k++) {
    const { tile, i, j } = a.layout.cellOf(k);
    const x = x0 + (tile % a.gridCols) * a.tileW + j * a.cell;
    const y = y0 + Math.floor(tile / a.gridCols) * a.tileH + i * a.cell;
    const flat = fig.toFlat ? fig.toFlat(k) : k;
    const where = (fig.fullShape ?? fig.shape).length
      ? `[${unravel(flat, fig.fullShape ?? fig.shape).join(", ")}]`
      : "";
    const v = fig.values[k];
    const title = `${fig.label}${where} = ${fmt(v)}`;
    out.push({ type: "rect", x, y, w: a.cell, h: a.cell, fill: css(fig.scale, v), title });
  }
  return out;
}

/** The scene: {width, height, shapes: [rect | frame | text | gradient], title}. */
export function scene(figures) {
  const shapes = [];
  let x = PAD;
  let height = 0;
  for (const fig of figures) {
    const a = arrange(fig.shape);
    const width = Math.max(a.width, 180);
    shapes.push({ type: "text", x, y: PAD + TITLE, text: fig.title, size: TITLE, anchor: "start" });
    shapes.push({
      type: "text",
      x,
      y: PAD + TITLE * 2 + 2,
      text: shapeText(fig.shape),
      size: SMALL,
      anchor: "start",
    });
    const top = PAD + TITLE * 2 + 14;
    shapes.push(...cellShapes(fig, a, x, top));
    shapes.push(...legendShapes(fig.scale, x, top + a.height + 10, Math.min(width, 220)));
    height = Math.max(height, top + a.height + 70);
    x += width + PAD * 2;
  }
  return { width: x - PAD, height, shapes, title: figures.map((f) => f.title).join(" · ") };
}

const esc = (s) =>
  String(s).replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c],
  );

/** The scene as SVG markup. */
export function toSvg(sc) {
  const body = sc.shapes.map((s, n) => {
    if (s.type === "rect")
      return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="${s.fill}"><title>${esc(s.title)}</title></rect>`;
    if (s.type === "frame")
      return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="none" stroke="#c9ced6"/>`;
    if (s.type === "text")
      return `<text x="${s.x}" y="${s.y}" font-size="${s.size}" text-anchor="${s.anchor}">${esc(s.text)}</text>`;
    const stops = s.stops
      .map((st) => `<stop offset="${st.offset}" stop-color="${st.colour}"/>`)
      .join("");
    return `<g class="legend"><linearGradient id="legend-${n}">${stops}</linearGradient><rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="url(#legend-${n})" stroke="#999"/></g>`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${sc.width}" height="${sc.height}" ` +
    `viewBox="0 0 ${sc.width} ${sc.height}" font-family="sans-serif" fill="#1b1f24">` +
    `<title>${esc(sc.title)}</title><rect width="100%" height="100%" fill="#fff"/>` +
    `<g shape-rendering="crispEdges">${body.join("")}</g></svg>`
  );
}

/** The scene painted on a canvas at `ratio` device pixels per CSS pixel. */
export function toCanvas(sc, ratio) {
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(sc.width * ratio);
  canvas.height = Math.ceil(sc.height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.scale(ratio, ratio);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, sc.width, sc.height);
  for (const s of sc.shapes) {
    if (s.type === "rect") {
      ctx.fillStyle = s.fill;
      ctx.fillRect(s.x, s.y, s.w, s.h);
    } else if (s.type === "frame") {
      ctx.strokeStyle = "#c9ced6";
      ctx.strokeRect(s.x, s.y, s.w, s.h);
    } else if (s.type === "text") {
      ctx.fillStyle = "#1b1f24";
      ctx.font = `${s.size}px sans-serif`;
      ctx.textAlign = s.anchor === "end" ? "right" : "left";
      ctx.fillText(s.text, s.x, s.y);
    } else {
      const g = ctx.createLinearGradient(s.x, 0, s.x + s.w, 0);
      for (const st of s.stops) g.addColorStop(st.offset, st.colour);
      ctx.fillStyle = g;
      ctx.fillRect(s.x, s.y, s.w, s.h);
    }
  }
  return canvas;
}

/** A file name that says what the figure is, e.g. "convtrace-lenet-relu-step06-maxpool.dx". */
export function figureName(model, cursor, record) {
  const step = String(cursor + 1).padStart(2, "0");
  return `convtrace-${model}-step${step}-${record?.equation ?? "figure"}`;
}

export function saveSvg(figures, name) {
  const text = toSvg(scene(figures));
  saveBlob(new Blob([text], { type: "image/svg+xml" }), `${name}.svg`);
}

export function savePng(figures, name, ratio) {
  toCanvas(scene(figures), ratio).toBlob((blob) => saveBlob(blob, `${name}@${ratio}x.png`));
}
