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
  // ---- training lab ----
  "train.open": "Training lab",
  "train.title": "Training lab",
  "train.close": "close the training lab",
  "train.intro":
    "Train a network on thousands of handwritten digits and watch backpropagation at work: every step computes the gradients you can walk through in the main view, for a batch of digits at once, and moves the weights a little against them.",
  "train.network": "Network",
  "train.network.model": "{model}, from fresh random weights",
  "train.network.current": "the network in use now (from the architecture editor)",
  "train.preset": "Preset",
  "train.preset.quick": "quick",
  "train.preset.good": "good",
  "train.optimizer": "optimizer",
  "train.optimizer.sgd": "SGD",
  "train.optimizer.momentum": "SGD with momentum",
  "train.optimizer.adam": "Adam",
  "train.field.learning_rate": "learning rate",
  "train.field.batch_size": "batch size",
  "train.field.epochs": "epochs",
  "train.field.train_size": "training digits",
  "train.start": "Train",
  "train.cancel": "Cancel",
  "train.status.idle": "Choose a network and a preset, then press Train.",
  "train.status.sending": "Sending the job to the server…",
  "train.status.queued": {
    one: "Waiting in the queue: {count} job ahead of yours (about {seconds} s).",
    other: "Waiting in the queue: {count} jobs ahead of yours (about {seconds} s).",
  },
  "train.status.queued_class": {
    one: "The instructor's job waits in the queue: {count} job ahead (about {seconds} s).",
    other: "The instructor's job waits in the queue: {count} jobs ahead (about {seconds} s).",
  },
  "train.status.started": "Training has started.",
  "train.status.running": "Training: step {step} of {steps} (epoch {epoch}).",
  "train.status.running_eta":
    "Training: step {step} of {steps} (epoch {epoch}), about {left} s left.",
  "train.status.done":
    "Done in {seconds} s: {accuracy} of {size} test digits right. Choose a checkpoint below to trace your digit with its weights.",
  "train.status.failed": "Training failed: {reason}",
  "train.status.cancelled": "Training cancelled. The checkpoints so far stay usable.",
  "train.status.cancelling": "Cancelling…",
  "train.status.refused": "The server did not take this: {reason}",
  "train.status.lost": "The connection to this job was lost (it may have expired). Start it again.",
  "train.status.following": "Following the instructor's training.",
  "train.fig.loss": "Loss and test accuracy",
  "train.plot.summary": "Loss and test accuracy: smoothed loss {loss} at step {step} of {steps}",
  "train.fig.grads": "Gradient size per layer, ‖∂L/∂θ‖ (log scale)",
  "train.fig.ratio": "Update size per layer, ‖Δθ‖ / ‖θ‖ (log scale)",
  "train.fig.filters": "conv1's filters, changing",
  "train.key.loss": "loss of the latest batches",
  "train.key.smooth": "loss, smoothed",
  "train.key.accuracy": "test accuracy (right axis)",
  "train.axis.step": "step",
  "train.axis.loss": "loss",
  "train.axis.norm": "‖∂L/∂θ‖",
  "train.axis.ratio": "‖Δθ‖/‖θ‖",
  "train.accuracy.none": "Test accuracy: not measured yet.",
  "train.accuracy.at": "Test accuracy: {value} of {size} test digits at step {step}.",
  "train.layer.first": "{layer} (first, nearest the input)",
  "train.layer.last": "{layer} (last, nearest the loss)",
  "train.grads.sigmoid":
    "This network uses sigmoid: its gradient reaches {first} about {ratio}× smaller than {last}. Each sigmoid multiplies the error by σ′ ≤ 0.25 on its way back, so the early layers get the faintest signal and learn slowest: vanishing gradients.",
  "train.grads.smaller":
    "Right now {last}'s gradient is {ratio}× the size of {first}'s. Train the sigmoid network to compare: each sigmoid multiplies the error by σ′ ≤ 0.25 on its way back, so there the early layers get even less.",
  "train.grads.similar":
    "Right now {first}'s gradient is as large as {last}'s or larger (ratio {ratio}): ReLU passes the error back unshrunk wherever it is active. Train the sigmoid network to compare.",
  "train.ratio.note":
    "How far one step moves each layer's weights, relative to their size. Around 0.001 is a healthy pace; much larger and training jumps around, much smaller and it crawls.",
  "train.filters.none": "The filters appear when training starts.",
  "train.filters.words":
    "{layer}'s filters at step {step} (blue < 0, white = 0, red > 0): from random noise they turn into stroke and edge detectors.",
  "train.checkpoint.title": "Checkpoints: trace your digit at any point of training",
  "train.checkpoint.label": "checkpoint",
  "train.checkpoint.none": "no checkpoints yet",
  "train.checkpoint.hint":
    "Slide to a checkpoint: your digit is traced with the weights of that moment, and the main view walks its backward pass.",
  "train.checkpoint.at": "{k} of {n}: step {step}",
  "train.checkpoint.early":
    "Early (step {step}, test accuracy {accuracy}): the network still guesses, so the loss is high and the gradients are large (‖∂L/∂θ‖ ≈ {norm}) and diffuse, spread over the whole digit and every weight. Walk the backward pass in the main view to see it.",
  "train.checkpoint.middle":
    "Midway (step {step}, test accuracy {accuracy}): the gradients have shrunk to ≈ {norm}, {times}× smaller than at the start, and gather on the strokes that decide the digit.",
  "train.checkpoint.late":
    "Late (step {step}, test accuracy {accuracy}): most digits are right, so the loss is small and so are the gradients (≈ {norm}, {times}× smaller than at the start): faint and focused on the few pixels that still matter.",
  "train.checkpoint.draw_first":
    "Draw a digit or pick a sample first: the checkpoint's weights are ready for it.",
  "train.checkpoint.traced": "Your digit, traced with the weights of step {step}.",
  "train.batch.title": "One batch, opened",
  "train.batch.intro":
    "A training step does not follow one digit's gradient but the mean of a whole batch's. Here are the digits of one batch, each one's gradient for one conv1 filter, and their mean: the gradient the optimizer applies.",
  "train.batch.open": "Open a batch",
  "train.batch.of_step":
    "The mini-batch of step {step} ({shown} of its {size} digits, as the network saw them), with the weights of the checkpoint at step {at}: choose another checkpoint above to open another step.",
  "train.batch.samples":
    "{shown} sample digits, on the network in use (train a network to open the batches of its steps).",
  "train.batch.filter": "filter",
  "train.batch.filter_m": "filter m = {m}",
  "train.batch.example": "n = {n} (a {label})",
  "train.batch.mean": "mean (the batch's)",
  "train.batch.equation_label":
    "the batch's gradient is the mean of the {size} examples' gradients",
  "train.batch.check":
    "The mean of these {size} maps and the batch's own gradient (one backward pass over the batch, loss {loss}) differ by at most {gap}: rounding only.",
  "train.batch.no_conv": "This network has no convolution layer to show.",
};
