"""BPMN diagrams as standalone, inline-safe SVG, true to the modeller's layout.

:func:`render_svg` draws one diagram of a model from its diagram layer (BPMN DI),
following the BPMN 2.0 notation.  A model without any diagram layer is laid out
with graphviz first (:func:`bpmn.layout.auto_layout`).  Every shape and edge is a
``<g>`` with ``data-element-id`` and classes by kind, so pages can highlight and
link elements without rendering again; ``highlight`` adds classes up front.

The SVG contains no script, no event attributes and no external references; all
text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping

from procmodel.model import Definitions

from .document import choose_diagram, elements_without_di, render_diagram
from .errors import DiagramNotFound, InvalidHighlight, MissingGraphviz, RenderError
from .style import HIGHLIGHT_CLASSES, HIGHLIGHT_CSS, ROOT_CLASS


def render_svg(
    model: Definitions,
    diagram_id: str | None = None,
    *,
    highlight: Mapping[str, str] | None = None,
    language: str = "de",
) -> str:
    """Render one diagram of ``model`` as an SVG document.

    Args:
        model: the model, with or without a diagram layer.
        diagram_id: the BPMNDiagram to draw; the first one when ``None``.
        highlight: element id -> extra CSS class(es) for those shapes/edges,
            e.g. ``{"Task_1": "pm-duplicate"}``.
        language: ``"de"`` or ``"en"`` for titles and tooltips.

    Raises:
        DiagramNotFound: ``diagram_id`` is not in the model (the message lists the ids).
        MissingGraphviz: the model has no diagram layer and ``dot`` is not installed.
        InvalidHighlight: a highlight class is not a plain CSS class name.
    """
    diagram = choose_diagram(model, diagram_id)
    if diagram is None:
        from bpmn.layout import auto_layout  # graphviz is only needed here

        model = auto_layout(model)
        diagram = model.diagrams[0]
    return render_diagram(model, diagram, highlight=highlight, language=language)


__all__ = [
    "HIGHLIGHT_CLASSES",
    "HIGHLIGHT_CSS",
    "ROOT_CLASS",
    "DiagramNotFound",
    "InvalidHighlight",
    "MissingGraphviz",
    "RenderError",
    "elements_without_di",
    "render_svg",
]
