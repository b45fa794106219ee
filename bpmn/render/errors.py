"""Errors of rendering and automatic layout.

Both derive from :class:`bpmn.errors.BpmnError`, the root of the ``bpmn`` package,
and carry what the user needs: the diagram ids that exist, or what to install.
"""

from __future__ import annotations

from collections.abc import Sequence

from bpmn.errors import BpmnError


class RenderError(BpmnError):
    """Root of the errors raised while rendering or laying out a model."""


class DiagramNotFound(RenderError):
    """The requested diagram id is not in the model; ``available`` lists the ids there are."""

    def __init__(self, diagram_id: str, available: Sequence[str | None]) -> None:
        self.diagram_id = diagram_id
        self.available = tuple(a for a in available if a)
        listed = ", ".join(self.available) or "keine / none"
        super().__init__(
            f"Diagramm {diagram_id!r} nicht gefunden; vorhanden: {listed} "
            f"(diagram {diagram_id!r} not found; available: {listed})"
        )


class MissingGraphviz(RenderError):
    """The graphviz program ``dot`` is needed for automatic layout but is not installed."""

    def __init__(self, detail: str = "") -> None:
        message = (
            "Das Programm 'dot' (Graphviz) wird für das automatische Layout benötigt, "
            "ist aber nicht installiert. Bitte das Debian-Paket 'graphviz' installieren: "
            "apt-get install graphviz "
            "(graphviz 'dot' is needed for automatic layout; install the Debian package "
            "'graphviz')"
        )
        if detail:
            message = f"{message}: {detail}"
        super().__init__(message)


class InvalidHighlight(RenderError, ValueError):
    """A highlight class name is not a plain CSS class name (it could inject markup)."""
