// The whole stack of an operand's slices (maps, filters, a dense W's class rows) as ONE small
// image that picks a slice: a click or tap on a tile chooses it. One image rather than one per
// tile, because a filter bank is 128 tiles and the focus view redraws on every step.

import { paint } from "../colormap.js";
import { tileValues, tiling } from "../tiling.js";
import { el } from "./dom.js";
import { pointerTracker } from "./pointer.js";

const GAP = [201, 206, 214]; // the grey between tiles, as the heatmaps' tile borders
const PICKED = [27, 31, 36]; // the frame around the chosen tile: ink, not a data colour

/**
 * Tiles of `op` and where they sit in the image, 1 pixel per cell and a 1-pixel gap around
 * every tile: {tiles, rows, cols, perLine, lines, width, height, values(t, buf)}.
 */
export function stackLayout(op, widthCells) {
  if (op.along === "row") {
    const [n, m] = op.shape;
    const values = (t) => op.values.subarray(t * m, (t + 1) * m);
    return frame({ tiles: n, rows: 1, cols: m, perLine: 1, values });
  }
  const layout = tiling(op.shape);
  const fits = Math.floor((widthCells - 1) / (layout.cols + 1));
  // a filter bank keeps its grid (a column per filter, a row per channel); maps wrap
  const perLine =
    op.shape.length === 4 ? layout.gridCols : Math.max(1, Math.min(layout.tiles, fits));
  const values = (t, buf) => tileValues(op.values, layout, t, buf);
  return frame({ tiles: layout.tiles, rows: layout.rows, cols: layout.cols, perLine, values });
}

function frame(s) {
  const lines = Math.ceil(s.tiles / s.perLine);
  return {
    ...s,
    lines,
    width: s.perLine * (s.cols + 1) + 1,
    height: lines * (s.rows + 1) + 1,
  };
}

const origin = (s, t) => [
  1 + (t % s.perLine) * (s.cols + 1),
  1 + Math.floor(t / s.perLine) * (s.rows + 1),
];

function fill(image, x, y, rgb) {
  const o = (y * image.width + x) * 4;
  image.data.set([...rgb, 255], o);
}

// the one-pixel ring around tile t
function ring(image, s, t, rgb) {
  const [x0, y0] = origin(s, t);
  for (let x = x0 - 1; x <= x0 + s.cols; x++) {
    fill(image, x, y0 - 1, rgb);
    fill(image, x, y0 + s.rows, rgb);
  }
  for (let y = y0; y < y0 + s.rows; y++) {
    fill(image, x0 - 1, y, rgb);
    fill(image, x0 + s.cols, y, rgb);
  }
}

function render(s, scale, picked) {
  const image = new ImageData(s.width, s.height);
  image.data.fill(255); // white where a last line has no tile; each tile framed in grey below
  for (let t = 0; t < s.tiles; t++) ring(image, s, t, GAP);
  const tile = new ImageData(s.cols, s.rows);
  const buf = new Float32Array(s.rows * s.cols);
  for (let t = 0; t < s.tiles; t++) {
    paint(scale, s.values(t, buf), tile.data);
    const [x0, y0] = origin(s, t);
    for (let i = 0; i < s.rows; i++) {
      const from = i * s.cols * 4;
      image.data.set(tile.data.subarray(from, from + s.cols * 4), ((y0 + i) * s.width + x0) * 4);
    }
  }
  if (picked >= 0 && s.tiles > 1) ring(image, s, picked, PICKED);
  const surface = el("canvas");
  surface.width = s.width;
  surface.height = s.height;
  surface.getContext("2d").putImageData(image, 0, 0);
  return surface.toDataURL();
}

/**
 * The overview image. s: stackLayout; cell: [w, h] CSS px per image pixel; picked: the tile
 * framed; onPick(t) when a tile is clicked.
 */
export function createStackOverview(op, s, cell, picked, onPick) {
  const img = el("img", "stack-overview");
  img.src = render(s, op.scale, picked);
  img.draggable = false;
  img.style.width = `${s.width * cell[0]}px`;
  img.style.height = `${s.height * cell[1]}px`;
  // a keyboard picks too: the image is a slider over the slices
  img.tabIndex = 0;
  img.setAttribute("role", "slider");
  img.setAttribute("aria-label", `which slice of ${op.label} is shown large`);
  img.setAttribute("aria-valuemin", "1");
  img.setAttribute("aria-valuemax", String(s.tiles));
  img.setAttribute("aria-valuenow", String(picked + 1));
  img.setAttribute("aria-valuetext", `${picked + 1} of ${s.tiles}`);
  img.addEventListener("keydown", (ev) => {
    const by = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    if (!by || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    ev.preventDefault(); // the arrows move the slice here, not the step
    onPick(Math.max(0, Math.min(s.tiles - 1, picked + by)));
  });
  const pointer = pointerTracker(img); // the click's own position is floored to whole pixels
  img.addEventListener("click", (ev) => {
    const box = img.getBoundingClientRect();
    const at = pointer(ev);
    const x = (at.x - box.left) / cell[0];
    const y = (at.y - box.top) / cell[1];
    const col = Math.floor((x - 1) / (s.cols + 1));
    const line = Math.floor((y - 1) / (s.rows + 1));
    const t = line * s.perLine + col;
    if (col >= 0 && col < s.perLine && line >= 0 && t < s.tiles) onPick(t);
  });
  return img;
}
