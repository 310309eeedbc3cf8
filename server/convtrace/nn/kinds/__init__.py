"""The layer kinds: one module per kind holds its reference equations, its fast forms and its
layer class (spec fields, shapes, costs, trace hooks); this registry is the only list of them.
A new kind is its module, one line here and its references listed in ``equations.py`` (the
reader's index); nothing else in the engine names a kind (the spec check's one product rule,
"the last layer is a dense layer with 10 units", names dense).
"""

from __future__ import annotations

from ..layers import Layer
from .activation import ACTIVATIONS, Activation, ReLU, Sigmoid, Tanh
from .avgpool import AvgPool2D
from .conv import Conv2D
from .dense import Dense
from .flatten import Flatten
from .maxpool import MaxPool2D

KINDS: dict[str, type[Layer]] = {
    cls.kind: cls for cls in (Conv2D, ReLU, Sigmoid, Tanh, MaxPool2D, AvgPool2D, Flatten, Dense)
}

__all__ = [
    "ACTIVATIONS",
    "KINDS",
    "Activation",
    "AvgPool2D",
    "Conv2D",
    "Dense",
    "Flatten",
    "Layer",
    "MaxPool2D",
    "ReLU",
    "Sigmoid",
    "Tanh",
]
