"""Network specs: what a student may build, checked before anything is allocated.

A spec is ``{"input": [28, 28, 1], "layers": [{"kind": ..., ...}, ...]}``. ``check(spec)`` answers
the shape after every layer, its parameters and multiply-adds, or raises ``SpecError`` naming the
layer, the field and the limit. ``layer_catalogue()`` lists the kinds with their fields, defaults
and limits (``GET /api/layers`` sends it; the page builds its editor from it).

Limits bound the work one request can cost: at most ``MAX_LAYERS`` layers, ``MAX_PARAMS``
parameters and ``MAX_MACS`` multiply-adds per image; every map at least 1x1.
"""

from __future__ import annotations

from typing import Any

MAX_LAYERS = 16
MAX_PARAMS = 200_000
MAX_MACS = 20_000_000
INPUT_SHAPE = (28, 28, 1)
CLASSES = 10


class SpecError(ValueError):
    """A spec that cannot be built. ``layer`` is the index of the offending layer (None: the
    spec as a whole), ``field`` the offending field of it, ``code`` a stable id of the reason
    (the page words it in the reader's language) and ``params`` the numbers in the message."""

    def __init__(
        self,
        message: str,
        *,
        layer: int | None = None,
        field: str | None = None,
        code: str = "spec.invalid",
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.layer = layer
        self.field = field
        self.code = code
        self.params = dict(params or {})


def layer_catalogue() -> list[dict[str, Any]]:
    """Every layer kind a spec may use: its fields (name, type, default, min, max) in words a
    student reads beside the editor. The engine's layer registry is the source of truth."""
    from .network import LAYER_KINDS  # the registry of kinds lives with the layers

    fields: dict[str, list[dict[str, Any]]] = {
        "conv": [
            {"name": "maps", "type": "int", "default": 8, "min": 1, "max": 64},
            {"name": "size", "type": "int", "default": 5, "min": 1, "max": 28},
        ],
        "maxpool": [{"name": "size", "type": "int", "default": 2, "min": 1, "max": 28}],
        "dense": [{"name": "units", "type": "int", "default": 10, "min": 1, "max": 4096}],
    }
    return [{"kind": kind, "fields": fields.get(kind, [])} for kind in LAYER_KINDS]


def check(spec: Any) -> dict[str, Any]:
    """The shape after every layer, parameters and multiply-adds (per layer and in total), or
    SpecError. Nothing is allocated: only shapes are worked out."""
    from .network import Network  # builds zero-filled layers; replaced by a shape-only walk

    net = Network(spec)
    layers = []
    for i, layer in enumerate(net.layers):
        params = sum(int(v.size) for v in layer.params.values())
        out = net.shapes[i + 1]
        macs = 0
        if "W" in layer.params:
            w = layer.params["W"]
            per_out = int(w.size // w.shape[0])
            cells = 1
            for n in out:
                cells *= n
            macs = cells * per_out
        layers.append(
            {
                **layer.config(),
                "index": i,
                "input_shape": list(net.shapes[i]),
                "output_shape": list(out),
                "params": params,
                "macs": macs,
            }
        )
    return {
        "input": list(net.input_shape),
        "layers": layers,
        "params": sum(la["params"] for la in layers),
        "macs": sum(la["macs"] for la in layers),
    }
