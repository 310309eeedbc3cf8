// English: the reference catalogue. Every other language has exactly these keys and the same
// {placeholders} (a test checks). Keys are grouped by where they are read: "<area>.<what>".
// A value is a string, or {one, other} for a count (chosen by Intl.PluralRules on params.count).

export default {
  "app.title": "ConvTrace",
  // ---- architecture lab ----
  "arch.title": "Architecture",
  "arch.close": "close the architecture editor",
  "arch.intro":
    "Build your own network from the derivation's parts. Each row is one layer l; the shape it gives, its parameters and its cost update as you edit. The last layer must be a dense layer with 10 units, one per digit.",
  "arch.preset_label": "Start from",
  "arch.preset.custom": "(your edits)",
  "arch.preset.lenet": "LeNet (the shipped network)",
  "arch.preset.nopool": "no pooling",
  "arch.preset.small": "3×3 filters",
  "arch.preset.strided": "strided instead of pooled",
  "arch.preset.avgpool": "average pooling",
  "arch.preset.deeper": "deeper (3 conv)",
  "arch.preset.mlp": "MLP (no conv)",
  "arch.input": "input a⁰ = x: {shape}",
  "arch.kind.conv": "convolution",
  "arch.kind.relu": "ReLU",
  "arch.kind.sigmoid": "sigmoid",
  "arch.kind.tanh": "tanh",
  "arch.kind.maxpool": "max-pool",
  "arch.kind.avgpool": "average pool",
  "arch.kind.flatten": "flatten",
  "arch.kind.dense": "dense",
  "arch.kind_of": "kind of layer {l}",
  "arch.field.maps": "maps K",
  "arch.field.size": "size d",
  "arch.field.padding": "padding",
  "arch.field.stride": "stride",
  "arch.field.units": "units",
  "arch.move_up": "move layer {l} up",
  "arch.move_down": "move layer {l} down",
  "arch.remove": "remove layer {l}",
  "arch.add": "Add layer",
  "arch.add_kind": "kind of layer to add",
  "arch.params": { one: "{count} parameter", other: "{count} parameters" },
  "arch.macs": { one: "{count} multiply-add", other: "{count} multiply-adds" },
  "arch.total_params": {
    one: "{count} parameter (at most {max})",
    other: "{count} parameters (at most {max})",
  },
  "arch.total_macs": {
    one: "{count} multiply-add per image (at most {max})",
    other: "{count} multiply-adds per image (at most {max})",
  },
  "arch.checking": "Working out the shapes…",
  "arch.seed": "seed of the fresh weights",
  "arch.keep": "keep the trained weights of {model} (this is its architecture)",
  "arch.apply": "Apply",
  "arch.your_network": "your network {id}",
  "arch.not_buildable": "the server cannot build this network",
  "arch.link_failed":
    "The link's network could not be opened ({reason}); showing a shipped model instead.",
  "arch.note.fresh":
    "Your network has fresh random weights (seed {seed}): it has learned nothing yet, so it predicts at chance, about 1 digit in 10. Its gradients are real all the same: step through them, or teach it with “Apply one SGD step”.",
  "arch.note.network":
    "This is a student's own network: if its weights are still fresh it predicts at chance (about 1 digit in 10) until it is trained, for instance with “Apply one SGD step”.",
  "arch.chance.fresh":
    "Your network's weights are fresh and random, so its prediction is chance (about 1 in 10): train it with “Apply one SGD step”.",
  "arch.chance.network":
    "A student's own network: unless it was trained, its prediction is chance (about 1 in 10); “Apply one SGD step” trains it.",
  "arch.class_weights":
    "The class uses the instructor's trained weights: every gradient, weight panel and sum here is computed with them.",
  "arch.note.shipped": "Back on {model} with its trained weights.",
  "arch.error.unknown": "This layer cannot be built.",
  "arch.error.spec.too_deep": "At most {max} layers: this network has {count}. Remove some.",
  "arch.error.spec.too_many_params":
    "Here the network reaches {params} parameters, over the limit of {max}: use fewer maps or units, or pool earlier.",
  "arch.error.spec.too_many_macs":
    "Here the network reaches {macs} multiply-adds per image, over the limit of {max}: use fewer maps, smaller filters, a stride, or pool earlier.",
  "arch.error.spec.last_not_dense10":
    "The last layer must be a dense layer with 10 units: one score per digit.",
  "arch.error.spec.filter_too_large":
    "A {size}×{size} filter does not fit a {rows}×{cols} input: add padding, use a smaller filter, or remove a pool.",
  "arch.error.spec.map_vanished":
    "A {size}×{size} window does not fit a {rows}×{cols} map, so nothing would be left: use a smaller window or remove a pool.",
  "arch.error.spec.padding_same_even":
    "Padding “same” needs an odd filter size (3, 5, 7, …), so that the filter has a centre; this one is {size}×{size}.",
  "arch.error.spec.padding_too_large":
    "Padding {padding} is too wide for a {size}×{size} filter: its outer rings would see only zeros. Use less padding than the filter size.",
  "arch.error.spec.needs_map":
    "This layer works on maps (rows × columns × channels) but gets a flat vector: move it above the flatten, or remove the extra flatten.",
  "arch.error.spec.needs_flatten": "A dense layer needs a flat vector: add a flatten before it.",
  "arch.error.spec.out_of_range": "{value} is outside the allowed range {min} to {max}.",
  "arch.error.spec.bad_field": "This field takes a whole number.",
  "arch.error.spec.unknown_kind": "There is no layer of this kind.",
};
