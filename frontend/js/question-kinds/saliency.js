// "Where on your digit will |∂L/∂x| be largest?": one [row, col] region of a grid over the input.

import { fmt } from "../format.js";
import { t } from "../i18n.js";
import { argmaxBy } from "../question-plan.js";
import { unravel } from "../tiling.js";
import { answerBox, countGrid, pick, radio } from "../views/answer-parts.js";
import { el } from "../views/dom.js";

const largest = (record) => argmaxBy(record.values.length, (k) => Math.abs(record.values[k]));

// the region holding the largest |dL/dx|
function truth(q, trace) {
  const record = trace.records[q.record];
  const [i, j] = unravel(largest(record), record.shape);
  return [Math.floor(i / q.region), Math.floor(j / q.region)];
}

function paintDigit(canvas, image) {
  const data = new ImageData(28, 28);
  image.forEach((v, n) => {
    const g = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
    data.data.set([g, g, g, 255], n * 4);
  });
  canvas.getContext("2d").putImageData(data, 0, 0);
}

// the student's digit with a grid of regions to choose from
function control(q, image) {
  const box = answerBox("saliency-grid", t("question.saliency.legend"));
  box.style.setProperty("--n", String(q.grid));
  const canvas = el("canvas", "digit");
  Object.assign(canvas, { width: 28, height: 28 });
  canvas.setAttribute("aria-hidden", "true");
  if (image) paintDigit(canvas, image);
  const regions = el("div", "regions");
  for (let row = 0; row < q.grid; row++) {
    for (let col = 0; col < q.grid; col++) {
      const label = radio("region", `${row},${col}`, "");
      label.className = "region";
      const name = t("question.saliency.region", { row, col });
      label.querySelector("input").setAttribute("aria-label", name);
      regions.append(label);
    }
  }
  const wrap = el("div", "digit-wrap");
  wrap.append(canvas, regions);
  box.append(wrap);
  const read = () => box.querySelector("input:checked")?.value.split(",").map(Number) ?? "";
  return { node: box, read };
}

function reveal(q, trace) {
  const record = trace.records[q.record];
  const top = largest(record);
  const [row, col] = truth(q, trace);
  const pixel = `[${unravel(top, record.shape).slice(0, 2).join(", ")}]`;
  return t("question.saliency.reveal", { pixel, value: fmt(record.values[top]), row, col });
}

function results(summary, q, right) {
  const n = q?.grid ?? 4;
  const grid = countGrid({
    n,
    row0: 0,
    col0: 0,
    window: 0,
    cells: summary.cells ?? [],
    right: right ? [right] : [],
    label: t("results.saliency.label"),
    caption: t("results.saliency.caption"),
  });
  return [grid];
}

export default {
  name: "saliency",
  parse: (answer) => (Array.isArray(answer) && answer.length === 2 ? answer.map(Number) : null),
  truth,
  same: (given, right) => given[0] === right[0] && given[1] === right[1],
  format: () => t("question.saliency.format"),
  wrongHint: () => "",
  words: ([row, col]) => t("question.saliency.region", { row, col }),
  reveal,
  control,
  prefill: (node, answer) => pick(node, `input[value="${answer.join(",")}"]`),
  results,
  place: (q) => ({ region: q.region }),
};
