"""Reading the diagram layer (BPMNDI) into :class:`~procmodel.model.Diagram` objects.

The diagram layer is kept apart from the semantics: shapes and edges refer to
semantic elements only by id.  Colours come from the two common extensions, OMG's
non-normative ``color:`` attributes and bpmn.io's ``bioc:`` attributes.
"""

from __future__ import annotations

from lxml import etree

from bpmn import namespaces as ns
from bpmn.reader_construct import construct
from procmodel.model import Bounds, Diagram, Edge, Point, Shape

_new = object.__new__

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
    try:
        # The common case: four well-formed numbers.
        values = {"x": float(get("x")), "y": float(get("y")),  # type: ignore[arg-type]
                  "width": float(get("width")), "height": float(get("height"))}  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Bounds(
            _number(get("x")), _number(get("y")), _number(get("width")), _number(get("height"))
        )
    bounds = _new(Bounds)
    bounds.__dict__.update(values)  # see bpmn.reader_construct: same object, built faster
    return bounds


def _colour(attributes: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = attributes.get(name)
        if value:
            return value
    return None


def _label(element: etree._Element) -> tuple[Bounds | None, str | None]:
    """Label bounds and label colour of a ``BPMNLabel`` element."""
    bounds = None
    for child in element:
        if child.tag == _BOUNDS:
            bounds = _bounds(child)
            break
    colour = _colour(dict(element.items()), _LABEL_COLOR) if len(element.attrib) else None
    return bounds, colour


# Speed matters here: the diagram layer is most of a file's elements, so children
# are visited once with plain iteration and attributes are read into a dict only
# when there are more than the usual id and bpmnElement.
def read_shape(element: etree._Element) -> Shape:
    bounds = label_bounds = label_colour = None
    for child in element:
        tag = child.tag
        if tag == _BOUNDS:
            bounds = _bounds(child)
        elif tag == _LABEL:
            label_bounds, label_colour = _label(child)
    if len(element.attrib) > 2:
        attributes = dict(element.items())
        get = attributes.get
        return construct(Shape, {
            "id": get("id"),
            "element_id": get("bpmnElement"),
            "bounds": bounds or Bounds(0.0, 0.0, 0.0, 0.0),
            "label_bounds": label_bounds,
            "is_expanded": _bool(get("isExpanded")),
            "is_horizontal": _bool(get("isHorizontal")),
            "is_marker_visible": _bool(get("isMarkerVisible")),
            "is_message_visible": _bool(get("isMessageVisible")),
            "fill": _colour(attributes, _FILL),
            "stroke": _colour(attributes, _STROKE),
            "label_color": label_colour,
            "line": element.sourceline,
        })
    return construct(Shape, {
        "id": element.get("id"),
        "element_id": element.get("bpmnElement"),
        "bounds": bounds or Bounds(0.0, 0.0, 0.0, 0.0),
        "label_bounds": label_bounds,
        "label_color": label_colour,
        "line": element.sourceline,
    })


def read_edge(element: etree._Element) -> Edge:
    waypoints = []
    label_bounds = label_colour = None
    for child in element:
        tag = child.tag
        if tag == _WAYPOINT:
            get = child.get
            try:
                waypoints.append(Point(float(get("x")), float(get("y"))))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                waypoints.append(Point(_number(get("x")), _number(get("y"))))
        elif tag == _LABEL:
            label_bounds, label_colour = _label(child)
    if len(element.attrib) > 2:
        attributes = dict(element.items())
        get = attributes.get
        stroke = _colour(attributes, _STROKE)
    else:
        get = element.get  # type: ignore[assignment]
        stroke = None
    return construct(Edge, {
        "id": get("id"),
        "element_id": get("bpmnElement"),
        "waypoints": tuple(waypoints),
        "label_bounds": label_bounds,
        "source_element_id": get("sourceElement"),
        "target_element_id": get("targetElement"),
        "stroke": stroke,
        "label_color": label_colour,
        "line": element.sourceline,
    })


def read_diagram(element: etree._Element) -> Diagram:
    shapes: list[Shape] = []
    edges: list[Edge] = []
    plane_element_id = None
    for plane in element.iterchildren(_PLANE):
        plane_element_id = plane.get("bpmnElement")
        # Shapes and edges by tag; anything else (vendor elements) is skipped.
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
