// English: the reference catalogue. Every other language has exactly these keys and the same
// {placeholders} (a test checks). Keys are grouped by where they are read: "<area>.<what>".
// A value is a string, or {one, other} for a count (chosen by Intl.PluralRules on params.count).

export default {
  "app.title": "ConvTrace",
  // ---- input-gradient lab ----
  "ig.open": "Input-gradient lab",
  "ig.heading": "5 · Input gradients",
  "ig.hint":
    "Fool the network with a change you cannot see, ask it what a 5 looks like, and compare two ways of finding the pixels that matter.",
  "ig.close": "Close the lab",
  "ig.title": "Input-gradient lab: what ∂L/∂x says about your pixels",
  "ig.intro":
    "The backward pass ends with ∂L/∂x: how the loss would change if each pixel of the digit changed a little. Here you use it on the digit itself.",
  "ig.mode": "Experiment",
  "ig.mode.fgsm": "Fool it (one signed step)",
  "ig.mode.targeted": "Make it a k (small steps)",
  "ig.mode.visualise": "What does a k look like to the network?",
  "ig.mode.occlusion": "Which pixels matter?",
  "ig.explain.fgsm":
    "Every pixel moves by ε in the direction that raises the loss of the current answer: x′ = clip(x + ε·sign(∂L/∂x)).",
  "ig.explain.targeted":
    "Small steps down the loss of digit k until the network says k, never moving a pixel more than ε from the original.",
  "ig.explain.visualise":
    "Start from a blank or noisy image and climb log p_k, while a penalty on large values and a slight blur keep the image smooth.",
  "ig.explain.occlusion":
    "Two answers to “which pixels matter?”: the gradient |∂L/∂x| from one backward pass, and occlusion, which hides each square under grey and measures how far p_y falls.",
  "ig.epsilon": "ε (largest change of a pixel)",
  "ig.target": "Target digit k",
  "ig.start": "Start from",
  "ig.start.noise": "faint noise",
  "ig.start.blank": "a blank image",
  "ig.start.image": "your digit",
  "ig.l2": "L2 penalty λ",
  "ig.blur": "blur σ (pixels)",
  "ig.patch": "patch size (pixels)",
  "ig.run": "Run",
  "ig.running": "Running…",
  "ig.play": "Play",
  "ig.pause": "Pause",
  "ig.frame": "frame",
  "ig.send": "Trace this image",
  "ig.sent": "Frame sent to the main view: step backward through it there.",
  "ig.need_digit": "Classify a digit or pick a sample first: the lab works on the digit on screen.",
  "ig.failed": "The lab could not run: {reason}",
  "ig.original": "your digit x",
  "ig.original.visualise": "start image",
  "ig.image": "this frame x′",
  "ig.image.occluded": "the grey square that lowers p_y most",
  "ig.image.stretched": "this frame x′ (colours stretched: brightest = {top})",
  "ig.change": "change x′ − x",
  "ig.probabilities": "probabilities p",
  "ig.prediction": "The network says {digit} (p = {p})",
  "ig.change_size": "change: L∞ = {linf} (largest pixel change), L2 = {l2}",
  "ig.step_count": {
    one: "step {step} of {count}",
    other: "step {step} of {count}",
  },
  "ig.fgsm.fooled":
    "Each pixel moved by at most {linf}: to you it is still a {before}, to the network it is now a {after}. Lower ε: how small a change still fools it?",
  "ig.fgsm.held":
    "Each pixel moved by at most {linf} and the answer stayed {before}. Try a larger ε.",
  "ig.targeted.reached": {
    one: "The network says {target} after {count} step. Smallest change found: L∞ = {linf}, L2 = {l2}.",
    other:
      "The network says {target} after {count} steps. Smallest change found: L∞ = {linf}, L2 = {l2}.",
  },
  "ig.targeted.missed": "Not a {target} within {count} steps and ε = {eps}: allow a larger ε.",
  "ig.visualise.done":
    "After {count} steps the network gives this image p_{target} = {p}. It is what raises p_{target} most, not a drawing of a {target}.",
  "ig.update": "At pixel ({row}, {col}) of this step: {equation}",
  "ig.rule.fgsm": "x′ = x + ε·sign(∂L/∂x) = {x} + {eta}·sign({dx}) = {next}",
  "ig.rule.targeted": "x′ = x − η·sign(∂L_k/∂x) = {x} − {eta}·sign({dx}) = {next}",
  "ig.rule.visualise":
    "x′ = x + η·(∂log p_k/∂x − λx), then blur: {x} + {eta}·({dx} − {l2}·{x}) → {next}",
  "ig.saliency": "gradient |∂L/∂x|",
  "ig.occlusion": "occlusion: fall of p_y",
  "ig.same_scale":
    "Both maps on one scale: 0 = no effect, 1 = the largest effect each method found.",
  "ig.agreement":
    "{share} of the pixels the gradient ranks highest are also among occlusion's highest.",
  "ig.agree.much":
    "They agree on the strokes the answer rests on; where they differ, the gradient marks single pixels where a tiny nudge matters, occlusion whole squares whose loss matters.",
  "ig.agree.little":
    "They mostly disagree: the gradient marks single pixels where a tiny nudge matters, occlusion whole squares whose loss matters, and grey on empty paper can add a stroke the digit never had.",
  "ig.where":
    "The gradient's strongest pixels centre on the {gradient}, occlusion's on the {occlusion}.",
  "ig.region.0": "top left",
  "ig.region.1": "top",
  "ig.region.2": "top right",
  "ig.region.3": "left",
  "ig.region.4": "middle",
  "ig.region.5": "right",
  "ig.region.6": "bottom left",
  "ig.region.7": "bottom",
  "ig.region.8": "bottom right",
  "ig.guess": "Which digit will it become?",
  "ig.guess_first": "Guess before you see",
  "ig.reveal": "Show the answer",
  "ig.guess_digit": "guess {digit}",
  "ig.guessed": "You said {guess}; the network says {after}.",
};
