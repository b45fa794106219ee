"""Reading the diagram layer (BPMNDI) into :class:`~procmodel.model.Diagram` objects.

The diagram layer is kept apart from the semantics: shapes and edges refer to
semantic elements only by id.  Colours come from the two common extensions, OMG's
non-normative ``color:`` attributes and bpmn.io's ``bioc:`` attributes.
"""

from __future__ import annotations

from lxml import etree

from bpmn import namespaces as ns
from bpmn import native
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
    return Bounds(_number(get("x")), _number(get("y")), _number(get("width")),
                  _number(get("height")))


def _colour(attributes: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = attributes.get(name)
        if value:
            return value
    return None


def _label(element: etree._Element) -> tuple[Bounds | None, str | None]:
    """Label bounds (its first ``dc:Bounds``) and label colour of a ``BPMNLabel``."""
    bounds = next((_bounds(b) for b in element.iterchildren(_BOUNDS)), None)
    return bounds, _colour(dict(element.items()), _LABEL_COLOR)


def _parts(element: etree._Element) -> tuple[
        Bounds | None, list[Point], Bounds | None, str | None]:
    """The first bounds, the waypoints, and the first label's bounds and colour."""
    bounds = label_bounds = label_colour = None
    waypoints: list[Point] = []
    has_label = False
    for child in element:
        tag = child.tag
        if tag == _WAYPOINT:
            waypoints.append(Point(_number(child.get("x")), _number(child.get("y"))))
        elif tag == _BOUNDS and bounds is None:
            bounds = _bounds(child)
        elif tag == _LABEL and not has_label:
            has_label = True
            label_bounds, label_colour = _label(child)
    return bounds, waypoints, label_bounds, label_colour


def read_shape(element: etree._Element) -> Shape:
    """One ``BPMNShape``: its first bounds, its label, flags and colours."""
    attributes = dict(element.items())
    get = attributes.get
    bounds, _waypoints, label_bounds, label_colour = _parts(element)
    return Shape(
        id=get("id"),
        element_id=get("bpmnElement"),
        bounds=bounds if bounds is not None else _NO_BOUNDS,
        label_bounds=label_bounds,
        label_color=label_colour,
        line=element.sourceline,
        is_expanded=_bool(get("isExpanded")),
        is_horizontal=_bool(get("isHorizontal")),
        is_marker_visible=_bool(get("isMarkerVisible")),
        is_message_visible=_bool(get("isMessageVisible")),
        fill=_colour(attributes, _FILL),
        stroke=_colour(attributes, _STROKE),
        participant_band_kind=get("participantBandKind"),
    )


def read_edge(element: etree._Element) -> Edge:
    """One ``BPMNEdge``: its waypoints, its label, its ends and colours."""
    attributes = dict(element.items())
    get = attributes.get
    _, waypoints, label_bounds, label_colour = _parts(element)
    return Edge(
        id=get("id"),
        element_id=get("bpmnElement"),
        waypoints=tuple(waypoints),
        label_bounds=label_bounds,
        label_color=label_colour,
        line=element.sourceline,
        source_element_id=get("sourceElement"),
        target_element_id=get("targetElement"),
        stroke=_colour(attributes, _STROKE),
        message_visible_kind=get("messageVisibleKind"),
    )


_NO_BOUNDS = Bounds(0.0, 0.0, 0.0, 0.0)


def read_diagram(element: etree._Element) -> Diagram:
    """One ``BPMNDiagram``: its (first) plane's shapes and edges, vendor elements skipped.

    The diagram layer is most of a file's elements; where the compiled reader is in
    use (:mod:`bpmn.native`) it builds the plain shapes and edges and hands only the
    others to :func:`read_shape` and :func:`read_edge`.
    """
    shapes: list[Shape] = []
    edges: list[Edge] = []
    plane_element_id = None
    for plane in element.iterchildren(_PLANE):
        plane_element_id = plane.get("bpmnElement")
        compiled = native.module
        if compiled is not None:
            shapes, edges = compiled.read_plane(plane, read_shape, read_edge)
            break
        for child in plane:
            tag = child.tag
            if tag == _SHAPE:
                shapes.append(read_shape(child))
            elif tag == _EDGE:
                edges.append(read_edge(child))
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
