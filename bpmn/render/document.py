"""Assembling one diagram: choosing it, ordering layers, grouping, the viewBox.

Every DI shape and edge becomes one ``<g class="bpmn-element bpmn-shape|bpmn-edge
bpmn-<kind> …" data-element-id="…">``; the element's drawing function is looked
up in :data:`SHAPE_DRAWERS` / :data:`~bpmn.render.edges.EDGE_DRAWERS` by the
semantic element's type.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

from procmodel.model import (
    DataElement,
    Definitions,
    Diagram,
    Edge,
    FlowNode,
    Group,
    Lane,
    NodeKind,
    Participant,
    Shape,
    TextAnnotation,
)

from .artifacts import (
    draw_annotation,
    draw_data,
    draw_group,
    draw_lane,
    draw_participant,
    draw_unknown,
)
from .edges import EDGE_DRAWERS, draw_unknown_edge
from .errors import DiagramNotFound, InvalidHighlight
from .kinds import display_text, extra_classes, kind_name, kind_of
from .scene import Scene
from .shapes import draw_flow_node
from .style import HIGHLIGHT_CSS, ROOT_CLASS
from .svg import SvgWriter, is_class_name, num
from .text import FONT_FAMILY

ShapeDrawer = Callable[[Scene, Shape, object], None]

#: Drawing function by semantic type of the shape's element.
SHAPE_DRAWERS: dict[type, ShapeDrawer] = {
    FlowNode: draw_flow_node,
    Participant: draw_participant,
    Lane: draw_lane,
    DataElement: draw_data,
    TextAnnotation: draw_annotation,
    Group: draw_group,
}

MARGIN = 20.0

# Layers, bottom to top: pools, lanes, expanded containers (largest first), edges,
# flow nodes and data, boundary events, annotations and groups.
_LAYER_BY_TYPE: dict[type, int] = {Participant: 0, Lane: 1, TextAnnotation: 6, Group: 7}


def _layer(shape: Shape, element: object | None) -> tuple[int, float]:
    if isinstance(element, FlowNode):
        if element.kind is NodeKind.BOUNDARY_EVENT:
            return 5, 0.0
        if element.kind.is_subprocess or element.kind is NodeKind.CALL_ACTIVITY:
            area = shape.bounds.width * shape.bounds.height
            if area > 150 * 100:
                return 2, -area
        return 4, 0.0
    return _LAYER_BY_TYPE.get(type(element), 4), 0.0


def choose_diagram(model: Definitions, diagram_id: str | None) -> Diagram | None:
    """The diagram with ``diagram_id`` (first when ``None``); raises :class:`DiagramNotFound`.

    Some tools write diagrams without an id: ``"#2"`` chooses the second diagram of the
    file (an exact id match wins).
    """
    if diagram_id is None:
        return model.diagrams[0] if model.diagrams else None
    diagram = model.diagram(diagram_id)
    if diagram is None and re.fullmatch(r"#\d+", diagram_id):
        index = int(diagram_id[1:]) - 1
        if 0 <= index < len(model.diagrams):
            diagram = model.diagrams[index]
    if diagram is None:
        raise DiagramNotFound(
            diagram_id, [d.id or f"#{i}" for i, d in enumerate(model.diagrams, start=1)]
        )
    return diagram


def _check_highlight(highlight: Mapping[str, str] | None) -> dict[str, list[str]]:
    checked: dict[str, list[str]] = {}
    for element_id, classes in (highlight or {}).items():
        names = str(classes).split()
        bad = [n for n in names if not is_class_name(n)]
        if bad:
            raise InvalidHighlight(
                f"Ungültiger CSS-Klassenname {bad[0]!r} für {element_id!r} "
                f"(invalid CSS class name {bad[0]!r} for {element_id!r})"
            )
        checked[element_id] = names
    return checked


def _viewbox(diagram: Diagram,
             extents: list[tuple[float, float, float, float]] = ()) -> tuple[float, float, float, float]:  # noqa: E501
    """The frame around every DI bound and waypoint and around ``extents``, the text
    actually drawn (external labels without label bounds, long words overhanging)."""
    xs: list[float] = []
    ys: list[float] = []
    for shape in diagram.shapes:
        for b in (shape.bounds, shape.label_bounds):
            if b is not None:
                xs.extend((b.x, b.x + b.width))
                ys.extend((b.y, b.y + b.height))
    for edge in diagram.edges:
        xs.extend(p.x for p in edge.waypoints)
        ys.extend(p.y for p in edge.waypoints)
        if edge.label_bounds is not None:
            b = edge.label_bounds
            xs.extend((b.x, b.x + b.width))
            ys.extend((b.y, b.y + b.height))
    for x0, y0, x1, y1 in extents:
        xs.extend((x0, x1))
        ys.extend((y0, y1))
    # Files can carry NaN or infinite coordinates; they must not spoil the frame.
    xs = [v for v in xs if math.isfinite(v)]
    ys = [v for v in ys if math.isfinite(v)]
    if not xs or not ys:
        return 0.0, 0.0, 100.0, 100.0
    x0, y0 = min(xs) - MARGIN, min(ys) - MARGIN
    return x0, y0, max(xs) - x0 + MARGIN, max(ys) - y0 + MARGIN


def _open_group(scene: Scene, item: Shape | Edge, element: object | None, category: str,
                highlight: dict[str, list[str]]) -> None:
    kind = kind_of(element)
    classes = ["bpmn-element", category, f"bpmn-{kind}", *(f"{c}" for c in extra_classes(element))]
    if item.element_id and item.element_id in highlight:
        classes.extend(highlight[item.element_id])
    scene.svg.open(
        "g",
        class_=" ".join(classes),
        data_element_id=item.element_id or "",
        data_di_id=item.id,
    )
    label = display_text(element)
    title = kind_name(kind, scene.language)
    if label and label.strip():
        title = f"{title}: {' '.join(label.split())}"
    scene.svg.element("title", title)


def render_diagram(model: Definitions, diagram: Diagram, *, highlight: Mapping[str, str] | None,
                   language: str) -> str:
    """The SVG document of one diagram."""
    checked = _check_highlight(highlight)
    # The body is drawn first: the viewBox has to take in the text it places.
    body = SvgWriter()
    scene = Scene(model=model, diagram=diagram, svg=body, language=language)
    entries: list[tuple[tuple[int, float], int, Shape | Edge, object | None]] = []
    for index, shape in enumerate(diagram.shapes):
        element = model.get(shape.element_id) if shape.element_id else None
        entries.append((_layer(shape, element), index, shape, element))
    for index, edge in enumerate(diagram.edges):
        element = model.get(edge.element_id) if edge.element_id else None
        entries.append(((3, 0.0), index, edge, element))
    entries.sort(key=lambda e: (e[0], e[1]))

    for _, _, item, element in entries:
        if isinstance(item, Shape):
            _open_group(scene, item, element, "bpmn-shape", checked)
            drawer = SHAPE_DRAWERS.get(type(element), draw_unknown)
            drawer(scene, item, element)
        else:
            _open_group(scene, item, element, "bpmn-edge", checked)
            EDGE_DRAWERS.get(type(element), draw_unknown_edge)(scene, item, element)
        body.close("g")

    svg = SvgWriter()
    x, y, width, height = _viewbox(diagram, body.extents)
    title = diagram.name or ("BPMN diagram" if language == "en" else "BPMN-Diagramm")
    # No XML declaration: the document is UTF-8 either way, and the string can be
    # inlined into an HTML page as it is.
    svg.open(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        class_=ROOT_CLASS,
        width=num(width),
        height=num(height),
        viewBox=f"{num(x)} {num(y)} {num(width)} {num(height)}",
        role="img",
        font_family=FONT_FAMILY,
        data_diagram_id=diagram.id,
        **{"xml:lang": language, "lang": language},
    )
    svg.element("title", title)
    svg.element("style", HIGHLIGHT_CSS)
    svg.empty("rect", class_="bpmn-background", x=x, y=y, width=width, height=height,
              fill="#ffffff")
    svg.raw(body.getvalue())
    svg.close("svg")
    return svg.getvalue()


def elements_without_di(model: Definitions, diagram_id: str | None = None) -> list[str]:
    """Ids of semantic elements that should be drawn but have no shape or edge.

    With ``diagram_id`` only that diagram counts; without it, any diagram of the
    model does (a subprocess drawn on a diagram of its own is not missing).
    """
    diagrams = (
        [d for d in [choose_diagram(model, diagram_id)] if d is not None]
        if diagram_id is not None
        else list(model.diagrams)
    )
    drawn = {s.element_id for d in diagrams for s in d.shapes}
    drawn |= {e.element_id for d in diagrams for e in d.edges}
    wanted: list[str] = []
    for process in model.processes:
        wanted.extend(n.id for n in process.flow_nodes)
        wanted.extend(f.id for f in process.sequence_flows)
        wanted.extend(lane.id for lane in process.lanes)
        wanted.extend(
            d.id for d in process.data
            if d.kind.value.endswith("Reference")
            or (d.parent_id is None and d.kind.value in ("dataInput", "dataOutput"))
        )
        wanted.extend(a.id for a in process.data_associations)
        wanted.extend(a.id for a in process.associations)
        wanted.extend(a.id for a in process.annotations)
        wanted.extend(g.id for g in process.groups)
    for collaboration in model.collaborations:
        wanted.extend(p.id for p in collaboration.participants)
        wanted.extend(m.id for m in collaboration.message_flows)
        wanted.extend(a.id for a in collaboration.associations)
        wanted.extend(a.id for a in collaboration.annotations)
        wanted.extend(g.id for g in collaboration.groups)
    seen: set[str] = set()
    missing = []
    for element_id in wanted:
        if element_id and element_id not in drawn and element_id not in seen:
            missing.append(element_id)
        seen.add(element_id)
    return missing
