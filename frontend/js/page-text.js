// The page's text from the catalogue, kept so that a change of language writes it again:
// index.html marks each text with data-i18n="key" (its text) or data-i18n-<attribute>="key"
// (aria-label, title, placeholder), keeping English inside as what a page without scripts shows;
// views mark the text they make the same way with `words` and `wordsAttr` (with its params,
// as data-i18n-params). fillPage writes them all in the language in force, wherever they are:
// a lab that is open when the reader picks another language is worded again with the page.

import { t } from "./i18n.js";

const ATTRIBUTES = ["aria-label", "title", "placeholder"];

const paramsOf = (node) => (node.dataset.i18nParams ? JSON.parse(node.dataset.i18nParams) : {});

/** Write every marked text and attribute under `root` (the whole document by default). */
export function fillPage(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]"))
    node.textContent = t(node.dataset.i18n, paramsOf(node));
  for (const attribute of ATTRIBUTES) {
    for (const node of root.querySelectorAll(`[data-i18n-${attribute}]`))
      node.setAttribute(attribute, t(node.getAttribute(`data-i18n-${attribute}`), paramsOf(node)));
  }
}

function mark(node, params) {
  if (params && Object.keys(params).length) node.dataset.i18nParams = JSON.stringify(params);
  else delete node.dataset.i18nParams;
}

/**
 * `node`'s text is the message `key` (with `params`: plain numbers and strings, kept as they are
 * so that a number is written anew in the next language's way), now and after every change of
 * language; no key: no text. Only for a node whose whole content is that text: writing it
 * replaces its children. Returns the node.
 */
export function words(node, key, params = null) {
  if (!key) return plain(node, "");
  node.dataset.i18n = key;
  mark(node, params);
  node.textContent = t(key, params ?? {});
  return node;
}

/** The same for an attribute (aria-label, title or placeholder) of `node`. A node's marked
 * texts share one set of params: give each the same (or none). */
export function wordsAttr(node, attribute, key, params = null) {
  if (!ATTRIBUTES.includes(attribute)) throw new Error(`${attribute} is not worded again`);
  node.setAttribute(`data-i18n-${attribute}`, key);
  mark(node, params);
  node.setAttribute(attribute, t(key, params ?? {}));
  return node;
}

/** Text that is no longer a catalogue message (a number, a name, nothing): no longer renewed. */
export function plain(node, text) {
  delete node.dataset.i18n;
  delete node.dataset.i18nParams;
  node.textContent = text ?? "";
  return node;
}
