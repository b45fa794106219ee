"""Fast construction of the model's frozen dataclasses while reading.

A frozen dataclass's ``__init__`` sets every field through ``object.__setattr__``;
for a flow node with 27 fields that is about 2 µs, and a file has thousands of
elements.  The reader builds the same objects by filling the instance ``__dict__``
in one step from the class's defaults and the given values: the result compares
equal to ``cls(**values)`` (the model defines no ``__post_init__``, so nothing is
skipped).  Classes without an instance ``__dict__`` (``slots=True``) fall back to
the ordinary constructor in :func:`construct`; for the small slotted classes the
reader builds in bulk (``Point``, ``Bounds``) :func:`slot_setters` gives the slots'
own setters, which bypass the frozen ``__setattr__`` the same way ``__init__`` does.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

_new = object.__new__


@cache
def dataclass_defaults(cls: type) -> dict[str, Any] | None:
    """Field defaults of ``cls``, or ``None`` when the fast path does not apply."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__slots__"):
        return None
    if "__post_init__" in vars(cls):
        return None
    defaults: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.default is not dataclasses.MISSING:
            defaults[field.name] = field.default
        elif field.default_factory is not dataclasses.MISSING:
            return None  # a factory must run per instance
    return defaults


def construct(cls: type[T], values: dict[str, Any]) -> T:
    """``cls(**values)``, faster; ``values`` must name only fields of ``cls``."""
    defaults = dataclass_defaults(cls)
    if defaults is None:
        return cls(**values)
    instance = _new(cls)
    attributes = instance.__dict__
    attributes.update(defaults)
    attributes.update(values)
    return instance


def slot_setters(cls: type, *names: str) -> tuple[Any, ...]:
    """The ``__set__`` of each named slot of a slotted dataclass, in order."""
    return tuple(vars(cls)[name].__set__ for name in names)
