// How a tensor of any rank is laid out as a grid of 2-D tiles. Pure; shared by drawing,
// hit-testing and highlighting so that a flat index always lands on the same pixel.
//   rank 0 []          one 1x1 tile
//   rank 1 [n]         one 1 x n strip
//   rank 2 [n, m]      one n x m matrix
//   rank 3 [r, s, c]   c tiles of r x s (one per feature map / channel)
//   rank 4 [M, d, d, t] M x t tiles of d x d (a column of tiles per filter, a row per channel)

export function tiling(shape) {
  if (shape.length === 3) {
    const [r, s, c] = shape;
    return {
      rows: r,
      cols: s,
      tiles: c,
      gridRows: 1,
      gridCols: c,
      flatOf: (tile, i, j) => (i * s + j) * c + tile,
      cellOf: (flat) => {
        const [i, j, tile] = unravel(flat, shape);
        return { tile, i, j };
      },
    };
  }
  if (shape.length === 4) {
    // tiles run channel-major so that the grid shows one column per filter, one row per channel
    const [m, d1, d2, t] = shape;
    return {
      rows: d1,
      cols: d2,
      tiles: m * t,
      gridRows: t,
      gridCols: m,
      flatOf: (tile, i, j) => ravel([tile % m, i, j, Math.floor(tile / m)], shape),
      cellOf: (flat) => {
        const [f, i, j, ch] = unravel(flat, shape);
        return { tile: ch * m + f, i, j };
      },
    };
  }
  const [rows, cols] = shape.length === 2 ? shape : [1, shape.length === 1 ? shape[0] : 1];
  return {
    rows,
    cols,
    tiles: 1,
    gridRows: 1,
    gridCols: 1,
    flatOf: (_tile, i, j) => i * cols + j,
    cellOf: (flat) => ({ tile: 0, i: Math.floor(flat / cols), j: flat % cols }),
  };
}

/** The values of one tile as a flat rows x cols array (for putImageData). */
export function tileValues(values, layout, tile, out) {
  const { rows, cols, flatOf } = layout;
  const buf = out ?? new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) buf[i * cols + j] = values[flatOf(tile, i, j)];
  }
  return buf;
}

/** Row-major multi-index of a flat index, e.g. [i, j, c]. */
export function unravel(flat, shape) {
  const idx = new Array(shape.length);
  for (let k = shape.length - 1; k >= 0; k--) {
    idx[k] = flat % shape[k];
    flat = Math.floor(flat / shape[k]);
  }
  return idx;
}

/** Flat index of a row-major multi-index. */
export function ravel(idx, shape) {
  let flat = 0;
  for (let k = 0; k < shape.length; k++) flat = flat * shape[k] + idx[k];
  return flat;
}

const LONG_VECTOR = 256; // longer vectors are folded into a block in the overview
const WIDE_MATRIX = 512; // matrices with more columns show each row as a folded tile

// the divisor of n nearest `target` from below, but at least target / 4 (else null: n has no
// factor pair of a readable aspect, e.g. a prime)
function divisorNear(n, target) {
  for (let d = Math.min(n, Math.floor(target)); d >= Math.max(2, target / 4); d--) {
    if (n % d === 0) return d;
  }
  return null;
}

/**
 * The shape a tensor is drawn in where space is short (the network overview), with the same
 * row-major flat indices: a long vector [n] as a block [n / b, b]; a wide matrix [r, n] (a
 * dense layer's W) as r tiles of [n / b, b], i.e. [r, n / b, b, 1], one tile per output unit,
 * `gridCols` tiles to a line. Any other shape is drawn as it is. b is a divisor of n near
 * sqrt(n) (near 2 sqrt(n) for a vector, wider than tall), so n = 10 816 gives 104 x 104.
 */
export function overviewShape(shape) {
  if (shape.length === 1 && shape[0] > LONG_VECTOR) {
    const b = divisorNear(shape[0], 2 * Math.sqrt(shape[0]));
    return b ? { shape: [shape[0] / b, b], gridCols: 0 } : { shape, gridCols: 0 };
  }
  if (shape.length === 2 && shape[1] > WIDE_MATRIX) {
    const b = divisorNear(shape[1], Math.ceil(Math.sqrt(shape[1])));
    if (!b) return { shape, gridCols: 0 };
    return { shape: [shape[0], shape[1] / b, b, 1], gridCols: Math.min(shape[0], 16) };
  }
  return { shape, gridCols: 0 };
}
