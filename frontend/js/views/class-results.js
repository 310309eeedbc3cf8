// The class's answers to one question, drawn for the instructor (live) and for every student
// (after the reveal): each kind draws its own distribution (bars for signs and shapes, a
// histogram for typed values, a grid of click counts for cells and regions; question-kinds/).

import { t } from "../i18n.js";
import { kindOf } from "../question-kinds/index.js";
import { el } from "./dom.js";

/**
 * The results block (data-testid="class-results"). results: the server's summary
 * ({kind, answers, right, counts | histogram | cells}); question: the engine's question (patch
 * and grid for the grids); truth: shown and counted as right only when given (after the reveal,
 * or on the instructor's own screen when it chooses to).
 */
export function resultsNode(results, question, truth = null) {
  const box = el("div", "class-results");
  box.dataset.testid = "class-results";
  box.setAttribute("aria-live", "polite");
  const count = results?.answers ?? 0;
  const said = t("results.count", { count });
  const right = truth != null && results ? t("results.right", { right: results.right }) : "";
  box.append(el("p", "result-count", `${said}${right}`));
  if (!results || !count) return box;
  box.append(...kindOf(results).results(results, question, truth));
  return box;
}

/** An answer of any kind in words ("no answer" when there is none). */
export function answerText(kind, answer) {
  if (answer == null) return t("results.no_answer");
  return kindOf({ kind }).words(answer);
}
