// Where a click or a mouse move is, to a fraction of a CSS pixel.
//
// Chromium floors the position of a click (and of mouse events) to whole CSS pixels; only pointer
// events (pointermove, pointerdown, pointerup) carry the fractional position. A heatmap's image
// sits at a fractional x whenever the columns around it are sized by their text, so a floored
// position measured against its box is up to a pixel to the left of the pointer: a click in the
// first pixel of a cell picked the cell before it (in a 9 px cell, one click in nine).

/**
 * Follow the pointer over `node`; returns `at(ev)`, the position {x, y} (client coordinates) of
 * a mouse event or click on `node`: the last pointer event's when it is the same pointer at the
 * same spot (less than a pixel away, on the same element), else the event's own.
 */
export function pointerTracker(node) {
  let last = null;
  const keep = (ev) => {
    last = ev;
  };
  for (const type of ["pointermove", "pointerdown", "pointerup"]) {
    node.addEventListener(type, keep, { passive: true });
  }
  return (ev) => {
    const near =
      last &&
      last.target === ev.target &&
      Math.abs(last.clientX - ev.clientX) < 1 &&
      Math.abs(last.clientY - ev.clientY) < 1;
    return near ? { x: last.clientX, y: last.clientY } : { x: ev.clientX, y: ev.clientY };
  };
}
