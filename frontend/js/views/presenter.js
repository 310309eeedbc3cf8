// The page's display modes as the browser sees them: the Present button, a presenter's clicker
// (PageDown/PageUp in any mode; ↓ ↑ and space too while presenting), full screen, and the
// classes on <html> that the stylesheets key on ("present", "embed").

import { t } from "../i18n.js";
import { el } from "./dom.js";

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

/** toggle: the Present button; bar: where embed mode puts its "open the full app" link. */
export function createPresenter({ toggle, bar }) {
  const root = document.documentElement;
  let on = {};
  const open = el("a", "open-full", t("present.open_full"));
  open.target = "_blank";
  open.rel = "noopener";
  // the address changes with every step: the link takes it when it is about to be used
  for (const event of ["pointerenter", "focus", "click"]) {
    open.addEventListener(event, () => {
      open.href = on.fullUrl?.() ?? open.href;
    });
  }

  toggle.addEventListener("click", () => {
    on.toggle?.();
    toggle.blur(); // so a clicker's space steps instead of pressing this button again
  });
  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement) on.fullscreenLeft?.();
  });
  // capture phase: while presenting, space means "next", not the desk's play/pause
  document.addEventListener(
    "keydown",
    (ev) => {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || TYPING.has(ev.target?.tagName)) return;
      // a heatmap or a slice picker with the focus uses the arrows itself
      if (ev.target?.closest?.(".heatmap, [role=slider]")) return;
      const by = clickerStep(ev.key, root.classList.contains("present"));
      if (!by || !on.step) return;
      ev.preventDefault();
      ev.stopPropagation();
      on.step(by);
    },
    true,
  );

  return {
    /** handlers = {toggle(), step(by), fullscreenLeft(), fullUrl()} */
    bind: (handlers) => {
      on = handlers;
    },

    /** {present, embed}: set the page's classes and the button's state. */
    showMode({ present, embed }) {
      root.classList.toggle("present", present);
      root.classList.toggle("embed", embed);
      toggle.setAttribute("aria-pressed", String(present));
      toggle.textContent = present ? t("present.exit") : t("present.button");
      if (embed && !open.isConnected) {
        open.href = on.fullUrl?.() ?? "";
        bar.append(open);
      }
      if (!embed) open.remove();
    },

    /** Full screen when the browser allows it here; resolves true when it is on. */
    async enterFullscreen() {
      if (!document.fullscreenEnabled || document.fullscreenElement) return false;
      try {
        await root.requestFullscreen();
        return true;
      } catch {
        return false; // e.g. an iframe without allow="fullscreen": stay in the window
      }
    },

    exitFullscreen() {
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    },
  };
}
