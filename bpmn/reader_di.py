"""Reading the diagram layer (BPMNDI) into :class:`~procmodel.model.Diagram` objects.

The diagram layer is kept apart from the semantics: shapes and edges refer to
semantic elements only by id.  Colours come from the two common extensions, OMG's
non-normative ``color:`` attributes and bpmn.io's ``bioc:`` attributes.
"""

from __future__ import annotations

from lxml import etree

from bpmn import namespaces as ns
from bpmn.reader_construct import constructor, slot_setters
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
    bounds = _new(Bounds)
    try:
        # The common case: four well-formed numbers (see bpmn.reader_construct).
        _SET_X(bounds, float(get("x")))  # type: ignore[arg-type]
        _SET_Y(bounds, float(get("y")))  # type: ignore[arg-type]
        _SET_WIDTH(bounds, float(get("width")))  # type: ignore[arg-type]
        _SET_HEIGHT(bounds, float(get("height")))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Bounds(
            _number(get("x")), _number(get("y")), _number(get("width")), _number(get("height"))
        )
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


def _shape_flags(element: etree._Element) -> dict[str, object]:
    """The rarer shape attributes (flags, colours) as constructor arguments."""
    attributes = dict(element.items())
    get = attributes.get
    return {
        "is_expanded": _bool(get("isExpanded")),
        "is_horizontal": _bool(get("isHorizontal")),
        "is_marker_visible": _bool(get("isMarkerVisible")),
        "is_message_visible": _bool(get("isMessageVisible")),
        "fill": _colour(attributes, _FILL),
        "stroke": _colour(attributes, _STROKE),
        "participant_band_kind": get("participantBandKind"),
    }


_NO_BOUNDS = Bounds(0.0, 0.0, 0.0, 0.0)
_POINT_SETTERS = slot_setters(Point, "x", "y")
_SET_X, _SET_Y, _SET_WIDTH, _SET_HEIGHT = slot_setters(Bounds, "x", "y", "width", "height")


def read_diagram(element: etree._Element) -> Diagram:
    """One ``BPMNDiagram``: its plane's shapes and edges (vendor elements skipped).

    This is the hottest loop of the reader (the diagram layer is most of a file's
    elements), so it is written out flat: children are visited once with plain
    iteration, attributes are read into a dict only when there are more than the
    usual id and bpmnElement, and objects are built by :mod:`bpmn.reader_construct`.
    """
    shapes: list[Shape] = []
    edges: list[Edge] = []
    plane_element_id = None
    new = _new
    bounds_of = _bounds
    make_shape = constructor(Shape)
    make_edge = constructor(Edge)
    set_x, set_y = _POINT_SETTERS
    for plane in element.iterchildren(_PLANE):
        plane_element_id = plane.get("bpmnElement")
        for child in plane:
            tag = child.tag
            if tag == _SHAPE:
                bounds = _NO_BOUNDS
                label_bounds = label_colour = None
                for part in child:
                    part_tag = part.tag
                    if part_tag == _BOUNDS:
                        bounds = bounds_of(part)
                    elif part_tag == _LABEL:
                        label_bounds, label_colour = _label(part)
                get = child.get
                if len(child.attrib) > 2:
                    shapes.append(make_shape(
                        id=get("id"), element_id=get("bpmnElement"), bounds=bounds,
                        label_bounds=label_bounds, label_color=label_colour,
                        line=child.sourceline, **_shape_flags(child),
                    ))
                else:
                    shapes.append(make_shape(
                        id=get("id"), element_id=get("bpmnElement"), bounds=bounds,
                        label_bounds=label_bounds, label_color=label_colour,
                        line=child.sourceline,
                    ))
            elif tag == _EDGE:
                waypoints = []
                label_bounds = label_colour = None
                for part in child:
                    part_tag = part.tag
                    if part_tag == _WAYPOINT:
                        get = part.get
                        point = new(Point)
                        try:
                            set_x(point, float(get("x")))  # type: ignore[arg-type]
                            set_y(point, float(get("y")))  # type: ignore[arg-type]
                        except (TypeError, ValueError):
                            point = Point(_number(get("x")), _number(get("y")))
                        waypoints.append(point)
                    elif part_tag == _LABEL:
                        label_bounds, label_colour = _label(part)
                get = child.get
                if len(child.attrib) > 2:
                    edges.append(make_edge(
                        id=get("id"), element_id=get("bpmnElement"),
                        waypoints=tuple(waypoints), label_bounds=label_bounds,
                        label_color=label_colour, line=child.sourceline,
                        source_element_id=get("sourceElement"),
                        target_element_id=get("targetElement"),
                        stroke=_colour(dict(child.items()), _STROKE),
                        message_visible_kind=get("messageVisibleKind"),
                    ))
                else:
                    edges.append(make_edge(
                        id=get("id"), element_id=get("bpmnElement"),
                        waypoints=tuple(waypoints), label_bounds=label_bounds,
                        label_color=label_colour, line=child.sourceline,
                    ))
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
