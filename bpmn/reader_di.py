"""Reading the diagram layer (BPMNDI) into :class:`~procmodel.model.Diagram` objects.

The diagram layer is kept apart from the semantics: shapes and edges refer to
semantic elements only by id.  Colours come from the two common extensions, OMG's
non-normative ``color:`` attributes and bpmn.io's ``bioc:`` attributes.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from bpmn import namespaces as ns
from procmodel.model import Bounds, Diagram, Edge, Point, Shape

_BOUNDS = ns.dc("Bounds")
_LABEL = ns.bpmndi("BPMNLabel")
_WAYPOINT = ns.di("waypoint")
_PLANE = ns.bpmndi("BPMNPlane")
_SHAPE = ns.bpmndi("BPMNShape")
_EDGE = ns.bpmndi("BPMNEdge")
_DIAGRAM = ns.bpmndi("BPMNDiagram")

# Colour attributes: OMG first, bpmn.io second (both spellings of its namespace).
_FILL = (f"{{{ns.OMG_COLOR}}}background-color", *(f"{{{u}}}fill" for u in ns.BPMN_IO_COLOR))
_STROKE = (f"{{{ns.OMG_COLOR}}}border-color", *(f"{{{u}}}stroke" for u in ns.BPMN_IO_COLOR))
_LABEL_COLOR = (f"{{{ns.OMG_COLOR}}}color", *(f"{{{u}}}color" for u in ns.BPMN_IO_COLOR))


def _number(text: str | None) -> float:
    if not text:
        return 0.0
    try:
        return float(text)
    except ValueError:
        return 0.0


def _bool(text: str | None) -> bool | None:
    if text is None:
        return None
    return text.strip().lower() in ("true", "1")


def _bounds(element: etree._Element) -> Bounds:
    get = element.get
    return Bounds(
        _number(get("x")), _number(get("y")), _number(get("width")), _number(get("height"))
    )


def _colour(element: etree._Element, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = element.get(name)
        if value:
            return value
    return None


def _label(element: etree._Element) -> tuple[Bounds | None, str | None]:
    """Label bounds and label colour of a shape's or edge's ``BPMNLabel`` child."""
    for child in element.iterchildren(_LABEL):
        bounds = next((_bounds(b) for b in child.iterchildren(_BOUNDS)), None)
        return bounds, _colour(child, _LABEL_COLOR)
    return None, None


def read_shape(element: etree._Element) -> Shape:
    get = element.get
    bounds = next((_bounds(b) for b in element.iterchildren(_BOUNDS)), None)
    label_bounds, label_colour = _label(element)
    return Shape(
        id=get("id"),
        element_id=get("bpmnElement"),
        bounds=bounds or Bounds(0.0, 0.0, 0.0, 0.0),
        label_bounds=label_bounds,
        is_expanded=_bool(get("isExpanded")),
        is_horizontal=_bool(get("isHorizontal")),
        is_marker_visible=_bool(get("isMarkerVisible")),
        is_message_visible=_bool(get("isMessageVisible")),
        fill=_colour(element, _FILL),
        stroke=_colour(element, _STROKE),
        label_color=label_colour,
        line=element.sourceline,
    )


def read_edge(element: etree._Element) -> Edge:
    get = element.get
    waypoints = tuple(
        Point(_number(w.get("x")), _number(w.get("y"))) for w in element.iterchildren(_WAYPOINT)
    )
    label_bounds, label_colour = _label(element)
    return Edge(
        id=get("id"),
        element_id=get("bpmnElement"),
        waypoints=waypoints,
        label_bounds=label_bounds,
        source_element_id=get("sourceElement"),
        target_element_id=get("targetElement"),
        stroke=_colour(element, _STROKE),
        label_color=label_colour,
        line=element.sourceline,
    )


#: What a plane may hold, by tag.  Anything else (vendor elements) is skipped.
_PLANE_CONTENT: dict[str, Callable[[etree._Element], Shape | Edge]] = {
    _SHAPE: read_shape,
    _EDGE: read_edge,
}


def read_diagram(element: etree._Element) -> Diagram:
    shapes: list[Shape] = []
    edges: list[Edge] = []
    plane_element_id = None
    for plane in element.iterchildren(_PLANE):
        plane_element_id = plane.get("bpmnElement")
        for child in plane:
            reader = _PLANE_CONTENT.get(child.tag)  # type: ignore[call-overload]
            if reader is None:
                continue
            item = reader(child)
            (shapes if isinstance(item, Shape) else edges).append(item)  # type: ignore[arg-type]
        break
    return Diagram(
        id=element.get("id"),
        name=element.get("name"),
        plane_element_id=plane_element_id,
        shapes=tuple(shapes),
        edges=tuple(edges),
        line=element.sourceline,
    )


def read_diagrams(root: etree._Element) -> tuple[Diagram, ...]:
    """Every ``BPMNDiagram`` directly under ``definitions``, in file order."""
    return tuple(read_diagram(d) for d in root.iterchildren(_DIAGRAM))
