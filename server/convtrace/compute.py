"""What the API asks of the engine beyond a trace: the input image and one SGD step.

Pure NumPy on ``convtrace.nn``; no HTTP here. Every function gets a network of its own (see
``convtrace.registry``) and may change it freely.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convtrace.digits import DrawingError, preprocess
from convtrace.nn.loss import softmax_cross_entropy
from convtrace.nn.network import Network
from convtrace.registry import InputError


def input_image(image: np.ndarray | None, drawing: np.ndarray | None) -> np.ndarray:
    """The 28x28 float32 image the network sees: ``image`` as is, or the preprocessed drawing."""
    if image is not None:
        return image.astype(np.float32, copy=False)
    try:
        return preprocess(drawing)
    except DrawingError as err:
        raise InputError(("drawing",), str(err)) from err


def _batch(net: Network, image: np.ndarray, dtype=np.float32) -> np.ndarray:
    """(28, 28) -> (1, 28, 28, 1) in the network's input layout."""
    return np.asarray(image, dtype=dtype).reshape(1, *net.input_shape)


@dataclass(frozen=True)
class Prediction:
    probabilities: np.ndarray
    prediction: int
    loss: float

    def as_dict(self) -> dict:
        return {
            "probabilities": self.probabilities,
            "prediction": self.prediction,
            "loss": self.loss,
        }


def _target(net: Network, x: np.ndarray, label: int | None) -> int:
    return int(np.argmax(net.forward(x)[0])) if label is None else int(label)


def sgd_step(net: Network, image: np.ndarray, label: int | None, learning_rate: float):
    """One step W <- W - lr dL/dW on one image; changes ``net``.

    Returns (target label, before, after, update norms ||W_new - W_old|| per parameter).
    """
    x = _batch(net, image)
    target = _target(net, x, label)
    labels = np.array([target])
    loss, p = net.loss_and_grads(x, labels)
    before = Prediction(p[0], int(np.argmax(p[0])), loss)
    norms = {}
    for layer in net.layers:
        for key, w in layer.params.items():
            updated = (w - np.float32(learning_rate) * layer.grads[key]).astype(w.dtype)
            norms[f"{layer.name}.{key}"] = float(np.linalg.norm(updated - w))
            layer.params[key] = updated
    loss, p, _ = softmax_cross_entropy(net.forward(x), labels)
    after = Prediction(p[0], int(np.argmax(p[0])), loss)
    return target, before, after, norms
