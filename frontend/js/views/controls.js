// Step controls: previous / play / next, the scrubber, the step title and its equation.
// Keyboard: ← / → step, space plays or pauses (unless a form control has the focus).

import { t } from "../i18n.js";

const TYPING = new Set(["INPUT", "SELECT", "TEXTAREA"]);

export function createControls({
  prev,
  next,
  play,
  scrubber,
  title,
  label: equationLabel,
  magnitude,
  formula,
  words,
  counter,
}) {
  let on = null;
  prev.addEventListener("click", () => on?.previous());
  next.addEventListener("click", () => on?.next());
  play.addEventListener("click", () => on?.togglePlay());
  scrubber.addEventListener("input", () => on?.scrub(Number(scrubber.value)));

  document.addEventListener("keydown", (ev) => {
    // a heatmap that used an arrow key to move its cell has already handled it
    if (ev.altKey || ev.ctrlKey || ev.metaKey || !on || ev.defaultPrevented) return;
    const tag = ev.target?.tagName;
    const scrubbing = ev.target === scrubber;
    if (ev.key === "ArrowRight" && !TYPING.has(tag)) {
      on.next();
      ev.preventDefault();
    } else if (ev.key === "ArrowLeft" && !TYPING.has(tag)) {
      on.previous();
      ev.preventDefault();
    } else if (
      ev.key === " " &&
      (!TYPING.has(tag) || scrubbing) &&
      (tag !== "BUTTON" || ev.target === play)
    ) {
      if (ev.target === play) return; // the button's own click handles it
      on.togglePlay();
      ev.preventDefault();
    }
  });

  return {
    /** handlers = {previous, next, togglePlay, scrub(k)} */
    bind: (handlers) => {
      on = handlers;
    },

    /**
     * {k, n, title, label, size: {text, tiny} | null, formulaHtml, explanation, playing};
     * n = 0 disables everything.
     */
    showStep({ k, n, title: text, label, size, formulaHtml, explanation, playing }) {
      const none = n === 0;
      [prev, next, play, scrubber].forEach((control) => {
        control.disabled = none;
      });
      prev.disabled = none || k <= 0;
      next.disabled = none || k >= n - 1;
      scrubber.max = String(Math.max(0, n - 1));
      scrubber.value = String(k);
      scrubber.setAttribute(
        "aria-valuetext",
        none ? t("steps.no_trace") : t("steps.valuetext", { k: k + 1, n, title: text }),
      );
      counter.textContent = none ? "" : t("steps.counter", { k: k + 1, n });
      title.textContent = text;
      equationLabel.textContent = label ?? "";
      equationLabel.hidden = !label;
      magnitude.textContent = size?.text ?? "";
      magnitude.classList.toggle("tiny", Boolean(size?.tiny));
      formula.innerHTML = formulaHtml ?? "";
      words.textContent = explanation ?? "";
      play.textContent = playing ? t("steps.pause") : t("steps.play");
      play.setAttribute("aria-pressed", String(Boolean(playing)));
    },
  };
}
