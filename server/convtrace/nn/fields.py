"""The vocabulary a layer kind uses to declare its spec fields and to refuse a bad one, and
the reading of one spec entry's fields against them (``read_fields``).

Kept apart from ``spec.py`` (which walks a whole spec through the kinds) so that each kind's
module can import it without an import cycle. ``spec.py`` re-exports ``SpecError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # layers.py imports this module
    from .layers import Layer


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


@dataclass(frozen=True)
class Field:
    """One integer field of a layer kind. ``allowed`` lists words accepted besides integers
    (conv padding takes "same"); ``default`` None means the field is required, and a
    ``default_from`` names the field whose value it defaults to (a pool's stride: its size)."""

    name: str
    default: int | None
    min: int
    max: int
    description: str
    allowed: tuple[str, ...] = ()
    default_from: str | None = None

    def catalogue(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "name": self.name,
            "type": "int",
            "default": self.default,
            "min": self.min,
            "max": self.max,
            "description": self.description,
        }
        if self.allowed:
            entry["allowed"] = list(self.allowed)
        if self.default_from:
            entry["default_from"] = self.default_from
        return entry


class At(NamedTuple):
    """Where in a spec a check is: the layer's index and name, for errors that name both."""

    position: int | None  # the layer's index (``index`` is a tuple's method)
    name: str

    def error(self, code: str, message: str, field: str | None = None, **params: Any) -> SpecError:
        prefix = f"{self.name}: " if self.position is not None else ""
        return SpecError(
            prefix + message,
            layer=self.position,
            field=field,
            code=code,
            params={"layer": self.name, **params} if self.position is not None else params,
        )

    def require_map(self, kind: str, shape: tuple[int, ...]) -> None:
        """A layer that slides windows (conv, the pools) needs r x s x t maps, not a vector."""
        if len(shape) != 3:
            raise self.error(
                "spec.needs_map",
                f"a {kind} layer needs an r x s x t input, "
                f"but it gets a flat vector of {shape[0]}; move it before the flatten",
            )


def is_int(value: Any) -> bool:
    """An int that is not a bool (JSON true must never count as 1)."""
    return isinstance(value, int) and not isinstance(value, bool)


def shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def read_fields(cls: type[Layer], entry: dict[str, Any], at: At) -> dict[str, Any]:
    """The entry's fields, typed and in range, defaults filled in; unknown fields refused."""
    known = [f.name for f in cls.fields]
    allowed = ("kind", "name", *known, *cls.derived)
    for key in entry:
        if key not in allowed:
            listed = ", ".join(known) if known else "none"
            raise at.error(
                "spec.unknown_field",
                f"a {cls.kind} layer has no field {shown(key)} (its fields: {listed})",
                str(key)[:40],
                known=known,
            )
    cfg: dict[str, Any] = {}
    for f in cls.fields:
        value = entry.get(f.name, f.default)
        cfg[f.name] = (
            cfg[f.default_from] if value is None and f.default_from else _value(f, value, at)
        )
    for key in cls.derived:
        if key in entry:
            if not is_int(entry[key]):
                raise at.error(
                    "spec.bad_field", f"{key} must be a whole number, not {shown(entry[key])}", key
                )
            cfg[key] = entry[key]
    return cfg


def _value(f: Field, value: Any, at: At) -> int | str:
    """One field's value: an allowed word, or an int (not a bool) within the field's range."""
    if isinstance(value, str) and value in f.allowed:
        return value
    if not is_int(value):
        words = "".join(f' or "{word}"' for word in f.allowed)
        raise at.error(
            "spec.bad_field",
            f"{f.name} must be a whole number{words}, not {shown(value)}",
            f.name,
            allowed=list(f.allowed),
        )
    number = int(value)
    if not f.min <= number <= f.max:
        raise at.error(
            "spec.out_of_range",
            f"{f.name} must be from {f.min} to {f.max}, not {number}",
            f.name,
            value=number,
            min=f.min,
            max=f.max,
        )
    return number
