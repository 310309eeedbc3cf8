// After (and during) a training run: the checkpoint scrubber, whose choice traces the
// student's digit with those weights in the main view, and "one batch, opened": each example's
// gradient for one conv1 filter beside their mean, with the equation that joins them. Plain
// data in, events out. Every gradient is painted on one diverging scale shared by the whole
// row, so the mean's smaller, steadier map can be compared with the examples' by eye.
// Fixed words are marked (page-text.js words) and follow a change of language by themselves;
// the batch on screen is drawn again by relabel().

import { makeScale } from "../colormap.js";
import { prose } from "../format.js";
import { t } from "../i18n.js";
import * as M from "../mathml.js";
import { plain, words, wordsAttr } from "../page-text.js";
import { el, worded } from "./dom.js";
import { createHeatmap, createLegend, drawHeatmap } from "./heatmap.js";

function batchEquation(b) {
  const dLb = M.frac(
    M.row(M.mo("∂"), M.sub(M.mi("L"), M.mtext("batch"))),
    M.row(M.mo("∂"), M.mi("w")),
  );
  const dLn = M.frac(M.row(M.mo("∂"), M.sub(M.mi("L"), M.mi("n"))), M.row(M.mo("∂"), M.mi("w")));
  const sigma = `<munderover><mo>∑</mo>${M.row(M.mi("n"), M.mo("="), M.mn(1))}${M.mi("B")}</munderover>`;
  const body = M.row(
    dLb,
    M.mo("="),
    M.frac(M.mn(1), M.mi("B")),
    sigma,
    dLn,
    M.mspace(),
    M.row(M.mi("B"), M.mo("="), M.mn(b)),
  );
  return M.math(body, t("train.batch.equation_label", { size: b }));
}

// one filter's gradient map, labelled; `values` is the filter's slice [d, d, t]
function tile(shape, values, scale, caption, name) {
  const hm = createHeatmap(shape, name, { cell: [9, 9] });
  drawHeatmap(hm, values, scale);
  const fig = el("figure", "batch-tile");
  fig.append(hm.el, el("figcaption", "", caption));
  return fig;
}

export function createTrainAfter(host) {
  const root = el("section", "train-after");
  const scrub = el("input");
  Object.assign(scrub, { type: "range", min: "0", max: "0", value: "0", disabled: true });
  scrub.dataset.testid = "train-checkpoints";
  wordsAttr(scrub, "aria-label", "train.checkpoint.label");
  const scrubOut = worded("output", "train-readout", "train.checkpoint.none");
  const scrubLine = el("label", "train-line train-scrub");
  scrubLine.append(worded("span", "", "train.checkpoint.label"), scrub, scrubOut);
  const note = el("p", "train-note");
  const filter = el("select");
  filter.dataset.testid = "batch-filter";
  wordsAttr(filter, "aria-label", "train.batch.filter");
  const open = worded("button", "", "train.batch.open");
  open.type = "button";
  open.dataset.testid = "batch-open";
  const batchLine = el("div", "train-line");
  const filterLabel = el("label", "train-field");
  filterLabel.append(worded("span", "", "train.batch.filter"), filter);
  filterLabel.hidden = true; // until a batch is open: then one choice per conv1 filter
  batchLine.append(open, filterLabel);
  const source = el("p", "train-note");
  const equation = el("div", "formula batch-eq");
  const maps = el("div", "batch-maps");
  maps.dataset.testid = "batch-maps";
  const check = el("p", "train-note");
  root.append(
    worded("h3", "", "train.checkpoint.title"),
    scrubLine,
    note,
    worded("h3", "", "train.batch.title"),
    worded("p", "train-note", "train.batch.intro"),
    batchLine,
    source,
    equation,
    maps,
    check,
  );
  host.append(root);
  let batch = null;

  function drawBatch(m) {
    if (!batch) return;
    const { name, shape, examples, mean } = batch;
    const per = shape.slice(1).reduce((a, b) => a * b, 1);
    const slice = (values) => values.subarray(m * per, (m + 1) * per);
    const all = [...examples.map((e) => slice(e.values)), slice(mean)];
    const scale = makeScale("diverging", Float32Array.from(all.flatMap((a) => Array.from(a))));
    const fshape = shape.slice(1);
    const tiles = examples.map((e, n) =>
      tile(
        fshape,
        all[n],
        scale,
        t("train.batch.example", { n: n + 1, label: e.label }),
        `∂L_${n + 1}/∂${name}[${m}]`,
      ),
    );
    const meanTile = tile(
      fshape,
      all.at(-1),
      scale,
      t("train.batch.mean"),
      `∂L_batch/∂${name}[${m}]`,
    );
    meanTile.classList.add("batch-mean");
    maps.replaceChildren(...tiles, el("span", "batch-equals", "="), meanTile, createLegend(scale));
    equation.innerHTML = batchEquation(examples.length);
    check.textContent = t("train.batch.check", {
      size: examples.length,
      gap: prose(batch.gap, 2),
      loss: prose(batch.loss, 3),
    });
  }

  return {
    bind(on) {
      scrub.addEventListener("change", () => on.checkpoint(Number(scrub.value)));
      scrub.addEventListener("input", () => on.preview(Number(scrub.value)));
      open.addEventListener("click", () => on.batch(Number(filter.value || 0)));
      filter.addEventListener("change", () => drawBatch(Number(filter.value)));
    },
    /** checkpoints: [{step, network}]; chosen: index or -1; text: what the chosen one shows. */
    showCheckpoints(checkpoints, chosen, text) {
      scrub.max = String(Math.max(0, checkpoints.length - 1));
      scrub.disabled = checkpoints.length < 2;
      if (chosen >= 0) scrub.value = String(chosen);
      const at = checkpoints[Number(scrub.value)];
      if (at) {
        const params = { k: Number(scrub.value) + 1, n: checkpoints.length, step: at.step };
        words(scrubOut, "train.checkpoint.at", params);
      } else words(scrubOut, "train.checkpoint.none");
      plain(note, text);
    },
    showFilterCount(count) {
      filterLabel.hidden = count === 0;
      if (filter.options.length === count) return;
      filter.replaceChildren(
        ...Array.from({ length: count }, (_, m) =>
          Object.assign(worded("option", "", "train.batch.filter_m", { m }), { value: String(m) }),
        ),
      );
    },
    showBatchBusy(on) {
      open.disabled = on;
    },
    /**
     * {name, shape, examples: [{label, values}], mean, gap, loss} or null; whose: the message
     * that says whose batch it is, {key, params}, or null.
     */
    showBatch(b, whose = null) {
      batch = b;
      words(source, whose?.key, whose?.params);
      if (!b) {
        maps.replaceChildren();
        equation.replaceChildren();
        check.textContent = "";
        return;
      }
      drawBatch(Number(filter.value || 0));
    },
    /** The language changed: the batch on screen is drawn again (its captions, sums, label). */
    relabel() {
      drawBatch(Number(filter.value || 0));
    },
  };
}
