"""Whether the reader's compiled half (:mod:`bpmn._native`) is used, and its Python twins.

``bpmn._native`` is a Cython extension built at install time (``setup.py``).  It
reads the common elements of a parsed tree in C and is about four times faster
than the Python reader on them; the Python reader stays the reference and handles
everything unusual.  Both give equal models (``tests/bpmn/test_native.py`` checks
that on every corpus file).

The compiled module is used when it was built, was built against the installed
lxml release (it reads lxml's element objects, whose layout may change between
releases) and the environment variable ``PROCMODEL_PURE_PYTHON`` is not set.
:func:`status` says which and why (printed by ``scripts/setup.sh`` and the bench).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import Any

from lxml import etree

from bpmn import namespaces as ns


def _load() -> tuple[ModuleType | None, str]:
    if os.environ.get("PROCMODEL_PURE_PYTHON"):
        return None, "switched off by PROCMODEL_PURE_PYTHON"
    try:
        from bpmn import _native
    except ImportError as exc:
        return None, f"not built ({exc}); reinstall with a C compiler: scripts/setup.sh"
    if etree.__version__ != _native.LXML_VERSION:
        return None, (f"built for lxml {_native.LXML_VERSION}, but lxml {etree.__version__} "
                      "is installed; rebuild: scripts/setup.sh")
    return _native, f"compiled (lxml {etree.__version__})"


_compiled, _reason = _load()
#: The compiled module in use, or None (pure Python).  Read at call time by the readers.
module: ModuleType | None = _compiled


def status() -> str:
    """One line: which reader runs and why."""
    if module is not None:
        return f"bpmn reader: {_reason}"
    if _compiled is not None:
        return "bpmn reader: pure Python (compiled module switched off for this process)"
    return f"bpmn reader: pure Python — compiled module {_reason}"


@contextmanager
def pure_python() -> Iterator[None]:
    """Run the reader without the compiled module (for tests and comparisons)."""
    global module
    saved, module = module, None
    try:
        yield
    finally:
        module = saved


# --- the Python twin of bpmn._native.parts -----------------------------------------------


def parts(
    element: etree._Element, text_tags: tuple[bytes, ...]
) -> tuple[dict[str, str], int | None, list[list[str]], list[etree._Element]]:
    """An element's plain attributes, line, the texts of chosen children and the rest.

    See :func:`bpmn._native.parts`; this is the same in Python, used when the compiled
    module is not.  ``text_tags`` are local names (bytes) in the BPMN namespace.
    """
    native = module
    if native is not None:
        return native.parts(element, text_tags)  # type: ignore[no-any-return]
    wanted = _wanted_tags(text_tags)
    texts: list[list[str]] = [[] for _ in text_tags]
    others: list[etree._Element] = []
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # comments and processing instructions
        position = wanted.get(tag)
        if position is None:
            others.append(child)
        else:
            texts[position].append((child.text or "").strip())
    attributes = {name: value for name, value in element.items() if name[:1] != "{"}
    return attributes, element.sourceline, texts, others


@cache
def _wanted_tags(text_tags: tuple[bytes, ...]) -> dict[str, int]:
    """Clark tag -> position in ``text_tags`` (worked out once per tuple)."""
    return {ns.model(tag.decode()): i for i, tag in enumerate(text_tags)}


def slot_constructor(cls: type, names: tuple[str, ...]) -> Any:
    """The compiled constructor of ``cls`` taking ``names`` positionally, or None."""
    native = module
    return None if native is None else native.SlotConstructor(cls, names)


# --- the Python twin of bpmn._native.scope_entries ------------------------------------------

#: Entry codes of :func:`scope_entries` (the same as bpmn._native's).
NODE, FLOW, OTHER = 0, 1, 2
#: The children of a flow node whose texts are collected (what bpmn._native reads too).
NODE_TEXTS = (b"incoming", b"outgoing")


def scope_entries(
    scope: etree._Element, node_kinds: dict[str, Any], make_flow: Any,
    process_id: str, parent_id: str | None,
) -> list[tuple[Any, ...]]:
    """The element children of a process or subprocess: see bpmn._native.scope_entries.

    Here every sequence flow is an ``OTHER`` entry, read by the Python reader.
    """
    native = module
    if native is not None:
        return native.scope_entries(  # type: ignore[no-any-return]
            scope, node_kinds, make_flow, process_id, parent_id)
    entries: list[tuple[Any, ...]] = []
    for child in scope:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # comments and processing instructions
        kind = node_kinds.get(tag[len(ns.MODEL_PREFIX):]) if tag.startswith(
            ns.MODEL_PREFIX) else None
        if kind is None:
            entries.append((OTHER, child))
            continue
        attributes, line, (incoming, outgoing), others = parts(child, NODE_TEXTS)
        entries.append((NODE, kind, attributes, line, incoming, outgoing, others))
    return entries
