"""Network specs: what a student may build, checked before anything is allocated.

A spec is ``{"input": [28, 28, 1], "layers": [{"kind": ..., ...}, ...]}``. ``check(spec)`` answers
the shape after every layer, its parameters and multiply-adds, or raises ``SpecError`` naming the
layer, the field and the limit, with a stable ``code`` and the numbers in ``params``.
``layer_catalogue()`` lists the kinds with their fields, defaults and limits (``GET /api/layers``
sends it; the page builds its editor from it). ``build(spec, seed)`` checks a spec and makes its
network, with seeded He/Glorot weights (or zeros for seed None, to be replaced by set_weights).

Two levels. ``check`` (and ``build``) hold a spec to the product's rules: the input is 28x28x1,
the last layer a dense layer with 10 units, at most ``MAX_LAYERS`` layers, ``MAX_PARAMS``
parameters and ``MAX_MACS`` multiply-adds per image (those of the conv and dense layers, the
forward pass). ``Network(spec)`` needs only a well-formed spec (any input shape, any number of
classes, no size limits: the derivation's general case, which the tests use on small inputs);
every spec from a request must pass ``check`` first.

Flatten is explicit: a dense layer needs a flat input, and the spec says where it flattens
(the trace shows the flatten and its error as steps of their own). Layer names are optional
(default ``<kind><count>``, e.g. ``conv2``), unique, and made of letters, digits, ``_`` and ``-``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from .fields import At, SpecError, is_int, read_fields, shown
from .kinds import KINDS
from .layers import Layer, Shape

if TYPE_CHECKING:
    from .network import Network

MAX_LAYERS = 16
MAX_PARAMS = 200_000
MAX_MACS = 20_000_000
INPUT_SHAPE = (28, 28, 1)
CLASSES = 10
NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
RESERVED = ("input", "loss")  # the trace's own layer names

__all__ = ["MAX_LAYERS", "MAX_MACS", "MAX_PARAMS", "SpecError", "build", "check", "layer_catalogue"]


class Planned(NamedTuple):
    """One layer of a checked spec: its kind, name, fields (defaults filled in), shapes, costs."""

    cls: type[Layer]
    name: str
    cfg: dict[str, Any]
    input_shape: Shape
    output_shape: Shape
    params: int
    macs: int


def _named(
    entry: Any, index: int, counts: dict[str, int], taken: dict[str, int]
) -> tuple[type[Layer], str]:
    """The entry's kind and its (unique, well-formed) name."""
    if not isinstance(entry, dict):
        raise SpecError(f"layer {index}: must be an object", layer=index, code="spec.bad_layer")
    kind = entry.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise SpecError(
            f"layer {index}: unknown kind {shown(kind)}; known: {', '.join(KINDS)}",
            layer=index,
            field="kind",
            code="spec.unknown_kind",
            params={"kind": str(kind)[:40], "known": list(KINDS)},
        )
    counts[cls.kind] = counts.get(cls.kind, 0) + 1
    name = entry.get("name") or f"{cls.kind}{counts[cls.kind]}"
    if not isinstance(name, str) or not NAME.fullmatch(name) or name in RESERVED:
        raise SpecError(
            f"layer {index}: the name {shown(name)} must start with a letter and "
            "hold only letters, digits, _ and - (at most 32; not input or loss)",
            layer=index,
            field="name",
            code="spec.bad_name",
        )
    if name in taken:
        raise SpecError(
            f"layer {index} ({name}): layer {taken[name]} has that name already; "
            "layer names must be unique",
            layer=index,
            field="name",
            code="spec.duplicate_name",
            params={"layer": name, "other": taken[name]},
        )
    taken[name] = index
    return cls, name


def input_shape(spec: Any) -> Shape:
    """The spec's input shape [rows, cols, channels] (default 28x28x1), or SpecError."""
    if not isinstance(spec, dict) or not isinstance(spec.get("layers"), list):
        raise SpecError("spec must be an object with a 'layers' list", code="spec.bad_spec")
    unknown = sorted(str(key)[:40] for key in spec if key not in ("input", "layers"))
    if unknown:
        raise SpecError(
            f"spec has unknown fields {unknown}; it holds only 'input' and 'layers'",
            field=unknown[0],
            code="spec.unknown_field",
            params={"fields": unknown},
        )
    shape = spec.get("input", list(INPUT_SHAPE))
    if (
        not isinstance(shape, list | tuple)
        or len(shape) != 3
        or not all(is_int(v) and v > 0 for v in shape)
    ):
        raise SpecError(
            f"'input' must be [rows, cols, channels] of positive integers, got {shown(shape)}",
            field="input",
            code="spec.bad_input",
        )
    return tuple(shape)


def walk(spec: Any) -> tuple[Shape, list[Planned]]:
    """Every layer's fields, shapes and costs, worked out from shapes alone (nothing is
    allocated), or SpecError. Checks what any network needs; ``check`` adds the limits."""
    shape = input_shape(spec)
    start = shape
    planned: list[Planned] = []
    counts: dict[str, int] = {}
    taken: dict[str, int] = {}
    for index, entry in enumerate(spec["layers"]):
        cls, name = _named(entry, index, counts, taken)
        at = At(index, name)
        cfg = read_fields(cls, entry, at)
        out = cls.plan(cfg, shape, at)
        params, macs = cls.cost(cfg, shape, out)
        planned.append(Planned(cls, name, cfg, shape, out, params, macs))
        shape = out
    if len(shape) != 1:
        raise SpecError(
            f"the last layer must give a flat vector of class scores, got {shape}",
            code="spec.last_not_dense10",
            layer=len(planned) - 1 if planned else None,
        )
    return start, planned


def _limits(start: Shape, planned: list[Planned]) -> None:
    """The product's rules on a well-formed spec (see the module docstring)."""
    if start != INPUT_SHAPE:
        raise SpecError(
            f"the input is a {start[0]}x{start[1]}x{start[2]} image here, but "
            "the networks read 28x28x1 digits",
            field="input",
            code="spec.bad_input",
            params={"input": list(start)},
        )
    last = planned[-1]
    if last.cls.kind != "dense" or last.output_shape != (CLASSES,):
        raise At(len(planned) - 1, last.name).error(
            "spec.last_not_dense10",
            f"the last layer must be a dense layer with {CLASSES} units, one score per digit",
            "units" if last.cls.kind == "dense" else "kind",
        )
    params = macs = 0
    for index, layer in enumerate(planned):
        params, macs = params + layer.params, macs + layer.macs
        at = At(index, layer.name)
        if params > MAX_PARAMS:
            raise at.error(
                "spec.too_many_params",
                f"the network reaches {params:,} parameters "
                f"here, more than the {MAX_PARAMS:,} allowed; use fewer maps or "
                "units, or pool earlier",
                params=params,
                max=MAX_PARAMS,
            )
        if macs > MAX_MACS:
            raise at.error(
                "spec.too_many_macs",
                f"the network reaches {macs:,} multiply-adds "
                f"per image here, more than the {MAX_MACS:,} allowed; use fewer maps, "
                "smaller filters, a stride or pool earlier",
                macs=macs,
                max=MAX_MACS,
            )


def check(spec: Any) -> dict[str, Any]:
    """The shape after every layer, parameters and multiply-adds (per layer and in total), or
    SpecError. Nothing is allocated: only shapes are worked out (and a spec too deep is refused
    before even that, so a long list costs nothing)."""
    count = (
        len(spec["layers"])
        if isinstance(spec, dict) and isinstance(spec.get("layers"), list)
        else 0
    )
    if count > MAX_LAYERS:
        raise SpecError(
            f"a network may have at most {MAX_LAYERS} layers, this one has {count}",
            layer=MAX_LAYERS,
            code="spec.too_deep",
            params={"count": count, "max": MAX_LAYERS},
        )
    start, planned = walk(spec)
    _limits(start, planned)
    layers = [
        {
            "kind": p.cls.kind,
            "name": p.name,
            **{k: v for k, v in p.cfg.items() if k not in p.cls.derived},
            "index": i,
            "input_shape": list(p.input_shape),
            "output_shape": list(p.output_shape),
            "params": p.params,
            "macs": p.macs,
        }
        for i, p in enumerate(planned)
    ]
    return {
        "input": list(start),
        "layers": layers,
        "params": sum(p.params for p in planned),
        "macs": sum(p.macs for p in planned),
        "limits": {"layers": MAX_LAYERS, "params": MAX_PARAMS, "macs": MAX_MACS},
    }


def layer_catalogue() -> list[dict[str, Any]]:
    """Every layer kind a spec may use: a one-line description and its fields (name, type,
    default, min, max, allowed words, description), from the kinds themselves."""
    return [
        {
            "kind": kind,
            "description": cls.description,
            "fields": [f.catalogue() for f in cls.fields],
        }
        for kind, cls in KINDS.items()
    ]


def build(spec: Any, seed: int | None = None) -> Network:
    """The network of a spec that passes ``check``: seeded He (before ReLU) / Glorot weights,
    or, for seed None, zeros to be replaced with ``set_weights``."""
    from .network import Network  # the network is built from this module's walk
    from .weights import init_weights

    check(spec)
    net = Network(spec)
    return net if seed is None else init_weights(net, seed)
