"""Fast construction of the model's frozen dataclasses while reading.

A frozen dataclass's ``__init__`` sets every field through ``object.__setattr__``
(looked up anew for each field); for a flow node with 27 fields that costs more than
parsing its XML, and a file has thousands of elements.  For the slotted classes of
:mod:`procmodel.model` this module generates, once per class, a constructor that
sets the slots through the slot descriptors' own setters held in local variables —
the same objects ``__init__`` makes (they compare equal), about twice as fast.
Classes with an instance dict (``Process``, ``Definitions``) use their ``__init__``.

Where the reader's compiled half is in use (:mod:`bpmn.native`), the constructors
are its :class:`bpmn._native.SlotConstructor`, which sets the same slots in C.

Only the reader uses this; the model classes stay ordinary frozen dataclasses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from bpmn import native

T = TypeVar("T")


def _slot_setter(cls: type, name: str) -> Any:
    for klass in cls.__mro__:
        descriptor = vars(klass).get(name)
        if descriptor is not None and hasattr(descriptor, "__set__"):
            return descriptor.__set__
    raise TypeError(f"{cls.__name__}.{name} is not a slot")


def mapping_constructor(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """A function taking a dict of fields (``make(values)`` = ``cls(**values)``)."""
    if native.module is not None:
        compiled = _compiled(cls, ())
        if compiled is not None:
            return compiled.from_mapping  # type: ignore[no-any-return]
    return _python_mapping_constructor(cls)


@cache
def _python_mapping_constructor(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    make = constructor(cls)
    return lambda values: make(**values)


@cache
def _compiled(cls: type, names: tuple[str, ...]) -> Any:
    try:
        return native.slot_constructor(cls, names)
    except TypeError:
        return None  # not a plain slotted dataclass: the Python constructor decides


@cache
def constructor(cls: type[T]) -> Callable[..., T]:
    """A function taking the same arguments as ``cls(...)`` and returning the same object."""
    if not dataclasses.is_dataclass(cls) or "__slots__" not in vars(cls):
        return cls
    if "__post_init__" in vars(cls) or any(
        f.default_factory is not dataclasses.MISSING for f in dataclasses.fields(cls)
    ):
        return cls
    return _generate(cls, None)


def slot_setters(cls: type, *names: str) -> tuple[Any, ...]:
    """The setters of the named slots of a slotted class, in order."""
    return tuple(_slot_setter(cls, name) for name in names)


def positional_constructor(cls: type[T], names: tuple[str, ...]) -> Callable[..., T]:
    """A function taking the fields ``names`` positionally, in that order.

    Positional calls skip keyword matching, which matters in the diagram layer's
    loop (thousands of shapes and edges per file).  Fields not named are set to
    their defaults, so fields added to the model later need no change here; the
    order is the caller's, never the class's, so reordering fields cannot shift
    values.
    """
    if native.module is not None:
        compiled = _compiled(cls, names)
        if compiled is not None:
            return compiled  # type: ignore[no-any-return]
    return _python_positional_constructor(cls, names)


@cache
def _python_positional_constructor(cls: type[T], names: tuple[str, ...]) -> Callable[..., T]:
    return _generate(cls, names)


def _generate(cls: type[T], names: tuple[str, ...] | None) -> Callable[..., T]:
    """The source of a constructor setting every slot through its setter, compiled.

    ``names`` None: keyword-only parameters for every field, required ones first, with
    the class's defaults (like ``cls(...)``); else the fields ``names`` positionally in
    that order, every other field set to its default.
    """
    fields = {field.name: field for field in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = [name for name in names or () if name not in fields]
    if unknown:
        raise TypeError(f"{cls.__name__} has no fields {unknown}")
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    body: list[str] = []
    for name, field in fields.items():
        namespace[f"_set_{name}"] = _slot_setter(cls, name)
        has_default = field.default is not dataclasses.MISSING
        if has_default:
            namespace[f"_default_{name}"] = field.default
        if names is None or name in names:
            body.append(f"    _set_{name}(instance, {name})")
        elif has_default:
            body.append(f"    _set_{name}(instance, _default_{name})")
        else:
            raise TypeError(f"{cls.__name__}.{name} has no default and is not among {names}")
    if names is None:
        required = [n for n, f in fields.items() if f.default is dataclasses.MISSING]
        optional = [f"{n}=_default_{n}" for n, f in fields.items()
                    if f.default is not dataclasses.MISSING]
        signature = f"*, {', '.join(required + optional)}"
    else:
        signature = ", ".join(names)
    source = (
        f"def make({signature}):\n"
        "    instance = _new(_cls)\n" + "\n".join(body) + "\n    return instance\n"
    )
    exec(source, namespace)  # noqa: S102 - source built above from dataclass field names
    make = namespace["make"]
    make.__qualname__ = f"construct_{cls.__name__}" + ("" if names is None else "_positional")
    return make  # type: ignore[no-any-return]
