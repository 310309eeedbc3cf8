// A style sheet added to the page when a part that loads on first use is loaded: resolves once
// it has applied (or failed: an unstyled part beats an absent one).

const added = new Map();

/** Link `href` once; the promise resolves when it is applied. */
export function styleSheet(href) {
  if (!added.has(href)) {
    added.set(
      href,
      new Promise((resolve) => {
        const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
        link.addEventListener("load", resolve);
        link.addEventListener("error", resolve);
        document.head.append(link);
      }),
    );
  }
  return added.get(href);
}
