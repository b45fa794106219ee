"""Writing the diagram layer (BPMN DI) for :mod:`bpmn.writer`.

Shapes and edges keep their ids (missing or repeated ids are made unique), bounds and
waypoints with full precision, label bounds, the DI flags and colours (OMG colour
extension ``color:``).
"""

from __future__ import annotations

from lxml import etree

from bpmn import namespaces as ns
from procmodel.model import Bounds, Diagram

_COLOUR_ATTRIBUTES = (("fill", "background-color"), ("stroke", "border-color"))


def _sub(parent: etree._Element, tag: str, **attrs: object) -> etree._Element:
    element = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        if value is not None:
            element.set(key, ("true" if value else "false") if isinstance(value, bool)
                        else str(value))
    return element


def _bounds(parent: etree._Element, bounds: Bounds) -> None:
    _sub(parent, ns.dc("Bounds"), x=_number(bounds.x), y=_number(bounds.y),
         width=_number(bounds.width), height=_number(bounds.height))


def _number(value: float) -> str:
    # Full precision: reading the file back must give the very same coordinates.
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def write_diagram(parent: etree._Element, diagram: Diagram, index: int) -> None:
    """One ``BPMNDiagram`` with its plane, shapes and edges under ``parent``."""
    diagram_id = diagram.id or f"BPMNDiagram_{index}"
    element = _sub(parent, ns.bpmndi("BPMNDiagram"), id=diagram_id, name=diagram.name)
    plane = _sub(element, ns.bpmndi("BPMNPlane"), id=f"{diagram_id}_plane",
                 bpmnElement=diagram.plane_element_id)
    used: set[str] = set()

    def di_id(given: str | None, element_id: str | None) -> str:
        candidate = given or f"{element_id or 'di'}_di"
        base, n = candidate, 1
        while candidate in used:
            n += 1
            candidate = f"{base}_{n}"
        used.add(candidate)
        return candidate

    for shape in diagram.shapes:
        s = _sub(plane, ns.bpmndi("BPMNShape"), id=di_id(shape.id, shape.element_id),
                 bpmnElement=shape.element_id, isHorizontal=shape.is_horizontal,
                 isExpanded=shape.is_expanded, isMarkerVisible=shape.is_marker_visible,
                 isMessageVisible=shape.is_message_visible,
                 participantBandKind=shape.participant_band_kind)
        for attribute, name in _COLOUR_ATTRIBUTES:
            value = getattr(shape, attribute)
            if value:
                s.set(f"{{{ns.OMG_COLOR}}}{name}", value)
        _bounds(s, shape.bounds)
        _label(s, shape.label_bounds, shape.label_color)
    for edge in diagram.edges:
        e = _sub(plane, ns.bpmndi("BPMNEdge"), id=di_id(edge.id, edge.element_id),
                 bpmnElement=edge.element_id, sourceElement=edge.source_element_id,
                 targetElement=edge.target_element_id,
                 messageVisibleKind=edge.message_visible_kind)
        if edge.stroke:
            e.set(f"{{{ns.OMG_COLOR}}}border-color", edge.stroke)
        for point in edge.waypoints:
            _sub(e, ns.di("waypoint"), x=_number(point.x), y=_number(point.y))
        _label(e, edge.label_bounds, edge.label_color)


def _label(parent: etree._Element, bounds: Bounds | None, colour: str | None) -> None:
    if bounds is None and colour is None:
        return
    label = _sub(parent, ns.bpmndi("BPMNLabel"))
    if colour:
        label.set(f"{{{ns.OMG_COLOR}}}color", colour)
    if bounds is not None:
        _bounds(label, bounds)
