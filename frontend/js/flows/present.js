// Page modes for the lecture hall and for embedding, both kept in the URL so a link reopens them:
//   #…&present  presentation: full screen, large type, only the focus view and the step controls,
//               stepped by a presenter's clicker (PageDown/PageUp, arrows, space)
//   ?embed=1 or #…&embed  embedded in an LMS page or slides: no page header
// The modes are classes on <html>; the stylesheets do the rest.

import { el } from "../views/dom.js";

const TYPING = new Set(["INPUT", "SELECT", "TEXTAREA"]);
const FLAGS = ["present", "embed"];

/** {present, embed} from a location: hash keys, or ?embed=1 / ?present=1 in the query. */
export function readFlags(loc) {
  const hash = new URLSearchParams(loc.hash.replace(/^#/, ""));
  const query = new URLSearchParams(loc.search);
  const on = (name) => hash.has(name) || ["1", "true", ""].includes(query.get(name));
  return { present: on("present"), embed: on("embed") };
}

/** `hash` with the mode flags of `current` (another hash) carried over. */
export function keepFlags(hash, current) {
  const from = new URLSearchParams(current.replace(/^#/, ""));
  const to = new URLSearchParams(hash.replace(/^#/, ""));
  for (const f of FLAGS) if (from.has(f)) to.set(f, "");
  const text = to.toString();
  return text ? `#${text}` : "";
}

function setFlag(name, on) {
  const q = new URLSearchParams(location.hash.replace(/^#/, ""));
  if (on) q.set(name, "");
  else q.delete(name);
  const text = q.toString();
  history.replaceState(null, "", text ? `#${text}` : location.pathname + location.search);
}

// a clicker's keys: next/previous in any mode for PageDown/PageUp; in presentation also ↓ ↑ and
// space (which on the desk plays the steps)
function clickerStep(ev, presenting) {
  if (ev.key === "PageDown") return 1;
  if (ev.key === "PageUp") return -1;
  if (!presenting) return 0;
  if (ev.key === "ArrowDown" || ev.key === " ") return 1;
  if (ev.key === "ArrowUp") return -1;
  return 0;
}

/** toggle: the present button; bar: where the embed's "open full app" link goes. */
export function createPresentFlow({ toggle, bar }, { step, resized }) {
  const root = document.documentElement;
  let presenting = false;
  let fullscreen = false;
  const open = el("a", "open-full", "Open in ConvTrace ↗");
  open.target = "_blank";
  open.rel = "noopener";

  function present(on, { fromUser = false } = {}) {
    presenting = on;
    root.classList.toggle("present", on);
    toggle.setAttribute("aria-pressed", String(on));
    toggle.textContent = on ? "Exit presentation" : "Present";
    setFlag("present", on);
    if (on && fromUser && root.requestFullscreen && document.fullscreenEnabled) {
      root.requestFullscreen().then(
        () => {
          fullscreen = true;
        },
        () => {}, // not allowed here (e.g. an iframe without allow="fullscreen"): stay windowed
      );
    }
    if (!on && document.fullscreenElement) document.exitFullscreen().catch(() => {});
    resized();
  }

  // the full app at the same digit and step: this address without the embed flag
  function fullUrl() {
    const url = new URL(location.href);
    url.searchParams.delete("embed");
    const hash = new URLSearchParams(url.hash.replace(/^#/, ""));
    hash.delete("embed");
    url.hash = hash.toString();
    return url.href;
  }

  function embed(on) {
    root.classList.toggle("embed", on);
    if (!on) return;
    open.href = fullUrl();
    open.addEventListener("click", () => {
      open.href = fullUrl();
    });
    bar.append(open);
  }

  toggle.addEventListener("click", () => {
    present(!presenting, { fromUser: true });
    toggle.blur(); // so a clicker's space steps instead of pressing this button again
  });
  // Esc leaves full screen (the browser's own key); leave the presentation with it
  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement && fullscreen) {
      fullscreen = false;
      if (presenting) present(false);
    }
  });
  document.addEventListener(
    "keydown",
    (ev) => {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || TYPING.has(ev.target?.tagName)) return;
      const by = clickerStep(ev, presenting);
      if (!by) return;
      ev.preventDefault();
      ev.stopPropagation();
      step(by);
    },
    true,
  );

  const flags = readFlags(location);
  embed(flags.embed);
  if (flags.present) present(true);
  return { presenting: () => presenting };
}
