"""The vocabulary a layer kind uses to declare its spec fields and to refuse a bad one.

Kept apart from ``spec.py`` (which walks a whole spec through the kinds) so that each kind's
module can import it without an import cycle. ``spec.py`` re-exports ``SpecError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


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


def is_int(value: Any) -> bool:
    """An int that is not a bool (JSON true must never count as 1)."""
    return isinstance(value, int) and not isinstance(value, bool)
