"""Architectures of the shipped models (specs as plain data)."""

from __future__ import annotations

from typing import Any


def lenet(activation: str = "relu") -> dict[str, Any]:
    """conv 5x5x8 -> pool 2 -> conv 5x5x16 -> pool 2 -> dense 10 on 28x28x1."""
    return {
        "input": [28, 28, 1],
        "layers": [
            {"kind": "conv", "name": "conv1", "maps": 8, "size": 5},
            {"kind": activation, "name": f"{activation}1"},
            {"kind": "maxpool", "name": "pool1", "size": 2},
            {"kind": "conv", "name": "conv2", "maps": 16, "size": 5},
            {"kind": activation, "name": f"{activation}2"},
            {"kind": "maxpool", "name": "pool2", "size": 2},
            {"kind": "flatten", "name": "flatten"},
            {"kind": "dense", "name": "dense", "units": 10},
        ],
    }


SHIPPED = {
    "lenet-relu": (lenet("relu"), "LeNet-style, ReLU: conv5x5x8, pool, conv5x5x16, pool, dense 10"),
    "lenet-sigmoid": (
        lenet("sigmoid"),
        "Same shape with sigmoid: watch the gradients shrink layer by layer",
    ),
}
