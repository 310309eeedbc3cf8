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
  "arch.not_buildable": "the server cannot build this network",
  "arch.link_failed":
    "The link's network could not be opened ({reason}); showing a shipped model instead.",
  "arch.note.fresh":
    "Your network has fresh random weights (seed {seed}): it has learned nothing yet, so it predicts at chance, about 1 digit in 10. Its gradients are real all the same: step through them, or teach it with “Apply one SGD step”.",
  "arch.note.network":
    "This is a student's own network: if its weights are still fresh it predicts at chance (about 1 digit in 10) until it is trained, for instance with “Apply one SGD step”.",
  "arch.note.shipped": "Back on {model} with its trained weights.",
  "arch.error.unknown": "This layer cannot be built.",
  "arch.error.spec.too_many_layers": "At most {max} layers: remove {over}.",
  "arch.error.spec.too_many_params":
    "{count} parameters is over the limit of {max}: use fewer maps or units, or pool before the dense layer.",
  "arch.error.spec.too_many_macs":
    "{count} multiply-adds per image is over the limit of {max}: use fewer maps, smaller filters, a stride or a pool.",
  "arch.error.spec.last_layer":
    "The last layer must be a dense layer with 10 units, one per digit.",
};
