// English: the reference catalogue. Every other language has exactly these keys and the same
// {placeholders} (a test checks). Keys are grouped by where they are read: "<area>.<what>".
// A value is a string, or {one, other} for a count (chosen by Intl.PluralRules on params.count).

export default {
  "app.title": "ConvTrace",
  // ---- equations ----
  // what each equation does (eq.<key>), its equation-map name (eq.map.<key>), a backward step's
  // words (eq.title.<key>: {words} names the tensor, {layer} the layer); read by js/equations/
  "eq.input.x":
    "The digit after preprocessing: cropped to its ink, scaled into a 20×20 box and centred by mass on 28×28.",
  "eq.conv.z":
    "Each feature map m slides one d×d×t filter over the input: every output cell is the filter times the window under it, summed, plus the map's bias. With stride s the filter jumps s cells at a time; with padding p the input first gets a border of p zeros.",
  "eq.act.a": "The nonlinearity is applied to every cell on its own.",
  "eq.maxpool.a":
    "Each pooled cell keeps only the largest value of its window; which cell won is remembered (the switch).",
  "eq.maxpool.switches":
    "Where each window's winner sits in the pool's input. Ties go to the first maximum in row-major order.",
  "eq.avgpool.a":
    "Each pooled cell is the mean of its k×k window: every cell of the window counts the same, 1/k² each.",
  "eq.flatten.a":
    "The block of feature maps is read row by row into one long vector; nothing is computed.",
  "eq.dense.z": "Every output of the layer is a weighted sum of all its inputs plus a bias.",
  "eq.softmax.p":
    "Softmax turns the ten scores into probabilities that are positive and add up to 1; subtracting the largest score first changes nothing but keeps e^z from overflowing.",
  "eq.xent.L": "The loss is small when the network gives the target class y a high probability.",
  "eq.xent.dz":
    "Backprop starts here: the error of each score is its probability minus 1 for the target class (minus 0 otherwise).",
  "eq.dense.dW": "A weight's gradient is the error at its output times the input it multiplies.",
  "eq.dense.db": "A bias adds straight into its output, so its gradient is that output's error.",
  "eq.dense.dx":
    "The error passed down: each input collects the errors of all outputs it fed, weighted by the same weights.",
  "eq.flatten.dx":
    "The vector's error is folded back into the feature-map block; again nothing is computed.",
  "eq.maxpool.dx":
    "Only the winner of each window (its switch) influenced the output, so it receives the whole error; every other cell gets 0. Where windows overlap, a cell that won several gets the sum of their errors.",
  "eq.avgpool.dx":
    "Every cell of a window moved the mean by 1/k² of its own change, so each gets the same share, 1/k² of the window's error. A max pool instead gives the whole error to one cell, its switch.",
  "eq.act.dz":
    "The chain rule through the nonlinearity: multiply the error by the slope of σ at the cell's z.",
  "eq.conv.dW":
    "A filter weight is used at every position, so its gradient adds up error × input over all positions.",
  "eq.conv.db":
    "A map's bias is added at every position: its gradient is the sum of that map's errors.",
  "eq.conv.dx":
    "The error passed down is a full convolution: each input cell gathers the errors of every output whose window covered it, weighted by the filter entry that connected them (terms with no such output are zero). With stride s the error is first spread out with s − 1 zeros between its cells: that is a transposed convolution. For the input image this is the saliency.",
  "eq.map.conv.z": "convolution",
  "eq.map.act.a": "activation",
  "eq.map.maxpool.a": "max pool",
  "eq.map.avgpool.a": "average pool",
  "eq.map.flatten.a": "flatten",
  "eq.map.dense.z": "dense layer",
  "eq.map.softmax.p": "softmax",
  "eq.map.xent.L": "cross-entropy loss",
  "eq.map.xent.dz": "output error of softmax cross-entropy",
  "eq.map.dense.dW": "dense weight gradient",
  "eq.map.dense.db": "dense bias gradient",
  "eq.map.dense.dx": "dense error passed down",
  "eq.map.flatten.dx": "unflatten",
  "eq.map.maxpool.dx": "max-pool routing",
  "eq.map.avgpool.dx": "average-pool spreading",
  "eq.map.act.dz": "activation derivative",
  "eq.map.conv.dW": "filter gradient",
  "eq.map.conv.db": "bias gradient",
  "eq.map.conv.dx": "error passed down (full convolution)",
  "eq.title.xent.L": "the loss, where backpropagation starts",
  "eq.title.xent.dz": "the output error p − y",
  "eq.title.dense.dW": "the gradient of {words}",
  "eq.title.dense.db": "the gradient of {words}",
  "eq.title.dense.dx": "the error passed down to {words}",
  "eq.title.flatten.dx": "the same error folded back onto {words}",
  "eq.title.maxpool.dx": "the error routed through {layer}'s switches to {words}",
  "eq.title.avgpool.dx": "the error spread evenly by {layer} over {words}",
  "eq.title.act.dz": "the error at {words}, through {layer}'s slope",
  "eq.title.conv.dW": "the gradient of {words}",
  "eq.title.conv.db": "the gradient of {words}",
  "eq.title.conv.dx": "the error passed down to {words} (a full convolution)",
  "eq.title.conv.dx_input": "the error at the input pixels: the saliency map",
  "eq.sym.input": "the input image (a⁰ = x)",
  "eq.sym.z": "{layer}'s weighted sums",
  "eq.sym.filters": "{layer}'s filters",
  "eq.sym.weights": "{layer}'s weights",
  "eq.sym.biases": "{layer}'s biases",
  "eq.sym.out_z": "the output scores",
  "eq.sym.out_filters": "the output layer's filters",
  "eq.sym.out_weights": "the dense layer's weights",
  "eq.sym.out_biases": "the dense layer's biases",
  "eq.sym.act": "{layer}'s activations",
  "eq.sym.pool": "{layer}'s output",
  "eq.sym.flatten": "the flattened vector",
  "eq.sym.softmax": "the probabilities",
  "eq.sym.xent": "the loss",
  "eq.unknown.equation":
    "ConvTrace cannot explain the equation “{id}”: it is not in the equation registry.",
  "eq.unknown.kind":
    "ConvTrace cannot explain the layer kind “{id}”: it is not in the equation registry.",
  "eq.act.which": "(σ = {name})",
  "eq.input.image": "the 28×28 image, ink = 1",
  "eq.conv.padded": "over the input padded with zeros, p = {p} cells wide on every side",
  "eq.conv.dilated": {
    one: "δ̃: the error δ spread out with 1 zero between neighbouring cells (dilated by the stride s = {s}), then a full convolution: a transposed convolution",
    other:
      "δ̃: the error δ spread out with {count} zeros between neighbouring cells (dilated by the stride s = {s}), then a full convolution: a transposed convolution",
  },
  "eq.conv.cropped":
    "the zero border (p = {p} cells wide) is cropped off again: it is not a real input",
  "eq.maxpool.window": "over the k×k window, 0 ≤ u, v < k",
  "eq.maxpool.if_switch": "if (i, j) is the switch, else 0",
  "eq.maxpool.won": "windows (p, q) that (i, j) won",
  "eq.maxpool.switch_formula": "switch = (row, col) of each window's maximum",
  "eq.avgpool.window": "over the k×k window, 0 ≤ u, v < k",
  "eq.avgpool.holding": "windows (p, q) that hold (i, j)",
  "eq.pool.tiles": "k = {k}, stride {s}: the windows tile the input",
  "eq.pool.overlap":
    "k = {k}, stride {s}: neighbouring windows overlap, so a cell can be in several",
  "eq.sub.others": "the other {count} terms, summed",
  "eq.sub.sum": "recomputed sum",
  "eq.sub.window": "pooled cell ({cell}): switch at ({at})",
  "eq.sub.copied": "copied: ",
  "eq.where": "cell [{cell}] of {shape} · {layer}",
  "eq.scalar": "a scalar",
  "eq.note.listed":
    "Listed: the {shown} terms with the largest |term| of all {count}, in index order, since they decide the sum; the other {rest} are added up in one line. The listed terms' factors are outlined in their heatmaps (green: activations or errors, purple: weights).",
  "eq.note.delta": "δ is short for ∂L/∂z, the error at a layer's weighted output z.",
  "eq.note.padded": {
    one: "1 product falls on the zero padding: it is 0 and left out.",
    other: "{count} products fall on the zero padding: they are 0 and left out.",
  },
  "eq.note.dilated":
    "Stride {s}: only the terms where the filter actually touched this cell are listed. Written as one operation, the error is dilated (spread out with zeros between its cells, one row and column of zeros less than the stride), then fully convolved with the filters: a transposed convolution.",
  "eq.note.won": "This cell won its window, so it receives the pooled error.",
  "eq.note.lost": "This cell lost its window: no error reaches it.",
  "eq.note.won_of":
    "This cell lies in {count} overlapping windows and won {won} of them: their errors add up.",
  "eq.note.spread":
    "An average pool has no winner: each of the {share} cells of a {k}×{k} window gets 1/{share} of its error, whatever its value was.",
  "eq.note.unread":
    "No output's window covered this cell (the filter's stride stepped over it), so no error reaches it: 0.",
  "eq.note.no_weights": "The weights are not loaded yet, so the terms cannot be listed.",
  "eq.param.heading": "parameter {name}",
  "eq.param.where": "entry [{cell}] of {shape}",
  "eq.param.note":
    "Its gradient appears beside it when backprop reaches this layer; an SGD step moves it by −(learning rate) × that gradient.",
  "eq.switch.marks": {
    one: "The dark dots and squares mark {layer}'s switches: its window sends its whole error to the one cell that won it in the forward pass.",
    other:
      "The dark dots and squares mark {layer}'s switches: each of its {count} windows sends its whole error to the one cell that won it in the forward pass.",
  },
  "eq.switch.untied": "No window tied.",
  "eq.switch.tied": {
    one: "1 window tied (the same largest value twice or more, often all 0): the rule “first maximum, row-major” gives the error to the first of them, reading row by row.",
    other:
      "{count} windows tied (the same largest value twice or more, often all 0): the rule “first maximum, row-major” gives the error to the first of them, reading row by row.",
  },
  "eq.slope.relu": "for ReLU it is 1 where z > 0 and 0 otherwise",
  "eq.slope.sigmoid": "for the sigmoid it is a·(1 − a)",
  "eq.slope.tanh": "for tanh it is 1 − a²",
  "eq.where.only": "the only cell",
  "eq.where.entry": "entry {i}",
  "eq.where.cell": "row {i}, column {j}",
  "eq.where.map": "row {i}, column {j} of map {m}",
  "eq.where.filter": "row {i}, column {j} of filter {m}, channel {c}",
  "eq.describe": "{name}, {shape}: {where}",
  "eq.describe.empty": "{name}: empty",
  "eq.describe.value": "value {value}",
  "eq.describe.spread":
    "largest magnitude {value} at {where}; {nonzero} of cells nonzero; values from {lo} to {hi}",
  "eq.ask.shape": "What shape will ∂L/∂{sym} have? Type its sizes, e.g. 3, 4, 5.",
  "eq.ask.shape_hint":
    "A gradient has exactly the shape of the tensor it belongs to: look at {sym}'s panel (or the layer's size line) in the network.",
  "eq.ask.entry": "entry [{cell}]",
  "eq.ask.cell": "cell [{cell}]",
  "eq.ask.sign":
    "What will be the sign of ∂L/∂{sym} at {where}: positive (+), negative (−) or exactly zero (0)?",
  "eq.ask.p_target": "p{y} (probability of the target y = {y})",
  "eq.ask.output_value": "What will ∂L/∂{sym} be for the target class y = {y}?",
  "eq.ask.output_hint":
    "At the output the error is p − y, and y is 1 for the target class (0 for the others).",
  "eq.ask.output_sign": "p − y: y is 0 here.",
  "eq.ask.delta_target": "δ at the target class {y}",
  "eq.ask.dense_bias_hint":
    "A bias is added straight into its score, so its gradient equals that score's error δ.",
  "eq.ask.act_error": "∂L/∂{sym} (the error arriving here)",
  "eq.ask.act_z": "{sym} (the weighted sum)",
  "eq.ask.act_value": "What will ∂L/∂{sym} be at cell [{cell}]?",
  "eq.ask.act_value_hint": "Multiply the error ∂L/∂a by the slope σ′(z): {slope}.",
  "eq.ask.act_sign_hint": "The sign of ∂L/∂a times σ′(z) ≥ 0: {slope}.",
  "eq.ask.delta_at": "δ at [{cell}]",
  "eq.ask.bias_value":
    "What will ∂L/∂b of map {m} be? The nonzero errors δ of {sym}'s map {m} are listed; every other cell of the map is 0.",
  "eq.ask.bias_value_hint":
    "The bias is added at every position of its map, so its gradient is the sum of the map's errors δ.",
  "eq.ask.bias_sign_hint":
    "The bias gradient of map {m} is the sum of the errors δ over the whole map {m} of {sym}: do its red (positive) or blue (negative) cells weigh more?",
  "eq.ask.saliency":
    "Where on your digit will |∂L/∂x| be largest? Choose one of the {grid}×{grid} regions ({size}×{size} pixels each).",
  "eq.ask.saliency_hint":
    "Changing a pixel matters most where the {layer} filters that see it carry large errors: usually on or right beside the strokes that tell the target digit apart.",
  "eq.ask.stride_value":
    "This layer moves its filter {stride} cells at a time. What will the gradient of filter entry [{cell}] be? The nonzero errors δ and the inputs they meet through this entry are listed; every other product is 0.",
  "eq.ask.stride_hint":
    "Entry (a, b) of the filter meets input cell ({stride}·i + a, {stride}·j + b) at output (i, j): every {stride}th cell. Multiply each δ by its input and add the products.",
  "eq.ask.unread":
    "This layer's {d}×{d} filter moves {stride} cells at a time, and its last window ends at row {last}. What error will cell [{cell}] receive?",
  "eq.ask.unread_hint":
    "An input cell gets error only from the outputs whose window covered it. With stride {stride} the windows stop before this row: no output read it.",
  "eq.ask.cells":
    "Which cells of this {size}×{size} patch of {sym} (map {map}) will receive error from {layer}? Select every cell that gets a share.",
  "eq.ask.cells_hint":
    "Each {k}×{k} window passes its error to one cell only: its switch, the cell that held the window's largest value in the forward pass (on a tie, the first in reading order). The other cells get 0.",
  "eq.ask.pooled_error": "the error of pooled cell [{cell}]",
  "eq.ask.overlap":
    "The windows of this pool overlap. Cell [{cell}] won {n} of them in the forward pass. What error will it receive?",
  "eq.ask.overlap_hint":
    "Each window sends its whole error to its switch; a cell that is the switch of several windows receives all of their errors, added up.",
  "eq.ask.share":
    "An average pool over {k}×{k} windows: how much of its window's error will cell [{cell}] get?",
  "eq.ask.share_hint":
    "The mean counts every cell of the window the same, so each of the {k}×{k} cells gets an equal share of the window's error: divide it by the number of cells.",
};
