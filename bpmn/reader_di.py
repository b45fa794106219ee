"""Reading the diagram layer (BPMNDI) into :class:`~procmodel.model.Diagram` objects.

The diagram layer is kept apart from the semantics: shapes and edges refer to
semantic elements only by id.  Colours come from the two common extensions, OMG's
non-normative ``color:`` attributes and bpmn.io's ``bioc:`` attributes.
"""

from __future__ import annotations

from lxml import etree

from bpmn import namespaces as ns
from bpmn.reader_construct import positional_constructor, slot_setters
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


def _shape_flags(element: etree._Element) -> tuple[object, ...]:
    """The rarer shape attributes, in the order of ``_FLAG_FIELDS``."""
    attributes = dict(element.items())
    get = attributes.get
    return (
        _bool(get("isExpanded")),
        _bool(get("isHorizontal")),
        _bool(get("isMarkerVisible")),
        _bool(get("isMessageVisible")),
        _colour(attributes, _FILL),
        _colour(attributes, _STROKE),
        get("participantBandKind"),
    )


_NO_BOUNDS = Bounds(0.0, 0.0, 0.0, 0.0)
_POINT_SETTERS = slot_setters(Point, "x", "y")
_SET_X, _SET_Y, _SET_WIDTH, _SET_HEIGHT = slot_setters(Bounds, "x", "y", "width", "height")
_FLAG_FIELDS = ("is_expanded", "is_horizontal", "is_marker_visible", "is_message_visible",
                "fill", "stroke", "participant_band_kind")
# Positional constructors (see bpmn.reader_construct): the common shape and edge carry
# only these fields, the rarer ones come with their own constructors.
_MAKE_SHAPE = positional_constructor(
    Shape, ("id", "element_id", "bounds", "label_bounds", "label_color", "line"))
_MAKE_FLAGGED_SHAPE = positional_constructor(
    Shape, ("id", "element_id", "bounds", "label_bounds", "label_color", "line", *_FLAG_FIELDS))
_MAKE_EDGE = positional_constructor(
    Edge, ("id", "element_id", "waypoints", "label_bounds", "label_color", "line"))
_MAKE_FULL_EDGE = positional_constructor(
    Edge, ("id", "element_id", "waypoints", "label_bounds", "label_color", "line",
           "source_element_id", "target_element_id", "stroke", "message_visible_kind"))


def read_diagram(element: etree._Element) -> Diagram:
    """One ``BPMNDiagram``: its plane's shapes and edges (vendor elements skipped).

    This is the hottest loop of the reader (the diagram layer is most of a file's
    elements), so it is written out flat: children are visited once with plain
    iteration, bounds and waypoints are built inline through their slot setters,
    shapes and edges through positional constructors, and attributes beyond the
    usual id and bpmnElement are only looked for when an element has more.
    """
    shapes: list[Shape] = []
    edges: list[Edge] = []
    add_shape, add_edge = shapes.append, edges.append
    plane_element_id = None
    new = _new
    make_shape, make_flagged_shape = _MAKE_SHAPE, _MAKE_FLAGGED_SHAPE
    make_edge, make_full_edge = _MAKE_EDGE, _MAKE_FULL_EDGE
    set_px, set_py = _POINT_SETTERS
    set_x, set_y, set_width, set_height = _SET_X, _SET_Y, _SET_WIDTH, _SET_HEIGHT
    shape_tag, edge_tag, bounds_tag, label_tag, waypoint_tag = (
        _SHAPE, _EDGE, _BOUNDS, _LABEL, _WAYPOINT)
    for plane in element.iterchildren(_PLANE):
        plane_element_id = plane.get("bpmnElement")
        for child in plane:
            tag = child.tag
            if tag == shape_tag:
                bounds = _NO_BOUNDS
                label_bounds = label_colour = None
                for part in child:
                    part_tag = part.tag
                    if part_tag == bounds_tag:
                        get = part.get
                        bounds = new(Bounds)
                        try:
                            set_x(bounds, float(get("x")))  # type: ignore[arg-type]
                            set_y(bounds, float(get("y")))  # type: ignore[arg-type]
                            set_width(bounds, float(get("width")))  # type: ignore[arg-type]
                            set_height(bounds, float(get("height")))  # type: ignore[arg-type]
                        except (TypeError, ValueError):
                            bounds = _bounds(part)
                    elif part_tag == label_tag:
                        label_bounds, label_colour = _label(part)
                get = child.get
                if len(child.attrib) > 2:
                    add_shape(make_flagged_shape(
                        get("id"), get("bpmnElement"), bounds, label_bounds, label_colour,
                        child.sourceline, *_shape_flags(child)))
                else:
                    add_shape(make_shape(get("id"), get("bpmnElement"), bounds, label_bounds,
                                         label_colour, child.sourceline))
            elif tag == edge_tag:
                waypoints = []
                add_point = waypoints.append
                label_bounds = label_colour = None
                for part in child:
                    part_tag = part.tag
                    if part_tag == waypoint_tag:
                        get = part.get
                        point = new(Point)
                        try:
                            set_px(point, float(get("x")))  # type: ignore[arg-type]
                            set_py(point, float(get("y")))  # type: ignore[arg-type]
                        except (TypeError, ValueError):
                            point = Point(_number(get("x")), _number(get("y")))
                        add_point(point)
                    elif part_tag == label_tag:
                        label_bounds, label_colour = _label(part)
                get = child.get
                if len(child.attrib) > 2:
                    add_edge(make_full_edge(
                        get("id"), get("bpmnElement"), tuple(waypoints), label_bounds,
                        label_colour, child.sourceline, get("sourceElement"),
                        get("targetElement"), _colour(dict(child.items()), _STROKE),
                        get("messageVisibleKind")))
                else:
                    add_edge(make_edge(get("id"), get("bpmnElement"), tuple(waypoints),
                                       label_bounds, label_colour, child.sourceline))
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
