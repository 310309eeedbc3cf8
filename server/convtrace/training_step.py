"""One gradient-descent step on one image: the step a student takes after reading the trace,
and what it costs the network on the shipped sample digits.

Pure NumPy on ``convtrace.nn``; no HTTP here. The network must be the request's own (see
``convtrace.registry``): the step rebinds its parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from convtrace.nn import trace as engine
from convtrace.nn.finite import NonFiniteError, require_finite
from convtrace.nn.network import Network
from convtrace.nn.trace import Result
from convtrace.registry import Samples

# One step on a digit with a wrong target costs the shipped models under 2 points of MNIST test
# accuracy at this rate (0.8 on average); 0.01 already costs up to 16, 0.05 about 57 on
# average: see bench/sgd_lr.py. The page uses it too (GET /api/models).
DEFAULT_LEARNING_RATE = 0.005
# The sample digits go through the network in batches of this many: the layers keep every
# intermediate of a batch (conv1's patches are 58 KB per image), so this bounds the memory.
SAMPLE_BATCH = 100


@dataclass(frozen=True)
class Prediction:
    probabilities: np.ndarray
    prediction: int
    loss: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "probabilities": self.probabilities,
            "prediction": self.prediction,
            "loss": self.loss,
        }


@dataclass(frozen=True)
class Step:
    label: int  # the target the step descended towards
    before: Prediction
    after: Prediction
    update_norms: dict[str, float]  # ||W_new - W_old|| per parameter, by ``layer.key``
    samples_accuracy: tuple[float, float]  # on the shipped sample digits, before and after


class DivergedStepError(ArithmeticError):
    """The step made the network's numbers overflow float32: the learning rate is too large
    for these gradients."""

    def __init__(self, tensor: str, learning_rate: float) -> None:
        self.tensor = tensor
        super().__init__(
            f"one step at learning rate {learning_rate:g} makes {tensor} overflow float32 "
            "(NaN or infinity); the weights are unchanged: try a smaller learning rate"
        )


def _traced(net: Network, image: np.ndarray, label: int | None) -> Result:
    """Forward, loss and backward as the trace computes them (so ``layer.grads`` are the
    gradients the student saw), and its result; the trace decides the target when label is
    None. NonFiniteError if any of its numbers overflows."""
    *_, result = engine.run(net, image, label)
    assert isinstance(result, Result)
    return result


def _prediction(result: Result) -> Prediction:
    return Prediction(result.probabilities, result.prediction, result.loss)


def _descend(net: Network, learning_rate: float) -> dict[str, float]:
    """W <- W - lr dL/dW for every parameter; returns ||W_new - W_old|| per parameter."""
    rate = np.float32(learning_rate)
    norms = {}
    for layer in net.layers:
        for key, w in layer.params.items():
            updated = require_finite(
                f"{layer.name}.{key}", (w - rate * layer.grads[key]).astype(w.dtype)
            )
            # the difference in float64: two large float32 weights can differ by more than
            # float32 holds
            norms[f"{layer.name}.{key}"] = float(np.linalg.norm(updated - w.astype(np.float64)))
            layer.params[key] = updated
    return norms


def accuracy(net: Network, samples: Samples) -> float:
    """The fraction (0..1) of the sample digits ``net`` classifies as their label;
    NonFiniteError if a score overflows (an argmax of NaN would be a made-up class)."""
    images = samples.images.reshape(-1, *net.input_shape)
    right = 0
    for start in range(0, len(images), SAMPLE_BATCH):
        batch = slice(start, start + SAMPLE_BATCH)
        scores = require_finite("the output on the sample digits", net.forward(images[batch]))
        right += int(np.count_nonzero(scores.argmax(1) == samples.labels[batch]))
    return right / len(images)


def sgd_step(
    net: Network, image: np.ndarray, label: int | None, learning_rate: float, samples: Samples
) -> Step:
    """One step of ``learning_rate`` on one (28, 28) image towards ``label`` (None: the
    network's own prediction); changes ``net``. Also measures the network on ``samples`` before
    and after, so a student sees what one step does to the digits it was not taken on."""
    before = _traced(net, image, label)  # overflow here: the weights sent, NonFiniteError
    accuracy_before = accuracy(net, samples)  # (the gradients of the step stay in the layers)
    try:
        norms = _descend(net, learning_rate)
        after = _traced(net, image, before.label)
        accuracy_after = accuracy(net, samples)
    except NonFiniteError as err:
        raise DivergedStepError(err.tensor, learning_rate) from err
    return Step(
        before.label,
        _prediction(before),
        _prediction(after),
        norms,
        (accuracy_before, accuracy_after),
    )
