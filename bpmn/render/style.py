"""The style block for overlays (highlights) and the root class that scopes it.

Base drawing uses presentation attributes only, so a diagram looks right even where
a Content-Security-Policy blocks ``<style>``; the web application can serve
:data:`HIGHLIGHT_CSS` as a static stylesheet instead.  CSS rules override
presentation attributes, which is what lets a class restyle an outline.  The rules use
no ``>`` or ``&`` so that the block reads the same whether the SVG is parsed as XML or
inlined into HTML.
"""

from __future__ import annotations

ROOT_CLASS = "pm-diagram"

#: Highlight classes with a built-in style; any other valid class name is allowed too.
HIGHLIGHT_CLASSES: dict[str, tuple[str, str]] = {
    "pm-duplicate": ("#d9480f", "#fff4e6"),
    "pm-reuse": ("#2b8a3e", "#ebfbee"),
    "pm-finding-error": ("#c92a2a", "#fff5f5"),
    "pm-finding-warning": ("#e67700", "#fff9db"),
    "pm-finding-info": ("#1864ab", "#e7f5ff"),
    "pm-selected": ("#5f3dc4", "#f3f0ff"),
}


def _rules() -> str:
    lines = []
    for name, (stroke, fill) in HIGHLIGHT_CLASSES.items():
        lines.append(
            f".{ROOT_CLASS} .{name} .bpmn-outline {{ stroke: {stroke}; stroke-width: 4px; }}"
        )
        lines.append(
            f".{ROOT_CLASS} .bpmn-shape.{name} .bpmn-outline:not([fill=none]) "
            f"{{ fill: {fill}; }}"
        )
        lines.append(
            f".{ROOT_CLASS} .bpmn-edge.{name} .bpmn-path {{ stroke: {stroke}; "
            f"stroke-width: 3px; }}"
        )
    lines.append(f".{ROOT_CLASS} .pm-muted {{ opacity: 0.35; }}")
    return "\n".join(lines)


#: CSS for the highlight classes, scoped to the diagram root class.
HIGHLIGHT_CSS = _rules()
