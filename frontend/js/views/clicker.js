// A presenter's clicker, in any mode: PageDown/PageUp step, and while presenting ↓ ↑ and space
// too. Always on the page (the presentation itself loads on first use).

const TYPING = new Set(["INPUT", "SELECT", "TEXTAREA"]);

// +1 / -1 for a clicker's key, 0 for any other key
function clickerStep(key, presenting) {
  if (key === "PageDown") return 1;
  if (key === "PageUp") return -1;
  if (!presenting) return 0;
  if (key === "ArrowDown" || key === " ") return 1;
  if (key === "ArrowUp") return -1;
  return 0;
}

/** Call step(+1 | -1) for a clicker's key anywhere on the page. */
export function bindClicker(step) {
  // capture phase: while presenting, space means "next", not the desk's play/pause
  document.addEventListener(
    "keydown",
    (ev) => {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || TYPING.has(ev.target?.tagName)) return;
      // a heatmap or a slice picker with the focus uses the arrows itself
      if (ev.target?.closest?.(".heatmap, [role=slider]")) return;
      const by = clickerStep(ev.key, document.documentElement.classList.contains("present"));
      if (!by) return;
      ev.preventDefault();
      ev.stopPropagation();
      step(by);
    },
    true,
  );
}
