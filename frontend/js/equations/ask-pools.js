// Question makers of the pooling steps: which cells a max pool's switches send error to, what a
// cell gets when overlapping windows both pick it, and an average pool's equal shares.

import { t } from "../i18n.js";
import { ravel, unravel } from "../tiling.js";
import * as S from "../trace-store.js";
import { argmaxBy, base, deltaOf, valueQuestion } from "./ask.js";
import { poolGeometry, windowsHolding } from "./geometry.js";

function pool(ctx) {
  const input = S.layerInput(ctx.trace, ctx.record.layer);
  const output = S.layerOutput(ctx.trace, ctx.record.layer);
  const geo = poolGeometry(ctx.records, ctx.record.layer, input.shape, output.shape);
  return { input, output, ...geo };
}

/** Which cells of a 2×2-window patch of the pool's input receive error (the switches). */
export function cellsQuestion(ctx) {
  const sw = S.switchesOf(ctx.trace, ctx.record.layer);
  if (!sw) return null;
  const { input, size: k, stride } = pool(ctx);
  if (stride !== k) return null; // the patch of 2×2 windows needs windows that tile the input
  const [r, s, c] = sw.shape;
  const patch = busiestPatch(input, [r, s, c], k);
  return base(ctx, "cells", {
    patch,
    prompt: t("eq.ask.cells", {
      size: 2 * k,
      sym: ctx.symbolOf(ctx.record.of),
      map: patch.channel,
      layer: ctx.record.layer,
    }),
    hint: t("eq.ask.cells_hint", { k }),
    windows: 4,
    of: [r, s, c],
  });
}

// the 2x2-window patch (rows, cols of the pool input) with the largest forward values, so the
// student compares real numbers; in pool-output cells: rows [pi, pi+2), cols [pj, pj+2)
function busiestPatch(input, [r, s, c], k) {
  let best = null;
  for (let ch = 0; ch < c; ch++) {
    for (let pi = 0; pi + 2 <= r; pi += 2) {
      for (let pj = 0; pj + 2 <= s; pj += 2) {
        let total = 0;
        for (let i = pi * k; i < (pi + 2) * k; i++)
          for (let j = pj * k; j < (pj + 2) * k; j++)
            total += input.values[ravel([i, j, ch], input.shape)];
        if (!best || total > best.total) best = { total, ch, pi, pj };
      }
    }
  }
  const [row0, col0] = [best.pi * k, best.pj * k];
  const values = [];
  for (let i = row0; i < row0 + 2 * k; i++)
    for (let j = col0; j < col0 + 2 * k; j++)
      values.push(input.values[ravel([i, j, best.ch], input.shape)]);
  return { channel: best.ch, row0, col0, size: 2 * k, window: k, values };
}

/** The windows (pooled cells) whose switch is input cell [i, j, c]. */
function wonWindows(sw, { size, stride }, [i, j, c]) {
  const out = [];
  for (const wi of windowsHolding(i, size, stride, sw.shape[0]))
    for (const wj of windowsHolding(j, size, stride, sw.shape[1])) {
      const at = ravel([wi, wj, c, 0], sw.shape);
      if (sw.values[at] === i && sw.values[at + 1] === j) out.push([wi, wj, c]);
    }
  return out;
}

/** Overlapping max-pool windows (stride < size): a cell that won two or more adds their errors. */
export function overlapQuestion(ctx) {
  const sw = S.switchesOf(ctx.trace, ctx.record.layer);
  const geo = pool(ctx);
  if (!sw || geo.stride >= geo.size) return null;
  const delta = deltaOf(ctx);
  const won = (flat) => wonWindows(sw, geo, unravel(flat, ctx.record.shape));
  const flat = argmaxBy(ctx.record.values.length, (k) => won(k).length);
  const windows = won(flat);
  if (windows.length < 2) return null;
  const cell = unravel(flat, ctx.record.shape);
  const given = windows.map((w) => ({
    label: t("eq.ask.pooled_error", { cell: w.join(", ") }),
    value: delta.values[ravel(w, delta.shape)],
  }));
  const prompt = t("eq.ask.overlap", { n: windows.length, cell: cell.join(", ") });
  const floor = Math.max(...given.map((g) => Math.abs(g.value))) * 1e-3 || 1e-9;
  return valueQuestion(ctx, cell, given, prompt, t("eq.ask.overlap_hint"), floor);
}

/** An average pool's share: each of the k² cells of a window gets 1/k² of the window's error. */
export function shareQuestion(ctx) {
  const geo = pool(ctx);
  const delta = deltaOf(ctx);
  const w = argmaxBy(delta.values.length, (k) => Math.abs(delta.values[k]));
  const [wi, wj, c] = unravel(w, delta.shape);
  // a cell of that window that lies in no other window, so its share is this window's only
  const [i, j] = [wi * geo.stride + geo.size - 1, wj * geo.stride + geo.size - 1];
  const alone = (n, count) => windowsHolding(n, geo.size, geo.stride, count).length === 1;
  if (!alone(i, delta.shape[0]) || !alone(j, delta.shape[1])) return null;
  const given = [
    { label: t("eq.ask.pooled_error", { cell: [wi, wj, c].join(", ") }), value: delta.values[w] },
  ];
  const prompt = t("eq.ask.share", { k: geo.size, cell: [i, j, c].join(", ") });
  const floor = Math.abs(delta.values[w]) * 1e-3 || 1e-9;
  return valueQuestion(
    ctx,
    [i, j, c],
    given,
    prompt,
    t("eq.ask.share_hint", { k: geo.size }),
    floor,
  );
}
