// Building DOM nodes: the helpers views share.

import { words } from "../page-text.js";

/** A new element with an optional class and text (set as text, never parsed as HTML). */
export function el(tag, className = "", text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

/** A new element whose text is the message `key` (with `params`), marked so that a change of
 * language writes it again (page-text.js words). */
export function worded(tag, className, key, params = null) {
  return words(el(tag, className), key, params);
}

/** A plain button (never a form's submit button), with its test hook when given. */
export function button(text, testid = "", className = "") {
  const b = el("button", className, text);
  b.type = "button";
  if (testid) b.dataset.testid = testid;
  return b;
}

/** Offer `blob` as a download named `name` (the one home of file saving). */
export function saveBlob(blob, name) {
  const a = el("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
