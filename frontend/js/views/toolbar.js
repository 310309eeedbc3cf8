// Header tools: model choice, colour-scale mode, share link, download, and the status line.

import { number } from "../i18n.js";
import { el, saveBlob } from "./dom.js";

const PERCENT = { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 };

export function createToolbar({ model, scale, share, download, status }) {
  let handlers = {};
  model.addEventListener("change", () => handlers.model?.(model.value));
  scale.addEventListener("change", () => handlers.scale?.(scale.checked ? "shared" : "layer"));
  share.addEventListener("click", () => handlers.share?.());
  download.addEventListener("click", () => handlers.download?.());

  return {
    /** h = {model(name), scale(mode), share, download} */
    bind: (h) => {
      handlers = h;
    },

    showModels(models, current) {
      model.replaceChildren(
        ...models.map((m) => {
          const acc = m.test_accuracy == null ? "" : ` · ${number(m.test_accuracy, PERCENT)}`;
          const o = el("option", "", `${m.name}${acc}`);
          o.value = m.name;
          o.title = m.description ?? "";
          return o;
        }),
      );
      model.value = current;
    },

    /**
     * The shipped model in use by name; or, with `name` "", a student's own network, shown as
     * an option of its own (`own`: its words) so the box never reads blank.
     */
    showModel(name, own = "") {
      model.querySelector("option[data-own]")?.remove();
      if (!name && own) {
        const o = el("option", "", own);
        o.value = "";
        o.dataset.own = "";
        o.disabled = true;
        model.prepend(o);
      }
      model.value = name;
    },

    /** {kind: "busy"|"error"|"info"|"idle", text} */
    showStatus({ kind, text }) {
      status.className = `status ${kind}`;
      status.textContent = text ?? "";
      status.setAttribute("role", kind === "error" ? "alert" : "status");
    },

    /** Put `text` where a student can copy it (clipboard when allowed). */
    async offerLink(url) {
      share.dataset.url = url;
      try {
        await navigator.clipboard.writeText(url);
        return true;
      } catch {
        return false;
      }
    },

    /** Offer a JSON text for download. */
    saveFile: (name, text) => saveBlob(new Blob([text], { type: "application/json" }), name),
  };
}
