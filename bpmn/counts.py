"""Element counts of a BPMN file, as ``procmodel info`` shows them.

Every element in the BPMN model namespace is counted by its local name,
``definitions``, ``incoming``, ``documentation`` and ``extensionElements`` itself
included, but nothing inside ``extensionElements`` (vendor data may reuse the BPMN
namespace there).
"""

from __future__ import annotations

import os
from collections import Counter

from lxml import etree

from bpmn import namespaces as ns
from bpmn.xmlsafe import ReadLimits


def count_elements(root: etree._Element) -> dict[str, int]:
    """Counts of BPMN model elements under ``root`` (itself included), sorted by name."""
    counts: Counter[str] = Counter()
    prefix_length = len(ns.MODEL_PREFIX)
    extension = ns.EXTENSION_ELEMENTS
    inside: list[etree._Element] = []
    for element in root.iter(f"{{{ns.MODEL}}}*"):
        tag = element.tag
        if inside:
            # Skip everything below an extensionElements seen before in document order.
            if _is_descendant(element, inside):
                continue
            inside.clear()
        counts[tag[prefix_length:]] += 1
        if tag == extension:
            inside.append(element)
    return dict(sorted(counts.items()))


def _is_descendant(element: etree._Element, ancestors: list[etree._Element]) -> bool:
    target = ancestors[0]
    parent = element.getparent()
    while parent is not None:
        if parent is target:
            return True
        parent = parent.getparent()
    return False


def element_counts(
    source: bytes | str | os.PathLike[str], *, limits: ReadLimits | None = None
) -> dict[str, int]:
    """The ``info`` counts of a BPMN file (securely parsed like everything else)."""
    from bpmn.reader import load_root

    root, _data, _filename, _warnings = load_root(source, limits=limits)
    return count_elements(root)
