// The page's static text from the catalogue: index.html marks each text with data-i18n="key"
// (its text) or data-i18n-<attribute>="key" (aria-label, title, placeholder), keeping English
// inside as what a page without scripts shows. fillPage writes them all in the language in force.

import { t } from "./i18n.js";

const ATTRIBUTES = ["aria-label", "title", "placeholder"];

/** Write every marked text and attribute under `root` (the whole document by default). */
export function fillPage(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const attribute of ATTRIBUTES) {
    for (const node of root.querySelectorAll(`[data-i18n-${attribute}]`))
      node.setAttribute(attribute, t(node.getAttribute(`data-i18n-${attribute}`)));
  }
}
