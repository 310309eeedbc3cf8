// Building DOM nodes: the one helper views share.

/** A new element with an optional class and text (set as text, never parsed as HTML). */
export function el(tag, className = "", text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

/** Offer `blob` as a download named `name` (the one home of file saving). */
export function saveBlob(blob, name) {
  const a = el("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
