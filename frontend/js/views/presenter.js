// The page's display modes as the browser sees them: the Present button's state, full screen,
// and the classes on <html> that the stylesheets key on ("present", "embed"). Loaded with the
// first presentation or embed (flows/present-loader.js); the clicker is views/clicker.js.

import { t } from "../i18n.js";
import { el } from "./dom.js";

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

  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement) on.fullscreenLeft?.();
  });
  return {
    /** handlers = {fullscreenLeft(), fullUrl()} (the button and the clicker: flows/present-loader.js) */
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
